/**
 * Copies in the app: the value is read in main (SecretAccess) and goes through the clipboard
 * guard, which clears it after the set time, on lock and on quit; only a label comes back.
 */
import type { ClipboardGuard } from '../../core/clipboard/clipboard-guard';
import type { SettingsStore } from '../../core/platform';
import type { Credentials } from '../credentials/credentials';
import type { QuickAccess } from '../quick/quick-access';
import type { SecretAccess, SecretForm } from './secret-access';

/** The forms the tray and the palette offer; `primary` is the credential's main secret. */
export type QuickCopyAs = 'primary' | 'username' | 'env' | 'reference';

export interface Copied {
  clearsInSeconds: number;
  label: string;
}

export class SecretCopy {
  constructor(
    private readonly deps: {
      credentials: Credentials;
      secrets: SecretAccess;
      clipboard: ClipboardGuard;
      settings: SettingsStore;
      quickAccess: QuickAccess;
    },
  ) {}

  /** Any text Latch hands out through the clipboard (a code, a request as cURL); returns the seconds until it is cleared. */
  async copyText(text: string): Promise<number> {
    const seconds = this.deps.settings.get().clipboardClearSeconds;
    await this.deps.clipboard.copy(text, seconds);
    return seconds;
  }

  async copy(
    serviceId: string,
    credentialId: string,
    form: Exclude<SecretForm, 'username'>,
    field: string | null,
  ): Promise<Copied> {
    const located = await this.deps.credentials.credential(serviceId, credentialId);
    const { text, label } = await this.deps.secrets.text(located, form, field);
    return { clearsInSeconds: await this.copyText(text), label };
  }

  /** One copy from the tray or the palette; the credential joins the recent list. */
  async quickCopy(serviceId: string, credentialId: string, as: QuickCopyAs): Promise<Copied> {
    const located = await this.deps.credentials.credential(serviceId, credentialId);
    const { text, label } = await this.deps.secrets.text(located, as === 'primary' ? 'value' : as, null);
    const seconds = await this.copyText(text);
    this.deps.quickAccess.noteCopied(located.serviceId, located.credential.id);
    const shown = as === 'primary' ? (located.credential.kind === 'totp' ? 'Code' : 'Secret') : label;
    return { clearsInSeconds: seconds, label: shown };
  }
}
