import { type KeyboardEvent, useState } from 'react';
import { rovingTarget } from './roving-target';

/**
 * A group of controls that is one Tab stop (WAI-ARIA's roving tabindex): the last one focused
 * keeps tabIndex 0, the others -1; the arrow keys, Home and End move focus inside the group.
 * Spread `item(i)` on each control and put `onKeyDown` on the group.
 */
export function useRovingFocus(count: number) {
  const [current, setCurrent] = useState(0);
  const at = Math.max(0, Math.min(current, count - 1));
  return {
    item: (i: number) => ({ tabIndex: i === at ? 0 : -1, onFocus: () => setCurrent(i), 'data-roving': '' }),
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-roving]')];
      const from = items.indexOf(e.target as HTMLElement);
      const to = from < 0 ? null : rovingTarget(e.key, from, items.length);
      if (to === null) return;
      e.preventDefault();
      items[to]?.focus();
    },
  };
}
