/**
 * A held Enter on a button clicks it again at every key repeat (~30 a second). A button that needs the user's
 * press gets one call per press from the preload (preload/api.ts, gestureRounds: a repeat is the same press),
 * so every repeat after the first was refused, each with a "needs a click" toast. A repeat is never a new
 * intent: it does not activate a button, a link or a checkbox here. Text boxes keep their repeats (a held
 * letter, or Enter in a text area), and the first press acts as ever.
 */
const ACTIVATED = 'button, [role="button"], a[href], input[type="checkbox"], input[type="radio"], summary';

export function ignoreHeldActivation(target: Window): () => void {
  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.repeat || (e.key !== 'Enter' && e.key !== ' ')) return;
    if (e.target instanceof Element && e.target.closest(ACTIVATED) !== null) e.preventDefault();
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
