import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from '@playwright/test';
import { type ScriptedServer, startScriptedServer } from '../peers/scripted-server';
import { expect, screenshot, test } from './fixtures';
import { createVaultThroughUi } from './vault-helpers';

let api: ScriptedServer;
// A JSON API with two faults the audit must find: no nosniff, and a session cookie without Secure.
// /limited answers 429 with Retry-After, for the service page's "rate limited until".
test.beforeAll(async () => {
  api = await startScriptedServer();
  api.fallback = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/limited')) {
      res.writeHead(429, { 'retry-after': '120', 'content-type': 'application/json; charset=utf-8' });
      res.end('{"error":"slow down"}');
      return;
    }
    if (req.headers['x-api-key'] !== 'k-e2e-5678') {
      res.writeHead(401, {
        'content-type': 'application/json; charset=utf-8',
        'www-authenticate': 'ApiKey realm="e2e"',
      });
      res.end('{"error":"no key"}');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': 'sid=abc123; HttpOnly; SameSite=Lax',
    });
    res.end('{"me":"e2e"}');
  };
});
test.afterAll(async () => {
  await api?.close();
});

type Host = Parameters<Parameters<typeof test>[2]>[0]['host'];
async function addService(host: Host) {
  const ctx = { transport: 'browser-host' as const };
  const created = await host.composed.dispatch(
    'services.create',
    { service: { name: 'e2e api', baseUrl: api.url } },
    ctx,
  );
  if (!created.ok) throw new Error(`services.create: ${created.error.code}`);
  const serviceId = (created.value as { id: string }).id;
  const added = await host.composed.dispatch(
    'credentials.add',
    { serviceId, kind: 'api-key', name: 'Key', fields: { value: 'k-e2e-5678', header: 'X-Api-Key' } },
    ctx,
  );
  if (!added.ok) throw new Error(`credentials.add: ${added.error.code}`);
}
const nav = (app: Page, name: string) =>
  app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name }).click();

/**
 * The Requests page picks the first service when it opens and puts that service's base URL in the field.
 * (It once did so when the service's details arrived and replaced a URL typed meanwhile: under load a send
 * went to the base URL, 200 instead of the 429 this test waits for. The page now keeps a typed URL,
 * requests.spec shows it; waiting here keeps this test about the rate limit.)
 */
async function openRequests(app: Page) {
  await nav(app, 'Requests');
  await expect(app.getByLabel('URL')).toHaveValue(`${api.url}/`);
}

test('the Audit screen runs the checks in main, keeps the report, exports it, and asks before another host', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await addService(host);
  await nav(app, 'Audit');
  await app.getByLabel('Service').selectOption({ label: 'e2e api' });
  await expect(app.getByLabel('Credential')).toHaveValue(/.+/);
  // The kind as the service page and the request tester name it, not the model's id ("api-key").
  await expect(app.getByLabel('Credential').locator('option', { hasText: 'Key' })).toHaveText('Key · API key');
  await app.getByLabel('URL').fill(`${api.url}/v1/me`);
  await app.getByRole('button', { name: 'Run audit' }).click();

  const headers = app.getByRole('region', { name: 'Headers' });
  await expect(headers.getByRole('row', { name: /X-Content-Type-Options/ })).toContainText('warn');
  await expect(headers.getByRole('row', { name: /X-Frame-Options/ })).toContainText('skipped');
  await expect(app.getByRole('region', { name: 'Cookies' }).getByRole('row', { name: /Secure cookies/ })).toContainText(
    'fail',
  );
  await expect(
    app.getByRole('region', { name: 'Authentication' }).getByRole('row', { name: /Refused without/ }),
  ).toContainText('pass');
  await expect(app.getByRole('list', { name: 'Saved audit reports' }).getByRole('listitem')).toHaveCount(1);
  await screenshot(app, 'audit-screen');

  const download = app.waitForEvent('download');
  await app.getByRole('button', { name: 'Export JSON' }).click();
  const file = await (await download).path();
  const report = JSON.parse(readFileSync(file, 'utf8')) as { schema: string; checks: { id: string; status: string }[] };
  expect(report.schema).toBe('latch.audit-report/1');
  expect(report.checks.find((c) => c.id === 'cookies.secure')?.status).toBe('fail');
  expect(readFileSync(file, 'utf8')).not.toContain('k-e2e-5678');

  // Host binding, as in the request tester: another host (another port here) asks first, and nothing
  // goes out before the yes. The prompt is the request tester's, and so is the remembered yes.
  const stranger = await startScriptedServer();
  try {
    const strangerHost = `127.0.0.1:${stranger.port}`;
    await app.getByLabel('URL').fill(`${stranger.url}/collect`);
    await app.getByRole('button', { name: 'Run audit' }).click();
    const prompt = app.getByRole('dialog', { name: `Send Key to ${strangerHost}?` });
    await expect(prompt).toBeVisible();
    await expect(prompt.getByTestId('host-prompt-text')).toContainText(`http://${strangerHost}`);
    await screenshot(app, 'audit-host-prompt');
    await prompt.getByRole('button', { name: "Don't send" }).click();
    await expect(prompt).toBeHidden();
    await expect(app.getByTestId('toast').filter({ hasText: `Nothing was sent` })).toBeVisible();
    expect(stranger.seen).toHaveLength(0);

    await app.getByRole('button', { name: 'Run audit' }).click();
    await prompt.getByRole('button', { name: 'Send to this host' }).click();
    // Main asks too (the page's prompt is not enough); the test says yes for the user.
    await host.confirmations.answerNext(true);
    await expect(app.getByRole('list', { name: 'Saved audit reports' }).getByRole('listitem')).toHaveCount(2);
    await expect.poll(() => stranger.seen.some((r) => r.headers['x-api-key'] === 'k-e2e-5678')).toBe(true);
    await expect(prompt).toBeHidden();
  } finally {
    await stranger.close();
  }

  // The service page lists both.
  await nav(app, 'Services');
  await app.getByTestId('service-row').first().click();
  await expect(app.getByRole('list', { name: 'Saved audit reports' }).getByRole('listitem')).toHaveCount(2);
});

test('a rate limit set on the service page holds the tester back, and a 429 shows "rate limited until"', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await addService(host);
  await nav(app, 'Services');
  await app.getByTestId('service-row').first().click();
  await app.getByLabel('Key: at most').selectOption({ label: 'Anonymous: 1 per 10 s' });
  await expect(app.getByLabel('Key: at most')).toHaveValue('anonymous');

  await openRequests(app);
  await app.getByLabel('Service').selectOption({ label: 'e2e api' });
  await app.getByLabel('URL').fill(`${api.url}/v1/me`);
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  const before = api.seen.length;
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(
    app.getByRole('status').filter({ hasText: /^waiting \d+\.\d s for the rate limit \(1 per 10 s\)$/ }),
  ).toBeVisible();
  await screenshot(app, 'requests-waiting-for-limit');
  expect(api.seen.length).toBe(before);
  await app.getByRole('button', { name: 'Cancel' }).click();

  await nav(app, 'Services');
  await app.getByTestId('service-row').first().click();
  await app.getByLabel('Key: at most').selectOption({ label: 'No limit' });
  // The select shows main's answer: wait for it, or the send below can reach main before the limit is lifted and
  // wait out the 10 s window (a CI run under load did).
  await expect(app.getByLabel('Key: at most')).toHaveValue('none');
  await openRequests(app);
  await app.getByLabel('URL').fill(`${api.url}/limited`);
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(app.getByTestId('response-status')).toHaveText(/^429/);
  await nav(app, 'Services');
  await app.getByTestId('service-row').first().click();
  await expect(
    app
      .getByRole('status')
      .filter({ hasText: /^Rate limited until \d\d:\d\d:\d\d \(Key, http:\/\/127\.0\.0\.1:\d+\/limited\)$/ }),
  ).toBeVisible();
  await screenshot(app, 'service-rate-limited');
});
