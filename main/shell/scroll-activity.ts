/**
 * Scrolling counts as activity for auto-lock. The renderer's ping (`vault.touch`) is a gesture channel so
 * that a page script cannot keep the vault open, and a wheel or touchpad scroll gives the page no user
 * activation: without this, a user reading a long response or report with the wheel alone was locked out
 * mid-read. Main sees the input Chromium delivers to the window ('input-event'): the user's own, which no
 * page script can make, so it needs no gesture. Presses are left to the renderer's ping (one per press).
 */
const SCROLLS = new Set(['mouseWheel', 'gestureScrollBegin', 'gestureScrollUpdate', 'gestureFlingStart']);

/** As often as the renderer's ping: a scroll sends dozens of events a second. */
const EVERY_MS = 20_000;

/** The part of a WebContents this needs (an Electron WebContents has it). */
export interface InputSource {
  on(event: 'input-event', listener: (event: unknown, input: { type: string }) => void): unknown;
}

export function countScrollAsActivity(contents: InputSource, touch: () => void, now: () => number = Date.now): void {
  let last = Number.NEGATIVE_INFINITY;
  contents.on('input-event', (_event, input) => {
    if (!SCROLLS.has(input.type)) return;
    const at = now();
    if (at - last < EVERY_MS) return;
    last = at;
    touch();
  });
}

/** The part of Electron's app this needs: the event for every webContents made (a window, the palette). */
export interface ContentsSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: InputSource) => void): unknown;
}

/**
 * Every webContents made from now on counts its scrolling as activity. Wired before any window is made, so the
 * main window and the palette are both covered; each webContents gets one listener, so a scroll is not touched twice.
 */
export function countScrollInEveryWindow(app: ContentsSource, touch: () => void, now: () => number = Date.now): void {
  app.on('web-contents-created', (_event, contents) => countScrollAsActivity(contents, touch, now));
}
