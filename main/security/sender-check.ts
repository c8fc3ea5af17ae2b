import { isAppUrl } from './url-policy';

/** The parts of an IPC sender that matter, so the check is a pure function of plain data. */
export interface SenderInfo {
  /** URL of the frame that sent the message; null when the frame is gone. */
  frameUrl: string | null;
  /** Is the frame the top frame of its page (not an iframe)? */
  isMainFrame: boolean;
  /** id of the webContents that sent it. */
  webContentsId: number;
}

/**
 * A call is served only when it comes from the top frame of one of Latch's own windows,
 * showing one of Latch's own pages. Anything else (an iframe, a navigated-away page,
 * a destroyed frame, another window) is refused.
 */
export function isTrustedSender(
  sender: SenderInfo,
  trustedWebContentsIds: ReadonlySet<number>,
  devServerUrl?: string,
): boolean {
  if (sender.frameUrl === null || !sender.isMainFrame) return false;
  if (!trustedWebContentsIds.has(sender.webContentsId)) return false;
  return isAppUrl(sender.frameUrl, devServerUrl);
}
