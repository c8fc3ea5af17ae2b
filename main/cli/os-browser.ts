/**
 * Opens a URL with the operating system's opener (xdg-open, open, start), for `latch oauth
 * login` and the browser host. Only http(s) URLs, checked by the same policy as the app's, and
 * never through a shell string: the URL is one argument.
 */
import { spawn } from 'node:child_process';
import { LatchError } from '../core/model/errors';
import type { BrowserOpener } from '../core/platform';
import { isSafeExternalUrl } from '../security/url-policy';

function command(url: string): [string, string[]] {
  switch (process.platform) {
    case 'darwin':
      return ['open', [url]];
    case 'win32':
      // `start` is a cmd built-in; the empty "" is its window title, so the URL is never taken for
      // one. Every cmd metacharacter is escaped, so nothing in the URL can end the command.
      return ['cmd', ['/d', '/s', '/c', 'start', '""', url.replace(/[\^&|<>()%!"]/g, '^$&')]];
    default:
      return ['xdg-open', [url]];
  }
}

export const osBrowser: BrowserOpener = {
  open: (url) =>
    new Promise<void>((resolve, reject) => {
      if (!isSafeExternalUrl(url)) {
        reject(new LatchError('ERR_BAD_INPUT', 'Only http(s) addresses are opened in the browser.'));
        return;
      }
      const [file, args] = command(new URL(url).href);
      const child = spawn(file, args, {
        stdio: 'ignore',
        detached: true,
        windowsVerbatimArguments: process.platform === 'win32',
      });
      child.once('error', () =>
        reject(
          new LatchError('ERR_BAD_INPUT', `Could not start ${file} to open the browser. Use --no-browser instead.`),
        ),
      );
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    }),
};
