import { z } from 'zod';
import { channel } from '../define';
import { AppRoute, Empty } from './app';

const Id = z.string().min(1).max(64);
const Ok = z.object({ ok: z.literal(true) });

/** primary: the credential's main secret (a live TOTP code, a fresh access token…). */
export const QuickCopyAs = z.enum(['primary', 'username', 'env', 'reference']);
export type QuickCopyAs = z.infer<typeof QuickCopyAs>;

/** Whether the OS took the global quick-access shortcut, and what to try instead if not. */
export const ShortcutStatus = z.object({
  accelerator: z.string(),
  /** unsupported: no global shortcuts here (the browser host, the command line). */
  state: z.enum(['registered', 'refused', 'unsupported']),
  fallbacks: z.array(z.string()),
});
export type ShortcutStatus = z.infer<typeof ShortcutStatus>;

export const quickChannels = {
  /**
   * Copies in main; the palette never sees the value. A gesture channel like `credentials.copy`
   * (the palette's Enter or click): a script alone cannot put a secret on the clipboard. The tray's
   * copy is main's own and does not come through here.
   */
  'quick.copy': channel({
    input: z.object({ serviceId: Id, credentialId: Id, as: QuickCopyAs.default('primary') }).strict(),
    output: z.object({ clearsInSeconds: z.number(), label: z.string() }),
    gesture: true,
  }),
  /** Escape: the shell hides the palette window (the browser host has none to hide). */
  'quick.close': channel({ input: Empty, output: Ok }),
  /** Leave the palette for a screen of the main window (e.g. the request tester). */
  'quick.open': channel({ input: z.object({ route: AppRoute }).strict(), output: Ok }),
  'quick.shortcut': channel({ input: Empty, output: ShortcutStatus }),
} as const;

export const quickEvents = {
  'quick.shortcutChanged': ShortcutStatus,
} as const;
