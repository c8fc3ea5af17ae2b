import { type IpcMainInvokeEvent, ipcMain, webContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../preload/transport-names';
import type { Dispatch } from '../ipc/dispatcher';
import type { EventHub } from '../ipc/event-hub';
import { isTrustedSender } from '../security/sender-check';

/**
 * Carries the contract over Electron IPC. Every call is checked against the sender
 * (top frame of one of our windows, on one of our pages) before its payload is even parsed.
 */
export function registerIpc(
  dispatch: Dispatch,
  events: EventHub,
  trusted: () => ReadonlySet<number>,
  devServerUrl?: string,
): () => void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, message: unknown) => {
    const frame = event.senderFrame;
    const sender = {
      frameUrl: frame?.url ?? null,
      isMainFrame: frame !== null && frame !== undefined && frame === event.sender.mainFrame,
      webContentsId: event.sender.id,
    };
    if (!isTrustedSender(sender, trusted(), devServerUrl)) {
      return { ok: false, error: { code: 'ERR_FORBIDDEN_SENDER', message: 'This page may not talk to Latch.' } };
    }
    const { channel, input } = (message ?? {}) as { channel?: unknown; input?: unknown };
    return dispatch(channel, input, { transport: 'electron-ipc' });
  });
  const unsubscribe = events.subscribe((name, payload) => {
    for (const id of trusted()) {
      const contents = webContents.fromId(id);
      if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT, { event: name, payload });
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
