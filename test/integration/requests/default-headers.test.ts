/**
 * A service's default headers against httpbin, whose /headers echoes what arrived: the app's
 * RequestsService sends them, a header the user typed of the same name wins, one switched off for
 * the request is absent, another service's never come along, and "Copy as cURL" carries them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { ComposedInput } from '../../../main/app/requests/requests-service';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import { type HttpbinPeer, startHttpbin } from '../../peers/httpbin';
import { appForTest, createTestVault } from '../../support/app-for-test';

let dir: string;
let app: AppServices;
let clipboard: MemoryClipboard;
let httpbin: HttpbinPeer;
let rapid: string;
let other: string;
let credentialId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-default-headers-'));
  httpbin = await startHttpbin();
  clipboard = new MemoryClipboard();
  app = appForTest(dir, { clipboard });
  await createTestVault(app);
  rapid = await app.credentials.createService({
    name: 'rapid',
    baseUrl: httpbin.url,
    headers: [
      { name: 'X-RapidAPI-Host', value: 'weather.p.rapidapi.com' },
      { name: 'X-Api-Version', value: '2' },
      { name: 'X-Debug', value: 'on', enabled: false },
    ],
  });
  credentialId = await app.credentials.addCredential(rapid, {
    kind: 'api-key',
    name: 'key',
    fields: { value: 'rapid-key-7f3e', header: 'X-RapidAPI-Key' },
  });
  other = await app.credentials.createService({ name: 'other', baseUrl: httpbin.url });
}, 60_000);

afterAll(async () => {
  await app?.vault.lock(false);
  await httpbin?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** What httpbin says arrived: its /headers answer, names as it spells them. */
async function echoed(serviceId: string, request: Partial<ComposedInput> = {}): Promise<Record<string, string>> {
  const view = await app.requests.send({
    requestId: 'r1',
    serviceId,
    ...(serviceId === rapid ? { credentialId } : {}),
    request: { method: 'GET', url: '/headers', ...request },
    retry: undefined,
  });
  expect(view.status).toBe(200);
  if (view.body.kind !== 'text') throw new Error('httpbin answered without a text body');
  return (JSON.parse(view.body.text) as { headers: Record<string, string> }).headers;
}

describe("a service's default headers, sent from main", () => {
  it('arrive with every request to the service, beside the credential; one off by default does not', async () => {
    const h = await echoed(rapid);
    expect(h['X-Rapidapi-Host']).toBe('weather.p.rapidapi.com');
    expect(h['X-Api-Version']).toBe('2');
    expect(h['X-Debug']).toBeUndefined();
    expect(h['X-Rapidapi-Key']).toBe('[redacted]');
  });

  it('a header the user typed of the same name wins (any case); it goes once', async () => {
    const view = await app.requests.send({
      requestId: 'r2',
      serviceId: rapid,
      credentialId,
      request: { method: 'GET', url: '/headers', headers: [{ name: 'x-api-version', value: '3', enabled: true }] },
      retry: undefined,
    });
    const h = JSON.parse(view.body.kind === 'text' ? view.body.text : '{}').headers as Record<string, string>;
    expect(h['X-Api-Version']).toBe('3');
    expect(view.sentRedacted.headers.filter((x) => x.name.toLowerCase() === 'x-api-version')).toHaveLength(1);
  });

  it('one switched off for the request is absent; one off by default switched on goes', async () => {
    const h = await echoed(rapid, {
      serviceHeaders: [
        { name: 'X-RapidAPI-Host', enabled: false },
        { name: 'x-debug', enabled: true },
      ],
    });
    expect(h['X-Rapidapi-Host']).toBeUndefined();
    expect(h['X-Debug']).toBe('on');
    expect(h['X-Api-Version']).toBe('2');
  });

  it("another service's request carries none of them", async () => {
    const h = await echoed(other);
    expect(h['X-Rapidapi-Host']).toBeUndefined();
    expect(h['X-Api-Version']).toBeUndefined();
  });

  it('Copy as cURL carries what a send would: the defaults, less the one switched off', async () => {
    await app.requests.copyAs({
      serviceId: rapid,
      credentialId,
      request: { method: 'GET', url: '/headers', serviceHeaders: [{ name: 'X-Api-Version', enabled: false }] },
      format: 'curl',
      includeSecrets: false,
    });
    expect(clipboard.text).toContain('X-RapidAPI-Host: weather.p.rapidapi.com');
    expect(clipboard.text).not.toContain('X-Api-Version');
    expect(clipboard.text).not.toContain('rapid-key-7f3e');
  });
});
