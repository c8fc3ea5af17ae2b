/**
 * What the desktop notifies about, as a pure decision: title and body, never a value.
 * The shell turns the answer into an Electron Notification.
 */
export type NotificationEvent =
  | { type: 'token-will-expire'; service: string; credential: string; expiresAt: number; now: number }
  | { type: 'refresh-failed'; service: string; credential: string; loginRequired: boolean }
  | { type: 'clipboard-cleared'; cleared: boolean }
  | { type: 'shortcut-refused'; accelerator: string };

export interface NotificationText {
  title: string;
  body: string;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export function notificationFor(
  event: NotificationEvent,
  settings: { notifyClipboardCleared: boolean },
): NotificationText | null {
  switch (event.type) {
    case 'token-will-expire':
      return {
        title: 'Token about to expire',
        body: `The access token of ${event.service} / ${event.credential} expires in ${minutes(event.expiresAt - event.now)} and cannot be refreshed. Sign in again in Latch.`,
      };
    case 'refresh-failed':
      return event.loginRequired
        ? {
            title: 'Sign in again',
            body: `${event.service} / ${event.credential}: the server refused the refresh token. Sign in again in Latch.`,
          }
        : {
            title: 'Token refresh failed',
            body: `${event.service} / ${event.credential}: refreshing the token failed; Latch will try again.`,
          };
    case 'clipboard-cleared':
      // Only a real clear is worth a notification; "something else was there" is not news.
      return settings.notifyClipboardCleared && event.cleared
        ? { title: 'Clipboard cleared', body: 'Latch removed the secret it had copied.' }
        : null;
    case 'shortcut-refused':
      return {
        title: 'Shortcut not available',
        body: `The system refused ${event.accelerator} for quick access. Choose another in Settings.`,
      };
  }
}
