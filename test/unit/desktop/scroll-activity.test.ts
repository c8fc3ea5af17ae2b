import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { countScrollAsActivity, type InputSource } from '../../../main/shell/scroll-activity';

function window(): InputSource & { input(type: string): void } {
  const e = new EventEmitter();
  return {
    on: (event, listener) => e.on(event, listener),
    input: (type) => e.emit('input-event', {}, { type }),
  };
}

describe('scrolling keeps the vault unlocked', () => {
  it('a wheel scroll in the window touches, at most every 20 s', () => {
    let clock = 0;
    const touches: number[] = [];
    const w = window();
    countScrollAsActivity(
      w,
      () => touches.push(clock),
      () => clock,
    );
    w.input('mouseWheel');
    clock = 5_000;
    w.input('gestureScrollUpdate');
    clock = 21_000;
    w.input('gestureScrollUpdate');
    expect(touches).toEqual([0, 21_000]);
  });

  it('other input (moves, presses) is left to the renderer ping', () => {
    const touches: string[] = [];
    const w = window();
    countScrollAsActivity(w, () => touches.push('touch'));
    for (const type of ['mouseMove', 'mouseDown', 'keyDown', 'mouseEnter']) w.input(type);
    expect(touches).toEqual([]);
  });
});
