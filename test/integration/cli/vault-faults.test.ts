/**
 * The vault on a disk that refuses the save, for real: a read-only mount (EROFS), a full tmpfs
 * (ENOSPC) and a folder the user may not write in (EACCES, as an unprivileged uid: root ignores
 * permission bits). Each says its own cause and what to do, that this command saved nothing,
 * and leaves the file as it was. Then a device and a FIFO given as the vault: refused at once.
 * The mounts live in a private mount namespace (unshare -m) that ends with the command.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSecretArgs, latch } from './run-latch';

const PW = 'fault test password';
const dir = mkdtempSync(join(tmpdir(), 'latch-faults-'));
// The unprivileged uid of the EACCES case must reach its folder (mkdtemp makes 0700).
chmodSync(dir, 0o755);
const seed = join(dir, 'seed.latch');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const works = (cmd: string[]) => spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' }).status === 0;
const canMount = works(['unshare', '-m', '--propagation', 'private', 'mount', '-t', 'tmpfs', 'tmpfs', '/mnt']);
const canSwitchUser =
  process.getuid?.() === 0 && works(['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
if (!canMount)
  console.warn(
    'vault-faults: EROFS and ENOSPC skipped: `unshare -m` with mount is not permitted here (needs root or CAP_SYS_ADMIN).',
  );
if (!canSwitchUser)
  console.warn('vault-faults: EACCES skipped: needs root and setpriv to run the command as an unprivileged uid.');

/** `latch add` of one secret: a change that must be saved. */
const addArgs = (vault: string, service = 'Stripe') => [
  '--vault',
  vault,
  '--password-stdin',
  ...addSecretArgs(service, 'live', 'STRIPE'),
];

/** The command, run after `setup` in a private mount namespace that ends with it. */
const inPrivateMount = (setup: string) => [
  'unshare',
  '-m',
  '--propagation',
  'private',
  'sh',
  '-c',
  `${setup} && exec "$0" "$@"`,
];

function fresh(name: string): { folder: string; vault: string } {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  const vault = join(folder, 'vault.latch');
  copyFileSync(seed, vault);
  return { folder, vault };
}

beforeAll(async () => {
  const init = await latch(['init', '--vault', seed, '--password-stdin', '--iterations', '100000'], {
    stdin: `${PW}\n`,
  });
  expect(init.code).toBe(0);
});

describe('a save the disk refuses (command line)', () => {
  it.runIf(canMount)('EROFS: a read-only mount', async () => {
    const { folder, vault } = fresh('ro');
    const before = readFileSync(vault);
    const r = await latch(addArgs(vault), {
      stdin: `${PW}\nsk_1\n`,
      wrap: inPrivateMount(`mount --bind '${folder}' '${folder}' && mount -o remount,bind,ro '${folder}'`),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/read-only file system/);
    expect(r.stderr).toMatch(/Remount it read-write, or move the vault/);
    expect(r.stderr).toMatch(/This command saved nothing/);
    expect(r.stderr).not.toMatch(/still open in Latch|internal error/);
    expect(readFileSync(vault).equals(before)).toBe(true);
  });

  it.runIf(canMount)('ENOSPC: a full disk', async () => {
    const { folder, vault } = fresh('full');
    const before = readFileSync(vault);
    const r = await latch(addArgs(join(folder, 'mnt', 'vault.latch')), {
      stdin: `${PW}\nsk_1\n`,
      // A 64 KB tmpfs holding the vault, then filled to the last byte.
      wrap: inPrivateMount(
        `mkdir -p '${folder}/mnt' && mount -t tmpfs -o size=64k tmpfs '${folder}/mnt' && cp '${vault}' '${folder}/mnt/' && (dd if=/dev/zero of='${folder}/mnt/fill' bs=4k 2>/dev/null; true)`,
      ),
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is full\. Free some space there/);
    expect(r.stderr).toMatch(/This command saved nothing/);
    expect(r.stderr).not.toMatch(/still open in Latch|internal error/);
    expect(readFileSync(vault).equals(before)).toBe(true);
  });

  it.runIf(canSwitchUser)('EACCES: a folder the user may not write in', async () => {
    const { folder, vault } = fresh('no-write');
    // The user owns the vault file but not its folder (root's, 0755): the lock file cannot be created.
    chownSync(vault, 65534, 65534);
    chmodSync(folder, 0o755);
    const before = readFileSync(vault);
    const r = await latch(addArgs(vault), {
      stdin: `${PW}\nsk_1\n`,
      env: { HOME: folder },
      wrap: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'],
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/permission to create files in .* was refused/);
    expect(r.stderr).toMatch(/Give your user write permission on that folder/);
    expect(r.stderr).toMatch(/This command saved nothing/);
    expect(readFileSync(vault).equals(before)).toBe(true);
  });
});

describe('a vault path that is not a regular file (command line)', () => {
  it.each(['/dev/zero', 'fifo'])(
    '%s: refused by status and by an unlocking command, never read or waited on',
    async (which) => {
      let path = which;
      if (which === 'fifo') {
        path = join(dir, 'vault.fifo');
        expect(spawnSync('mkfifo', [path]).status).toBe(0);
      }
      for (const args of [
        ['status', '--vault', path],
        ['list', '--vault', path, '--password-stdin'],
      ]) {
        const t0 = Date.now();
        const r = await latch(args, { stdin: `${PW}\n` });
        // The command's own start-up (tsx) is most of it: the refusal itself is immediate.
        expect(Date.now() - t0).toBeLessThan(15_000);
        expect(r.code).not.toBe(0);
        // status reports it on stdout as the file's state; a command that needs the vault fails on stderr.
        expect(`${r.stdout}${r.stderr}`).toMatch(/is not a regular file/);
        expect(r.stderr).not.toMatch(/internal error/);
      }
    },
  );
});

describe('a damaged vault and its backup (command line)', () => {
  it('status names the damage and offers the dated .bak; an unlocking command offers it too; --vault FILE.bak opens read-only', async () => {
    const { vault } = fresh('damaged');
    const saved = await latch(addArgs(vault), { stdin: `${PW}\nsk_live_kept_in_the_backup\n` });
    expect(saved.code).toBe(0);
    // A second save: the backup now holds the first credential.
    const again = await latch(addArgs(vault, 'Other'), {
      stdin: `${PW}\nsecond\n`,
    });
    expect(again.code).toBe(0);
    const good = readFileSync(vault);
    const backupBytes = readFileSync(`${vault}.bak`);
    const flipped = (offset: number) => {
      const bytes = Buffer.from(good);
      bytes[offset] = bytes[offset]! ^ 0x01;
      writeFileSync(vault, bytes);
    };
    for (const [part, offset] of [
      ['header', 20],
      ['format byte', 9],
      ['body', good.length - 100],
    ] as const) {
      flipped(offset);
      const status = await latch(['status', '--vault', vault]);
      expect(status.code, part).toBe(1);
      expect(status.stdout, part).toMatch(/^Damaged: {2}The vault file is damaged/m);
      expect(status.stdout, part).not.toMatch(/update latch|newer latch/i);
      expect(status.stdout, part).toMatch(new RegExp(`^Backup: {3}${vault}\\.bak, saved \\d{4}-\\d\\d-\\d\\dT`, 'm'));
      expect(status.stdout, part).toContain(`latch --vault '${vault}.bak' list`);
      expect(status.stdout, part).toContain(`mv '${vault}' '${vault}.damaged'`);
    }
    const list = await latch(['--vault', vault, '--password-stdin', 'list'], { stdin: `${PW}\n` });
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(
      /damaged.*Its backup .*vault\.latch\.bak \(saved .*\) looks intact: read it with latch --vault/s,
    );

    const fromBackup = await latch(['--vault', `${vault}.bak`, '--password-stdin', 'list', '--json'], {
      stdin: `${PW}\n`,
    });
    expect(fromBackup.code).toBe(0);
    expect(fromBackup.stderr).toMatch(/is a backup: opened read-only/);
    expect(JSON.parse(fromBackup.stdout).services.map((s: { name: string }) => s.name)).toEqual(['Stripe']);
    const write = await latch(addArgs(`${vault}.bak`, 'New'), { stdin: `${PW}\nnever written\n` });
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/opened read-only \(it is a backup\): nothing was changed/);
    expect(readFileSync(`${vault}.bak`)).toEqual(backupBytes);
  });
});
