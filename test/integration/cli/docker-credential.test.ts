import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ToolEnv, toolEnv } from './tool-env';

const SECRET = `registry-${randomUUID()}`;
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

  it('a malformed store request is refused with nothing written', async () => {
    const r = await helper('store', '{"ServerURL": 1}');
    expect(r.code).toBe(2);
    expect(JSON.parse((await helper('list', '')).stdout)).toEqual({});
  });
});
