import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  type ContentsSource,
  countScrollAsActivity,
  countScrollInEveryWindow,
  type InputSource,
} from '../../../main/shell/scroll-activity';

function window(): InputSource & { input(type: string): void; listeners(): number } {
  const e = new EventEmitter();
  return {
    on: (event, listener) => e.on(event, listener),
    input: (type) => e.emit('input-event', {}, { type }),
    listeners: () => e.listenerCount('input-event'),
  };
}

/** Electron's app as the wiring sees it: 'web-contents-created' for each window main makes. */
function electronApp(): ContentsSource & { create(): ReturnType<typeof window> } {
  const e = new EventEmitter();
  return {
    on: (event, listener) => e.on(event, listener),
    create: () => {
      const w = window();
      e.emit('web-contents-created', {}, w);
      return w;
    },
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

describe('the wiring in app-lifecycle.ts: every window made after it counts its scrolls', () => {
  /** Presses and moves, which the renderer's gesture ping counts (one per press), and main must not count again. */
  const PRESSES = ['mouseDown', 'mouseUp', 'mouseMove', 'rawKeyDown', 'keyDown', 'keyUp', 'char', 'gestureTap'];

  /** The app wired as app-lifecycle.ts does, on a clock the test sets; `touches` holds the clock at each touch. */
  function wired() {
    const at = { clock: 0 };
    const touches: number[] = [];
    const app = electronApp();
    countScrollInEveryWindow(
      app,
      () => touches.push(at.clock),
      () => at.clock,
    );
    return { app, at, touches };
  }

  it("a window's wheel input touches the session; its presses and moves do not", () => {
    const { app, at, touches } = wired();
    const main = app.create();
    for (const type of PRESSES) main.input(type);
    expect(touches).toEqual([]);
    at.clock = 1_000;
    main.input('mouseWheel');
    expect(touches).toEqual([1_000]);
  });

  it('one window is listened to once, so a scroll touches once, and the palette counts as well', () => {
    const { app, at, touches } = wired();
    const main = app.create();
    const palette = app.create();
    expect([main.listeners(), palette.listeners()]).toEqual([1, 1]);
    // One touchpad scroll: a burst of events of every scroll type, then presses; one touch for the lot.
    for (const type of ['gestureScrollBegin', 'gestureScrollUpdate', 'gestureScrollUpdate', 'gestureFlingStart'])
      main.input(type);
    for (const type of PRESSES) main.input(type);
    expect(touches).toEqual([0]);
    at.clock = 25_000;
    palette.input('mouseWheel');
    expect(touches).toEqual([0, 25_000]);
  });

  it('a window made before the wiring is not listened to (app-lifecycle wires it before any window)', () => {
    const app = electronApp();
    const early = app.create();
    countScrollInEveryWindow(app, () => undefined);
    expect(early.listeners()).toBe(0);
    expect(app.create().listeners()).toBe(1);
  });
});
