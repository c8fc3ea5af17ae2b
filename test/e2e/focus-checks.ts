/**
 * What the keyboard spec checks on the element that has focus: it can be seen (drawn, not
 * covered, inside the viewport and every scrolling box around it) and it shows a focus
 * indicator that meets WCAG 2.2's focus appearance.
 *
 * The rule for the indicator reads computed styles, not pixels: comparing screenshots per Tab
 * stop costs a second each and blurs on anti-aliasing, while the ring is drawn in one place
 * (tokens.css) as an outline or a box-shadow. So: while focused, the element, the field box
 * around it (`.field__control`) or the option it points at (aria-activedescendant) draws an
 * outline or a solid box-shadow ring that it does not draw unfocused, at least 2 px wide where it
 * shows (a shadow layer counts only past the layers drawn over it), whose colour has at least
 * 3:1 contrast with what is behind it (outside the box for an outer ring, the box's own
 * background for an inset one), and which no scrolling box around it cuts off.
 */
import type { Page } from '@playwright/test';

export interface FocusStop {
  /** Stable per element for the walk (an expando on the node). */
  id: string;
  /** Tag and accessible-ish name, for failure messages. */
  name: string;
  /** Empty when the stop passes; otherwise what is wrong with it. */
  problems: string[];
  /** The open dialog holds the element (null when none is open). */
  inDialog: boolean | null;
}

/** The focused element's checks, or null when focus is on the page itself. */
export async function focusStop(page: Page, previous?: string): Promise<FocusStop | null> {
  return page.locator('body').evaluate((body, previous) => {
    const doc = body.ownerDocument;
    const win = doc.defaultView;
    if (!win) return null;
    type El = typeof body;
    const el = doc.activeElement as El | null;
    if (!el || el === body || el === doc.documentElement) return null;
    const tagged = el as El & { focusWalkId?: string };
    // Tab inside a date field moves between its parts, one element: measured once, on arrival
    // (blurring it again would send focus back to its first part, and the walk round in circles).
    if (previous !== undefined && tagged.focusWalkId === previous)
      return { id: previous, name: '', problems: [], inDialog: null };

    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba | null => {
      const m = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(c.trim());
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null;
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [0, 1, 2].map((i) => (top[i] ?? 0) * a + (under[i] ?? 0) * (1 - a)).concat(1) as Rgba;
    };
    const luminance = (c: Rgba) => {
      const [r, g, b] = [c[0], c[1], c[2]].map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: Rgba, b: Rgba) => {
      const [x, y] = [luminance(a), luminance(b)];
      return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
    };
    /** The opaque colour painted behind `from` (its own background first, then its ancestors'). */
    const backdrop = (from: El | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e: El | null = from; e; e = e.parentElement as El | null) {
        const c = parse(win.getComputedStyle(e).backgroundColor);
        if (c && c[3] > 0) layers.push(c);
        if (c && c[3] >= 1) break;
      }
      let out: Rgba = [255, 255, 255, 1];
      for (const c of layers.reverse()) out = over(c, out);
      return out;
    };

    interface Ring {
      text: string;
      width: number;
      inset: boolean;
      colour: Rgba | null;
      extent: number;
    }
    const rings = (e: El): Ring[] => {
      const s = win.getComputedStyle(e);
      const out: Ring[] = [];
      if (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0) {
        const width = Number.parseFloat(s.outlineWidth);
        const offset = Number.parseFloat(s.outlineOffset) || 0;
        out.push({
          text: `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor} offset ${s.outlineOffset}`,
          width,
          inset: offset + width <= 0,
          colour: parse(s.outlineColor),
          extent: Math.max(0, offset + width),
        });
      }
      if (s.boxShadow !== 'none') {
        const layers = s.boxShadow.split(/,(?![^(]*\))/).map((l: string) => l.trim());
        const drawn: { spread: number; inset: boolean }[] = [];
        for (const l of layers) {
          const colour = parse(/rgba?\([^)]*\)/.exec(l)?.[0] ?? '');
          const [x = 0, y = 0, blur = 0, spread = 0] = (l.match(/-?[\d.]+px/g) ?? []).map(Number.parseFloat);
          const inset = /\binset\b/.test(l);
          // Earlier layers paint over later ones: only the part past them shows.
          const covered = Math.max(0, ...drawn.filter((d) => d.inset === inset).map((d) => d.spread));
          drawn.push({ spread, inset });
          if (x !== 0 || y !== 0 || blur !== 0) continue;
          out.push({ text: `shadow ${l}`, width: spread - covered, inset, colour, extent: inset ? 0 : spread });
        }
      }
      return out;
    };
    const visibleRing = (e: El, focused: Ring[], unfocused: Ring[]): { ok: Ring | null; seen: string[] } => {
      const seen: string[] = [];
      for (const r of focused) {
        if (unfocused.some((u) => u.text === r.text)) continue;
        const behind = r.inset ? backdrop(e) : backdrop(e.parentElement as El | null);
        const ratio = r.colour ? contrast(over(r.colour, behind), behind) : 0;
        seen.push(`${r.text} (${r.width.toFixed(1)} px, ${ratio.toFixed(2)}:1)`);
        if (r.width >= 2 && ratio >= 3) return { ok: r, seen };
      }
      return { ok: null, seen };
    };

    const candidates = [el, el.closest('.field__control') as El | null];
    const active = el.getAttribute('aria-activedescendant');
    if (active) candidates.push(doc.getElementById(active) as El | null);
    const present = candidates.filter((c): c is El => c !== null);
    const focusedRings = present.map((c) => rings(c));
    // The same elements unfocused, then focus back without scrolling (so the walk goes on from here).
    el.blur();
    const unfocusedRings = present.map((c) => rings(c));
    el.focus({ preventScroll: true });

    const problems: string[] = [];
    let indicator: { on: El; ring: Ring } | null = null;
    const seen: string[] = [];
    present.forEach((c, i) => {
      if (indicator) return;
      const found = visibleRing(c, focusedRings[i] ?? [], unfocusedRings[i] ?? []);
      seen.push(...found.seen);
      if (found.ok) indicator = { on: c, ring: found.ok };
    });
    if (!indicator) problems.push(`no focus ring of 2 px at 3:1 (${seen.join('; ') || 'nothing changes on focus'})`);

    const r = el.getBoundingClientRect();
    const shown =
      r.width > 0 && r.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    if (!shown) problems.push('has focus but is not drawn');
    else {
      const box = (indicator as { on: El; ring: Ring } | null)?.on ?? el;
      const extent = (indicator as { on: El; ring: Ring } | null)?.ring.extent ?? 0;
      const b = box.getBoundingClientRect();
      const ring = { left: b.left - extent, top: b.top - extent, right: b.right + extent, bottom: b.bottom + extent };
      const clips: { name: string; left: number; top: number; right: number; bottom: number }[] = [
        { name: 'the window', left: 0, top: 0, right: win.innerWidth, bottom: win.innerHeight },
      ];
      // A modal dialog sits in the top layer: the boxes around it in the DOM do not clip it.
      for (
        let a = box.parentElement as El | null;
        a;
        a = a.tagName === 'DIALOG' ? null : (a.parentElement as El | null)
      ) {
        const s = win.getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const ar = a.getBoundingClientRect();
        clips.push({
          name: `${a.tagName.toLowerCase()}.${[...a.classList].join('.')}`,
          left: ar.left + a.clientLeft,
          top: ar.top + a.clientTop,
          right: ar.left + a.clientLeft + a.clientWidth,
          bottom: ar.top + a.clientTop + a.clientHeight,
        });
      }
      for (const c of clips) {
        const outOfView = b.right <= c.left || b.left >= c.right || b.bottom <= c.top || b.top >= c.bottom;
        if (outOfView) {
          problems.push(`is out of view of ${c.name}`);
          break;
        }
        const cut =
          ring.left < c.left - 0.5 ||
          ring.top < c.top - 0.5 ||
          ring.right > c.right + 0.5 ||
          ring.bottom > c.bottom + 0.5;
        if (cut) {
          problems.push(`its ring is cut off by ${c.name}`);
          break;
        }
      }
      const x = Math.min(Math.max(r.left + r.width / 2, 0), win.innerWidth - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), win.innerHeight - 1);
      const hit = doc.elementFromPoint(x, y);
      if (hit && hit !== el && !el.contains(hit) && !hit.contains(el))
        problems.push(`is covered by ${hit.tagName.toLowerCase()}.${[...hit.classList].join('.')}`);
    }

    tagged.focusWalkId ??= String(Math.random());
    const label =
      el.getAttribute('aria-label') ||
      (el as El & { labels?: { textContent: string | null }[] }).labels?.[0]?.textContent?.trim() ||
      el.getAttribute('title') ||
      (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40) ||
      el.getAttribute('placeholder') ||
      el.getAttribute('name') ||
      el.id;
    const dialog = doc.querySelector('dialog[open], [role="dialog"]');
    return {
      id: tagged.focusWalkId,
      name: `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[${el.getAttribute('role')}]` : ''} "${label}"`,
      problems,
      inDialog: dialog ? dialog.contains(el) : null,
    };
  }, previous);
}

export interface Walk {
  /** Each stop's name, in Tab order. */
  stops: string[];
  problems: string[];
  /** Stops that were out of the open dialog. */
  escaped: string[];
}

/**
 * Tabs from the top of the page (or the open dialog) until focus comes back to the first stop,
 * checking each stop; a stop seen twice before that, or no return within `limit` Tabs, is a trap.
 */
export async function walk(page: Page, where: string, limit = 150): Promise<Walk> {
  // Focus on <body> makes it the starting point of sequential navigation: the next Tab goes to the top.
  await page.locator('body').evaluate((body) => {
    body.tabIndex = -1;
    body.focus();
    body.removeAttribute('tabindex');
  });
  const out: Walk = { stops: [], problems: [], escaped: [] };
  const ids: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page, ids.at(-1));
    if (stop === null || ids.at(-1) === stop.id) continue;
    if (ids[0] === stop.id) return out;
    if (ids.includes(stop.id)) {
      out.problems.push(`${where}: focus circles without reaching the top again (a trap) at ${stop.name}`);
      return out;
    }
    ids.push(stop.id);
    out.stops.push(stop.name);
    if (stop.inDialog === false) out.escaped.push(stop.name);
    for (const p of stop.problems) out.problems.push(`${where}: ${stop.name} ${p}`);
  }
  out.problems.push(
    `${where}: focus never came back to the top in ${limit} Tabs (a trap?): ${out.stops.slice(-4).join(', ')}`,
  );
  return out;
}
