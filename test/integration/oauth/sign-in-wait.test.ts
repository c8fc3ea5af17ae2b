/**
 * A browser sign-in that waits long says what it waits for, and Cancel ends it in main: the
 * loopback listener's port is closed afterwards. The patience is set to a few milliseconds here
 * (two minutes in the app); nothing sleeps, the test polls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { appForTest, createTestVault } from '../../support/app-for-test';

const dir = mkdtempSync(join(tmpdir(), 'latch-sign-in-wait-'));
let app: AppServices;
const opened: string[] = [];

beforeAll(async () => {
  // The "browser" takes the URL and the user never comes back.
  app = appForTest(dir, { browser: { open: async (url) => void opened.push(url) }, signInPatienceMs: 20 });
  await createTestVault(app);
});

afterAll(async () => {
  await app?.vault.lock(false);
  rmSync(dir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('timed out');
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('a long browser sign-in', () => {
  it('names the host it waits for, and Cancel closes the loopback port', async () => {
    const serviceId = await app.credentials.createService({ name: 'Slow IdP' });
    const credentialId = await app.credentials.addCredential(serviceId, {
      kind: 'oauth2',
      name: 'desk',
      fields: {
        authorizationEndpoint: 'https://login.slow.example:8443/authorize',
        tokenEndpoint: 'https://login.slow.example:8443/token',
        clientId: 'desk',
      },
    });
    const signingIn = app.oauth.signIn(serviceId, credentialId).catch((e: unknown) => e);
    const info = await until(
      async () => (await app.oauth.tokens()).find((t) => t.credentialId === credentialId),
      (t) => t?.waitingFor != null,
    );
    expect(info).toMatchObject({
      busy: true,
      waitingFor: 'Waiting for you to approve in the browser at login.slow.example:8443…',
    });
    const redirect = new URL(new URL(opened[0] ?? '').searchParams.get('redirect_uri') ?? '');
    const port = Number(redirect.port);
    // What the screen told the user to register is what went out, but for the port of this sign-in.
    expect(info?.redirect).toMatchObject({ uri: 'http://127.0.0.1/callback', anyPort: true });
    expect(`${redirect.protocol}//${redirect.hostname}${redirect.pathname}`).toBe(info?.redirect?.uri);
    expect(await portOpen(port)).toBe(true);

    app.oauth.cancel(credentialId);
    expect(await signingIn).toMatchObject({ code: 'ERR_CANCELLED' });
    expect(await portOpen(port)).toBe(false);
    const after = (await app.oauth.tokens()).find((t) => t.credentialId === credentialId);
    expect(after).toMatchObject({ busy: false, waitingFor: null });
  });
});
