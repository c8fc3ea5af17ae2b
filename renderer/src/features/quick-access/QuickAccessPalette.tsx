import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { ServiceSummary, VaultStatus } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Icon } from '../../ui';
import { TokenStatusBadge } from '../services/TokenStatusBadge';
import { PaletteUnlock } from './PaletteUnlock';
import { type PaletteAction, paletteActions } from './palette-actions';
import { type PaletteItem, paletteItems, searchPalette } from './palette-search';
import './quick-access.css';

const KIND_LABEL: Record<string, string> = {
  'api-key': 'API key',
  basic: 'Basic',
  digest: 'Digest',
  bearer: 'Bearer',
  oauth2: 'OAuth 2.0',
  'jwt-signer': 'JWT signer',
  hmac: 'HMAC',
  'aws-sigv4': 'AWS SigV4',
  totp: 'TOTP',
  secret: 'Secret',
};

/**
 * The quick-access palette: type to find a credential, Enter copies its primary secret
 * (copied in main; no value ever reaches this page), Tab lists the other actions, Escape
 * closes. One text box keeps focus throughout; the list follows it through
 * aria-activedescendant.
 */
export function QuickAccessPalette({
  status,
  dedicated,
  onClose,
}: {
  status: VaultStatus;
  /** In the palette window: copying also hides it, so the user can paste at once. */
  dedicated: boolean;
  onClose(): void;
}) {
  const latch = useLatch();
  const unlocked = status.state === 'unlocked';
  const [services, setServices] = useState<ServiceSummary[]>([]);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [actionsFor, setActionsFor] = useState<PaletteItem | null>(null);
  const [actionIndex, setActionIndex] = useState(0);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!unlocked) {
      setServices([]);
      return;
    }
    const load = () => void latch.services.list().then(setServices, () => setServices([]));
    load();
    return latch.services.onChanged(load);
  }, [latch, unlocked]);

  // The palette window is hidden, not closed: start afresh each time it comes back.
  useEffect(() => {
    const onFocus = () => {
      setQuery('');
      setSelected(0);
      setActionsFor(null);
      setMessage(null);
      input.current?.focus();
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  const items = useMemo(() => paletteItems(services), [services]);
  const results = useMemo(() => searchPalette(items, query), [items, query]);
  const current = results[Math.min(selected, results.length - 1)] ?? null;
  const actions = actionsFor ? paletteActions(actionsFor.kind) : [];

  useEffect(() => {
    list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  });

  const close = useCallback(() => {
    void latch.quick.close().catch(() => undefined);
    onClose();
  }, [latch, onClose]);

  const run = async (item: PaletteItem, action: PaletteAction) => {
    try {
      if (action.id === 'requests') {
        await latch.quick.open({ route: 'requests' });
        return;
      }
      const r = await latch.quick.copy({ serviceId: item.serviceId, credentialId: item.credentialId, as: action.id });
      setMessage({
        tone: 'ok',
        text: `${r.label} of ${item.serviceName} / ${item.credentialName} copied; cleared in ${r.clearsInSeconds} s.`,
      });
      setActionsFor(null);
      if (dedicated) close();
    } catch (e) {
      setMessage({ tone: 'error', text: e instanceof BridgeError ? e.message : 'That did not work.' });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const count = actionsFor ? actions.length : results.length;
    const move = (delta: number) => {
      e.preventDefault();
      if (count === 0) return;
      if (actionsFor) setActionIndex((i) => (i + delta + count) % count);
      else setSelected((i) => (Math.min(i, count - 1) + delta + count) % count);
    };
    switch (e.key) {
      case 'ArrowDown':
        move(1);
        return;
      case 'ArrowUp':
        move(-1);
        return;
      case 'Enter': {
        e.preventDefault();
        if (actionsFor) {
          const action = actions[actionIndex];
          if (action) void run(actionsFor, action);
        } else if (current) {
          void run(current, { id: 'primary', label: '' });
        }
        return;
      }
      case 'Tab':
        e.preventDefault();
        if (actionsFor || e.shiftKey) setActionsFor(null);
        else if (current) {
          setActionsFor(current);
          setActionIndex(0);
        }
        return;
      case 'Escape':
        e.preventDefault();
        if (actionsFor) setActionsFor(null);
        else close();
        return;
    }
  };

  if (!unlocked) {
    return (
      <PaletteUnlock status={status} onOpenApp={() => void latch.quick.open({ route: 'services' })} onClose={close} />
    );
  }

  const optionId = (key: string) => `qa-option-${key}`;
  const actionId = (id: string) => `qa-action-${id}`;
  const activeAction = actions[actionIndex];
  const activeDescendant = actionsFor
    ? activeAction
      ? actionId(activeAction.id)
      : undefined
    : current
      ? optionId(current.key)
      : undefined;

  return (
    <div className="qa" role="dialog" aria-label="Quick access">
      <div className="qa__search">
        <Icon name="search" size={18} />
        <input
          ref={input}
          className="qa__input"
          role="combobox"
          aria-label="Search services and credentials"
          aria-expanded="true"
          aria-controls={actionsFor ? 'qa-actions' : 'qa-results'}
          aria-autocomplete="list"
          aria-activedescendant={activeDescendant}
          placeholder="Search services and credentials…"
          // biome-ignore lint/a11y/noAutofocus: the palette exists to be typed into
          autoFocus
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setSelected(0);
            setActionsFor(null);
            setMessage(null);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {actionsFor ? (
        <>
          <div className="qa__context">
            {actionsFor.serviceName} / {actionsFor.credentialName}
          </div>
          <div className="qa__list" id="qa-actions" role="listbox" aria-label="Actions" ref={list}>
            {actions.map((a, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the text box handles the keys (aria-activedescendant)
              <div
                key={a.id}
                id={actionId(a.id)}
                role="option"
                tabIndex={-1}
                aria-selected={i === actionIndex}
                className="qa__option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void run(actionsFor, a)}
              >
                <Icon name={a.id === 'requests' ? 'requests' : 'copy'} />
                <span className="qa__name">{a.label}</span>
              </div>
            ))}
          </div>
        </>
      ) : (
        <div className="qa__list" id="qa-results" role="listbox" aria-label="Credentials" ref={list}>
          {results.length === 0 ? (
            <div className="qa__empty" role="presentation">
              {items.length === 0 ? 'No credentials in the vault yet.' : 'Nothing matches.'}
            </div>
          ) : (
            results.map((item) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the text box handles the keys (aria-activedescendant)
              <div
                key={item.key}
                id={optionId(item.key)}
                role="option"
                tabIndex={-1}
                aria-selected={item === current}
                className="qa__option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => void run(item, { id: 'primary', label: '' })}
              >
                {item.favourite ? <Icon name="star" label="Favourite" /> : <span className="qa__spacer" />}
                <span className="qa__name">
                  {item.serviceName} <span className="qa__sep">/</span> {item.credentialName}
                </span>
                <TokenStatusBadge token={item.token} now={Date.now()} problemsOnly />
                <span className="qa__kind">{KIND_LABEL[item.kind] ?? item.kind}</span>
              </div>
            ))
          )}
        </div>
      )}
      <div className={`qa__status${message?.tone === 'error' ? ' qa__status--error' : ''}`} role="status">
        {message?.text ?? ''}
      </div>
      <div className="qa__hint" aria-hidden="true">
        <kbd>↑</kbd>
        <kbd>↓</kbd> move · <kbd>Enter</kbd> copy · <kbd>Tab</kbd> more actions · <kbd>Esc</kbd>{' '}
        {actionsFor ? 'back' : 'close'}
      </div>
    </div>
  );
}
