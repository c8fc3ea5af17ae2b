import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Composed } from '../../../main/ipc/compose';
import { composeForTest } from '../../support/compose-for-test';

let dir: string;
let app: Composed;
let serviceId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-events-'));
  app = composeForTest({ dataDir: dir });
  await app.services.vault.create({
    password: 'pw-pw-pw-pw',
    mode: 'password',
    quickUnlock: false,
    iterations: 100_000,
  });
  serviceId = await app.services.credentials.createService({ name: 'GitHub' });
});
afterAll(async () => {
  await app.services.vault.lock(false);
  rmSync(dir, { recursive: true, force: true });
});

/** The domain events a call emits (the adapter's input), and the contract events the renderer gets. */
async function eventsOf(call: () => Promise<unknown>) {
  const domain: string[] = [];
  const contract: string[] = [];
  const offA = app.services.events.subscribe((name) => domain.push(name));
  const offB = app.events.subscribe((name) => contract.push(name));
  try {
    await call();
  } finally {
    offA();
    offB();
  }
  return { domain, contract };
}

describe('every credential write announces itself once, from one place', () => {
  it('services and credentials channels', async () => {
    const c = app.services.credentials;
    const writes: (() => Promise<unknown>)[] = [
      () => c.updateService(serviceId, { name: 'GitHub', tags: ['git'] }),
      () => c.addCredential(serviceId, { kind: 'secret', name: 'token', fields: { name: 'token', value: 'x' } }),
    ];
    for (const w of writes) {
      const { domain, contract } = await eventsOf(w);
      expect(domain.filter((n) => n === 'credentials.changed')).toHaveLength(1);
      expect(contract.filter((n) => n === 'services.changed')).toHaveLength(1);
    }
  });

  it('totp.nextHotp, which used to be missed, reaches the renderer as services.changed', async () => {
    const id = await app.services.credentials.addCredential(serviceId, {
      kind: 'totp',
      name: 'hotp',
      fields: { secret: 'JBSWY3DPEHPK3PXP', type: 'hotp' },
    });
    const { contract } = await eventsOf(() => app.services.totp.nextHotp(serviceId, id));
    expect(contract).toContain('services.changed');
  });

  it('a read announces nothing', async () => {
    const { domain } = await eventsOf(async () => app.services.credentials.summaries());
    expect(domain).toEqual([]);
  });
});
