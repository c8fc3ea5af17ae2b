import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import type { TotpCodeItem } from '../../../main/app/totp/totp-live';
import { MemoryClipboard } from '../../../main/core/clipboard/memory-clipboard';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { isLatchError, LatchError } from '../../../main/core/model/errors';
import { systemClock } from '../../../main/core/platform';
import { hotpCode, totpCode } from '../../../main/core/totp';
import { openVault } from '../../../main/core/vault/open';
import { appForTest, createTestVault, TEST_PASSWORD } from '../../support/app-for-test';
import { migrationUri } from '../totp/helpers/migration-encoder';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/ACME:dev@acme.test?secret=${SECRET}&issuer=ACME`;
const ascii = (s: string) => new TextEncoder().encode(s);

let dir: string;
let app: AppServices;
let clipboard: MemoryClipboard;
let batches: { initial: boolean; items: TotpCodeItem[] }[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-totp-app-'));
  clipboard = new MemoryClipboard();
  app = appForTest(dir, { clipboard });
  batches = [];
  app.events.on('totp.codes', (b) => batches.push(b));
  await createTestVault(app);
});

afterEach(async () => {
  app.totp.unsubscribe();
  await app.vault.lock(false).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown> | (() => unknown)) =>
  (typeof p === 'function' ? Promise.resolve().then(p) : p).then(
    () => 'resolved',
    (e: unknown) => (isLatchError(e) ? e.code : 'other'),
  );

describe('the totp service', () => {
  it('adds from a link, lists without the secret, pushes live codes and copies in main', async () => {
    const preview = app.totp.parseUri(URI);
    expect(preview.preview).toMatchObject({ issuer: 'ACME', account: 'dev@acme.test', type: 'totp', digits: 6 });
    const { added } = await app.totp.add([{ serviceName: 'ACME', name: 'dev', source: { kind: 'uri', uri: URI } }]);
    expect(added).toHaveLength(1);
    const list = await app.totp.list();
    expect(list).toHaveLength(1);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    expect(list[0]).toMatchObject({ serviceName: 'ACME', name: 'dev', issuer: 'ACME', period: 30 });

    const before = Date.now();
    await app.totp.subscribe([list[0]!.credentialId]);
    const after = Date.now();
    expect(batches).toHaveLength(1);
    const item = batches[0]!.items[0]!;
    expect(batches[0]!.initial).toBe(true);
    expect(JSON.stringify(batches)).not.toContain(SECRET);
    const candidates = [totpCode({ secret: SECRET }, before), totpCode({ secret: SECRET }, after)];
    expect(candidates).toContain(item.code);
    expect(item.next).toBe(totpCode({ secret: SECRET }, item.validUntilMs!));

    await app.totp.copy(added[0]!.serviceId, added[0]!.credentialId);
    expect([totpCode({ secret: SECRET }, Date.now()), totpCode({ secret: SECRET }, Date.now() - 1000)]).toContain(
      clipboard.text,
    );

    const qr = await app.totp.showQr(added[0]!.serviceId, added[0]!.credentialId);
    expect(qr.uri).toContain(`secret=${SECRET}`);
    expect(qr.svg).toContain('<svg');

    // Locking stops the live codes.
    await app.vault.lock(false);
    expect(await code(app.totp.list())).toBe('ERR_VAULT_LOCKED');
  });

  it('is all or nothing: one bad item saves none and creates no service', async () => {
    const result = await code(
      app.totp.add([
        { serviceName: 'Good', name: 'one', source: { kind: 'uri', uri: URI } },
        { serviceName: 'Bad', name: 'two', source: { kind: 'fields', fields: { secret: 'JBSW0Y3DPEHPK3PXP' } } },
      ]),
    );
    expect(result).toBe('ERR_BAD_INPUT');
    expect(app.credentials.summaries()).toEqual([]);
    const err = await app.totp
      .add([{ serviceName: 'Bad', name: 'x', source: { kind: 'fields', fields: { secret: 'JBSW0Y3DPEHPK3PXP' } } }])
      .catch((e: unknown) => e);
    expect(isLatchError(err) && err.detail).toMatchObject({ field: 'secret', position: 5, item: 0 });
  });

  it('refuses a duplicate name in the same service', async () => {
    const item = { serviceName: 'ACME', name: 'dev', source: { kind: 'uri' as const, uri: URI } };
    await app.totp.add([item]);
    expect(await code(app.totp.add([item]))).toBe('ERR_BAD_INPUT');
    expect(
      await code(
        app.totp.add([
          { ...item, name: 'other' },
          { ...item, name: 'Other' },
        ]),
      ),
    ).toBe('ERR_BAD_INPUT');
    expect(await app.totp.list()).toHaveLength(1);
  });

  it('joins the service an issuer names, however the issuer spells it, and makes no second one', async () => {
    const id = await app.credentials.createService({ name: 'Acme Corp', baseUrl: 'https://acme.example' });
    const source = { kind: 'uri' as const, uri: URI };
    await app.totp.add([
      { serviceName: 'acme-corp', name: 'one', source },
      { serviceName: 'ACME CORP.', name: 'two', source },
      { serviceName: 'Elsewhere', name: 'three', source },
    ]);
    const list = await app.totp.list();
    expect(list.filter((e) => e.serviceId === id).map((e) => e.name)).toEqual(['one', 'two']);
    expect(list.filter((e) => e.serviceId !== id).map((e) => e.serviceName)).toEqual(['Elsewhere']);
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
    const preview = app.totp.importMigration(uri);
    expect(preview.accounts.map((a) => [a.issuer, a.account, a.ok])).toEqual([
      ['Example', 'alice@example.com', true],
      ['Work', 'bob', true],
      ['Old', 'md5', false],
    ]);
    expect(
      await code(app.totp.add([{ serviceName: 'Old', name: 'md5', source: { kind: 'migration', uri, index: 2 } }])),
    ).toBe('ERR_TOTP_INVALID');
    const { added } = await app.totp.add(
      [0, 1].map((index) => ({
        serviceName: preview.accounts[index]!.issuer!,
        name: preview.accounts[index]!.account,
        source: { kind: 'migration' as const, uri, index },
      })),
    );
    expect(added).toHaveLength(2);
    const list = await app.totp.list();
    expect(list.map((e) => [e.serviceName, e.type, e.counter])).toEqual([
      ['Example', 'totp', 0],
      ['Work', 'hotp', 3],
    ]);

    // HOTP: next code uses the stored counter, saves it moved on, and copy gives that same code.
    const hotp = list.find((e) => e.type === 'hotp')!;
    const work = { serviceId: hotp.serviceId, credentialId: hotp.credentialId };
    const secret = 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK'; // base32 of "abcdefghijabcdefghij"
    const next = await app.totp.nextHotp(work.serviceId, work.credentialId);
    expect(next).toEqual({ code: hotpCode({ secret }, 3), counter: 4, saved: true });
    await app.totp.copy(work.serviceId, work.credentialId);
    expect(clipboard.text).toBe(next.code);
    expect((await app.totp.list()).find((e) => e.type === 'hotp')?.counter).toBe(4);
  });

  it('keeps recovery codes, masked, and crosses off the one used', async () => {
    const id = await app.credentials.createService({ name: 'GitHub' });
    expect(await app.totp.backupCodes(id)).toMatchObject({ total: 0, credentialId: null });
    await app.totp.setBackupCodes(id, '1. abcd-efgh-1111\n2. abcd-efgh-2222\n\n');
    const codes = await app.totp.backupCodes(id);
    expect(codes).toMatchObject({ total: 2, left: 2 });
    expect(JSON.stringify(codes)).not.toContain('1111');
    const used = await app.totp.useBackupCode(id, 1);
    expect(used.left).toBe(1);
    expect(clipboard.text).toBe('abcd-efgh-2222');
    expect((await app.totp.backupCodes(id)).codes.map((c) => c.used)).toEqual([false, true]);
    expect(await code(app.totp.useBackupCode(id, 1))).toBe('ERR_CONFLICT');
  });

  it('a recovery code the clipboard could not take (no display) is not used up', async () => {
    const id = await app.credentials.createService({ name: 'GitLab' });
    await app.totp.setBackupCodes(id, '1. abcd-efgh-1111\n2. abcd-efgh-2222\n');
    const write = vi.spyOn(clipboard, 'writeText').mockRejectedValue(new LatchError('ERR_CLIPBOARD', 'no display'));
    expect(await code(app.totp.useBackupCode(id, 0))).toBe('ERR_CLIPBOARD');
    write.mockRestore();
    expect(await app.totp.backupCodes(id)).toMatchObject({ left: 2 });
    expect(await app.totp.useBackupCode(id, 0)).toMatchObject({ left: 1, saved: true });
  });

  it('the code taken back after a failed copy is only that one: a code another writer used meanwhile stays used', async () => {
    const id = await app.credentials.createService({ name: 'Gitea' });
    await app.totp.setBackupCodes(id, '1. abcd-efgh-1111\n2. abcd-efgh-2222\n3. abcd-efgh-3333\n');
    const write = vi.spyOn(clipboard, 'writeText').mockImplementationOnce(async () => {
      // Between the save and the copy's failure, another window uses the third code (its copy works).
      write.mockRestore();
      await app.totp.useBackupCode(id, 2);
      throw new LatchError('ERR_CLIPBOARD', 'no display');
    });
    expect(await code(app.totp.useBackupCode(id, 0))).toBe('ERR_CLIPBOARD');
    expect((await app.totp.backupCodes(id)).codes.map((c) => c.used)).toEqual([false, false, true]);
    expect(app.vault.vault().isDirty).toBe(false);
  });

  it('two recovery codes copied at once (two quick clicks) are both marked used: neither save undoes the other', async () => {
    const id = await app.credentials.createService({ name: 'GitLab' });
    await app.totp.setBackupCodes(id, '1. abcd-efgh-1111\n2. abcd-efgh-2222\n3. abcd-efgh-3333\n');
    const both = await Promise.all([app.totp.useBackupCode(id, 0), app.totp.useBackupCode(id, 2)]);
    expect(both.map((r) => r.left)).toEqual([2, 1]);
    expect((await app.totp.backupCodes(id)).codes.map((c) => c.used)).toEqual([true, false, true]);
  });

  it('reads a QR image only when its pixels match its size (a short buffer is refused before decoding)', async () => {
    expect(await code(() => app.totp.decodeQrPixels(2048, 2048, Buffer.alloc(16)))).toBe('ERR_BAD_INPUT');
    expect(await code(() => app.totp.decodeQrPixels(1, 1, Buffer.alloc(5)))).toBe('ERR_BAD_INPUT');
  });
});

describe('HOTP "next code" when its save fails', () => {
  const HOTP = `otpauth://hotp/Bank:me?secret=${SECRET}&issuer=Bank&counter=3`;
  const add = async () => {
    const { added } = await app.totp.add([{ serviceName: 'Bank', name: 'me', source: { kind: 'uri', uri: HOTP } }]);
    return added[0]!;
  };
  // Another program (the command line) writes the file: the app's next save fails, its change held in memory.
  const anotherWriter = async () => {
    const other = await openVault({ path: app.vault.path, password: TEST_PASSWORD });
    await new ServiceStore(other, systemClock).createService({ name: 'From the CLI' });
    other.lock();
  };
  const counterNow = async () => (await app.totp.list()).find((e) => e.type === 'hotp')?.counter;

  it('the code the held counter moved for is handed out (not lost), and each counter value once after re-applying', async () => {
    const { serviceId, credentialId } = await add();
    await anotherWriter();
    const first = await app.totp.nextHotp(serviceId, credentialId);
    expect(first).toEqual({ code: hotpCode({ secret: SECRET }, 3), counter: 4, saved: false });
    await app.totp.copy(serviceId, credentialId);
    expect(clipboard.text).toBe(first.code);

    await app.vault.resolveSaveFailure('reapply');
    expect(await counterNow()).toBe(4);
    const second = await app.totp.nextHotp(serviceId, credentialId);
    expect(second).toEqual({ code: hotpCode({ secret: SECRET }, 4), counter: 5, saved: true });
  });

  it('two "Next code" presses at once hand out two codes, each counter value once', async () => {
    const { serviceId, credentialId } = await add();
    const both = await Promise.all([
      app.totp.nextHotp(serviceId, credentialId),
      app.totp.nextHotp(serviceId, credentialId),
    ]);
    expect(both.map((r) => r.code).sort()).toEqual(
      [hotpCode({ secret: SECRET }, 3), hotpCode({ secret: SECRET }, 4)].sort(),
    );
    expect(await counterNow()).toBe(5);
  });

  it('discarded, the counter is back where the file has it, and the next code is the same one, not one further', async () => {
    const { serviceId, credentialId } = await add();
    await anotherWriter();
    const shown = await app.totp.nextHotp(serviceId, credentialId);
    await app.vault.resolveSaveFailure('discard');
    await app.vault.unlock({ password: TEST_PASSWORD, useQuickUnlock: false, useBackup: false });
    expect(await counterNow()).toBe(3);
    expect((await app.totp.nextHotp(serviceId, credentialId)).code).toBe(shown.code);
  });
});

describe('a recovery code when its save fails', () => {
  const setUp = async () => {
    const id = await app.credentials.createService({ name: 'GitHub' });
    await app.totp.setBackupCodes(id, 'abcd-efgh-1111\nabcd-efgh-2222\n');
    return id;
  };
  const used = async (id: string) => (await app.totp.backupCodes(id)).codes.map((c) => c.used);

  it('held for the save-failed banner: the code is copied (the vault counts it used), saved: false, and reaches the file on re-apply', async () => {
    const id = await setUp();
    // Another program (the command line) writes the file: the app's next save fails, its change held.
    const other = await openVault({ path: app.vault.path, password: TEST_PASSWORD });
    await new ServiceStore(other, systemClock).createService({ name: 'From the CLI' });
    other.lock();

    const r = await app.totp.useBackupCode(id, 0);
    expect(r).toMatchObject({ left: 1, saved: false });
    expect(clipboard.text).toBe('abcd-efgh-1111');
    expect(await used(id)).toEqual([true, false]);
    await app.vault.resolveSaveFailure('reapply');
    await app.vault.lock(false);
    await app.vault.unlock({ password: TEST_PASSWORD, useQuickUnlock: false, useBackup: false });
    expect(await used(id)).toEqual([true, false]);
    expect(await code(app.totp.useBackupCode(id, 0))).toBe('ERR_CONFLICT');
  });

  it('a failure that holds nothing copies nothing: the vault still lists the code as unused', async () => {
    const id = await setUp();
    const failing = vi
      .spyOn(app.credentials, 'batch')
      .mockRejectedValueOnce(new LatchError('ERR_VAULT_LOCKED', 'The vault is locked; unlock it first.'));
    expect(await code(app.totp.useBackupCode(id, 1))).toBe('ERR_VAULT_LOCKED');
    failing.mockRestore();
    expect(clipboard.text).toBe('');
    expect(await used(id)).toEqual([false, false]);
    // Saved normally, it is copied and says so.
    expect(await app.totp.useBackupCode(id, 1)).toMatchObject({ left: 1, saved: true });
    expect(clipboard.text).toBe('abcd-efgh-2222');
  });
});
