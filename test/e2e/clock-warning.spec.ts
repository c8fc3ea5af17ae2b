import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

test('a server clock far from ours puts a warning on the Codes screen', async ({ app, host }) => {
  // A local server whose Date header runs two minutes ahead of this computer.
  const server = createServer((_req, res) => {
    res.writeHead(200, { Date: new Date(Date.now() + 120_000).toUTCString(), 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    await createVaultThroughUi(app);
    await app.getByRole('button', { name: 'Codes' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Codes', exact: true })).toBeVisible();
    await expect(app.getByTestId('clock-warning')).toHaveCount(0);

    const sent = await host.composed.dispatch(
      'requests.send',
      { requestId: 'clock-1', request: { method: 'GET', url: `http://127.0.0.1:${port}/` } },
      { transport: 'browser-host' },
    );
    expect(sent.ok).toBe(true);

    await app.getByRole('button', { name: 'Services' }).click();
    await app.getByRole('button', { name: 'Codes' }).click();
    const warning = app.getByTestId('clock-warning');
    await expect(warning).toContainText(/about 1[12]\d s behind 127\.0\.0\.1:\d+/);
    await screenshot(app, 'totp-clock-warning');
  } finally {
    server.close();
  }
});
