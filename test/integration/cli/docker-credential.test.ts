import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plant } from './no-secret-on-disk';
import { type ToolEnv, toolEnv } from './tool-env';

const SECRET = plant('registry');
const HAND_MADE = plant('hand-made');
const ROBOT = plant('robot');
const NOT_FOUND = 'credentials not found in native keychain';
let t: ToolEnv;

/** The installed helper, as Docker runs it: one action argument, the request on stdin. */
function helper(action: string, stdin: string) {
  return t.program(['docker-credential-latch', action], { stdin });
}

beforeAll(async () => {
  t = await toolEnv('docker');
  await t.unlock();
});
afterAll(() => t?.close());

describe('docker-credential-latch (docker-credential-helpers protocol)', () => {
  it('store, get, list, erase: the documented exchanges', async () => {
    const store = await helper(
      'store',
      JSON.stringify({ ServerURL: 'https://registry.example.com', Username: 'ci-bot', Secret: SECRET }),
    );
    expect(store.code, store.stderr).toBe(0);
    expect(store.stdout).toBe('');

    const get = await helper('get', 'https://registry.example.com');
    expect(get.code, get.stderr).toBe(0);
    expect(JSON.parse(get.stdout)).toEqual({
      ServerURL: 'https://registry.example.com',
      Username: 'ci-bot',
      Secret: SECRET,
    });
    // Docker may name the registry by host alone.
    expect(JSON.parse((await helper('get', 'registry.example.com')).stdout)).toMatchObject({ Secret: SECRET });

    const list = await helper('list', '');
    expect(JSON.parse(list.stdout)).toEqual({ 'https://registry.example.com': 'ci-bot' });

    expect((await helper('erase', 'https://registry.example.com')).code).toBe(0);
    const gone = await helper('get', 'https://registry.example.com');
    expect(gone.code).toBe(1);
    expect(gone.stdout.trim()).toBe('credentials not found in native keychain');
    expect(t.filesHolding(SECRET)).toEqual([]);
  });

  it('a credential the user made for the registry host is never read, listed, replaced nor erased by Docker', async () => {
    const add = await t.withPassword(
      ['add', 'Forge', '--kind', 'basic', '--name', 'deploy', '--url', 'https://git.example.com'].concat([
        '--field',
        'username=git-user',
        '--field',
        'password=-',
      ]),
      `${HAND_MADE}\n`,
    );
    expect(add.code, add.stderr).toBe(0);
    const handMade = async () => (await t.latch(['get', 'latch://Forge/deploy'])).stdout.trim();

    // The auditor's run: `echo -n https://git.example.com | docker-credential-latch erase`.
    expect((await helper('erase', 'https://git.example.com')).code).toBe(0);
    expect(await handMade()).toBe(HAND_MADE);
    const none = await helper('get', 'git.example.com');
    expect([none.code, none.stdout.trim()]).toEqual([1, NOT_FOUND]);
    expect(none.stdout).not.toContain(HAND_MADE);
    expect(JSON.parse((await helper('list', '')).stdout)).toEqual({});

    // docker login to the same host: a login of Docker's own beside the user's, in the host's service.
    const store = await helper(
      'store',
      JSON.stringify({ ServerURL: 'git.example.com', Username: 'robot', Secret: ROBOT }),
    );
    expect(store.code, store.stdout).toBe(0);
    expect(await handMade()).toBe(HAND_MADE);
    expect(JSON.parse((await helper('get', 'https://git.example.com/')).stdout)).toEqual({
      ServerURL: 'https://git.example.com/',
      Username: 'robot',
      Secret: ROBOT,
    });
    expect(JSON.parse((await helper('list', '')).stdout)).toEqual({ 'git.example.com': 'robot' });
    const services = JSON.parse((await t.latch(['list', '--json'])).stdout).services;
    expect(services.filter((s: { baseUrl: string }) => s.baseUrl.includes('git.example.com'))).toHaveLength(1);

    expect((await helper('erase', 'git.example.com')).code).toBe(0);
    expect(await handMade()).toBe(HAND_MADE);
    expect((await helper('get', 'git.example.com')).stdout.trim()).toBe(NOT_FOUND);
  });

  it('registries named as Docker names them (a bare host, host:port, a URL) store and get back', async () => {
    const logins = [
      ['ghcr.io', plant('ghcr')],
      ['localhost:5000', plant('local')],
      ['https://index.docker.io/v1/', plant('hub')],
    ] as const;
    for (const [ServerURL, Secret] of logins) {
      const r = await helper('store', JSON.stringify({ ServerURL, Username: 'me', Secret }));
      expect(r.code, r.stdout).toBe(0);
    }
    for (const [ServerURL, Secret] of logins)
      expect(JSON.parse((await helper('get', ServerURL)).stdout)).toEqual({ ServerURL, Username: 'me', Secret });
    // https://ghcr.io/ is the registry ghcr.io: the same login, replaced by a second docker login.
    const renewed = plant('ghcr');
    expect(JSON.parse((await helper('get', 'https://ghcr.io/')).stdout).Secret).toBe(logins[0][1]);
    expect(
      (await helper('store', JSON.stringify({ ServerURL: 'https://ghcr.io/', Username: 'me', Secret: renewed }))).code,
    ).toBe(0);
    expect(JSON.parse((await helper('get', 'ghcr.io')).stdout).Secret).toBe(renewed);
    // Another path on the host is another registry (as the osxkeychain helper keys it).
    expect((await helper('get', 'index.docker.io')).stdout.trim()).toBe(NOT_FOUND);
    expect(JSON.parse((await helper('list', '')).stdout)).toEqual({
      'ghcr.io': 'me',
      'localhost:5000': 'me',
      'https://index.docker.io/v1/': 'me',
    });
    for (const [ServerURL] of logins) expect((await helper('erase', ServerURL)).code).toBe(0);
    expect(JSON.parse((await helper('list', '')).stdout)).toEqual({});
  });

  it('errors are on stdout with exit 1, where Docker reads them, and never hold the secret', async () => {
    const locked = await t.program(['docker-credential-latch', 'store'], {
      stdin: JSON.stringify({ ServerURL: 'ghcr.io', Username: 'me', Secret: SECRET }),
      env: { XDG_RUNTIME_DIR: join(t.dir, 'nowhere') },
    });
    expect(locked.code).toBe(1);
    expect(locked.stdout).toMatch(/latch unlock --for/);
    expect(locked.stderr).toBe('');
    expect(locked.stdout + locked.stderr).not.toContain(SECRET);
    // Docker recognises the helpers' own messages for a request without a server or a user name.
    const noUser = await helper('store', JSON.stringify({ ServerURL: 'ghcr.io', Username: '', Secret: SECRET }));
    expect([noUser.code, noUser.stdout.trim()]).toEqual([1, 'no credentials username']);
    expect((await helper('get', '')).stdout.trim()).toBe('no credentials server URL');
    expect((await helper('get', 'ftp://ghcr.io')).stdout.trim()).toBe('unsupported scheme: ftp');
    // Longer than any request: refused as soon as it passes 64 KiB.
    const long = await helper(
      'store',
      JSON.stringify({ ServerURL: 'ghcr.io', Username: 'me', Secret: 'x'.repeat(1 << 20) }),
    );
    expect([long.code, long.stdout]).toEqual([1, expect.stringMatching(/larger than 64 KiB/)]);
    // No action or an unknown one: usage on stdout with exit 1, as the helpers' credentials.Serve prints it.
    for (const args of [[], ['fetch']]) {
      const usage = await t.program(['docker-credential-latch', ...args]);
      expect([usage.code, usage.stdout.trim(), usage.stderr], args.join(' ')).toEqual([
        1,
        'Usage: docker-credential-latch <store|get|erase|list>',
        '',
      ]);
    }
  });

  it('a malformed store request is refused with nothing written', async () => {
    const r = await helper('store', '{"ServerURL": 1}');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no credentials server URL');
    expect(JSON.parse((await helper('list', '')).stdout)).toEqual({});
  });
});

it('leaves no planted value (master password included) in HOME, the test folder or the temp folder, in any encoding', () => {
  expect(t.plantedOnDisk()).toEqual([]);
});
