/**
 * The one place domain events become contract events. Each line maps one domain event; the
 * types check that every payload fits the contract's schema.
 */
import type { AppEvents, DomainEventName, DomainEvents } from '../app/events';
import type { ContractEvents, EventHub } from './event-hub';

type Adapter = {
  [K in DomainEventName]: (payload: DomainEvents[K], hub: EventHub) => void;
};

const forward =
  <E extends keyof ContractEvents>(name: E) =>
  (payload: ContractEvents[E], hub: EventHub) =>
    hub.emit(name, payload);

const adapter: Adapter = {
  'vault.changed': forward('vault.changed'),
  'credentials.changed': (_payload, hub) => hub.emit('services.changed', {}),
  'clipboard.cleared': forward('clipboard.cleared'),
  'settings.changed': forward('settings.changed'),
  navigate: forward('app.navigate'),
  'quick.shortcutChanged': forward('quick.shortcutChanged'),
  'oauth.changed': forward('oauth.changed'),
  'oauth.device': forward('oauth.device'),
  'oauth.progress': forward('oauth.progress'),
  'oauth.loginRequired': forward('oauth.loginRequired'),
  'oauth.notice': forward('oauth.notice'),
  'totp.codes': forward('totp.codes'),
  'requests.changed': forward('requests.changed'),
  'requests.attempt': forward('requests.attempt'),
  'limits.waiting': forward('limits.waiting'),
  'limits.changed': forward('limits.changed'),
};

/** Forwards every domain event to the contract hub; returns the function that stops it. */
export function adaptEvents(domain: AppEvents, hub: EventHub): () => void {
  return domain.subscribe((name, payload) => {
    const map = adapter[name] as (p: unknown, h: EventHub) => void;
    map(payload, hub);
  });
}
