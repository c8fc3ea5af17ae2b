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

/** Elements wider than the viewport, and titles/buttons whose text is cut off, described for the failure message. */
export async function overflows(page: Page): Promise<string[]> {
  // Runs in the page; reached through <body> so this Node-typed file needs no DOM globals.
  return page.locator('body').evaluate((body) => {
    const out: string[] = [];
    const doc = body.ownerDocument;
    const win = doc.defaultView;
    const vw = doc.documentElement.clientWidth;
    const describe = (el: { tagName: string; classList: Iterable<string>; textContent: string | null }) =>
      `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    if (doc.documentElement.scrollWidth > vw)
      out.push(`page scrolls sideways (${doc.documentElement.scrollWidth} > ${vw})`);
    for (const el of body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('.visually-hidden')) continue;
      if (r.right > vw + 1 || r.left < -1)
        out.push(`${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)} of ${vw}`);
    }
    for (const el of body.querySelectorAll('h1, h2, h3, button, [role="tab"]')) {
      const h = el as typeof body;
      if (h.offsetWidth === 0 || h.closest('.visually-hidden')) continue;
      if (h.scrollWidth > h.clientWidth + 1)
        out.push(`${describe(h)} is clipped (${h.scrollWidth} > ${h.clientWidth})`);
      // A title wrapping one word a line: as many lines as words.
      const lineHeight = Number.parseFloat(win?.getComputedStyle(h).lineHeight ?? '') || 16;
      const lines = Math.round(h.getBoundingClientRect().height / lineHeight);
      const words = (h.textContent ?? '').trim().split(/\s+/).length;
      if (/^H[123]$/.test(h.tagName) && words >= 3 && lines >= words) out.push(`${describe(h)} wraps one word a line`);
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
