/**
 * The one contract between renderer and main. Every channel and event is named here
 * and nowhere else. From it come the renderer's typed `window.latch`, the schemas main
 * validates every call with, and the list the tests walk to prove each channel has a handler.
 *
 * Names are `namespace.method`; the renderer calls them as `latch.namespace.method(input)`.
 * Events are `namespace.event`; the renderer subscribes with `latch.namespace.onEvent(fn)`,
 * which returns its unsubscribe function.
 */
import { z } from 'zod';
import { SettingsSchema } from '../main/core/model/settings';
import { channel } from './define';

export type { ErrorCode } from '../main/core/model/errors';
export type { Settings } from '../main/core/model/settings';

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

const Empty = z.object({}).strict();

export const channels = {
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

export const AppRoute = z.enum([
  'services',
  'totp',
  'oauth',
  'requests',
  'health',
  'settings',
  'about',
  'lock',
  'quick-access',
]);
export type AppRoute = z.infer<typeof AppRoute>;

export const events = {
  'settings.changed': SettingsSchema,
  /** The menu, tray or a shortcut asks the window to show a screen. */
  'app.navigate': z.object({ route: AppRoute }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelArgs<K extends ChannelName> = z.output<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
