/**
 * When the focused control leaves the page, the browser drops focus to <body>, and the next Tab starts again at
 * the top of the window while a screen reader says nothing. Here that happens after ordinary actions: the empty
 * state's "Add your first service" button is gone once the service exists, a deleted credential takes its card
 * (and the Delete that opened the confirmation) with it, and a dialog cannot give focus back to an opener that a
 * save re-rendered away. Focus moves instead to the first control left in the nearest part of the page that
 * still stands (the credentials section, the services list), so the user goes on from where they were.
 *
 * A click on nothing is the user's own choice of no focus, and is left alone.
 */
const TABBABLE =
  'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Closed dialogs and inert parts keep their elements in the page but cannot hold focus. */
const unusable = (el: Element) => el.closest('dialog:not([open]), [inert]') !== null;

export function rescueLostFocus(target: Window): () => void {
  const doc = target.document;
  /** The element that last had focus and its ancestors, nearest first; empty when nothing is to be kept. */
  let path: Element[] = [];
  /**
   * The same for the last one outside any dialog: a dialog's opener. A confirmation is rendered away from the
   * card whose Delete opened it, and the card is the place to come back to.
   */
  let opener: Element[] = [];

  const onFocusIn = (e: FocusEvent) => {
    path = [];
    for (let el = e.target instanceof Element ? e.target : null; el; el = el.parentElement) path.push(el);
    if (!path.some((el) => el.tagName === 'DIALOG')) opener = path;
  };
  const onPointerDown = () => {
    path = [];
  };
  const rescue = () => {
    const [lost] = path;
    if (!lost || (doc.activeElement !== null && doc.activeElement !== doc.body)) return;
    if (lost.isConnected && !unusable(lost)) return;
    const from = path.some((el) => el.tagName === 'DIALOG') ? opener : path;
    for (const place of from.slice(1)) {
      if (place === doc.body || place === doc.documentElement) return;
      if (!place.isConnected || unusable(place)) continue;
      const next = [...place.querySelectorAll<HTMLElement>(TABBABLE)].find(
        (el) => !unusable(el) && el.getClientRects().length > 0,
      );
      if (!next) continue;
      // No scroll: a list row scrolled out of a virtual list is not a reason to jump the list back.
      next.focus({ preventScroll: true });
      // An element behind an open modal refuses focus; the dialog's own close comes back here.
      if (doc.activeElement === next) return;
    }
  };

  const observer = new MutationObserver(rescue);
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['open'] });
  doc.addEventListener('focusin', onFocusIn);
  doc.addEventListener('pointerdown', onPointerDown, true);
  return () => {
    observer.disconnect();
    doc.removeEventListener('focusin', onFocusIn);
    doc.removeEventListener('pointerdown', onPointerDown, true);
  };
}
