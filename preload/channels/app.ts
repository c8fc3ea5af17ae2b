import { z } from 'zod';
import { acceleratorProblem } from '../../main/core/model/accelerator';
import { AppRoute } from '../../main/core/model/app-route';
import { DOC_PAGES } from '../../main/core/model/doc-links';
import { SettingsPatchSchema, SettingsSchema } from '../../main/core/model/settings';
import { channel } from '../define';

const QuickAccessShortcutInput = z
  .string()
  .max(64)
  .superRefine((accelerator, ctx) => {
    const problem = acceleratorProblem(accelerator);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * Whole minutes from the page. The stored schema takes a fraction (a file written so keeps loading), but
 * a shorter auto-lock counts as stronger, so settings.update takes it from a script alone: a few
 * milliseconds would lock the vault at the first idle moment, every time, with the Settings screen
 * behind the unlock and the value kept across restarts.
 */
const AutoLockMinutesInput = SettingsSchema.shape.autoLockMinutes.unwrap().int();

/**
 * A change of settings from the page. The shortcut must be an accelerator Electron takes, with a
 * modifier (the recorder makes one; this is main's own check, whatever the page sends). Which
 * vault file the next start opens and where the window sits are main's to record (vault.choose
 * needs a click; a script that could set lastVaultPath would have the next start open, or
 * create, a vault at a path of its choosing, e.g. a network share).
 */
const SettingsPatchInput = SettingsPatchSchema.omit({ lastVaultPath: true, windowBounds: true })
  .extend({
    quickAccessShortcut: QuickAccessShortcutInput.optional(),
    autoLockMinutes: AutoLockMinutesInput.optional(),
  })
  .strict();

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

export { AppRoute };

export const Empty = z.object({}).strict();

/**
 * What the renderer may open in the user's browser, named by id, never by URL: a service's
 * base URL, the verification page of a device sign-in main started, a documentation page on
 * the allow-list. Main builds the URL, so a script cannot send data out in one.
 */
export const LinkTarget = z.discriminatedUnion('target', [
  z.object({ target: z.literal('service'), serviceId: z.string().min(1).max(64) }).strict(),
  z.object({ target: z.literal('device-verification'), credentialId: z.string().min(1).max(64) }).strict(),
  z.object({ target: z.literal('docs'), page: z.enum(DOC_PAGES) }).strict(),
]);
export type LinkTarget = z.infer<typeof LinkTarget>;

export const appChannels = {
  'app.about': channel({ input: Empty, output: AboutInfo }),
  'app.ping': channel({
    input: z.object({ echo: z.string().max(256) }).strict(),
    output: z.object({ echo: z.string() }),
  }),
  'app.openLink': channel({
    input: LinkTarget,
    output: z.object({ ok: z.literal(true) }),
    gesture: true,
  }),
  'settings.get': channel({ input: Empty, output: SettingsSchema }),
  // A change that keeps or raises protection; main refuses one that lowers it (weakenedSettings,
  // main/core/model/settings-weakening.ts), which only settings.weaken may make.
  'settings.update': channel({ input: SettingsPatchInput, output: SettingsSchema }),
  // Any change, lowering protection included (auto-lock off or longer, the clipboard kept longer, ...):
  // only the user's own click or key press may ask for that, and main then asks the user itself in a
  // dialog of its own; a no is ERR_CANCELLED, nothing saved (docs/security.md, docs/errors.md).
  'settings.weaken': channel({ input: SettingsPatchInput, output: SettingsSchema, gesture: true }),
} as const;

export const appEvents = {
  'settings.changed': SettingsSchema,
  /** The menu, tray or a shortcut asks the window to show a screen. */
  'app.navigate': z.object({ route: AppRoute }),
} as const;
