import { z } from 'zod';
import { SettingsSchema } from '../../main/core/model/settings';
import { channel } from '../define';

export const AboutInfo = z.object({
  name: z.string(),
  version: z.string(),
  vaultPath: z.string(),
  platform: z.string(),
  arch: z.string(),
  runtime: z.string(),
  transport: z.enum(['electron-ipc', 'browser-host']),
  keychain: z.object({ reachable: z.boolean(), backend: z.string(), detail: z.string() }),
});
export type AboutInfo = z.infer<typeof AboutInfo>;

export const AppRoute = z.enum([
  'services',
  'totp',
  'oauth',
  'requests',
  'health',
  'transfer',
  'settings',
  'about',
  'lock',
  'quick-access',
]);
export type AppRoute = z.infer<typeof AppRoute>;

export const Empty = z.object({}).strict();

export const appChannels = {
  'app.about': channel({ input: Empty, output: AboutInfo }),
  'app.ping': channel({
    input: z.object({ echo: z.string().max(256) }).strict(),
    output: z.object({ echo: z.string() }),
  }),
  'settings.get': channel({ input: Empty, output: SettingsSchema }),
  'settings.update': channel({
    input: SettingsSchema.partial().strict(),
    output: SettingsSchema,
    errors: ['ERR_BAD_INPUT'],
  }),
} as const;

export const appEvents = {
  'settings.changed': SettingsSchema,
  /** The menu, tray or a shortcut asks the window to show a screen. */
  'app.navigate': z.object({ route: AppRoute }),
} as const;
