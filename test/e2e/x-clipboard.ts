import { execFileSync } from 'node:child_process';

/** The X clipboard as another program sees it (the tests run under Xvfb); '' while it is empty. */
export function readXClipboard(): string {
  try {
    return execFileSync('xclip', ['-selection', 'clipboard', '-out'], { encoding: 'utf8', timeout: 3000 });
  } catch {
    return ''; // xclip exits non-zero while the clipboard is empty
  }
}
