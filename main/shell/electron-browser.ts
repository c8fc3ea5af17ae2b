import { shell } from 'electron';
import { LatchError } from '../core/model/errors';
import type { BrowserOpener } from '../core/platform';
import { isSafeExternalUrl } from '../security/url-policy';

/** OAuth sign-in pages open in the user's own browser, never in a Latch window (RFC 8252 §8.12). */
export const electronBrowser: BrowserOpener = {
  open: async (url) => {
    if (!isSafeExternalUrl(url))
      throw new LatchError('ERR_BAD_INPUT', 'Latch only opens http(s) addresses in the browser.', {
        detail: { field: 'url' },
      });
    await shell.openExternal(url);
  },
};
