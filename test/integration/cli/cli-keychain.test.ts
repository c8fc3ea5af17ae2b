// With the real keychain (node scripts/with-peers.mjs): quick unlock from the command line, and `latch lock`.
// Without one (scripts/bare-machine.mjs, the `bare` step of npm test): every command that touches the
// keychain says it is not reachable, writes nothing it cannot finish, and the password alone works.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NapiKeychain } from '../../../main/core/keychain/napi-keychain';
import { latch } from './run-latch';

const dir = mkdtempSync(join(tmpdir(), 'latch-cli-kc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const reachable = process.env.LATCH_IN_PEERS === '1' && (await new NapiKeychain().available());

describe.runIf(reachable)('latch with the OS keychain', () => {
  it('init --quick-unlock → status unlocked; lock forgets the key → status locked; passwd still works', async () => {
    const vault = join(dir, 'q.latch');
    const init = await latch(
      ['init', '--vault', vault, '--quick-unlock', '--password-stdin', '--iterations', '100000'],
      {
        stdin: 'password one\n',
      },
    );
    expect(init.code).toBe(0);
    const s1 = JSON.parse((await latch(['status', '--json', '--vault', vault])).stdout);
    expect(s1).toMatchObject({ locked: false, quickUnlock: 'armed', keychain: { reachable: true } });
    const add = await latch(
      [
        '--vault',
        vault,
        '--password-stdin',
        'add',
        'Stripe',
        '--kind',
        'secret',
        '--name',
        'live',
        '--field',
        'name=K',
        '--field',
        'value=-',
      ],
      { stdin: 'password one\nsk_quick\n' },
    );
    expect(add.code, add.stderr).toBe(0);
    // Shell completion reads names through quick unlock (no agent runs here), and never a value.
    const complete = () =>
      latch(['__complete', '--', '--vault', vault, 'get', 'latch://'], { stdin: 'password one\n' });
    expect((await complete()).stdout).toBe('latch://Stripe/live\n');

    // The tools git and kubectl run read through quick unlock too: no agent runs here, and their stdin is not a
    // person, so nothing is prompted for (issue 18, "Quick unlock for tools").
    const addTo = (service: string, url: string, kind: string, fields: string[], value: string) =>
      latch(
        ['--vault', vault, '--password-stdin', 'add', service, '--url', url, '--kind', kind, '--name', 'ci', ...fields],
        { stdin: `password one\n${value}\n` },
      );
    expect(
      (
        await addTo(
          'Git',
          'https://git.example.test',
          'basic',
          ['--field', 'username=alice', '--field', 'password=-'],
          'pw_quick',
        )
      ).code,
    ).toBe(0);
    expect(
      (await addTo('Cluster', 'https://kube.example.test', 'bearer', ['--field', 'token=-'], 'kube_quick')).code,
    ).toBe(0);
    const gitGet = () =>
      latch(['--vault', vault, 'git-credential', 'get'], { stdin: 'protocol=https\nhost=git.example.test\n\n' });
    // kubectl names the cluster (provideClusterInfo: true): without it the plugin gives no token.
    const clusterInfo = JSON.stringify({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      spec: { cluster: { server: 'https://kube.example.test' } },
    });
    const kube = () =>
      latch(['--vault', vault, 'kube-credential', 'Cluster/ci'], { env: { KUBERNETES_EXEC_INFO: clusterInfo } });
    const got = await gitGet();
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toContain('username=alice\npassword=pw_quick\n');
    const exec = await kube();
    expect(exec.code, exec.stderr).toBe(0);
    expect(JSON.parse(exec.stdout)).toMatchObject({ kind: 'ExecCredential', status: { token: 'kube_quick' } });

    const lock = await latch(['lock', '--json', '--vault', vault]);
    expect(lock.code).toBe(0);
    expect(JSON.parse(lock.stdout)).toMatchObject({ forgotten: true, reason: 'forgotten' });
    const s2 = JSON.parse((await latch(['status', '--json', '--vault', vault])).stdout);
    expect(s2).toMatchObject({ locked: true, quickUnlock: 'forgotten' });
    // Forgotten: no names, and the password on stdin is not read.
    expect(await complete()).toMatchObject({ code: 0, stdout: '', stderr: '' });

    // Locked and forgotten, the tools refuse at once, print nothing secret and prompt for nothing.
    for (const r of [await gitGet(), await kube()]) {
      expect(r.code).not.toBe(0);
      expect(r.stdout).not.toMatch(/pw_quick|kube_quick/);
      expect(r.stderr).toMatch(/latch unlock/);
    }

    const pw = await latch(['passwd', '--vault', vault, '--password-stdin'], { stdin: 'password one\npassword two\n' });
    expect(pw.code).toBe(0);
  });

  it('init --hardened prints a recovery kit', async () => {
    const vault = join(dir, 'h.latch');
    const r = await latch(
      ['init', '--vault', vault, '--hardened', '--password-stdin', '--iterations', '100000', '--json'],
      {
        stdin: 'hardened password\n',
      },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).recoveryKit).toContain('LATCH-RK1-');
  });
});

describe.skipIf(reachable)('latch without an OS keychain (no D-Bus session)', () => {
  it('init --quick-unlock and init --hardened: ERR_KEYCHAIN_UNAVAILABLE (exit 1), nothing written', async () => {
    for (const flag of ['--quick-unlock', '--hardened']) {
      const vault = join(dir, `no-kc${flag}.latch`);
      const r = await latch(['init', '--vault', vault, flag, '--password-stdin', '--iterations', '100000'], {
        stdin: 'password one\n',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/keychain is not reachable/);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(existsSync(vault)).toBe(false);
    }
  });

  it('init, status, lock, passwd and an unlocking command work with the password alone', async () => {
    const vault = join(dir, 'password-only.latch');
    expect(
      (
        await latch(['init', '--vault', vault, '--password-stdin', '--iterations', '100000'], {
          stdin: 'password one\n',
        })
      ).code,
    ).toBe(0);
    const status = await latch(['status', '--json', '--vault', vault]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      locked: true,
      quickUnlock: 'off',
      keychain: { reachable: false },
    });
    const text = await latch(['status', '--vault', vault]);
    expect(text.stdout).toMatch(/Keychain: +not reachable/);
    const lock = await latch(['lock', '--vault', vault]);
    expect(lock.code).toBe(0);
    expect(lock.stderr).not.toMatch(/internal error/);
    const list = await latch(['list', '--vault', vault, '--password-stdin'], { stdin: 'password one\n' });
    expect(list.code).toBe(0);
    expect(
      (await latch(['passwd', '--vault', vault, '--password-stdin'], { stdin: 'password one\npassword two\n' })).code,
    ).toBe(0);
  });
});
