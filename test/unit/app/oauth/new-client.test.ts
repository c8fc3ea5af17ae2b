/**
 * A new OAuth client from the dialog: the client authentication it asks for is the one stored
 * (and used by main's token calls), a secret method without a secret or a redirect off this
 * computer is refused before anything is saved, and the redirect URI to register is computed by
 * main from the listener's own rules, per preset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../main/app/app-services';
import {
  ANY_PORT_NOTE,
  applyPreset,
  FIXED_LOOPBACK_PORT,
  findPreset,
  PROVIDER_PRESETS,
} from '../../../../main/core/oauth';
import { appForTest, createTestVault } from '../../../support/app-for-test';

let dir: string;
let app: AppServices;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-new-client-'));
  app = appForTest(dir);
  await createTestVault(app);
});

afterAll(async () => {
  await app.vault.lock(false);
  rmSync(dir, { recursive: true, force: true });
});

async function fieldsOf(ids: { serviceId: string; credentialId: string }) {
  const { credential } = await app.credentials.credential(ids.serviceId, ids.credentialId);
  if (credential.kind !== 'oauth2') throw new Error('not oauth2');
  return credential.fields;
}

describe('a new OAuth client', () => {
  it('keeps the client authentication the form chose, even with a secret typed in', async () => {
    const ids = await app.oauth.createClient({
      serviceName: 'GitHub device',
      credentialName: 'GitHub',
      preset: 'github',
      clientId: 'Iv1.abc',
      clientSecret: 'kept but not sent',
      params: {},
      grant: 'device_code',
      clientAuth: 'none',
    });
    expect((await fieldsOf(ids)).clientAuth).toBe('none');
    const post = await app.oauth.createClient({
      serviceName: 'Custom post',
      credentialName: 'OAuth client',
      preset: 'custom',
      issuer: 'https://login.example.com',
      clientId: 'web',
      clientSecret: 's3cret',
      params: {},
      clientAuth: 'client_secret_post',
    });
    expect((await fieldsOf(post)).clientAuth).toBe('client_secret_post');
  });

  it('refuses a secret method without a secret, and a redirect that is not on this computer, saving nothing', async () => {
    const before = app.credentials.store().summaries().length;
    const base = { serviceName: 'Refused', credentialName: 'x', preset: 'github' as const, clientId: 'c', params: {} };
    await expect(app.oauth.createClient({ ...base, clientAuth: 'client_secret_basic' })).rejects.toMatchObject({
      code: 'ERR_BAD_INPUT',
      detail: { field: 'clientSecret' },
    });
    await expect(
      app.oauth.createClient({ ...base, clientAuth: 'none', redirectUri: 'https://evil.example/callback' }),
    ).rejects.toMatchObject({ code: 'ERR_BAD_INPUT', detail: { field: 'redirectUri' } });
    expect(app.credentials.store().summaries()).toHaveLength(before);
  });

  it('refuses a blank client name before the service is written: no service without its client, no save-failed banner', async () => {
    const before = app.credentials.store().summaries().length;
    const reasons: string[] = [];
    const off = app.events.on('vault.changed', (e) => reasons.push(e.reason));
    await expect(
      app.oauth.createClient({
        serviceName: 'Half',
        credentialName: '   ',
        preset: 'github',
        clientId: 'c',
        params: {},
      }),
    ).rejects.toMatchObject({ code: 'ERR_BAD_INPUT' });
    off();
    expect(app.credentials.store().summaries()).toHaveLength(before);
    expect(app.vault.status()).toMatchObject({ unsaved: false });
    expect(reasons).not.toContain('save-failed');
  });

  it('tells what redirect URI to register for each preset and for a hand-entered one', () => {
    const github = app.oauth.redirect('github');
    expect(github).toEqual({
      uri: 'http://127.0.0.1/callback',
      anyPort: true,
      note: findPreset('github')?.redirectNote,
    });
    // Entra ignores the port of a localhost redirect only: its preset uses localhost.
    expect(app.oauth.redirect('microsoft')).toMatchObject({ uri: 'http://localhost/callback', anyPort: true });
    expect(app.oauth.redirect('custom')).toEqual({
      uri: 'http://127.0.0.1/callback',
      anyPort: true,
      note: ANY_PORT_NOTE,
    });
    const fixed = app.oauth.redirect('custom', 'http://localhost:8765/oauth/done');
    expect(fixed).toMatchObject({ uri: 'http://localhost:8765/oauth/done', anyPort: false });
    expect(fixed.note).not.toBe(ANY_PORT_NOTE);
    expect(() => app.oauth.redirect('custom', 'http://192.168.1.5/callback')).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_INPUT' }),
    );
  });

  it("shows per preset the exact URI its sign-in listens on, and that provider's rule for the port", () => {
    const fixed = `http://127.0.0.1:${FIXED_LOOPBACK_PORT}/callback`;
    const expected: Record<string, { uri: string; anyPort: boolean }> = {
      // Documented or read in the server's code to accept any port on a loopback redirect.
      github: { uri: 'http://127.0.0.1/callback', anyPort: true },
      google: { uri: 'http://127.0.0.1/callback', anyPort: true },
      gitlab: { uri: 'http://127.0.0.1/callback', anyPort: true },
      keycloak: { uri: 'http://127.0.0.1/callback', anyPort: true },
      microsoft: { uri: 'http://localhost/callback', anyPort: true },
      // Not known to: one fixed port, so the URI registered is the URI sent.
      auth0: { uri: fixed, anyPort: false },
      okta: { uri: fixed, anyPort: false },
    };
    expect(PROVIDER_PRESETS.map((p) => p.id).sort()).toEqual(Object.keys(expected).sort());
    for (const preset of PROVIDER_PRESETS) {
      const shown = app.oauth.redirect(preset.id);
      expect(shown, preset.id).toEqual({ ...expected[preset.id], note: preset.redirectNote });
      // The note says why the port does not matter, or names the port to register and what to do if it is taken.
      if (shown.anyPort) expect(shown.note, preset.id).toMatch(/any port|ignores the port/);
      else expect(shown.note, preset.id).toMatch(new RegExp(`port ${FIXED_LOOPBACK_PORT}\\b.*type another`));
      // The credential the preset creates listens on exactly that URI.
      const params = Object.fromEntries(
        preset.params.map((p) => [
          p.name,
          p.name === 'baseUrl'
            ? 'https://sso.example.com'
            : p.name === 'tenant'
              ? 'contoso.example'
              : p.name === 'audience'
                ? ''
                : 'acme.example.com',
        ]),
      );
      const listensOn = applyPreset(preset.id, { clientId: 'c', params }).redirectUri;
      expect(app.oauth.redirect('custom', listensOn || undefined).uri, preset.id).toBe(shown.uri);
    }
    // A typed URI: an any-port preset's rule still holds for a portless one; a fixed-port preset's does not.
    expect(app.oauth.redirect('keycloak', 'http://127.0.0.1/kc').note).toBe(findPreset('keycloak')?.redirectNote);
    expect(app.oauth.redirect('auth0', 'http://127.0.0.1/cb')).toMatchObject({ anyPort: true, note: ANY_PORT_NOTE });
    expect(app.oauth.redirect('auth0', 'http://127.0.0.1:9000/cb')).toMatchObject({
      uri: 'http://127.0.0.1:9000/cb',
      anyPort: false,
    });
    expect(app.oauth.redirect('auth0', 'http://127.0.0.1:9000/cb').note).not.toBe(findPreset('auth0')?.redirectNote);
  });

  it('lists the redirect with each browser-grant credential, and none for a grant without a browser', async () => {
    const ids = await app.oauth.createClient({
      serviceName: 'Fixed redirect',
      credentialName: 'OAuth client',
      preset: 'custom',
      issuer: 'https://login.example.com',
      clientId: 'native',
      params: {},
      redirectUri: 'http://127.0.0.1:8765/cb',
    });
    const tokens = await app.oauth.tokens();
    const row = tokens.find((t) => t.credentialId === ids.credentialId);
    expect(row?.redirect).toMatchObject({ uri: 'http://127.0.0.1:8765/cb', anyPort: false });
    const device = tokens.find((t) => t.serviceName === 'GitHub device');
    expect(device?.redirect).toBeNull();
  });
});
