/**
 * The Notifier of hosts without desktop notifications (the browser host): notices are kept in
 * memory (the last 50) and sent to every renderer as `oauth.notice` events, which the app shows
 * as toasts.
 */
import type { Clock, Notifier } from '../../core/platform';
import type { AppEvents } from '../events';

export interface Notice {
  title: string;
  body: string;
  at: number;
}

const KEEP = 50;

export class EventNotifier implements Notifier {
  readonly #notices: Notice[] = [];

  constructor(
    private readonly events: AppEvents,
    private readonly clock: Clock,
  ) {}

  notify(title: string, body: string): void {
    const notice = { title, body, at: this.clock.now() };
    this.#notices.push(notice);
    if (this.#notices.length > KEEP) this.#notices.shift();
    this.events.emit('oauth.notice', notice);
  }

  get notices(): readonly Notice[] {
    return [...this.#notices];
  }
}
