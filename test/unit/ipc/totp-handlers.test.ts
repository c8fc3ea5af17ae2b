import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import { hotpCode, totpCode } from '../../../main/core/totp';
import { BridgeError, type LatchApi } from '../../../preload/api';
import type { TotpCodeItem } from '../../../preload/contract';
import { clientFor, composeForTest } from '../../support/compose-for-test';
import { migrationUri } from '../totp/helpers/migration-encoder';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/ACME:dev@acme.test?secret=${SECRET}&issuer=ACME`;
const ascii = (s: string) => new TextEncoder().encode(s);

let dir: string;
let latch: LatchApi;
let clipboard: MemoryClipboard;
let batches: { initial: boolean; items: TotpCodeItem[] }[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-totp-ipc-'));
  clipboard = new MemoryClipboard();
  const { dispatch, events } = composeForTest({
    dataDir: dir,
    clipboard,
  });
  latch = clientFor({ dispatch, events });
  batches = [];
  latch.totp.onCodes((b) => batches.push(b));
  await latch.vault.create({ password: 'a long enough test password', iterations: 100_000 });
});

afterEach(async () => {
  await latch.totp.unsubscribe({});
  rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof BridgeError ? e.code : 'other'),
  );

describe('totp channels', () => {
  it('adds from a link, lists without the secret, pushes live codes and copies in main', async () => {
    const preview = await latch.totp.parseUri({ uri: URI });
    expect(preview.preview).toMatchObject({ issuer: 'ACME', account: 'dev@acme.test', type: 'totp', digits: 6 });
    const { added } = await latch.totp.add({
      items: [{ serviceName: 'ACME', name: 'dev', source: { kind: 'uri', uri: URI } }],
    });
    expect(added).toHaveLength(1);
    const list = await latch.totp.list({});
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    expect(list[0]).toMatchObject({ serviceName: 'ACME', name: 'dev', issuer: 'ACME', period: 30 });

    const before = Date.now();
    await latch.totp.subscribe({ ids: [list[0]!.credentialId] });
    const after = Date.now();
    expect(batches).toHaveLength(1);
    const item = batches[0]!.items[0]!;
    expect(batches[0]!.initial).toBe(true);
    expect(JSON.stringify(batches)).not.toContain(SECRET);
    const candidates = [totpCode({ secret: SECRET }, before), totpCode({ secret: SECRET }, after)];
    expect(candidates).toContain(item.code);
    expect(item.next).toBe(totpCode({ secret: SECRET }, item.validUntilMs!));

    await latch.totp.copy({ serviceId: added[0]!.serviceId, credentialId: added[0]!.credentialId });
    expect([totpCode({ secret: SECRET }, Date.now()), totpCode({ secret: SECRET }, Date.now() - 1000)]).toContain(
      clipboard.text,
    );

    const qr = await latch.totp.showQr(added[0]!);
    expect(qr.uri).toContain(`secret=${SECRET}`);
    expect(qr.svg).toContain('<svg');

    // Locking stops the live codes.
    await latch.vault.lock({});
    expect(await code(latch.totp.list({}))).toBe('ERR_VAULT_LOCKED');
  });

  it('is all or nothing: one bad item saves none and creates no service', async () => {
    const result = await code(
      latch.totp.add({
        items: [
          { serviceName: 'Good', name: 'one', source: { kind: 'uri', uri: URI } },
          { serviceName: 'Bad', name: 'two', source: { kind: 'fields', fields: { secret: 'JBSW0Y3DPEHPK3PXP' } } },
        ],
      }),
    );
    expect(result).toBe('ERR_BAD_INPUT');
    expect(await latch.services.list({})).toEqual([]);
    const err = await latch.totp
      .add({
        items: [{ serviceName: 'Bad', name: 'x', source: { kind: 'fields', fields: { secret: 'JBSW0Y3DPEHPK3PXP' } } }],
      })
      .catch((e: BridgeError) => e);
    expect((err as BridgeError).detail).toMatchObject({ field: 'secret', position: 5, item: 0 });
  });

  it('refuses a duplicate name in the same service', async () => {
    const item = { serviceName: 'ACME', name: 'dev', source: { kind: 'uri' as const, uri: URI } };
    await latch.totp.add({ items: [item] });
    expect(await code(latch.totp.add({ items: [item] }))).toBe('ERR_BAD_INPUT');
    expect(
      await code(
        latch.totp.add({
          items: [
            { ...item, name: 'other' },
            { ...item, name: 'Other' },
          ],
        }),
      ),
    ).toBe('ERR_BAD_INPUT');
    expect(await latch.totp.list({})).toHaveLength(1);
  });

  it('imports the chosen accounts of a Google Authenticator export', async () => {
    const uri = migrationUri({
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 7,
      accounts: [
        { secret: ascii('12345678901234567890'), name: 'alice@example.com', issuer: 'Example', type: 2 },
        { secret: ascii('abcdefghijabcdefghij'), name: 'bob', issuer: 'Work', type: 1, counter: 3n },
        { secret: ascii('12345678901234567890'), name: 'md5', issuer: 'Old', algorithm: 4 },
      ],
    });
    const preview = await latch.totp.importMigration({ uri });
    expect(preview.accounts.map((a) => [a.issuer, a.account, a.ok])).toEqual([
      ['Example', 'alice@example.com', true],
      ['Work', 'bob', true],
      ['Old', 'md5', false],
    ]);
    expect(
      await code(
        latch.totp.add({ items: [{ serviceName: 'Old', name: 'md5', source: { kind: 'migration', uri, index: 2 } }] }),
      ),
    ).toBe('ERR_TOTP_INVALID');
    const { added } = await latch.totp.add({
      items: [0, 1].map((index) => ({
        serviceName: preview.accounts[index]!.issuer!,
        name: preview.accounts[index]!.account,
        source: { kind: 'migration' as const, uri, index },
      })),
    });
    expect(added).toHaveLength(2);
    const list = await latch.totp.list({});
    expect(list.map((e) => [e.serviceName, e.type, e.counter])).toEqual([
      ['Example', 'totp', 0],
      ['Work', 'hotp', 3],
    ]);

    // HOTP: next code uses the stored counter, saves it moved on, and copy gives that same code.
    const hotp = list.find((e) => e.type === 'hotp')!;
    const work = { serviceId: hotp.serviceId, credentialId: hotp.credentialId };
    const secret = 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK'; // base32 of "abcdefghijabcdefghij"
    const next = await latch.totp.nextHotp(work);
    expect(next).toEqual({ code: hotpCode({ secret }, 3), counter: 4 });
    await latch.totp.copy(work);
    expect(clipboard.text).toBe(next.code);
    expect((await latch.totp.list({})).find((e) => e.type === 'hotp')?.counter).toBe(4);
  });

  it('keeps recovery codes, masked, and crosses off the one used', async () => {
    const { id } = await latch.services.create({ service: { name: 'GitHub' } });
    expect(await latch.totp.backupCodes({ serviceId: id })).toMatchObject({ total: 0, credentialId: null });
    await latch.totp.setBackupCodes({ serviceId: id, text: '1. abcd-efgh-1111\n2. abcd-efgh-2222\n\n' });
    const codes = await latch.totp.backupCodes({ serviceId: id });
    expect(codes).toMatchObject({ total: 2, left: 2 });
    expect(JSON.stringify(codes)).not.toContain('1111');
    const used = await latch.totp.useBackupCode({ serviceId: id, index: 1 });
    expect(used.left).toBe(1);
    expect(clipboard.text).toBe('abcd-efgh-2222');
    expect((await latch.totp.backupCodes({ serviceId: id })).codes.map((c) => c.used)).toEqual([false, true]);
    expect(await code(latch.totp.useBackupCode({ serviceId: id, index: 1 }))).toBe('ERR_CONFLICT');
  });

  it('MFA lab: generates an enrolment and verifies codes with a window', async () => {
    const g = await latch.lab.generate({ issuer: 'Lab', account: 'me' });
    expect(g.uri).toContain(`secret=${g.secret}`);
    expect(g.svg).toContain('<svg');
    const now = Date.now();
    const current = totpCode({ secret: g.secret }, now);
    expect(await latch.lab.verify({ secret: g.secret, code: current, window: 1 })).toMatchObject({ valid: true });
    const late = totpCode({ secret: g.secret }, now - 30_000);
    const r = await latch.lab.verify({ uri: g.uri, code: late, window: 1 });
    expect(r.valid).toBe(true);
    expect([-1, 0]).toContain(r.delta);
    expect(await latch.lab.verify({ secret: g.secret, code: '000000x', window: 0 })).toEqual({
      valid: false,
      delta: null,
    });
    expect(await code(latch.lab.verify({ code: '123456' }))).toBe('ERR_BAD_INPUT');
  });
});
