import { z } from 'zod';

/**
 * Non-secret preferences. The shell keeps them in electron-store; the command line
 * and the browser host keep them in a JSON file. Nothing secret may ever be added here.
 */
export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const WindowBounds = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(10000),
  height: z.number().int().min(300).max(10000),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

export const SettingsSchema = z.object({
  theme: Theme.default('system'),
  /** Minutes of inactivity before the vault locks; 0 turns auto-lock off. */
  autoLockMinutes: z
    .number()
    .min(0)
    .max(24 * 60)
    .default(10),
  /** Seconds before a copied secret is cleared from the clipboard, if it is still there. */
  clipboardClearSeconds: z.number().int().min(1).max(3600).default(30),
  windowBounds: WindowBounds.nullable().default(null),
  closeToTray: z.boolean().default(false),
  startAtLogin: z.boolean().default(false),
  startHidden: z.boolean().default(false),
  quickAccessShortcut: z.string().min(1).max(64).default('CommandOrControl+Shift+L'),
  notifyClipboardCleared: z.boolean().default(false),
  /** Path of the last opened vault file; empty means the default location. */
  lastVaultPath: z.string().default(''),
  automaticBackups: z.boolean().default(true),
  backupsToKeep: z.number().int().min(1).max(100).default(5),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingsPatch = Partial<Settings>;

type SettingsShape = typeof SettingsSchema.shape;
/**
 * A change of some settings, each field checked as the schema checks it. Not
 * `SettingsSchema.partial()`: zod 4 applies a field's default even inside optional, so every
 * change arrived with all the others at their defaults and put them back (a shorter clipboard
 * time or auto-lock undone by the next toggle).
 */
export const SettingsPatchSchema = z.object(
  Object.fromEntries(Object.entries(SettingsSchema.shape).map(([key, field]) => [key, field.unwrap().optional()])),
) as unknown as z.ZodObject<{ [K in keyof SettingsShape]: z.ZodOptional<ReturnType<SettingsShape[K]['unwrap']>> }>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/**
 * `current` changed by the fields `patch` gives, checked. A field given as undefined is no change:
 * Electron's IPC keeps such a key, and spread in, the schema filled it with the field's default, so
 * `{ backupsToKeep: undefined }` from a script with no click put 100 kept backups back to 5.
 */
export function patchedSettings(current: Settings, patch: SettingsPatch): Settings {
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return SettingsSchema.parse({ ...current, ...given });
}
