/**
 * The OAuth request log against a short-lived-token server (a real HTTP server on 127.0.0.1
 * handing out 60 s tokens): one entry per HTTP exchange with its own status and outcome (a 400
 * is "failed", and so is a 200 that names an OAuth error), whole milliseconds, the server's
 * answer with every token masked in main, and the last five flows kept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { KEPT_FLOWS } from '../../../main/app/oauth/flow-logs';
import { RESPONSE_BODY_MAX } from '../../../main/core/oauth/request-log';
import { reply, type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { appForTest, createTestVault } from '../../support/app-for-test';

const dir = mkdtempSync(join(tmpdir(), 'latch-flow-log-'));
let server: ScriptedServer;
let app: AppServices;
let serviceId = '';
let credentialId = '';

const json = (status: number, body: unknown) =>
  reply(status, { 'content-type': 'application/json' }, JSON.stringify(body));
/** A 60 s token answer; every value in it is a secret the log must not keep. */
const tokens = (n: number) =>
  json(200, {
    access_token: `short-lived-access-${n}`,
    token_type: 'Bearer',
    expires_in: 60,
    refresh_token: `rotated-refresh-${n}`,
    scope: 'api',
  });

beforeAll(async () => {
  server = await startScriptedServer();
  app = appForTest(dir);
  await createTestVault(app);
  serviceId = await app.credentials.createService({ name: 'Short-lived' });
  credentialId = await app.credentials.addCredential(serviceId, {
    kind: 'oauth2',
    name: 'api',
    fields: {
      tokenEndpoint: `${server.url}/token`,
      clientId: 'short',
      clientSecret: 'client-secret-value',
      clientAuth: 'client_secret_post',
      grant: 'client_credentials',
    },
  });
});

afterAll(async () => {
  await app?.vault.lock(false);
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the OAuth request log', () => {
  it('a sign-in and a refresh: each exchange ok, in whole ms, the answer shown with its tokens masked', async () => {
    server.script(tokens(1), tokens(2));
    const info = await app.oauth.signIn(serviceId, credentialId);
    expect((info.expiresAt ?? 0) - (info.obtainedAt ?? 0)).toBe(60_000);
    await app.oauth.refresh(serviceId, credentialId);
    const [refresh, signIn] = app.oauth.logs(credentialId);
    expect(signIn?.flow).toBe('client_credentials');
    expect(refresh?.flow).toBe('refresh');
    for (const log of [signIn, refresh]) {
      expect(log?.outcome).toBe('ok');
      expect(log?.entries).toHaveLength(1);
      const entry = log?.entries[0];
      expect(entry).toMatchObject({ method: 'POST', status: 200, outcome: 'ok', url: `${server.url}/token` });
      expect(Number.isInteger(entry?.durationMs)).toBe(true);
      expect(entry?.responseBody).toContain('"access_token": "[redacted]"');
      expect(entry?.responseBody).toContain('"expires_in": 60');
      expect(entry?.requestBody).toContain('client_secret=%5Bredacted%5D');
    }
    const everything = JSON.stringify(app.oauth.logs(credentialId));
    for (const secret of ['short-lived-access', 'rotated-refresh', 'client-secret-value'])
      expect(everything).not.toContain(secret);
  });

  it('a refused call is "failed" with the server error and its description; a 200 naming an error too', async () => {
    server.script(json(400, { error: 'invalid_client', error_description: 'client is disabled' }));
    await expect(app.oauth.refresh(serviceId, credentialId)).rejects.toMatchObject({ code: 'ERR_OAUTH' });
    const [refused] = app.oauth.logs(credentialId);
    expect(refused).toMatchObject({ flow: 'refresh', outcome: 'failed' });
    expect(refused?.entries[0]).toMatchObject({ status: 400, outcome: 'failed', oauthError: 'invalid_client' });
    expect(refused?.entries[0]?.responseBody).toContain('client is disabled');

    // Some servers answer 200 with an error: the exchange is still a refusal.
    server.script(json(200, { error: 'invalid_scope' }));
    await expect(app.oauth.refresh(serviceId, credentialId)).rejects.toMatchObject({ code: 'ERR_OAUTH' });
    const [odd] = app.oauth.logs(credentialId);
    expect(odd?.entries[0]).toMatchObject({ status: 200, outcome: 'failed', oauthError: 'invalid_scope' });
  });

  it('a huge answer costs the log 4 KB, tokens in the cut text masked too; the last five flows are kept', async () => {
    const padding = 'x'.repeat(2 * 1024 * 1024);
    server.script(
      reply(
        200,
        { 'content-type': 'application/json' },
        `{"access_token":"huge-answer-token","token_type":"Bearer","expires_in":60,"pad":"${padding}"}`,
      ),
    );
    await app.oauth.refresh(serviceId, credentialId);
    const [huge] = app.oauth.logs(credentialId);
    const body = huge?.entries[0]?.responseBody ?? '';
    expect(body.length).toBeLessThan(RESPONSE_BODY_MAX + 100);
    expect(body).toContain('[cut at');
    expect(body).not.toContain('huge-answer-token');
    expect(app.oauth.logs(credentialId)).toHaveLength(KEPT_FLOWS);
  });
});
