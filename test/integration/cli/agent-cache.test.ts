/**
 * The unlock agent holds the vault it opened while the file is unchanged (main/cli/agent-held-vault.ts): a
 * request on the same file reads nothing of it; every kind of change is read again (and the vault held before
 * is locked); the held vault dies with the key. A real agent server on a real socket, real vault files, the
 * agent's own lookups; the file system is the real one, watched for reads.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openCliSession } from '../../../main/app/cli-session';
import { HeldVault } from '../../../main/cli/agent-held-vault';
import { agentLookups } from '../../../main/cli/agent-lookup';
import { askAgent, askAgentGet, askAgentResolve } from '../../../main/core/agent/agent-client';
import { type RunningAgent, startAgent } from '../../../main/core/agent/agent-server';
import { agentPaths } from '../../../main/core/agent/runtime-dir';
import { systemClock } from '../../../main/core/platform';
import { createVault, nodeFileSystem, type OpenVault, type VaultFileSystem } from '../../../main/core/vault';
import { privateRuntime, tempDir } from '../../support/temp-dir';
import { plant, planted, plantedFiles } from './no-secret-on-disk';

const dir = tempDir('agent-cache');
const runtime = privateRuntime(dir);
const env = { XDG_RUNTIME_DIR: runtime };
const path = join(dir, 'v.latch');
// One value per revision of the file, all of one length: each revision's file is the same size.
const [V1, V2, V3] = [plant('held-secret-1'), plant('held-secret-2'), plant('held-secret-3')];

/** The vault file's bytes at each revision, the vault's id and key (as `latch unlock --for` hands them over). */
let revisions: Buffer[] = [];
let vaultId = '';
let key = '';

/** Every readFile the agent's lookups make, by path. */
const reads: string[] = [];
const watched: VaultFileSystem = {
  ...nodeFileSystem,
  readFile: (p) => {
    reads.push(p);
    return nodeFileSystem.readFile(p);
  },
};

beforeAll(async () => {
  const { vault } = await createVault({ path, password: plant('cache master password'), iterations: 100_000 });
  const { credentials } = openCliSession(vault, systemClock);
  const serviceId = await credentials.createService({ name: 'Svc' });
  const credentialId = await credentials.addCredential(serviceId, {
    kind: 'api-key',
    name: 'live',
    fields: { value: V1, header: 'Authorization' },
  });
  revisions.push(readFileSync(path));
  for (const value of [V2, V3]) {
    await credentials.updateCredential(serviceId, credentialId, { fields: { value } });
    revisions.push(readFileSync(path));
  }
  vaultId = vault.id;
  const raw = await vault.exportKeyForAgent();
  key = Buffer.from(raw).toString('base64');
  raw.fill(0);
  vault.lock();
  expect(new Set(revisions.map((r) => r.length)).size).toBe(1);
  revisions = revisions.map((r) => Buffer.from(r));
});

/** Puts revision `i` at `target` by a rename (as a save or a sync tool does): a new inode. */
function renameIn(i: number, target = path): void {
  const tmp = join(dir, `rev-${i}-${reads.length}.tmp`);
  writeFileSync(tmp, revisions[i]!);
  renameSync(tmp, target);
}

/** The file's mtime set back to what it was (to the nanosecond): a same-size replacement then looks unchanged to size and mtime. */
function keepMtime(target: string, change: () => void): void {
  const ref = join(dir, 'mtime-ref');
  const before = statSync(target, { bigint: true }).mtimeNs;
  execFileSync('touch', ['-r', target, ref]);
  change();
  execFileSync('touch', ['-r', ref, target]);
  expect(statSync(target, { bigint: true }).mtimeNs).toBe(before);
}

async function withAgent(
  fn: (ask: (vault?: string) => Promise<string | null>, held: HeldVault, agent: RunningAgent) => Promise<void>,
  expiresInMs = 60_000,
  fs = watched,
): Promise<void> {
  const held = new HeldVault(fs);
  const lookups = agentLookups(held);
  const agent = await startAgent(
    { vaultId, key, expiresAt: Date.now() + expiresInMs, session: null },
    agentPaths(env, vaultId, { create: true }),
    { lookup: lookups.field, resolve: lookups.references, onEnd: lookups.forget },
  );
  /** The value the agent answers for Svc/live in `vault` (null: it left the request to the ordinary path). */
  const ask = async (vault = path) => {
    const reply = await askAgentGet(env, vaultId, { reference: 'Svc/live', vault });
    if (reply?.ok) return reply.got.value;
    expect(reply).toEqual({ ok: false, error: 'unavailable' });
    return null;
  };
  try {
    await fn(ask, held, agent);
  } finally {
    agent.end('test');
    await agent.ended;
  }
}

/** The reads of the vault file one step makes, and the vault held after it. */
async function step(held: HeldVault, run: () => Promise<unknown>): Promise<{ reads: number; vault: OpenVault | null }> {
  const before = reads.length;
  await run();
  return { reads: reads.length - before, vault: held.vault };
}

describe('the unlock agent holds the vault it opened while the file is unchanged', () => {
  it('a second request on the unchanged file reads nothing of it; a touched file is hashed and kept', async () => {
    renameIn(0);
    await withAgent(async (ask, held) => {
      const first = await step(held, async () => expect(await ask()).toBe(V1));
      expect(first.reads).toBe(1);
      const again = await step(held, async () => expect(await ask()).toBe(V1));
      expect(again).toEqual({ reads: 0, vault: first.vault });
      // exec's resolve takes the same vault.
      const resolved = await step(held, async () =>
        expect(
          await askAgentResolve(env, vaultId, { references: ['Svc/live', 'Svc/live/header'], vault: path }),
        ).toEqual({
          ok: true,
          values: [
            { value: V1, secret: true },
            { value: 'Authorization', secret: false },
          ],
        }),
      );
      expect(resolved).toEqual({ reads: 0, vault: first.vault });
      // A new mtime with the same content: read once to compare its hash, then held as before.
      const later = new Date(Date.now() + 5000);
      utimesSync(path, later, later);
      expect(await step(held, async () => expect(await ask()).toBe(V1))).toEqual({ reads: 1, vault: first.vault });
      expect(await step(held, async () => expect(await ask()).toBe(V1))).toEqual({ reads: 0, vault: first.vault });
      expect(first.vault?.isLocked).toBe(false);
    });
  });

  it('reads the file again after every kind of change, and locks the vault it held', async () => {
    renameIn(0);
    const link = join(dir, 'link.latch');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    await withAgent(async (ask, held) => {
      expect(await ask()).toBe(V1);
      let previous = held.vault!;
      /** After `change`, the agent answers `value`, from a vault it read again; the one it held is locked. */
      const changed = async (what: string, change: () => void, value: string, target = path) => {
        change();
        const after = await step(held, async () => expect(await ask(target), what).toBe(value));
        expect(after.reads, what).toBeGreaterThan(0);
        expect(after.vault, what).not.toBe(previous);
        expect(previous.isLocked, what).toBe(true);
        previous = after.vault!;
      };
      // Another revision of the same size, renamed over it, its mtime set to the old one: a new inode.
      await changed('replaced, same size and mtime', () => keepMtime(path, () => renameIn(1)), V2);
      // Written in place (the same inode), same size, the mtime set back: only the ctime and the content differ.
      await changed(
        'rewritten in place, same size and mtime',
        () => keepMtime(path, () => writeFileSync(path, revisions[2]!)),
        V3,
      );
      // Moved away, and another file moved in under its name.
      await changed(
        'renamed',
        () => {
          renameSync(path, join(elsewhere, 'old.latch'));
          renameIn(0);
        },
        V1,
      );
      // Through a symlink: the link pointed at another file (a new link renamed over it, as `ln -sfn` does).
      writeFileSync(join(elsewhere, 'b.latch'), revisions[1]!);
      symlinkSync(path, link);
      await changed('read through a symlink', () => undefined, V1, link);
      await changed(
        'symlink swapped',
        () => {
          const next = join(dir, 'link.tmp');
          symlinkSync(join(elsewhere, 'b.latch'), next);
          renameSync(next, link);
        },
        V2,
        link,
      );
      // The file the symlink points at rewritten in place: the link itself did not change.
      await changed(
        'symlink target rewritten',
        () => keepMtime(join(elsewhere, 'b.latch'), () => writeFileSync(join(elsewhere, 'b.latch'), revisions[0]!)),
        V1,
        link,
      );
    });
  });

  it('a write in place that keeps the whole stat is read again: its trailer differs', async () => {
    renameIn(0);
    // A mount that keeps no change time of its own (ctime = mtime, as some SMB and FUSE mounts report): with the
    // mtime set back, a write in place leaves size, mtime, ctime and inode as they were, as a write within the
    // same timestamp tick does on any file system.
    const noCtime: VaultFileSystem = {
      ...watched,
      stat: async (p) => {
        const s = await watched.stat(p);
        return s && { ...s, ctimeMs: s.mtimeMs };
      },
    };
    await withAgent(
      async (ask, held) => {
        expect(await ask()).toBe(V1);
        const before = held.vault!;
        const stat = await noCtime.stat(path);
        keepMtime(path, () => writeFileSync(path, revisions[1]!));
        expect(await noCtime.stat(path)).toEqual(stat);
        const after = await step(held, async () => expect(await ask()).toBe(V2));
        expect(after.reads).toBe(1);
        expect(after.vault).not.toBe(before);
        expect(before.isLocked).toBe(true);
        // Unchanged since: a request reads the trailer (not counted: readTail), never the whole file.
        expect(await step(held, async () => expect(await ask()).toBe(V2))).toEqual({ reads: 0, vault: after.vault });
      },
      60_000,
      noCtime,
    );
  });

  it('a file gone, or a FIFO or folder in its place: the request goes the ordinary way and the held vault is locked', async () => {
    renameIn(0);
    await withAgent(async (ask, held) => {
      expect(await ask()).toBe(V1);
      const before = held.vault!;
      rmSync(path);
      expect(await ask()).toBeNull();
      expect(before.isLocked).toBe(true);
      expect(held.vault).toBeNull();
      mkdirSync(path);
      expect(await ask()).toBeNull();
      rmSync(path, { recursive: true });
      renameIn(1);
      expect(await ask()).toBe(V2);
      const fifo = join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      renameSync(fifo, path);
      expect(await ask()).toBeNull(); // and did not hang waiting for a writer
      rmSync(path);
    });
  });

  it('dies with the key: latch lock and the end of the time lock the vault it held, at once', async () => {
    renameIn(0);
    await withAgent(async (ask, held, agent) => {
      expect(await ask()).toBe(V1);
      const vault = held.vault!;
      expect((await askAgent(env, vaultId, 'lock'))?.ok).toBe(true);
      expect(await agent.ended).toBe('locked');
      expect(vault.isLocked).toBe(true);
      expect(held.vault).toBeNull();
    });
    let vault: OpenVault | undefined;
    await withAgent(async (ask, held, agent) => {
      expect(await ask()).toBe(V1);
      vault = held.vault!;
      expect(await agent.ended).toBe('expired');
      expect(vault.isLocked).toBe(true);
      expect(held.vault).toBeNull();
    }, 1500);
  });

  it('a request still reading when the key goes keeps its vault until it ends, then it is locked; nothing is held after', async () => {
    renameIn(0);
    const held = new HeldVault(watched);
    const lookups = agentLookups(held);
    const keyBytes = () => Buffer.from(key, 'base64');
    expect(
      await lookups.field(keyBytes(), vaultId, { op: 'get', token: '', reference: 'Svc/live', vault: path }),
    ).toMatchObject({
      ok: true,
    });
    const lease = await held.lease(path, async () => null);
    expect(lease?.vault).toBe(held.vault);
    lookups.forget();
    expect(lease?.vault.isLocked).toBe(false);
    lease?.release();
    expect(lease?.vault.isLocked).toBe(true);
    // After forget, a request is still answered (it arrived before the key went) but its vault is not kept.
    const late = await lookups.field(keyBytes(), vaultId, { op: 'get', token: '', reference: 'Svc/live', vault: path });
    expect(late).toMatchObject({ ok: true, got: { value: V1 } });
    expect(held.vault).toBeNull();
  });
});

it('leaves no planted value in HOME, its folder or the temp folder, in any encoding', () => {
  expect(plantedFiles([dir, process.env.HOME ?? dir], planted())).toEqual([]);
});
