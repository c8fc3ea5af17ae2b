import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SaveDialog } from '../platform';

/**
 * The save "dialog" of a host with no windows (the browser host): every file goes to one
 * private folder under its data folder, under the name main proposed.
 */
export function folderSaveDialog(folder: string): SaveDialog {
  return {
    choose: async ({ defaultName }) => {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      return join(folder, basename(defaultName));
    },
  };
}
