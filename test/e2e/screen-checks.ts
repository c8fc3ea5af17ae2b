/**
 * What every screen must pass, shared by the layout and screen-matrix specs: nothing wider than
 * the viewport or clipped, and no serious or critical axe-core finding.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export const SIZES = [
  { width: 1280, height: 800 },
  { width: 900, height: 700 },
  { width: 720, height: 560 },
] as const;

/**
 * What is cut off on the screen as it is now, described for the failure message:
 * - anything wider than the viewport, or the page scrolling sideways;
 * - a title, button, tab or label whose text is wider than its own box, and a title wrapping one
 *   word a line;
 * - text cut by its own box: an element that hides its overflow (overflow hidden/clip, or an
 *   ellipsis) whose own text is wider or taller than it, unless it carries the whole text in a
 *   `title` (a deliberate ellipsis the pointer can read, like a long vault path);
 * - a placeholder wider than its input (an input's value may scroll inside it; a hint cannot);
 * - a control cut by an ancestor that hides its overflow, or by the viewport with nothing to
 *   scroll it into view (a dialog taller than the window must scroll, never cut its buttons);
 * - a button squeezed below the 24 × 24 px minimum target.
 */
export async function overflows(page: Page): Promise<string[]> {
  // Runs in the page; reached through <body> so this Node-typed file needs no DOM globals.
  return page.locator('body').evaluate((body) => {
    type El = typeof body;
    const out: string[] = [];
    const doc = body.ownerDocument;
    const win = doc.defaultView!;
    const vw = doc.documentElement.clientWidth;
    const vh = doc.documentElement.clientHeight;
    const style = (el: El) => win.getComputedStyle(el);
    const describe = (el: { tagName: string; classList: Iterable<string>; textContent: string | null }) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    // A box of 1 px or less is a screen-reader-only label (the collapsed sidebar's), not a cut one.
    const shown = (el: El) => el.offsetWidth > 1 && el.offsetHeight > 1 && !el.closest('.visually-hidden');
    const hides = (v: string) => v === 'hidden' || v === 'clip';
    const scrolls = (v: string) => v === 'auto' || v === 'scroll';

    if (doc.documentElement.scrollWidth > vw)
      out.push(`page scrolls sideways (${doc.documentElement.scrollWidth} > ${vw})`);
    for (const el of body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('.visually-hidden')) continue;
      if (r.right > vw + 1 || r.left < -1)
        out.push(`${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    }
    for (const el of body.querySelectorAll('h1, h2, h3, button, [role="tab"], label, .field__label, legend')) {
      const h = el as El;
      if (!shown(h)) continue;
      if (h.scrollWidth > h.clientWidth + 1)
        out.push(`${describe(h)} is clipped (${h.scrollWidth} > ${h.clientWidth})`);
      // A title wrapping one word a line: as many lines as words.
      const lineHeight = Number.parseFloat(style(h).lineHeight) || 16;
      const lines = Math.round(h.getBoundingClientRect().height / lineHeight);
      const words = (h.textContent ?? '').trim().split(/\s+/).length;
      if (/^H[123]$/.test(h.tagName) && words >= 3 && lines >= words) out.push(`${describe(h)} wraps one word a line`);
    }

    // Text cut by its own box.
    for (const el of body.querySelectorAll('*')) {
      const h = el as El;
      if (!shown(h) || /^(INPUT|TEXTAREA|SELECT|BUTTON|svg)$/i.test(h.tagName)) continue;
      const ownText = [...h.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      if (!ownText) continue;
      const cs = style(h);
      const cutX = (hides(cs.overflowX) || cs.textOverflow === 'ellipsis') && h.scrollWidth > h.clientWidth + 1;
      const cutY = hides(cs.overflowY) && h.scrollHeight > h.clientHeight + 1;
      if (!cutX && !cutY) continue;
      const text = (h.textContent ?? '').trim();
      if (h.closest('[title]')?.getAttribute('title')?.includes(text)) continue;
      out.push(
        `${describe(h)} cuts its text (${h.scrollWidth}x${h.scrollHeight} in ${h.clientWidth}x${h.clientHeight})`,
      );
    }

    // Placeholders wider than their input, measured in a span set in the input's own font.
    const ruler = doc.createElement('span');
    ruler.style.cssText = 'position:fixed;left:0;top:0;visibility:hidden;white-space:pre;';
    body.append(ruler);
    for (const el of body.querySelectorAll('input[placeholder]')) {
      const input = el as El & { value: string; placeholder: string };
      if (!shown(input) || input.value !== '') continue;
      const cs = style(input);
      ruler.style.font = cs.font;
      ruler.style.letterSpacing = cs.letterSpacing;
      ruler.textContent = input.placeholder;
      const room = input.clientWidth - Number.parseFloat(cs.paddingLeft) - Number.parseFloat(cs.paddingRight);
      const need = ruler.getBoundingClientRect().width;
      if (need > room + 1)
        out.push(`placeholder "${input.placeholder}" is cut (${Math.ceil(need)} > ${Math.floor(room)})`);
    }
    ruler.remove();

    // Controls cut by an ancestor, or by the viewport with nothing to scroll them into view.
    for (const el of body.querySelectorAll('button, input, select, textarea, a[href], [role="tab"]')) {
      const c = el as El;
      if (!shown(c) || (c as El & { type?: string }).type === 'hidden') continue;
      const r = c.getBoundingClientRect();
      let reachable = false;
      for (let a = c.parentElement as El | null; a && a !== body; a = a.parentElement as El | null) {
        const cs = style(a);
        if (scrolls(cs.overflowY) && a.scrollHeight > a.clientHeight) {
          reachable = true;
          break;
        }
        if (!hides(cs.overflowY) && !hides(cs.overflowX)) continue;
        const box = a.getBoundingClientRect();
        if (r.top < box.top - 1 || r.bottom > box.bottom + 1 || r.left < box.left - 1 || r.right > box.right + 1) {
          out.push(`${describe(c)} is cut by ${describe(a)}`);
          reachable = true; // said once
          break;
        }
      }
      if (!reachable && (r.bottom > vh + 1 || r.top < -1) && doc.documentElement.scrollHeight <= vh)
        out.push(`${describe(c)} is below the window (${Math.round(r.top)}..${Math.round(r.bottom)} of ${vh})`);
    }
    // A button of the app's own squeezed below the 24 × 24 px minimum target (WCAG 2.5.8): an icon
    // button in a flex row shrinks when nothing stops it, and its icon still fits, so nothing above sees it.
    for (const el of body.querySelectorAll('.btn')) {
      const b = el as El;
      if (!shown(b)) continue;
      const r = b.getBoundingClientRect();
      if (r.width < 24 || r.height < 24)
        out.push(
          `${describe(b)} "${b.getAttribute('aria-label') ?? ''}" is squeezed to ${Math.round(r.width)}x${Math.round(r.height)} px`,
        );
    }
    for (const d of body.querySelectorAll('dialog[open]')) {
      const r = d.getBoundingClientRect();
      if (r.top < -1 || r.bottom > vh + 1) out.push(`${describe(d as El)} is taller than the window`);
    }
    return out;
  });
}

/**
 * Password and secret inputs without a way to see what was typed: every input of type password
 * must sit in a PasswordField (its Show toggle controls it by id), every masked textarea
 * beside its toggle.
 */
export async function unrevealable(page: Page): Promise<string[]> {
  return page.locator('body').evaluate((body) => {
    const out: string[] = [];
    for (const input of body.querySelectorAll('input[type="password"], textarea.field__textarea--masked')) {
      const field = input.closest('.field');
      const toggle =
        input.tagName === 'INPUT'
          ? [...(field?.querySelectorAll('button[aria-pressed]') ?? [])].find(
              (b) => b.getAttribute('aria-controls') === input.id,
            )
          : field?.querySelector('button[aria-pressed]');
      if (!toggle)
        out.push(`${input.tagName.toLowerCase()} "${input.getAttribute('aria-label') ?? input.id}" has no Show toggle`);
    }
    return out;
  });
}

/**
 * Serious and critical axe-core findings, one line each (rule, then the first offending nodes).
 * `within` narrows the scan to an open dialog: the page under it was scanned on its own screen.
 * `rules` narrows it to some rules: a second colour scheme changes colours, not the DOM, so
 * only the colour rules need to run again.
 */
export async function axeProblems(page: Page, { within, rules }: { within?: string; rules?: string[] } = {}) {
  // Legacy mode runs axe.run() in the page itself; the default opens a blank page per scan to
  // merge frame results, which costs a second or more each and we have no frames to merge.
  let builder = new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'] });
  if (within) builder = builder.include(within);
  if (rules) builder = builder.withRules(rules);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.replace(/\s+/g, ' ')}]` : ''}`)
          .join('; ')}`,
    );
}
