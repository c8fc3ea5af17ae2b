import { describe, expect, it, vi } from 'vitest';
import { type DomainEvents, EventBus } from '../../../main/app/events';
import { QuickAccess } from '../../../main/app/quick/quick-access';

describe('QuickAccess (main)', () => {
  it('keeps the last ten copies, newest first, without duplicates, and tells the tray', () => {
    const quick = new QuickAccess(new EventBus<DomainEvents>());
    const changed = vi.fn();
    quick.onChanged(changed);
    for (let i = 0; i < 12; i++) quick.noteCopied('s', `c${i}`);
    quick.noteCopied('s', 'c5');
    expect(quick.recent).toHaveLength(10);
    expect(quick.recent[0]).toEqual({ serviceId: 's', credentialId: 'c5' });
    expect(quick.recent.filter((r) => r.credentialId === 'c5')).toHaveLength(1);
    expect(changed).toHaveBeenCalledTimes(13);
    quick.forget();
    expect(quick.recent).toEqual([]);
  });

  it('publishes the shortcut status to renderers; close and open reach the shell, open also navigates', () => {
    const events = new EventBus<DomainEvents>();
    const seen: [string, unknown][] = [];
    events.subscribe((name, payload) => seen.push([name, payload]));
    const quick = new QuickAccess(events);
    expect(quick.shortcut.state).toBe('unsupported');
    quick.setShortcut({ accelerator: 'Control+Shift+L', state: 'refused', fallbacks: ['Control+Alt+Space'] });
    expect(seen).toEqual([
      ['quick.shortcutChanged', { accelerator: 'Control+Shift+L', state: 'refused', fallbacks: ['Control+Alt+Space'] }],
    ]);
    const close = vi.fn();
    const open = vi.fn();
    const off = quick.onCloseRequested(close);
    quick.onOpenRequested(open);
    quick.requestClose();
    off();
    quick.requestClose();
    expect(close).toHaveBeenCalledTimes(1);
    quick.requestOpen('requests');
    expect(open).toHaveBeenCalledWith('requests');
    expect(seen.at(-1)).toEqual(['navigate', { route: 'requests' }]);
  });
});
