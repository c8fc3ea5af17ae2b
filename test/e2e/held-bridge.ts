import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * The page's bridge to the browser host, through Playwright's WebSocket routing: main's answers on
 * the channels named are held until the test releases them, so a test can act while a call is slow.
 * Applies to the bridge the page opens from now on (reload the page after it).
 */
export async function holdReplies(page: Page, channels: string[]) {
  const holding = new Set(channels);
  const asked = new Map<number, string>();
  const unanswered = new Set<number>();
  let held: { channel: string; deliver: () => void }[] = [];
  await page.routeWebSocket(/\/bridge\?/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const { id, channel } = JSON.parse(String(message)) as { id?: number; channel?: string };
      if (typeof id === 'number' && typeof channel === 'string') {
        asked.set(id, channel);
        unanswered.add(id);
      }
      server.send(message);
    });
    server.onMessage((message) => {
      const { id } = JSON.parse(String(message)) as { id?: number };
      const deliver = () => {
        if (typeof id === 'number') unanswered.delete(id);
        ws.send(message);
      };
      const channel = typeof id === 'number' ? asked.get(id) : undefined;
      if (channel !== undefined && holding.has(channel)) held.push({ channel, deliver });
      else deliver();
    });
  });
  /** Two frames and a task: React has drawn what arrived and run the effects that follow. */
  const drawn = () =>
    page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 20))))');
  return {
    /** How many answers on `channel` are held now. */
    heldCount: (channel: string) => held.filter((h) => h.channel === channel).length,
    /** Delivers the held answers on `channel` (the newest first, when asked: a slow answer overtaken), and stops holding it. */
    release(channel: string, order: 'oldest-first' | 'newest-first' = 'oldest-first') {
      holding.delete(channel);
      const now = held.filter((h) => h.channel === channel);
      held = held.filter((h) => h.channel !== channel);
      if (order === 'newest-first') now.reverse();
      for (const h of now) h.deliver();
    },
    /** Every call the page made has its answer, drawn, and drawing it made no new call. */
    async settled() {
      for (;;) {
        await expect.poll(() => unanswered.size).toBe(0);
        await drawn();
        if (unanswered.size === 0) return;
      }
    },
  };
}
