/**
 * A held Enter on a button clicks it again at every key repeat (~30 a second). A button that needs the user's
 * press gets one call per press from the preload (preload/api.ts, gestureRounds: a repeat is the same press),
 * so every repeat after the first was refused, each with a "needs a click" toast. A repeat is never a new
 * intent: it does not activate a button, a link, a list option or a checkbox here, nor submit a form from a
 * one-line box. Text boxes keep their other repeats (a held letter, Enter in a text area), and the first press
 * acts as ever.
 */
const ACTIVATED =
  'button, [role="button"], [role="option"], a[href], input[type="checkbox"], input[type="radio"], summary';

/** Enter in a one-line box submits its form (the URL box sends the request): a repeat would submit again. */
const SUBMITS = 'input';

export function ignoreHeldActivation(target: Window): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.repeat || (e.key !== 'Enter' && e.key !== ' ') || !(e.target instanceof Element)) return;
    if (e.target.closest(ACTIVATED) === null && !(e.key === 'Enter' && e.target.matches(SUBMITS))) return;
    e.preventDefault();
    // Nor does it reach the page's own key handlers, which act on Enter themselves: the palette's search box
    // copies on Enter, and each repeat was a refused copy whose error replaced "copied".
    e.stopPropagation();
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
