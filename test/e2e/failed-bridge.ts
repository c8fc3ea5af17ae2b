import type { Page } from '@playwright/test';

/**
 * The page's bridge to the browser host, with main's answer on the channels named replaced by a
 * failure (as a broken store or a thrown handler would answer), so a test can see what a screen
 * says when main fails. Applies to the bridge the page opens from now on (reload the page after it).
 */
export async function failReplies(page: Page, channels: string[], message = 'The store could not be read.') {
  let failing = true;
  await page.routeWebSocket(/\/bridge\?/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((raw) => {
      const { id, channel } = JSON.parse(String(raw)) as { id?: number; channel?: string };
      if (failing && typeof id === 'number' && typeof channel === 'string' && channels.includes(channel))
        ws.send(JSON.stringify({ id, envelope: { ok: false, error: { code: 'ERR_INTERNAL', message } } }));
      else server.send(raw);
    });
    server.onMessage((raw) => ws.send(raw));
  });
  return {
    /** Main answers those channels again, on the same bridge. */
    recover() {
      failing = false;
    },
  };
}
