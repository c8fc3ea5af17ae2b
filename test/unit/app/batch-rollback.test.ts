/**
 * A grouped write (`Credentials.batch`) refused partway changes nothing: the writes before the refusal are
 * rolled back in the open vault, so the next, unrelated save does not carry half of the change to disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../main/app/app-services';
import { Credentials } from '../../../main/app/credentials/credentials';
import { EventBus } from '../../../main/app/events';
import { fixedVault, savingRecords } from '../../../main/app/vault/vault-access';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { LimitRecords } from '../../../main/core/limits';
import { systemClock } from '../../../main/core/platform';
import { RequestRecords } from '../../../main/core/requests/request-records';
import { openVault } from '../../../main/core/vault/open';
import type { OpenVault } from '../../../main/core/vault/open-vault';
import { appForTest, createTestVault, TEST_PASSWORD } from '../../support/app-for-test';

let dir: string;
let app: AppServices;
let keepId: string;
let tokenId: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-batch-'));
  app = appForTest(dir);
  await createTestVault(app);
  keepId = await app.credentials.createService({ name: 'Keep' });
  tokenId = await app.credentials.addCredential(keepId, { kind: 'bearer', name: 'token', fields: { token: 'x' } });
});

afterEach(async () => {
  await app.vault.resolveSaveFailure('discard').catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );

/** The services as the file on disk holds them, read by another session. */
async function onDisk(): Promise<{ names: string[]; notes: string }> {
  const other = await openVault({ path: app.vault.path, password: TEST_PASSWORD });
  try {
    const store = new ServiceStore(other, systemClock);
    return { names: store.summaries().map((s) => s.name), notes: (await store.body(keepId)).notes };
  } finally {
    other.lock();
  }
}

const names = () => app.credentials.summaries().map((s) => s.name);

describe('a batch refused partway', () => {
  it('one item invalid: the service made before it is gone, and the next save does not write it', async () => {
    const refused = app.credentials.batch(async (store) => {
      await store.createService({ name: 'Half' });
      await store.updateService(keepId, { notes: 'half a change' });
      // Refused: Keep has a credential named "token" already.
      await store.addCredential(keepId, { kind: 'bearer', name: 'Token', fields: { token: 'y' } });
    });
    expect(await code(refused)).toBe('ERR_BAD_INPUT');
    expect(names()).toEqual(['Keep']);
    expect((await app.credentials.body(keepId)).notes).toBe('');
    expect(app.vault.vault().isDirty).toBe(false);
    expect(app.vault.status().saveError).toBeNull();

    await app.credentials.createService({ name: 'Later' });
    expect(await onDisk()).toEqual({ names: ['Keep', 'Later'], notes: '' });
  });

  it('a limit reached after some writes (the 201st approved host): the writes before it are rolled back', async () => {
    await app.credentials.batch(async (store) => {
      for (let i = 0; i < 200; i++) await store.approveOrigin(keepId, tokenId, `https://h${i}.example.com`);
    });
    const refused = app.credentials.batch(async (store) => {
      await store.updateService(keepId, { notes: 'before the limit' });
      await store.forgetHost(keepId, tokenId, 'https://h0.example.com');
      await store.approveOrigin(keepId, tokenId, 'https://a.example.com');
      await store.approveOrigin(keepId, tokenId, 'https://b.example.com');
    });
    expect(await code(refused)).toBe('ERR_BAD_INPUT');
    const { credential } = await app.credentials.credential(keepId, tokenId);
    expect(credential.approvedOrigins).toHaveLength(200);
    expect(credential.approvedOrigins).toContain('https://h0.example.com');
    expect((await app.credentials.body(keepId)).notes).toBe('');

    await app.credentials.createService({ name: 'Later' });
    expect(await onDisk()).toEqual({ names: ['Keep', 'Later'], notes: '' });
  });

  it('a change held behind the save-failed banner stays held, as it was; only the batch goes', async () => {
    // Another program writes the file: the app's next save fails and its change is held.
    const other = await openVault({ path: app.vault.path, password: TEST_PASSWORD });
    await new ServiceStore(other, systemClock).createService({ name: 'From the CLI' });
    other.lock();
    const held = await code(app.credentials.updateService(keepId, { notes: 'held' }));
    expect(held).toBe('ERR_VAULT_CHANGED_ON_DISK');
    const heldIds = app.vault.vault().unsavedRecords();

    const refused = app.credentials.batch(async (store) => {
      await store.updateService(keepId, { notes: 'the batch' });
      await store.createService({ name: 'Half' });
      await store.addCredential(keepId, { kind: 'bearer', name: 'token', fields: { token: 'y' } });
    });
    expect(await code(refused)).toBe('ERR_BAD_INPUT');
    expect((await app.credentials.body(keepId)).notes).toBe('held');
    expect(app.vault.vault().unsavedRecords()).toEqual(heldIds);

    await app.vault.resolveSaveFailure('reapply');
    expect(await onDisk()).toEqual({ names: ['From the CLI', 'Keep'], notes: 'held' });
  });
});

describe("a command line's batch refused partway", () => {
  it('leaves nothing for the same session to save later', async () => {
    await app.vault.lock(false);
    const vault = await openVault({ path: join(dir, 'vault.latch'), password: TEST_PASSWORD });
    const credentials = new Credentials({ vault: fixedVault(vault), events: new EventBus(), clock: systemClock });
    const refused = credentials.batch(async (store) => {
      await store.createService({ name: 'Half' });
      await store.addCredential(keepId, { kind: 'bearer', name: 'token', fields: { token: 'y' } });
    });
    expect(await code(refused)).toBe('ERR_BAD_INPUT');
    expect(vault.isDirty).toBe(false);
    await credentials.createService({ name: 'Later' });
    vault.lock();
    await app.vault.unlock({ password: TEST_PASSWORD, useQuickUnlock: false, useBackup: false });
    expect(await onDisk()).toEqual({ names: ['Keep', 'Later'], notes: '' });
  });
});

describe('a batch and another writer on the same open vault', () => {
  /** A promise the test settles, to hold a batch between two of its writes. */
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((r) => {
      open = r;
    });
    return { open, opened };
  };

  /** Starts a batch that makes a service, waits for the test, then is refused (Keep has a "token" already). */
  const refusedBatch = () => {
    const between = gate();
    const started = gate();
    const refused = app.credentials.batch(async (store) => {
      await store.createService({ name: 'Half' });
      started.open();
      await between.opened;
      await store.addCredential(keepId, { kind: 'bearer', name: 'token', fields: { token: 'y' } });
    });
    return { refused, started: started.opened, finish: between.open };
  };

  it('another write while a batch awaits waits for it: it saves none of the batch, which still rolls back', async () => {
    const batch = refusedBatch();
    await batch.started;
    // Another save of the app meanwhile (as its background OAuth renewal makes).
    const other = app.credentials.updateService(keepId, { notes: 'saved alongside' });
    batch.finish();
    expect(await code(batch.refused)).toBe('ERR_BAD_INPUT');
    expect(await code(other)).toBe('resolved');
    expect(names()).toEqual(['Keep']);
    expect(app.vault.vault().isDirty).toBe(false);
    expect(await onDisk()).toEqual({ names: ['Keep'], notes: 'saved alongside' });
  });

  /** Writers of other records, each as the app runs it (the same store and write path), and how to read it back. */
  const otherWriters = [
    {
      what: 'request history (saved as a send ends)',
      write: () => new RequestRecords(savingRecords(app.vault)).addHistory(keepId, { id: 'h_1' }),
      read: async (v: OpenVault) => new RequestRecords(v).history(keepId),
      kept: [{ id: 'h_1' }],
    },
    {
      what: 'a rate limit (the settings screen)',
      write: () => new LimitRecords(savingRecords(app.vault)).setLimit(keepId, null, { requests: 1, perSeconds: 9 }),
      read: async (v: OpenVault) => [...(await new LimitRecords(v).limits(keepId)).values()],
      kept: [{ requests: 1, perSeconds: 9 }],
    },
  ];

  it.each(otherWriters)(
    '$what saved while a batch awaits waits for it: it saves none of the batch, and is kept itself',
    async ({ write, read, kept }) => {
      const batch = refusedBatch();
      await batch.started;
      const other = write();
      batch.finish();
      expect(await code(batch.refused)).toBe('ERR_BAD_INPUT');
      expect(await code(other)).toBe('resolved');
      expect(names()).toEqual(['Keep']);
      expect(app.vault.vault().isDirty).toBe(false);
      expect(await onDisk()).toEqual({ names: ['Keep'], notes: '' });
      const reopened = await openVault({ path: app.vault.path, password: TEST_PASSWORD });
      try {
        expect(await read(reopened)).toEqual(kept);
      } finally {
        reopened.lock();
      }
    },
  );

  it("a bare save of the open vault (a writer that takes no turn of its own) waits for a batch's end", async () => {
    const batch = refusedBatch();
    await batch.started;
    const saved = app.vault.vault().save();
    batch.finish();
    expect(await code(batch.refused)).toBe('ERR_BAD_INPUT');
    expect(await code(saved)).toBe('resolved');
    expect(names()).toEqual(['Keep']);
    expect(await onDisk()).toEqual({ names: ['Keep'], notes: '' });
  });

  it('two batches at once: one refused takes back only its own writes', async () => {
    const batch = refusedBatch();
    await batch.started;
    const done = app.credentials.batch(async (store) => {
      const id = await store.createService({ name: 'Whole' });
      await store.addCredential(id, { kind: 'bearer', name: 'token', fields: { token: 'z' } });
    });
    batch.finish();
    expect(await code(batch.refused)).toBe('ERR_BAD_INPUT');
    expect(await code(done)).toBe('resolved');
    expect(names()).toEqual(['Keep', 'Whole']);
    expect(await onDisk()).toEqual({ names: ['Keep', 'Whole'], notes: '' });
  });
});
