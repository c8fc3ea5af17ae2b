import { type BrowserWindow, dialog } from 'electron';
import type { Confirmer } from '../app/confirmation';

/**
 * Main's own question, a native message box modal to the window: the page can neither write its text
 * nor answer it. Cancel is the first button, the default (Enter) and Escape's answer, so only a
 * deliberate choice of the named action says yes.
 */
export function electronConfirmer(parent: () => BrowserWindow | null): Confirmer {
  return {
    confirm: async ({ title, detail, confirmLabel }) => {
      const win = parent();
      // The change came from that window; with it gone there is no one to ask.
      if (win === null || win.isDestroyed()) return false;
      const { response } = await dialog.showMessageBox(win, {
        type: 'warning',
        title: 'Latch',
        message: title,
        detail,
        buttons: ['Cancel', confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return response === 1;
    },
  };
}
