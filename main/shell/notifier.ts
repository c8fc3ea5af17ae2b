import { Notification } from 'electron';
import type { Notifier, SettingsStore } from '../core/platform';
import type { EventHub } from '../ipc/event-hub';
import { type NotificationEvent, notificationFor } from '../security/notifications';

/**
 * Desktop notifications. What to say is decided in main/security/notifications.ts; this
 * only shows it, where the OS supports notifications at all. It is also the core's
 * `Notifier` (token warnings from the OAuth scheduler arrive through notify()).
 */
export class DesktopNotifier implements Notifier {
  constructor(private readonly settings: SettingsStore) {}

  show(event: NotificationEvent): void {
    const text = notificationFor(event, this.settings.get());
    if (text !== null) this.notify(text.title, text.body, event.type === 'clipboard-cleared');
  }

  notify(title: string, body: string, silent = false): void {
    if (Notification.isSupported()) new Notification({ title, body, silent }).show();
  }

  /** "Clipboard cleared", from the guard's checks (only when the setting is on). */
  watchEvents(events: EventHub): () => void {
    return events.subscribe((name, payload) => {
      if (name === 'clipboard.cleared')
        this.show({ type: 'clipboard-cleared', cleared: (payload as { cleared: boolean }).cleared });
    });
  }
}
