import { useRef } from 'react';

/**
 * A number box's change that lowers protection, made while a key or the pointer is down in it, waits for the
 * release. The press gives settings.weaken one call (preload/api.ts: a key's repeats are the same press), and
 * a held ArrowUp or spin button changes the box at every repeat: saved at once, the first took the call and
 * each later one was refused with "Not saved". Sent at the release instead, the value the box ended on takes
 * it. A change made without a press down (a script's editing) goes at once, as before, to be refused.
 */
export function useHeldPress<F extends string>(save: (field: F, value: number) => void) {
  const down = useRef(false);
  const held = useRef<{ field: F; value: number } | null>(null);
  const release = () => {
    down.current = false;
    const h = held.current;
    held.current = null;
    if (h) save(h.field, h.value);
  };
  return {
    /** A change: saved now, or kept for the release when it lowers protection with a press down. */
    change(field: F, value: number, lowers: boolean) {
      if (down.current && lowers) held.current = { field, value };
      else {
        held.current = null;
        save(field, value);
      }
    },
    /** Props for the box: its presses and releases. */
    handlers: {
      onKeyDown: () => {
        down.current = true;
      },
      onPointerDown: () => {
        down.current = true;
      },
      onKeyUp: release,
      onPointerUp: release,
    },
    /** The box was left: what it holds is saved by the leaving (onBlur), not at a release that will not come here. */
    left() {
      down.current = false;
      held.current = null;
    },
  };
}
