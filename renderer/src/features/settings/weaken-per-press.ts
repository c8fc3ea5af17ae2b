import type { LatchApi } from '../../../../preload/api';
import type { Settings } from '../../../../preload/contract';

/**
 * The changes lowering protection that one press asks for go to main as one settings.weaken: the press
 * pays for one call per channel (preload/api.ts), and main asks one question naming them all. The case
 * is a number box left by a click on a checkbox: the box is saved as it loses focus, at the pointer's
 * press; the checkbox changes at the click, after the release. Sent at once, the box's change would
 * spend the press, and the checkbox's would be refused. So the call waits until the pointer is released
 * and the click has run; with no pointer down (Tab, Enter, another key) it goes once this task is over.
 */
let pointerDown = false;
let onRelease: (() => void)[] = [];

const target = globalThis as {
  addEventListener?: (type: string, fn: (e: { isTrusted: boolean }) => void, capture: boolean) => void;
};
if (typeof target.addEventListener === 'function') {
  target.addEventListener(
    'pointerdown',
    (e) => {
      if (e.isTrusted) pointerDown = true;
    },
    true,
  );
  for (const type of ['pointerup', 'pointercancel'])
    target.addEventListener(
      type,
      () => {
        pointerDown = false;
        const waiting = onRelease;
        onRelease = [];
        // After the click this release makes, whose handlers may add to the change.
        setTimeout(() => {
          for (const send of waiting) send();
        });
      },
      true,
    );
}

let open: { patch: Partial<Settings>; answer: Promise<Settings> } | null = null;

export function weakenPerPress(latch: LatchApi, patch: Partial<Settings>): Promise<Settings> {
  if (open !== null) {
    Object.assign(open.patch, patch);
    return open.answer;
  }
  const joined: Partial<Settings> = { ...patch };
  const answer = new Promise<Settings>((resolve, reject) => {
    const send = () => {
      open = null;
      latch.settings.weaken(joined).then(resolve, reject);
    };
    if (pointerDown) onRelease.push(send);
    else setTimeout(send);
  });
  open = { patch: joined, answer };
  return answer;
}
