/**
 * An edit from the page that widens where a stored credential may be sent (a service's base URL on
 * another origin, hosts added to a credential) is saved only after the user says yes to main's question.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { Confirmation } from '../../../main/app/confirmation';
import { isLatchError } from '../../../main/core/model/errors';
import { appForTest, createTestVault } from '../../support/app-for-test';

describe('edits that widen where a credential goes', () => {
  let dir: string;
  let app: AppServices;
  let yes: boolean;
  let asked: Confirmation[];
  let serviceId: string;
  let credentialId: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'latch-binding-'));
    yes = false;
    asked = [];
    app = appForTest(dir, {
      confirmer: {
        confirm: async (q) => {
          asked.push(q);
          return yes;
        },
      },
    });
    await createTestVault(app);
    serviceId = await app.credentials.createService({ name: 'Stripe', baseUrl: 'https://api.stripe.com' });
    credentialId = await app.credentials.addCredential(serviceId, {
      kind: 'bearer',
      name: 'live',
      fields: { token: 'tok-live' },
    });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'saved',
      (e: unknown) => (isLatchError(e) ? e.code : String(e)),
    );
  const stored = async () => (await app.credentials.credential(serviceId, credentialId)).credential.hosts;

  it('a base URL on another origin: asked, naming it; a no moves nothing, a yes moves it', async () => {
    expect(await code(app.bindingEdits.updateService(serviceId, { baseUrl: 'https://evil.example' }))).toBe(
      'ERR_CANCELLED',
    );
    expect(asked.map((q) => q.title)).toEqual(["Send Stripe's credentials to https://evil.example?"]);
    expect((await app.credentials.body(serviceId)).baseUrl).toBe('https://api.stripe.com');
    yes = true;
    await app.bindingEdits.updateService(serviceId, { baseUrl: 'https://evil.example' });
    expect((await app.credentials.body(serviceId)).baseUrl).toBe('https://evil.example');
  });

  it('the same origin, another path, or other fields: nothing asked', async () => {
    await app.bindingEdits.updateService(serviceId, { baseUrl: 'https://api.stripe.com/v2', notes: 'n' });
    await app.bindingEdits.updateService(serviceId, { name: 'Stripe live' });
    expect(asked).toEqual([]);
  });

  it('hosts added to a credential: asked, naming them; a no adds nothing; keeping or removing asks nothing', async () => {
    expect(
      await code(app.bindingEdits.updateCredential(serviceId, credentialId, { hosts: ['files.evil.example'] })),
    ).toBe('ERR_CANCELLED');
    expect(asked.at(-1)?.title).toBe('Let Latch send Stripe / live to files.evil.example?');
    expect(await stored()).toEqual([]);
    yes = true;
    await app.bindingEdits.updateCredential(serviceId, credentialId, { hosts: ['files.stripe.com'] });
    expect(await stored()).toEqual(['files.stripe.com']);
    const before = asked.length;
    await app.bindingEdits.updateCredential(serviceId, credentialId, { hosts: ['files.stripe.com'], name: 'live 2' });
    await app.bindingEdits.updateCredential(serviceId, credentialId, { hosts: [] });
    expect(asked).toHaveLength(before);
  });

  it("names the page wrote are shown on one line: a name cannot push main's own words out of the question", async () => {
    // A page script renames freely; with line breaks (or a right-to-left override) in a name, the title could
    // read "Send … to https://api.stripe.com?" with the real origin far below, or reversed.
    const spoof = `live to https://api.stripe.com?${'\n'.repeat(40)}\u202e\u2028`;
    await app.credentials.updateCredential(serviceId, credentialId, { name: spoof });
    await app.credentials.updateService(serviceId, { name: `Stripe\r\n\u200f${'x'.repeat(110)}` });
    await code(app.bindingEdits.updateCredential(serviceId, credentialId, { hosts: ['files.evil.example'] }));
    await code(app.bindingEdits.updateService(serviceId, { baseUrl: 'https://evil.example' }));
    expect(asked).toHaveLength(2);
    for (const q of asked) {
      expect(q.title).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
      expect(q.title.length).toBeLessThan(200);
    }
    expect(asked[0]?.title).toMatch(/ to files\.evil\.example\?$/);
    expect(asked[1]?.title).toMatch(/ to https:\/\/evil\.example\?$/);
  });
});
