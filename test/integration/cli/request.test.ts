import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { systemClock } from '../../../main/core/platform';
import { openVault } from '../../../main/core/vault/open';
import { type HttpbinPeer, startHttpbin } from '../../peers/httpbin';
import { reply, startScriptedServer } from '../../peers/scripted-server';
import { latch } from './run-latch';

const dir = mkdtempSync(join(tmpdir(), 'latch-cli-request-'));
const vault = join(dir, 'request.latch');
const PASSWORD = 'request test password';
const env = { LATCH_NO_KEYCHAIN: '1', LATCH_VAULT: vault };
let httpbin: HttpbinPeer;

beforeAll(async () => {
  httpbin = await startHttpbin();
  const init = await latch(['init', '--password-stdin', '--iterations', '100000'], { stdin: `${PASSWORD}\n`, env });
  expect(init.code).toBe(0);
  // No `latch add` needed: the service goes in through the same store the app uses.
  const v = await openVault({ path: vault, password: PASSWORD });
  const store = new ServiceStore(v, systemClock);
  const id = await store.createService({ name: 'httpbin', baseUrl: httpbin.url });
  await store.addCredential(id, { kind: 'basic', name: 'login', fields: { username: 'alice', password: 's3cret pw' } });
  await store.addCredential(id, { kind: 'api-key', name: 'key', fields: { value: 'k-123', header: 'X-Api-Key' } });
  await store.addCredential(id, {
    kind: 'api-key',
    name: 'form-key',
    fields: { value: 'form-key-9876', body: 'api_key' },
  });
  v.lock();
}, 60_000);

afterAll(async () => {
  await httpbin?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[]) => latch(['request', '--password-stdin', ...args], { stdin: `${PASSWORD}\n`, env });

describe('latch request', () => {
  it('signs with a Basic credential: httpbin accepts it and the status line, headers and body print', async () => {
    const r = await run(['latch://httpbin/login', 'GET', '/basic-auth/alice/s3cret%20pw']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(r.stdout).toMatch(/\ncontent-type: application\/json\n/i);
    const body = r.stdout.slice(r.stdout.indexOf('\n\n') + 2);
    expect(JSON.parse(body)).toEqual({ authenticated: true, user: 'alice' });
  });

  it('adds -H headers and the API key; --json gives the redacted request, never the key', async () => {
    const r = await run(['latch://httpbin/key', 'GET', `${httpbin.url}/headers`, '-H', 'X-Trace: abc', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      status: number;
      body: { kind: string; text: string };
      sent: { headers: { name: string; value: string }[] };
    };
    expect(out.status).toBe(200);
    const seen = JSON.parse(out.body.text) as { headers: Record<string, string> };
    // httpbin echoes the key: the output masks it, as the app does.
    expect(seen.headers['X-Api-Key']).toBe('[redacted]');
    expect(r.stdout).not.toContain('k-123');
    expect(seen.headers['X-Trace']).toBe('abc');
    expect(out.sent.headers.find((h) => h.name.toLowerCase() === 'x-api-key')?.value).toBe('[redacted]');
    expect(JSON.stringify(out.sent)).not.toContain('k-123');
  });

  it('sends -d as JSON when it parses', async () => {
    const r = await run(['latch://httpbin/key', 'POST', '/post', '-d', '{"a":1}', '--json']);
    expect(r.code).toBe(0);
    const seen = JSON.parse((JSON.parse(r.stdout) as { body: { text: string } }).body.text) as {
      json: unknown;
      headers: Record<string, string>;
    };
    expect(seen.json).toEqual({ a: 1 });
    expect(seen.headers['Content-Type']).toMatch(/application\/json/);
  });

  it("-d 'q=x' is a form body, so an API key placed in a form field works (httpbin echoes it masked)", async () => {
    const r = await run(['latch://httpbin/form-key', 'POST', '/post', '-d', 'q=x&n=a b', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { body: { text: string }; masked: number };
    const seen = JSON.parse(out.body.text) as { form: Record<string, string>; headers: Record<string, string> };
    expect(seen.form).toEqual({ q: 'x', n: 'a b', api_key: '[redacted]' });
    expect(seen.headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(out.masked).toBeGreaterThan(0);
    expect(r.stdout).not.toContain('form-key-9876');
  });

  it('-F sends multipart/form-data fields; -F with -d, or a file upload, is refused with a reason', async () => {
    const r = await run(['latch://httpbin/key', 'POST', '/post', '-F', 'a=1', '-F', 'b=two words', '--json']);
    expect(r.code).toBe(0);
    const seen = JSON.parse((JSON.parse(r.stdout) as { body: { text: string } }).body.text) as {
      form: Record<string, string>;
      headers: Record<string, string>;
    };
    expect(seen.form).toEqual({ a: '1', b: 'two words' });
    expect(seen.headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
    const both = await run(['latch://httpbin/key', 'POST', '/post', '-F', 'a=1', '-d', 'x=1']);
    expect(both.code).toBe(2);
    const file = await run(['latch://httpbin/key', 'POST', '/post', '-F', 'f=@/etc/passwd']);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/not supported/);
  });

  it('--fail exits 22 on /status/404; without it the 404 exits 0', async () => {
    const failing = await run(['latch://httpbin/login', 'GET', '/status/404', '--fail']);
    expect(failing.code).toBe(22);
    expect(failing.stdout).toMatch(/^HTTP\/1\.1 404 NOT FOUND\n/);
    const plain = await run(['latch://httpbin/login', 'GET', '/status/404']);
    expect(plain.code).toBe(0);
  });

  it('an unknown reference exits 1 with a message naming it', async () => {
    const r = await run(['latch://nope/login', 'GET', '/get']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^latch: /);
  });

  it('a bad -H is a usage error (exit 2)', async () => {
    const r = await run(['latch://httpbin/login', 'GET', '/get', '-H', 'no colon']);
    expect(r.code).toBe(2);
  });

  it('refuses to send a credential to a host it is not bound to, naming the host and --allow-host; the flag lets it go', async () => {
    const other = await startScriptedServer();
    other.fallback = reply(200, { 'content-type': 'text/plain' }, 'ok');
    try {
      const host = `127.0.0.1:${other.port}`;
      const refused = await run(['latch://httpbin/key', 'GET', `${other.url}/steal`]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(host);
      expect(refused.stderr).toContain(`--allow-host ${host}`);
      expect(refused.stderr).not.toContain('k-123');
      expect(refused.stdout).toBe('');
      expect(other.seen).toHaveLength(0);

      const wrongFlag = await run([
        'latch://httpbin/key',
        'GET',
        `${other.url}/steal`,
        '--allow-host',
        'elsewhere.test',
      ]);
      expect(wrongFlag.code).toBe(2);
      expect(other.seen).toHaveLength(0);
      const badFlag = await run(['latch://httpbin/key', 'GET', '/get', '--allow-host', 'https://x.test/path']);
      expect(badFlag.code).toBe(2);
      expect(badFlag.stderr).toContain('--allow-host');

      const allowed = await run(['latch://httpbin/key', 'GET', `${other.url}/meant`, '--allow-host', host]);
      expect(allowed.code).toBe(0);
      expect(other.seen.map((r) => r.url)).toEqual(['/meant']);
      expect(other.seen[0]?.headers['x-api-key']).toBe('k-123');
    } finally {
      await other.close();
    }
  });

  it('latch add --host binds another host; latch hosts lists, forgets and adds one, and request follows', async () => {
    const other = await startScriptedServer();
    other.fallback = reply(200, { 'content-type': 'text/plain' }, 'ok');
    const withPw = (args: string[], stdin = `${PASSWORD}\n`) => latch([...args, '--password-stdin'], { stdin, env });
    try {
      const host = `127.0.0.1:${other.port}`;
      const badHost = await withPw(['add', 'httpbin', '--kind', 'api-key', '--name', 'x', '--host', 'https://a/b']);
      expect(badHost.code).toBe(2);
      const added = await withPw(
        [
          'add',
          'httpbin',
          '--kind',
          'api-key',
          '--name',
          'bound',
          '--host',
          host,
          '--field',
          'header=X-Api-Key',
          '--field',
          'value=-',
        ],
        `${PASSWORD}\nbound-key-55\n`,
      );
      expect(added.code).toBe(0);
      const listed = await withPw(['hosts', 'latch://httpbin/bound', '--json']);
      expect(JSON.parse(listed.stdout)).toEqual({
        credential: 'bound',
        bound: [new URL(httpbin.url).host, host],
        hosts: [host],
        approvedOrigins: [],
      });
      expect((await run(['latch://httpbin/bound', 'GET', `${other.url}/bound`])).code).toBe(0);
      expect(other.seen.map((r) => r.headers['x-api-key'])).toEqual(['bound-key-55']);

      const forgot = await withPw(['hosts', 'latch://httpbin/bound', '--forget', host]);
      expect(forgot.code).toBe(0);
      expect(forgot.stdout).toContain('Added to this credential: (none)');
      const refused = await run(['latch://httpbin/bound', 'GET', `${other.url}/after-forget`]);
      expect(refused.code).toBe(2);
      expect(other.seen).toHaveLength(1);
      const again = await withPw(['hosts', 'latch://httpbin/bound', '--forget', host]);
      expect(again.code).toBe(1); // nothing to forget: ERR_NOT_FOUND

      expect((await withPw(['hosts', 'latch://httpbin/bound', '--add', host])).code).toBe(0);
      expect((await run(['latch://httpbin/bound', 'GET', `${other.url}/re-added`])).code).toBe(0);
      expect(other.seen.map((r) => r.url)).toEqual(['/bound', '/re-added']);
    } finally {
      await other.close();
    }
  });
});
