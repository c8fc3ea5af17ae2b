import { BrowserWindow, dialog } from 'electron';
import type { SaveDialog } from '../core/platform';

/** The native save dialog, shown by main over the focused Latch window: the page never names the path. */
export const electronSaveDialog: SaveDialog = {
  choose: async ({ title, defaultName, extension }) => {
    const options: Electron.SaveDialogOptions = {
      title,
      defaultPath: defaultName,
      filters: [{ name: extension === 'json' ? 'JSON' : 'Latch backup', extensions: [extension] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const parent = BrowserWindow.getFocusedWindow();
    const result =
      parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
    return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
  },
};
