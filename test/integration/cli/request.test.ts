import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
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

  it('-F sends multipart/form-data fields; -F with -d, or -F name=<file, is refused with a reason', async () => {
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
    const asValue = await run(['latch://httpbin/key', 'POST', '/post', '-F', 'f=</etc/hostname']);
    expect(asValue.code).toBe(2);
    expect(asValue.stderr).toMatch(/name=<file .*not supported.*-F name=@file/);
  });

  it('-F with an API key placed in a body field: the key joins the multipart fields (httpbin echoes it masked)', async () => {
    const r = await run(['latch://httpbin/form-key', 'POST', '/post', '-F', 'q=x', '-F', 'api_key=stale', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { body: { text: string }; masked: number; sent: { body: unknown } };
    const seen = JSON.parse(out.body.text) as { form: Record<string, string>; headers: Record<string, string> };
    // The vault's key replaced the one typed (one api_key part, not two), and the echo is masked.
    expect(seen.form).toEqual({ q: 'x', api_key: '[redacted]' });
    expect(seen.headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(out.masked).toBeGreaterThan(0);
    expect(r.stdout).not.toContain('form-key-9876');
  });

  it('-F name=@path uploads the file with its name and a content type (;type= optional); httpbin sees its bytes', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'line one\nline two\n');
    const r = await run([
      'latch://httpbin/form-key',
      'POST',
      '/post',
      '-F',
      'q=x',
      '-F',
      `doc=@${file};type=text/plain`,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const seen = JSON.parse((JSON.parse(r.stdout) as { body: { text: string } }).body.text) as {
      form: Record<string, string>;
      files: Record<string, string>;
    };
    expect(seen.files).toEqual({ doc: 'line one\nline two\n' });
    expect(seen.form).toEqual({ q: 'x', api_key: '[redacted]' });

    // httpbin echoes neither the filename nor the part's type: a capture server shows the part as sent.
    const capture = await startScriptedServer();
    capture.fallback = reply(200, { 'content-type': 'text/plain' }, 'ok');
    try {
      const host = `127.0.0.1:${capture.port}`;
      const sent = await run([
        'latch://httpbin/form-key',
        'POST',
        `${capture.url}/upload`,
        '--allow-host',
        host,
        '-F',
        `plain=@${file}`,
        '-F',
        `typed=@${file};type=text/markdown;filename=renamed.md`,
        '-F',
        'literal=x@/etc/passwd',
      ]);
      expect(sent.code).toBe(0);
      const body = capture.seen[0]?.body.toString('utf8') ?? '';
      expect(body).toContain(
        'Content-Disposition: form-data; name="plain"; filename="notes.txt"\r\nContent-Type: application/octet-stream\r\n\r\nline one\nline two\n\r\n',
      );
      expect(body).toContain(
        'Content-Disposition: form-data; name="typed"; filename="renamed.md"\r\nContent-Type: text/markdown\r\n\r\nline one',
      );
      // An @ inside a value is text, never a path to read.
      expect(body).toContain('name="literal"\r\n\r\nx@/etc/passwd\r\n');
      expect(body).not.toContain('root:');
      expect(body).toContain('name="api_key"\r\n\r\nform-key-9876\r\n');
    } finally {
      await capture.close();
    }
  });

  it('-F name=@path refuses a FIFO, a folder, a file over the bound and a missing file, each saying why', async () => {
    const fifo = join(dir, 'upload.fifo');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.bin');
    // Sparse: its size is over the bound without writing 16 MiB.
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 16 * 1024 * 1024 + 1);
    closeSync(fd);
    const cases: [string, RegExp][] = [
      [fifo, /not a regular file/],
      [dir, /not a regular file/],
      [big, /16777217 bytes, more than 16 MiB/],
      [join(dir, 'missing.txt'), /Cannot read .*missing\.txt \(ENOENT\)/],
    ];
    for (const [path, why] of cases) {
      const r = await run(['latch://httpbin/key', 'POST', '/post', '-F', `f=@${path}`]);
      expect(r.code, path).not.toBe(0);
      expect(r.stderr, path).toMatch(why);
      expect(r.stdout).toBe('');
    }
    const badType = await run(['latch://httpbin/key', 'POST', '/post', '-F', `f=@${big};type=text/plain\r\nX: y`]);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/type= takes a media type/);
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

  it('a path on a service with no base URL says so and what to do, as the app does, exit 2, nothing sent', async () => {
    const v = await openVault({ path: vault, password: PASSWORD });
    const store = new ServiceStore(v, systemClock);
    const id = await store.createService({ name: 'nobase' });
    await store.addCredential(id, { kind: 'api-key', name: 'key', fields: { value: 'nb-555', header: 'X-Api-Key' } });
    v.lock();
    const r = await run(['latch://nobase/key', 'GET', '/api/v1/status']);
    expect(r.stderr).toBe(
      'latch: This service has no base URL: type a full https:// URL, or add a base URL to the service.\n',
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it("latch add --header keeps default headers; request sends them, -H wins by name, -H 'Name:' drops one", async () => {
    const add = (header: string, name: string) =>
      latch(
        [
          'add',
          'rapid',
          '--password-stdin',
          '--url',
          httpbin.url,
          '--kind',
          'api-key',
          '--name',
          name,
          '--field',
          'header=X-RapidAPI-Key',
          '--field',
          'value=-',
          '--header',
          header,
          '--header',
          'X-Api-Version: 2',
        ],
        { stdin: `${PASSWORD}\nrapid-key-31\n`, env },
      );
    // A name that carries a credential is refused, and nothing is written (no service, no credential).
    const refused = await add('Authorization: Bearer abc', 'key');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/store its value as a credential/);
    expect((await run(['latch://rapid/key', 'GET', '/headers'])).code).toBe(1);
    expect((await add('X-RapidAPI-Host: weather.p.rapidapi.com', 'key')).code).toBe(0);

    const echoed = async (...extra: string[]) => {
      const r = await run(['latch://rapid/key', 'GET', '/headers', '--json', ...extra]);
      expect(r.code).toBe(0);
      return (
        JSON.parse((JSON.parse(r.stdout) as { body: { text: string } }).body.text) as {
          headers: Record<string, string>;
        }
      ).headers;
    };
    const plain = await echoed();
    expect(plain['X-Rapidapi-Host']).toBe('weather.p.rapidapi.com');
    expect(plain['X-Api-Version']).toBe('2');
    expect(plain['X-Rapidapi-Key']).toBe('[redacted]');
    const changed = await echoed('-H', 'x-api-version: 3', '-H', 'X-RapidAPI-Host:');
    expect(changed['X-Api-Version']).toBe('3');
    expect(changed['X-Rapidapi-Host']).toBeUndefined();
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
