import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { type HttpbinPeer, startHttpbin } from '../peers/httpbin';
import { reply, type ScriptedServer, startScriptedServer } from '../peers/scripted-server';
import { expect, screenshot, test } from './fixtures';
import { holdReplies } from './held-bridge';
import { holdEnterAndKeep } from './held-key';
import { createVaultThroughUi } from './vault-helpers';

let httpbin: HttpbinPeer;
test.beforeAll(async () => {
  httpbin = await startHttpbin();
});
test.afterAll(async () => {
  await httpbin?.stop();
});

type Host = Parameters<Parameters<typeof test>[2]>[0]['host'];

/** Setup only: the service and credential go in through the same dispatcher the UI uses. */
async function addService(host: Host, name: string, baseUrl: string, credential: Record<string, unknown>) {
  const ctx = { transport: 'browser-host' as const };
  const created = await host.composed.dispatch('services.create', { service: { name, baseUrl } }, ctx);
  if (!created.ok) throw new Error(`services.create: ${created.error.code}`);
  const serviceId = (created.value as { id: string }).id;
  const added = await host.composed.dispatch('credentials.add', { serviceId, ...credential }, ctx);
  if (!added.ok) throw new Error(`credentials.add: ${added.error.code}`);
  return serviceId;
}

/** A new vault with two services: "first" (listed first, so picked on load) and "httpbin", each with a key. */
async function twoServices(app: Page, host: Host) {
  await createVaultThroughUi(app);
  await addService(host, 'first', `${httpbin.url}/first`, {
    kind: 'api-key',
    name: 'First key',
    fields: { value: 'key-e2e-first', header: 'X-Api-Key' },
  });
  await addService(host, 'httpbin', httpbin.url, {
    kind: 'api-key',
    name: 'Main key',
    fields: { value: 'key-e2e-chosen', header: 'X-Api-Key' },
  });
}

async function openRequests(app: Page, service: string, baseUrl: string) {
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  await expect(app.getByRole('heading', { name: 'Requests' })).toBeVisible();
  await app.getByLabel('Service').selectOption({ label: service });
  // Choosing a service resets the URL to its base at once (CI once saw "BASE/http://…" when the reset
  // waited for the service's details and landed mid-fill).
  await expect(app.getByLabel('URL')).toHaveValue(`${baseUrl.replace(/\/+$/, '')}/`);
}

test('send a request signed with a stored API key and read the response', async ({ app, host }) => {
  await createVaultThroughUi(app);
  await addService(host, 'httpbin', httpbin.url, {
    kind: 'api-key',
    name: 'Main key',
    fields: { value: 'key-e2e-1234', header: 'X-Api-Key' },
  });
  await openRequests(app, 'httpbin', httpbin.url);
  await expect(app.getByLabel('Credential')).toHaveValue(/.+/);
  // The kind in the words of the service page, not the model's id ("api-key").
  await expect(app.getByLabel('Credential').locator('option', { hasText: 'Main key' })).toHaveText(
    'Main key · API key',
  );
  // The URL starts as the service's base URL.
  await expect(app.getByLabel('URL')).toHaveValue(`${httpbin.url}/`);
  await app.getByLabel('URL').fill(`${httpbin.url}/headers`);
  await app.getByRole('tab', { name: 'Headers' }).click();
  await app.getByRole('button', { name: 'Add row' }).click();
  await app.getByLabel('Headers name 1').fill('X-Trace');
  await app.getByLabel('Headers value 1').fill('e2e');
  await app.getByRole('button', { name: 'Send' }).click();

  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  // httpbin echoes what it received: the key went out, signed in main, and its echo is masked
  // before it reaches this window; the summary says so.
  const body = app.getByTestId('response-body');
  await expect(body).toContainText('"X-Api-Key": "[redacted]"');
  await expect(body).toContainText('"X-Trace": "e2e"');
  await expect(app.getByTestId('masked-note')).toHaveText('Echoed secret masked (1)');
  // Why, for the keyboard as for the pointer: the note is a button its explanation describes.
  await expect(app.getByTestId('masked-note')).toHaveAccessibleDescription(/sent back a secret of this request/);
  await expect(app.locator('body')).not.toContainText('key-e2e-1234');
  await screenshot(app, 'requests-response');
  await app.setViewportSize({ width: 900, height: 700 });
  await screenshot(app, 'requests-response-900');
  await app.setViewportSize({ width: 1280, height: 800 });

  // What we show of the sent request has the key redacted.
  await app.getByRole('tab', { name: 'Sent' }).click();
  const sent = app.getByTestId('sent-request');
  await expect(sent).toContainText('X-Api-Key: [redacted]');
  await expect(sent).not.toContainText('key-e2e-1234');

  // The send is in the history; it comes back with a click.
  await expect(app.getByRole('list', { name: 'History' }).getByRole('button')).toHaveCount(1);
  await expect(app.getByRole('list', { name: 'History' })).toContainText('/headers');

  // Binary bodies: an image is previewed.
  await app.getByLabel('URL').fill('/image/png');
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  await app.getByRole('region', { name: 'Response' }).getByRole('tab', { name: 'Body' }).click();
  await expect(app.getByRole('img', { name: 'Response body (image/png)' })).toBeVisible();
  await expect(app.getByRole('list', { name: 'History' }).getByRole('button')).toHaveCount(2);
});

test("a service's default headers: added in its dialog, sent, overridden or switched off per request, in cURL", async ({
  app,
}) => {
  await createVaultThroughUi(app);
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Services' }).click();
  await app.getByRole('button', { name: 'Add service', exact: true }).click();
  const d = app.locator('dialog[open]');
  await d.getByLabel('Service name', { exact: true }).fill('rapid');
  await d.getByLabel('Base URL (optional)', { exact: true }).fill(httpbin.url);
  await expect(d.getByText('Not secrets: they are stored and shown in clear')).toBeVisible();
  await d.getByRole('button', { name: 'Add header' }).click();
  // A name that carries a credential is flagged as it is typed (and refused by main on save).
  await d.getByLabel('Default header name 1').fill('Authorization');
  await expect(d.getByRole('alert')).toContainText('store its value as a credential');
  await d.getByLabel('Default header name 1').fill('X-RapidAPI-Host');
  await d.getByLabel('Default header value 1').fill('weather.p.rapidapi.com');
  await expect(d.getByRole('alert')).toHaveCount(0);
  await d.getByRole('button', { name: 'Add service' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'rapid' })).toBeVisible();
  await expect(app.getByRole('list', { name: 'Default headers' })).toHaveText(
    'X-RapidAPI-Host: weather.p.rapidapi.com',
  );

  await openRequests(app, 'rapid', httpbin.url);
  await app.getByLabel('URL').fill(`${httpbin.url}/headers`);
  const tab = app.getByRole('form', { name: 'Compose request' }).getByRole('tab', { name: /^Headers/ });
  await expect(tab).toHaveText('Headers (1)');
  await tab.click();
  const fromService = app.getByRole('group', { name: 'Default headers' });
  await expect(fromService).toContainText('X-RapidAPI-Host');
  await expect(fromService).toContainText('from the service');
  const send = async () => {
    await app.getByRole('button', { name: 'Send' }).click();
    await expect(app.getByTestId('response-status')).toHaveText('200 OK');
    return app.getByTestId('response-body');
  };
  await expect(await send()).toContainText('"X-Rapidapi-Host": "weather.p.rapidapi.com"');
  await screenshot(app, 'requests-service-headers');
  await app.setViewportSize({ width: 900, height: 700 });
  await screenshot(app, 'requests-service-headers-900');
  await app.setViewportSize({ width: 1280, height: 800 });

  // Override: the user's row of the same name wins, and only it goes.
  await app.getByRole('button', { name: 'Override X-RapidAPI-Host for this request' }).click();
  await app.getByLabel('Headers value 1').fill('other.p.rapidapi.com');
  await expect(fromService).toContainText('your header wins');
  const overridden = await send();
  await expect(overridden).toContainText('"X-Rapidapi-Host": "other.p.rapidapi.com"');
  await expect(overridden).not.toContainText('weather.p.rapidapi.com');

  // Off for this request: not sent, and not in the cURL; on again: in the cURL.
  await app.getByRole('button', { name: 'Remove headers row 1' }).click();
  await app.getByLabel('Send default header X-RapidAPI-Host').uncheck();
  await expect(tab).toHaveText('Headers');
  await expect(await send()).not.toContainText('X-Rapidapi-Host');
  await app.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect.poll(readClipboard).toContain(`${httpbin.url}/headers`);
  expect(readClipboard()).not.toContain('X-RapidAPI-Host');
  await app.getByLabel('Send default header X-RapidAPI-Host').check();
  await app.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect.poll(readClipboard).toContain('X-RapidAPI-Host: weather.p.rapidapi.com');

  // No service: no service headers.
  await app.getByLabel('Service', { exact: true }).selectOption({ label: 'No service (unsigned)' });
  await expect(fromService).toHaveCount(0);
});

function readClipboard(): string {
  try {
    return execFileSync('xclip', ['-selection', 'clipboard', '-out'], { encoding: 'utf8', timeout: 3000 });
  } catch {
    return ''; // xclip exits non-zero while the clipboard is empty
  }
}

test('what goes out is the URL on screen, to a host the credential is bound to: no stale param, and another host asks first', async ({
  app,
  host,
}) => {
  const stranger: ScriptedServer = await startScriptedServer();
  stranger.fallback = reply(200, { 'content-type': 'text/plain' }, 'got it');
  try {
    await staleParamsAndHostPrompt(app, host, stranger);
  } finally {
    await stranger.close();
  }
});

async function staleParamsAndHostPrompt(app: Page, host: Host, stranger: ScriptedServer) {
  await createVaultThroughUi(app);
  const key = { kind: 'api-key', name: 'key', fields: { value: 'stale-e2e-key', header: 'X-Api-Key' } };
  await addService(host, 'echo', httpbin.url, key);
  await addService(host, 'other', `${httpbin.url}/anything`, key);
  await openRequests(app, 'echo', httpbin.url);
  const url = app.getByLabel('URL');
  const params = app.getByRole('tab', { name: /Params/ });

  // A first URL with a query fills the table; a second URL replaces it, rows and all.
  await url.fill(`${httpbin.url}/get?stale=leak-1&page=1`);
  await expect(params).toHaveText('Params (2)');
  await url.fill(`${httpbin.url}/get?fresh=1`);
  await expect(params).toHaveText('Params (1)');
  await expect(app.getByLabel('Query parameters name 1')).toHaveValue('fresh');

  // Editing a row rewrites the URL; an unticked row leaves it.
  await app.getByRole('button', { name: 'Add parameter' }).click();
  await app.getByLabel('Query parameters name 2').fill('q');
  await app.getByLabel('Query parameters value 2').fill('a b');
  await expect(url).toHaveValue(`${httpbin.url}/get?fresh=1&q=a%20b`);
  await app.getByLabel('Send query parameters row 1').uncheck();
  await expect(url).toHaveValue(`${httpbin.url}/get?q=a%20b`);

  await app.getByRole('button', { name: 'Send' }).click();
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  const body = app.getByTestId('response-body');
  await expect(body).toContainText('"q": "a b"');
  await expect(body).not.toContainText('stale');
  await expect(body).not.toContainText('fresh');

  // Copy as cURL carries the same URL, and nothing stale.
  await app.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect.poll(readClipboard).toContain(`${httpbin.url}/get?q=a%20b`);
  expect(readClipboard()).not.toMatch(/stale|fresh/);
  expect(readClipboard()).toContain('[redacted]');
  // With "Include secrets" the copy goes through the gesture channel: the click is the gesture.
  await app.getByLabel('Include secrets').check();
  await app.getByRole('button', { name: 'Copy as cURL' }).click();
  await expect.poll(readClipboard).toContain('X-Api-Key: stale-e2e-key');
  await app.getByLabel('Include secrets').uncheck();

  // Another service starts at its own base URL with no params.
  await app.getByLabel('Service').selectOption({ label: 'other' });
  await expect(url).toHaveValue(`${httpbin.url}/anything/`);
  await expect(params).toHaveText('Params');
  await screenshot(app, 'requests-params');

  // Host binding: another host (here another port on this machine) asks first; nothing goes out before.
  const strangerHost = `127.0.0.1:${stranger.port}`;
  await url.fill(`${stranger.url}/collect`);
  await app.getByRole('button', { name: 'Send' }).click();
  const prompt = app.getByRole('dialog', { name: `Send key to ${strangerHost}?` });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByTestId('host-prompt-text')).toContainText(`http://${strangerHost}`);
  expect(stranger.seen).toHaveLength(0);
  // While the prompt asks, it is all that is said: no refusal behind it.
  await expect(app.getByRole('alert').filter({ hasText: 'Nothing was sent' })).toHaveCount(0);
  await screenshot(app, 'requests-host-prompt');
  await app.setViewportSize({ width: 900, height: 700 });
  await screenshot(app, 'requests-host-prompt-900');
  await app.setViewportSize({ width: 1280, height: 800 });
  await prompt.getByRole('button', { name: "Don't send" }).click();
  await expect(prompt).toBeHidden();
  await expect(app.getByRole('alert')).toContainText('Nothing was sent: this would send');
  expect(stranger.seen).toHaveLength(0);

  // The page's "Send to this host" is not enough: main asks too, naming the origin; a no there sends nothing.
  await app.getByRole('button', { name: 'Send' }).click();
  await prompt.getByRole('button', { name: 'Send to this host' }).click();
  expect((await host.confirmations.answerNext(false)).title).toBe(`Send other / key to http://${strangerHost}?`);
  await expect(prompt).toBeHidden();
  await expect(app.getByRole('alert')).toContainText(
    `Nothing was sent: this would send "key" to http://${strangerHost}`,
  );
  expect(stranger.seen).toHaveLength(0);

  // The yes is remembered for this credential and this host: the next send does not ask.
  await app.getByRole('button', { name: 'Send' }).click();
  await prompt.getByRole('button', { name: 'Send to this host' }).click();
  await host.confirmations.answerNext(true);
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  expect(stranger.seen.map((r) => r.headers['x-api-key'])).toEqual(['stale-e2e-key']);
  await app.getByRole('button', { name: 'Send' }).click();
  await expect.poll(() => stranger.seen.length).toBe(2);
  await expect(prompt).toBeHidden();

  // The credential's view lists the approval; Forget drops it, and the next send asks again.
  await app.getByRole('button', { name: 'Services', exact: true }).click();
  await app.getByTestId('service-row').filter({ hasText: 'other' }).click();
  const approved = app.getByTestId('credential-approved-origins');
  await expect(approved).toHaveText(new RegExp(`http://${strangerHost.replace(/\./g, '\\.')}`));
  await screenshot(app, 'service-approved-hosts');
  await approved.getByRole('button', { name: `Forget http://${strangerHost}` }).click();
  await expect(approved).toBeHidden();
  await openRequests(app, 'other', `${httpbin.url}/anything`);
  await expect(url).toHaveValue(`${httpbin.url}/anything/`);
  await url.fill(`${stranger.url}/after-forget`);
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: "Don't send" }).click();
  expect(stranger.seen).toHaveLength(2);
}

test('a retried request shows each attempt on the timeline', async ({ app, host }) => {
  const server: ScriptedServer = await startScriptedServer();
  try {
    server.script(
      reply(503, { 'retry-after': '1' }, 'busy'),
      reply(200, { 'content-type': 'application/json' }, '{"ok":true}'),
    );
    await createVaultThroughUi(app);
    await addService(host, 'flaky', server.url, {
      kind: 'bearer',
      name: 'token',
      fields: { token: 'bearer-e2e-secret' },
    });
    await openRequests(app, 'flaky', server.url);
    await app.getByLabel('URL').fill(`${server.url}/jobs`);
    await app.getByRole('tab', { name: 'Options' }).click();
    await app.getByLabel('Max attempts').fill('3');
    await app.getByRole('button', { name: 'Send' }).click();
    // While it waits out Retry-After, the first attempt is already on the timeline.
    await expect(app.getByTestId('timeline-attempt').first()).toContainText('503');
    await expect(app.getByTestId('response-status')).toHaveText('200 OK', { timeout: 15_000 });
    await app.getByRole('tab', { name: /Timeline/ }).click();
    const attempts = app.getByTestId('timeline-attempt');
    await expect(attempts).toHaveCount(2);
    await expect(attempts.nth(0)).toContainText('503');
    await expect(attempts.nth(1)).toContainText('200');
    await expect(attempts.nth(1)).toContainText(/waited 1\.\d\d s/);
    await expect(attempts.nth(1)).toContainText('Retry-After');
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]?.headers.authorization).toBe('Bearer bearer-e2e-secret');
    await app.getByRole('region', { name: 'Response' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(app, 'requests-timeline');
  } finally {
    await server.close();
  }
});

test('the audit reads rate limits, challenges and security headers', async ({ app, host }) => {
  await createVaultThroughUi(app);
  await addService(host, 'audited', httpbin.url, {
    kind: 'basic',
    name: 'login',
    fields: { username: 'alice', password: 'pw-e2e' },
  });
  await openRequests(app, 'audited', httpbin.url);
  // The query typed in the URL shows in the Params table too (one state).
  await app
    .getByLabel('URL')
    .fill(
      `${httpbin.url}/response-headers?X-RateLimit-Limit=100&X-RateLimit-Remaining=7&WWW-Authenticate=Bearer%20error%3D%22invalid_token%22&X-Content-Type-Options=nosniff`,
    );
  await expect(app.getByLabel('Query parameters name 3')).toHaveValue('WWW-Authenticate');
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  await app.getByRole('tab', { name: 'Audit' }).click();
  const audit = app.locator('.audit');
  await expect(audit).toContainText('No: plain HTTP');
  await expect(audit.getByText('Remaining', { exact: true })).toBeVisible();
  await expect(audit).toContainText('X-RateLimit-Limit');
  await expect(audit).toContainText('invalid_token');
  await expect(audit.getByRole('row', { name: /X-Content-Type-Options/ })).toContainText('present');
  await expect(audit.getByRole('row', { name: /Content-Security-Policy/ })).toContainText('missing');
  await app.getByRole('region', { name: 'Response' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(app, 'requests-audit');
});

test('JSON body errors show their position; turning TLS verification off warns', async ({ app }) => {
  await createVaultThroughUi(app);
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  await app.getByRole('tab', { name: /Body/ }).click();
  await app.getByRole('button', { name: 'JSON' }).click();
  await app.getByLabel('JSON body').fill('{\n  "a": 1,\n  "b": }');
  await expect(app.getByRole('alert')).toContainText('line 3, column 8');
  await app.getByRole('tab', { name: 'Options' }).click();
  await app.getByLabel('Verify TLS certificates').uncheck();
  await expect(app.getByText('TLS verification is off')).toBeVisible();
});

test('cancel stops a request in flight; a saved request comes back with a click', async ({ app, host }) => {
  const server: ScriptedServer = await startScriptedServer();
  try {
    server.script(() => undefined); // never answers
    await createVaultThroughUi(app);
    await addService(host, 'slow', server.url, { kind: 'bearer', name: 'token', fields: { token: 'slow-secret' } });
    await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
    // The first service is chosen for the user, with its first credential that can sign.
    await expect(app.getByLabel('Service')).toHaveValue(/.+/);
    await expect(app.getByLabel('Credential')).toHaveValue(/.+/);
    await app.getByLabel('URL').fill('/never');
    await app.getByRole('button', { name: 'Send' }).click();
    await expect(app.getByText('Sending…')).toBeVisible();
    await app.getByRole('button', { name: 'Cancel' }).click();
    await expect(app.getByRole('alert')).toHaveText('The request was cancelled.');
    await expect(app.getByRole('list', { name: 'History' })).toContainText('cancelled');

    await app.getByLabel('Name to save as').fill('Never answers');
    await app.getByRole('button', { name: 'Save request' }).click();
    await expect(app.getByRole('button', { name: 'GET Never answers' })).toBeVisible();
    await app.getByLabel('URL').fill('/something-else');
    await app.getByRole('button', { name: 'GET Never answers' }).click();
    await expect(app.getByLabel('URL')).toHaveValue('/never');
  } finally {
    await server.close();
  }
});

test('HTTPS with a self-signed certificate: refused, then sent with verification off and audited', async ({
  app,
  host,
}) => {
  const fixtures = join(import.meta.dirname, '../fixtures/http');
  const server: ScriptedServer = await startScriptedServer({
    key: readFileSync(join(fixtures, 'localhost-key.pem'), 'utf8'),
    cert: readFileSync(join(fixtures, 'localhost-cert.pem'), 'utf8'),
  });
  server.fallback = reply(200, { 'strict-transport-security': 'max-age=31536000' }, 'secure');
  try {
    await createVaultThroughUi(app);
    await addService(host, 'tls', server.url, { kind: 'bearer', name: 'token', fields: { token: 'tls-secret' } });
    await openRequests(app, 'tls', server.url);
    await app.getByLabel('URL').fill('/');
    await app.getByRole('button', { name: 'Send' }).click();
    await expect(app.getByRole('alert')).toContainText('the server certificate is self-signed');
    expect(server.seen).toHaveLength(0);

    await app.getByRole('tab', { name: 'Options' }).click();
    await app.getByLabel('Verify TLS certificates').uncheck();
    await app.getByRole('button', { name: 'Send' }).click();
    await expect(app.getByTestId('response-status')).toHaveText('200 OK');
    await app.getByRole('tab', { name: 'Audit' }).click();
    const audit = app.locator('.audit');
    await expect(audit.getByText('Certificate', { exact: true })).toBeVisible();
    await expect(audit).toContainText('Trusted');
    await expect(audit).toContainText(/No: /);
    await expect(audit.getByRole('row', { name: /Strict-Transport-Security/ })).toContainText('present');
    await app.getByRole('region', { name: 'Response' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(app, 'requests-audit-https');
  } finally {
    await server.close();
  }
});

test("a URL typed before the page's own pick of the first service is kept, and the request goes there", async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await addService(host, 'httpbin', `${httpbin.url}/base`, {
    kind: 'api-key',
    name: 'Main key',
    fields: { value: 'key-e2e-pick', header: 'X-Api-Key' },
  });
  // The service list is slow: the user types before the page can pick the first service.
  const bridge = await holdReplies(app, ['services.list']);
  await app.reload();
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  const url = app.getByLabel('URL');
  const typed = `${httpbin.url}/anything/typed`;
  await url.fill(typed);
  expect(bridge.heldCount('services.list')).toBeGreaterThan(0);
  bridge.release('services.list');
  const service = app.getByLabel('Service', { exact: true });
  await expect(service.getByRole('option', { name: 'httpbin' })).toHaveCount(1);
  await bridge.settled();
  // The request stays as the user wrote it: their URL, and no service (nothing signs it).
  await expect(url).toHaveValue(typed);
  await expect(service).toHaveValue('');
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  await expect(app.getByTestId('response-body')).toContainText('/anything/typed');
  await expect(app.getByTestId('response-body')).not.toContainText('X-Api-Key');
});

test('a URL typed while the chosen service is still loading is kept: the base URL is set when the service is chosen', async ({
  app,
  host,
}) => {
  await twoServices(app, host);
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  const url = app.getByLabel('URL');
  await expect(url).toHaveValue(`${httpbin.url}/first/`);
  // The chosen service's details are slow; its base URL is in the field at once all the same.
  const bridge = await holdReplies(app, ['services.get']);
  await app.reload();
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  await expect(url).toHaveValue(`${httpbin.url}/first/`);
  await app.getByLabel('Service', { exact: true }).selectOption({ label: 'httpbin' });
  await expect(url).toHaveValue(`${httpbin.url}/`);
  const typed = `${httpbin.url}/anything/chosen`;
  await url.fill(typed);
  expect(bridge.heldCount('services.get')).toBeGreaterThan(0);
  bridge.release('services.get');
  await expect(app.getByLabel('Credential')).toHaveValue(/.+/);
  await bridge.settled();
  await expect(url).toHaveValue(typed);
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(app.getByTestId('response-status')).toHaveText('200 OK');
  await expect(app.getByTestId('response-body')).toContainText('/anything/chosen');
  // Signed with the chosen service's key (masked in the echo).
  await expect(app.getByTestId('response-body')).toContainText('"X-Api-Key": "[redacted]"');
});

test('a slow answer for the service chosen before does not put its credentials under the one chosen now', async ({
  app,
  host,
}) => {
  await twoServices(app, host);
  const bridge = await holdReplies(app, ['services.get']);
  await app.reload();
  await app.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Requests' }).click();
  // The first service is picked on load; its details are held. The user chooses the other one.
  await expect.poll(() => bridge.heldCount('services.get')).toBeGreaterThan(0);
  const forFirst = bridge.heldCount('services.get');
  await app.getByLabel('Service', { exact: true }).selectOption({ label: 'httpbin' });
  await expect.poll(() => bridge.heldCount('services.get')).toBeGreaterThan(forFirst);
  // The chosen service's answer comes first, the earlier one's after it.
  bridge.release('services.get', 'newest-first');
  await bridge.settled();
  const credential = app.getByLabel('Credential');
  await expect(credential.getByRole('option', { name: /Main key/ })).toHaveCount(1);
  await expect(credential.getByRole('option', { name: /First key/ })).toHaveCount(0);
});

test('holding Enter on Send sends once: the key repeats are not refused sends that replace the response', async ({
  app,
  host,
}) => {
  await createVaultThroughUi(app);
  await addService(host, 'httpbin', httpbin.url, {
    kind: 'api-key',
    name: 'Main key',
    fields: { value: 'key-e2e-held', header: 'X-Api-Key' },
  });
  await openRequests(app, 'httpbin', httpbin.url);
  await app.getByLabel('URL').fill(`${httpbin.url}/anything/held`);
  await app.getByRole('button', { name: 'Send' }).focus();
  await holdEnterAndKeep(app, () => expect(app.getByTestId('response-status')).toHaveText('200 OK'));
});
