/**
 * A script in the renderer holds the contract: this suite is that script. It talks to the
 * browser host over its own authenticated WebSocket (so no client-side check helps main),
 * sends every channel the worst input generated from the contract itself (a channel added
 * later is covered without touching this file), and checks after each attack that the host
 * still answers `app.ping` and that nothing it did reached a secret.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { SystemClipboard } from '../../../main/core/clipboard/system-clipboard';
import { ERROR_CODES } from '../../../main/core/model/errors';
import { BridgeError, createClient, type Envelope, type LatchApi } from '../../../preload/api';
import { CHANNEL_NAMES, channels } from '../../../preload/contract';
import { createHostApp, type HostApp } from '../../host/host-app';
import { MAX_FRAME_BYTES } from '../../host/server';
import { type ScriptedServer, startScriptedServer } from '../../peers/scripted-server';
import { pngDeclaring } from '../../support/png-bomb';

const MASTER = 'correct horse battery staple';
const SECRET = 'sk_live_hostile_renderer_SECRET_42';

let host: HostApp;
let dir: string;
const opened: string[] = [];
let serviceId = '';
let leakyServiceId = '';

/** One authenticated connection, as the page's own bridge would have it. */
class Bridge {
  readonly ws: WebSocket;
  #next = 1;
  constructor() {
    this.ws = new WebSocket(`${host.origin.replace('http', 'ws')}/bridge?token=${host.token}`, {
      origin: host.origin,
      maxPayload: 64 * 1024 * 1024,
    });
    this.ws.on('error', () => undefined);
    // Each call in flight listens for its own reply, and the flood tests keep dozens in flight at once.
    this.ws.setMaxListeners(256);
  }
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }
  /** Sends a raw frame and waits for the reply with that id (or the next reply without one). */
  raw(frame: string | Buffer, id: number | null, binary = false): Promise<{ id: unknown; envelope: Envelope }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer within 20 s to ${String(frame).slice(0, 80)}`)),
        20_000,
      );
      const onMessage = (data: WebSocket.RawData) => {
        const reply = JSON.parse(String(data)) as { id?: unknown; event?: string; envelope?: Envelope };
        if (reply.event !== undefined || reply.envelope === undefined) return;
        if (id !== null && reply.id !== id) return;
        clearTimeout(timer);
        this.ws.off('message', onMessage);
        resolve({ id: reply.id, envelope: reply.envelope });
      };
      this.ws.on('message', onMessage);
      this.ws.send(frame, { binary });
    });
  }
  /** A call whose input is raw JSON text (so `__proto__` stays a key, and nesting is not built in JS). */
  async callText(channel: string, inputJson: string): Promise<Envelope> {
    const id = this.#next++;
    return (await this.raw(`{"id":${id},"channel":${JSON.stringify(channel)},"input":${inputJson}}`, id)).envelope;
  }
  call(channel: string, input: unknown): Promise<Envelope> {
    return this.callText(channel, JSON.stringify(input));
  }
  /** Resolves with the close code when the host closes this connection. */
  closed(): Promise<number> {
    return new Promise((resolve) => this.ws.once('close', (code) => resolve(code)));
  }
  close(): void {
    this.ws.terminate();
  }
}

async function connect(): Promise<Bridge> {
  const b = new Bridge();
  await b.open();
  return b;
}

/** The host is alive and answers on a fresh connection. */
async function expectAlive(): Promise<void> {
  const b = await connect();
  expect(await b.call('app.ping', { echo: 'still here' })).toEqual({ ok: true, value: { echo: 'still here' } });
  b.close();
}

function expectTyped(envelope: Envelope, what: string): void {
  if (envelope.ok) return;
  expect(ERROR_CODES, `${what}: unknown code ${envelope.error.code}`).toContain(envelope.error.code);
  expect(envelope.error.code, `${what}: ${envelope.error.message}`).not.toBe('ERR_INTERNAL');
  expect(envelope.error.message).not.toContain(SECRET);
}

async function value<T>(b: Bridge, channel: string, input: unknown): Promise<T> {
  const envelope = await b.call(channel, input);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

/**
 * The client the page holds (in Electron it runs in the preload's isolated world) over this
 * connection, with the channels it let through to main.
 */
function pageClient(b: Bridge): { latch: LatchApi; sent: string[] } {
  const sent: string[] = [];
  const latch = createClient({
    invoke: (channel, input) => {
      sent.push(channel);
      return b.call(channel, input);
    },
    subscribe: () => () => undefined,
  });
  return { latch, sent };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'latch-hostile-'));
  host = await createHostApp({
    dataDir: dir,
    keychainStatus: async () => ({ reachable: false, backend: 'none', detail: 'test' }),
    browser: {
      open: async (url) => {
        opened.push(url);
      },
    },
  });
  const b = await connect();
  await value(b, 'vault.create', { password: MASTER, iterations: 100_000 });
  serviceId = (
    await value<{ id: string }>(b, 'services.create', {
      service: { name: 'Stripe', baseUrl: 'https://api.stripe.com' },
    })
  ).id;
  await value(b, 'credentials.add', {
    serviceId,
    kind: 'api-key',
    name: 'live',
    fields: { value: SECRET, header: 'Authorization' },
  });
  leakyServiceId = (
    await value<{ id: string }>(b, 'services.create', {
      service: { name: 'Leaky', baseUrl: 'https://user:pass@evil.example/' },
    })
  ).id;
  b.close();
}, 60_000);

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Inputs no renderer of ours sends, built for one channel from its schema's top-level keys. */
function hostileInputs(name: string): Record<string, string> {
  const schema = channels[name as keyof typeof channels].input as { shape?: Record<string, unknown> };
  const keys = schema.shape ? Object.keys(schema.shape) : ['target', 'id'];
  // As large as one frame allows (a larger frame is refused whole: see "hostile frames").
  const huge = JSON.stringify('x'.repeat(Math.min(1_000_000, Math.floor((MAX_FRAME_BYTES - 65_536) / keys.length))));
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const deepObject = `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`;
  const proto = '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
  const every = (v: string) => `{${keys.map((k) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
  return {
    null: 'null',
    string: '"vault"',
    number: '-1e309',
    array: '[1,2,3]',
    'unknown key': '{"dump":true}',
    'every field oversized': every(huge),
    'every field deeply nested array': every(deep),
    'every field deeply nested object': every(deepObject),
    'every field __proto__': every(proto),
    '__proto__ at the top': `{"__proto__":{"polluted":"yes"}${keys.map((k) => `,${JSON.stringify(k)}:null`).join('')}}`,
    'every field of the wrong type': every('{"toString":1,"valueOf":1}'),
  };
}

describe('a hostile renderer against every channel', () => {
  // Generated from the contract: a new channel is attacked without a change here.
  it.each(CHANNEL_NAMES.map((n) => [n]))(
    '%s answers malformed, oversized, nested and __proto__ input with a typed error',
    async (name) => {
      const b = await connect();
      // Keep the vault open so the attack reaches past the lock check (a no-op when unlocked).
      await value(b, 'vault.unlock', { password: MASTER });
      for (const [what, input] of Object.entries(hostileInputs(name))) {
        const envelope = await b.callText(name, input);
        expectTyped(envelope, `${name} / ${what}`);
        expect(JSON.stringify(envelope)).not.toContain(SECRET);
        expect(({} as Record<string, unknown>).polluted, `${name} / ${what} polluted Object.prototype`).toBeUndefined();
      }
      b.close();
      await expectAlive();
    },
    60_000,
  );
});

describe('hostile frames', () => {
  it('answers a frame that is not a request with a typed error and lives on', async () => {
    const b = await connect();
    for (const frame of ['null', '42', '[]', '"x"', 'true', '{not json', '{"channel":42}', '{"id":{"x":1}}']) {
      const reply = await b.raw(frame, null);
      expect(reply.envelope, frame).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
    }
    const binary = await b.raw(
      Buffer.from(JSON.stringify({ id: 1, channel: 'app.ping', input: { echo: 'x' } })),
      null,
      true,
    );
    expect(binary.envelope).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
    expect(await b.call('app.ping', { echo: 'same connection' })).toMatchObject({ ok: true });
    b.close();
    await expectAlive();
  });

  it('refuses a 50 MB frame (1009) without reading it, and lives on', async () => {
    const b = await connect();
    const closed = b.closed();
    b.ws.send(Buffer.alloc(50 * 1024 * 1024, 0x20));
    expect(await closed).toBe(1009);
    expect(50 * 1024 * 1024).toBeGreaterThan(MAX_FRAME_BYTES);
    await expectAlive();
  });

  it('closes on 4 bytes of invalid UTF-8 in a text frame (1007), and lives on', async () => {
    const b = await connect();
    const closed = b.closed();
    b.ws.send(Buffer.from([0xff, 0xfe, 0xfd, 0xfc]), { binary: false });
    expect(await closed).toBe(1007);
    await expectAlive();
  });
});

describe('host binding is decided in main', () => {
  /** A script's own server, and the stored credential it would like sent there. */
  async function atStranger(attack: (b: Bridge, server: ScriptedServer, credentialId: string) => Promise<void>) {
    const server = await startScriptedServer();
    const b = await connect();
    try {
      await value(b, 'vault.unlock', { password: MASTER });
      const view = await value<{ credentials: { id: string }[] }>(b, 'services.get', { id: serviceId });
      await attack(b, server, view.credentials[0]?.id ?? '');
      expect(server.seen).toHaveLength(0);
    } finally {
      b.close();
      await server.close();
    }
  }

  it(
    'a signed send to a host the credential is not bound to is refused, naming the host; nothing goes out',
    () =>
      atStranger(async (b, server, credentialId) => {
        const steal = (url: string) =>
          b.call('requests.send', { requestId: 'r_steal', serviceId, credentialId, request: { method: 'GET', url } });
        for (const [url, host, reason] of [
          [`${server.url}/steal`, `127.0.0.1:${server.port}`, 'unbound-host'],
          ['https://api.stripe.com.evil.example/v1', 'api.stripe.com.evil.example', 'unbound-host'],
          ['http://api.stripe.com/v1', 'api.stripe.com', 'plain-http'],
        ] as const) {
          const refused = await steal(url);
          expect(refused, url).toMatchObject({
            ok: false,
            error: { code: 'ERR_HOST_NOT_ALLOWED', detail: { host, reason } },
          });
          if (!refused.ok) expect(refused.error.message).toContain(host);
          expect(JSON.stringify(refused)).not.toContain(SECRET);
        }
      }),
    30_000,
  );

  it(
    "an audit with the credential at the script's own server is refused the same way; the server receives nothing",
    () =>
      atStranger(async (b, server, credentialId) => {
        const host = `127.0.0.1:${server.port}`;
        const refused = await b.call('audit.run', { url: `${server.url}/collect`, serviceId, credentialId });
        expect(refused).toMatchObject({
          ok: false,
          error: { code: 'ERR_HOST_NOT_ALLOWED', detail: { host, reason: 'unbound-host' } },
        });
        expect(JSON.stringify(refused)).not.toContain(SECRET);
      }),
    30_000,
  );
});

describe('default headers from a script', () => {
  it('a header with CR/LF or NUL, a credential name or one too many is refused; nothing is kept or sent', async () => {
    const server = await startScriptedServer();
    try {
      const b = await connect();
      await value(b, 'vault.unlock', { password: MASTER });
      const fifty = Array.from({ length: 51 }, (_, i) => ({ name: `X-H${i}`, value: 'v' }));
      for (const headers of [
        [{ name: 'X-A', value: 'a\r\nX-Injected: 1' }],
        [{ name: 'X-A', value: 'a\nb' }],
        [{ name: 'X-A', value: 'a\u0000b' }],
        [{ name: 'X-A\r\nX-Injected', value: '1' }],
        [{ name: 'Authorization', value: 'Bearer stolen' }],
        fifty,
      ]) {
        const what = JSON.stringify(headers).slice(0, 60);
        const created = await b.call('services.create', { service: { name: 'Injected', headers } });
        expect(created, what).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
        const updated = await b.call('services.update', { id: serviceId, service: { headers } });
        expect(updated, what).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
      }
      const names = (await value<{ name: string }[]>(b, 'services.list', {})).map((x) => x.name);
      expect(names).not.toContain('Injected');
      expect((await value<{ headers: unknown[] }>(b, 'services.get', { id: serviceId })).headers).toEqual([]);
      // The same channel takes a clean one: what was refused was the value, not the field.
      const clean = [{ name: 'X-RapidAPI-Host', value: 'a.p.rapidapi.com' }];
      const { id } = await value<{ id: string }>(b, 'services.create', { service: { name: 'Clean', headers: clean } });
      expect((await value<{ headers: unknown[] }>(b, 'services.get', { id })).headers).toEqual(clean);
      await value(b, 'services.delete', { id });
      // A request's own header with a line break is refused before anything goes out.
      const sent = await b.call('requests.send', {
        requestId: 'r_crlf',
        request: { method: 'GET', url: `${server.url}/x`, headers: [{ name: 'X-A', value: 'a\r\nX-Injected: 1' }] },
      });
      expect(sent).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
      expect(server.seen).toHaveLength(0);
      b.close();
    } finally {
      await server.close();
    }
  }, 30_000);
});

describe('exports and links without the user', () => {
  const exportsDir = () => join(dir, 'exports');
  const exported = () => (existsSync(exportsDir()) ? readdirSync(exportsDir()) : []);

  it('an export needs the master password: the old flag, no password or a wrong one write nothing', async () => {
    const b = await connect();
    await value(b, 'vault.unlock', { password: MASTER });
    const before = exported();
    for (const [channel, input] of [
      ['io.exportPlaintext', { confirmPlaintext: true }],
      ['io.exportBackup', { password: 'chosen by the script' }],
      ['io.exportBackup', { backupPassword: 'chosen by the script' }],
    ] as const) {
      expect((await b.call(channel, input)).ok ? 'ok' : 'refused').toBe('refused');
    }
    const wrong = await b.call('io.exportPlaintext', { masterPassword: 'guess', confirmPlaintext: true });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'ERR_WRONG_PASSWORD' } });
    expect(exported()).toEqual(before);
    b.close();
    await expectAlive();
  }, 30_000);

  it('a confirmed export goes to a file main chose; its content never crosses the bridge', async () => {
    const b = await connect();
    const reply = await b.call('io.exportPlaintext', { masterPassword: MASTER, confirmPlaintext: true });
    expect(reply).toMatchObject({ ok: true, value: { saved: true } });
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    const path = reply.ok ? (reply.value as { path: string }).path : '';
    expect(path.startsWith(`${exportsDir()}/`)).toBe(true);
    b.close();
  }, 30_000);

  it('opens only what an id names: no URL from the page, no docs off the list, no credentials in a URL', async () => {
    const b = await connect();
    await value(b, 'vault.unlock', { password: MASTER });
    opened.length = 0;
    for (const input of [
      { url: `https://evil.example/?k=${SECRET}` },
      { target: 'url', url: 'https://evil.example/' },
      { target: 'docs', page: 'https://evil.example/' },
      { target: 'service', serviceId, url: 'https://evil.example/' },
    ]) {
      expect(await b.call('app.openLink', input)).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
    }
    expect(await b.call('app.openLink', { target: 'service', serviceId: 'no-such-service' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_NOT_FOUND' },
    });
    expect(await b.call('app.openLink', { target: 'device-verification', credentialId: 'none' })).toMatchObject({
      ok: false,
      error: { code: 'ERR_NOT_FOUND' },
    });
    expect(await b.call('app.openLink', { target: 'service', serviceId: leakyServiceId })).toMatchObject({
      ok: false,
      error: { code: 'ERR_BAD_INPUT' },
    });
    expect(opened).toEqual([]);
    expect(await b.call('app.openLink', { target: 'service', serviceId })).toMatchObject({ ok: true });
    expect(await b.call('app.openLink', { target: 'docs', page: 'security' })).toMatchObject({ ok: true });
    expect(opened).toEqual([
      'https://api.stripe.com',
      'https://github.com/latch-vault/latch/blob/main/docs/security.md',
    ]);
    b.close();
    await expectAlive();
  });
});

describe('file-changing channels without the user', () => {
  afterEach(() => vi.unstubAllGlobals());

  it("the page's client refuses vault.create at a path without a click: nothing reaches main, no file, no folder", async () => {
    const b = await connect();
    const { latch, sent } = pageClient(b);
    vi.stubGlobal('navigator', { userActivation: { isActive: false } });
    const planted = join(dir, 'planted');
    const refused = await latch.vault
      .create({ password: 'chosen by the script', path: join(planted, 'vault.latch') } as never)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BridgeError);
    expect((refused as BridgeError).code).toBe('ERR_FORBIDDEN_SENDER');
    // Every channel that changes files or hands something out is refused the same way, from the contract.
    for (const name of CHANNEL_NAMES.filter((n) => channels[n].gesture)) {
      const [space, method] = name.split('.') as [string, string];
      const call = (latch as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>)[space]![
        method
      ]!;
      expect(
        await call({}).then(
          () => 'served',
          (e: BridgeError) => e.code,
        ),
        name,
      ).toBe('ERR_FORBIDDEN_SENDER');
    }
    expect(sent).toEqual([]);
    expect(existsSync(planted)).toBe(false);
    b.close();
    await expectAlive();
  });
});

describe('settings from a script', () => {
  it('cannot choose the vault file the next start opens, nor move the window: main records those', async () => {
    const b = await connect();
    const before = await value<{ lastVaultPath: string }>(b, 'settings.get', {});
    for (const patch of [
      { lastVaultPath: join(dir, 'planted', 'vault.latch') },
      { lastVaultPath: '\\\\attacker\\share\\vault.latch' },
      { windowBounds: { x: -10_000, y: -10_000, width: 400, height: 300 } },
      { theme: 'dark', lastVaultPath: join(dir, 'planted', 'vault.latch') },
    ]) {
      const reply = await b.call('settings.update', patch);
      expect(reply, JSON.stringify(patch)).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
    }
    const after = await value<{ lastVaultPath: string; theme: string }>(b, 'settings.get', {});
    expect(after.lastVaultPath).toBe(before.lastVaultPath);
    expect(existsSync(join(dir, 'planted'))).toBe(false);
    b.close();
    await expectAlive();
  });

  it('cannot lock the user out with a sub-minute auto-lock: the vault would lock at the first idle moment, Settings out of reach', async () => {
    const b = await connect();
    const before = await value<Record<string, unknown>>(b, 'settings.get', {});
    for (const autoLockMinutes of [0.0001, 0.5, 5e-324, 1.5]) {
      const reply = await b.call('settings.update', { autoLockMinutes });
      expect(reply, String(autoLockMinutes)).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
    }
    expect(await value(b, 'settings.get', {})).toEqual(before);
    b.close();
    await expectAlive();
  });

  it('cannot lower the protection: main refuses every weaker value on settings.update; a stronger one goes through', async () => {
    const b = await connect();
    const before = await value<Record<string, unknown>>(b, 'settings.get', {});
    for (const patch of [
      { autoLockMinutes: 0 },
      { autoLockMinutes: 1440 },
      { clipboardClearSeconds: 3600 },
      { closeToTray: true },
      { automaticBackups: false },
      { backupsToKeep: 1 },
      { quickAccessShortcut: 'Control+Shift+V' },
      { theme: 'dark', autoLockMinutes: 0 },
    ]) {
      const reply = await b.call('settings.update', patch);
      expect(reply, JSON.stringify(patch)).toMatchObject({ ok: false, error: { code: 'ERR_FORBIDDEN_SENDER' } });
    }
    expect(await value(b, 'settings.get', {})).toEqual(before);
    // Keeping or raising it needs nobody.
    expect(await value(b, 'settings.update', { autoLockMinutes: 5, clipboardClearSeconds: 10 })).toMatchObject({
      autoLockMinutes: 5,
      clipboardClearSeconds: 10,
    });
    // The way to lower it is a gesture channel: the page's client sends it only after a click or key press.
    const { latch, sent } = pageClient(b);
    vi.stubGlobal('navigator', { userActivation: { isActive: false } });
    const refused = await latch.settings.weaken({ autoLockMinutes: 0 }).then(
      () => 'served',
      (e: BridgeError) => e.code,
    );
    vi.unstubAllGlobals();
    expect(refused).toBe('ERR_FORBIDDEN_SENDER');
    expect(sent).toEqual([]);
    expect(await value(b, 'settings.get', {})).toMatchObject({ autoLockMinutes: 5, clipboardClearSeconds: 10 });
    // Past the gesture check (here the page's own, so a raw socket skips it) main still asks the user,
    // and a no changes nothing.
    const asked = b.call('settings.weaken', { autoLockMinutes: 0, closeToTray: true });
    expect((await host.confirmations.answerNext(false)).title).toBe("Lower the vault's protection in 2 ways?");
    expect(await asked).toMatchObject({ ok: false, error: { code: 'ERR_CANCELLED' } });
    expect(await value(b, 'settings.get', {})).toMatchObject({ autoLockMinutes: 5, closeToTray: false });
    // Put back, longer again: main asks first, and this test says yes.
    const putBack = value(b, 'settings.weaken', {
      autoLockMinutes: before.autoLockMinutes,
      clipboardClearSeconds: before.clipboardClearSeconds,
    });
    await host.confirmations.answerNext(true);
    await putBack;
    b.close();
    await expectAlive();
  });
});

describe('secrets to the clipboard without the user', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('every copy of a secret (credentials, quick access, a live code, a recovery code) needs a click: nothing reaches main, the clipboard keeps what the user had, no code is used up', async () => {
    const b = await connect();
    await value(b, 'vault.unlock', { password: MASTER });
    // A service of its own, so the other tests' services keep their credentials as they were.
    const { id: otpServiceId } = await value<{ id: string }>(b, 'services.create', { service: { name: 'GitHub' } });
    const { id: keyId } = await value<{ id: string }>(b, 'credentials.add', {
      serviceId: otpServiceId,
      kind: 'api-key',
      name: 'pat',
      fields: { value: SECRET, header: 'Authorization' },
    });
    const { id: codeId } = await value<{ id: string }>(b, 'credentials.add', {
      serviceId: otpServiceId,
      kind: 'totp',
      name: '2FA',
      fields: { secret: 'JBSWY3DPEHPK3PXP' },
    });
    await value(b, 'totp.setBackupCodes', { serviceId: otpServiceId, text: 'aaaa-bbbb-1111\naaaa-bbbb-2222' });
    const left = async () => (await value<{ left: number }>(b, 'totp.backupCodes', { serviceId: otpServiceId })).left;

    // What the user copied last, on the X clipboard another program reads (none without a display).
    const clipboard = new SystemClipboard();
    const USERS = 'what the user copied';
    const hasClipboard = await clipboard.writeText(USERS).then(
      () => true,
      () => false,
    );
    // Under a display (with-peers' Xvfb, CI) the clipboard checks below must run, not pass by skipping.
    if (process.env.DISPLAY) expect(hasClipboard, 'a display without a working clipboard').toBe(true);

    // The window's input, as the browser delivers it to the client's listeners (a script's events are untrusted).
    const presses: ((e: { isTrusted: boolean }) => void)[] = [];
    vi.stubGlobal('addEventListener', (type: string, fn: (e: { isTrusted: boolean }) => void) => {
      if (type === 'pointerdown') presses.push(fn);
    });
    const click = () => {
      for (const fn of presses) fn({ isTrusted: true });
    };
    const { latch, sent } = pageClient(b);
    const activation = { isActive: false };
    vi.stubGlobal('navigator', { userActivation: activation });
    const copies = {
      'credentials.copy': () => latch.credentials.copy({ serviceId: otpServiceId, credentialId: keyId }),
      'quick.copy': () => latch.quick.copy({ serviceId: otpServiceId, credentialId: keyId }),
      'totp.copy': () => latch.totp.copy({ serviceId: otpServiceId, credentialId: codeId }),
      'totp.useBackupCode': () => latch.totp.useBackupCode({ serviceId: otpServiceId, index: 0 }),
    };
    for (const [name, copy] of Object.entries(copies)) {
      const refused = await copy().catch((e: unknown) => e);
      expect(refused, name).toBeInstanceOf(BridgeError);
      expect((refused as BridgeError).code, name).toBe('ERR_FORBIDDEN_SENDER');
      expect((refused as BridgeError).message, name).toBe(
        'This needs a click or key press: try again from the button.',
      );
    }
    expect(sent).toEqual([]);
    if (hasClipboard) expect(await clipboard.readText()).toBe(USERS);
    expect(await left()).toBe(2);

    // The same calls with a click behind them reach main and copy (or, with no display, say why).
    activation.isActive = true;
    const copied = async (run: () => Promise<unknown>) =>
      run().then(
        async () => (hasClipboard ? clipboard.readText() : 'copied'),
        (e: BridgeError) => e.code,
      );
    const noDisplay = hasClipboard ? undefined : 'ERR_CLIPBOARD';
    expect(await copied(copies['quick.copy'])).toBe(noDisplay ?? SECRET);
    expect(await copied(copies['totp.copy'])).toMatch(noDisplay ?? /^\d{6}$/);
    expect(await copied(copies['totp.useBackupCode'])).toBe(noDisplay ?? 'aaaa-bbbb-1111');
    expect(sent).toEqual(['quick.copy', 'totp.copy', 'totp.useBackupCode']);
    expect(await left()).toBe(hasClipboard ? 1 : 2);
    // The activation that click left lasts seconds: a script's second recovery code in it is refused before main.
    expect(await copied(copies['totp.useBackupCode'])).toBe('ERR_FORBIDDEN_SENDER');
    expect(sent).toHaveLength(3);
    expect(await left()).toBe(hasClipboard ? 1 : 2);
    // The user's next click serves the next one.
    click();
    expect(await copied(copies['quick.copy'])).toBe(noDisplay ?? SECRET);
    expect(sent).toHaveLength(4);
    // Locking clears what Latch put there.
    await value(b, 'vault.lock', { forget: false });
    b.close();
  });
});

describe('copy as cURL with secrets without the user', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a script gets the redacted copy only: the copy with secrets needs a click, and the old flag is refused in main', async () => {
    const b = await connect();
    await value(b, 'vault.unlock', { password: MASTER });
    const view = await value<{ credentials: { id: string }[] }>(b, 'services.get', { id: serviceId });
    const credentialId = view.credentials[0]?.id ?? '';
    const input = { serviceId, credentialId, request: { method: 'GET', url: '/v1/charges' }, format: 'curl' };
    // Past the client, straight at main: the secret-free channel does not take the old includeSecrets.
    expect(await b.call('requests.copyAs', { ...input, includeSecrets: true })).toMatchObject({
      ok: false,
      error: { code: 'ERR_BAD_INPUT' },
    });
    const { latch, sent } = pageClient(b);
    vi.stubGlobal('navigator', { userActivation: { isActive: false } });
    const refused = await latch.requests.copyAsWithSecrets(input as never).catch((e: unknown) => e);
    expect((refused as BridgeError).code).toBe('ERR_FORBIDDEN_SENDER');
    expect(sent).toEqual([]);
    // The redacted copy still works without a click (where there is a clipboard to copy to).
    const copied = await latch.requests.copyAs(input as never).then(
      () => true,
      (e: BridgeError) => e.code,
    );
    expect(sent).toEqual(['requests.copyAs']);
    if (copied === true) {
      const text = await new SystemClipboard().readText();
      expect(text).toContain('[redacted]');
      expect(text).not.toContain(SECRET);
    } else expect(copied).toBe('ERR_CLIPBOARD');
    b.close();
  });
});

describe('where a credential goes, past the gesture check', () => {
  it("main asks before a base URL moves or a credential's hosts widen: a no, and nothing moved", async () => {
    const b = await connect();
    await value(b, 'vault.unlock', { password: MASTER });
    const view = await value<{ baseUrl: string; credentials: { id: string }[] }>(b, 'services.get', { id: serviceId });
    const credentialId = view.credentials[0]?.id ?? '';
    // A raw socket skips the page's gesture check (the browser host's is the page's own); main's question is not skipped.
    const moved = b.call('services.update', { id: serviceId, service: { baseUrl: 'https://evil.example' } });
    expect((await host.confirmations.answerNext(false)).title).toMatch(/credentials to https:\/\/evil\.example\?$/);
    expect(await moved).toMatchObject({ ok: false, error: { code: 'ERR_CANCELLED' } });
    const widened = b.call('credentials.update', { serviceId, credentialId, hosts: ['evil.example'] });
    expect((await host.confirmations.answerNext(false)).title).toMatch(/ to evil\.example\?$/);
    expect(await widened).toMatchObject({ ok: false, error: { code: 'ERR_CANCELLED' } });
    const after = await value<{ baseUrl: string; credentials: { id: string; hosts?: string[] }[] }>(b, 'services.get', {
      id: serviceId,
    });
    expect(after.baseUrl).toBe(view.baseUrl);
    expect(JSON.stringify(after)).not.toContain('evil.example');
    b.close();
    await expectAlive();
  });
});

describe('an OAuth credential pointed elsewhere by a script', () => {
  const REFRESH = 'refresh-token-of-the-real-server-77';
  const CLIENT_SECRET = 'client-secret-of-the-real-app-88';

  it('takes neither the refresh token nor the client secret to the new token endpoint', async () => {
    const evil = await startScriptedServer();
    const b = await connect();
    try {
      await value(b, 'vault.unlock', { password: MASTER });
      const add = async (grant: string) => {
        const { id } = await value<{ id: string }>(b, 'credentials.add', {
          serviceId,
          kind: 'oauth2',
          name: `idp ${grant}`,
          fields: {
            clientId: 'app',
            clientSecret: CLIENT_SECRET,
            clientAuth: 'client_secret_post',
            grant,
            tokenEndpoint: 'https://idp.example/token',
            revocationEndpoint: 'https://idp.example/revoke',
          },
        });
        // As a sign-in at the real server would have left it (the contract cannot write tokens).
        await host.composed.services.credentials.setTokens(serviceId, id, {
          accessToken: 'at',
          refreshToken: REFRESH,
          tokenType: 'Bearer',
          obtainedAt: 1,
        });
        return id;
      };
      for (const grant of ['authorization_code', 'client_credentials']) {
        const credentialId = await add(grant);
        const moved = { tokenEndpoint: `${evil.url}/token` };
        // The stored client secret is not carried to the new place: it must be typed again.
        expect(await b.call('credentials.update', { serviceId, credentialId, fields: moved })).toMatchObject({
          ok: false,
          error: { code: 'ERR_BAD_INPUT', detail: { field: 'clientSecret' } },
        });
        // With a secret of its own the script may move it; the tokens stay behind.
        const own = { ...moved, clientSecret: 'the-scripts-own-secret' };
        expect(await b.call('credentials.update', { serviceId, credentialId, fields: own })).toMatchObject({
          ok: true,
        });
        await b.call('oauth.refresh', { serviceId, credentialId });
        const view = await value<{ credentials: { id: string; secretFields: string[] }[] }>(b, 'services.get', {
          id: serviceId,
        });
        expect(view.credentials.find((c) => c.id === credentialId)?.secretFields).toEqual(['clientSecret']);
      }
      const sent = evil.seen.map((r) => `${JSON.stringify(r.headers)} ${r.body.toString()}`).join('\n');
      expect(sent).not.toContain(REFRESH);
      expect(sent).not.toContain(CLIENT_SECRET);
      expect(sent).not.toContain(Buffer.from(`app:${CLIENT_SECRET}`).toString('base64'));
    } finally {
      b.close();
      await evil.close();
    }
  }, 30_000);

  it('without a click, a script can only add clients of its own and refresh them: the stored secret and refresh token stay with their server', async () => {
    // docs/security.md, "A stored OAuth secret and a script": every way a script could point a stored secret elsewhere.
    const evil = await startScriptedServer();
    const b = await connect();
    try {
      await value(b, 'vault.unlock', { password: MASTER });
      // The user's client, signed in at the real server (which this test never reaches).
      const { id: real } = await value<{ id: string }>(b, 'credentials.add', {
        serviceId,
        kind: 'oauth2',
        name: 'idp real',
        fields: {
          clientId: 'app',
          clientSecret: CLIENT_SECRET,
          clientAuth: 'client_secret_basic',
          grant: 'client_credentials',
          tokenEndpoint: 'https://idp.example/token',
        },
      });
      await host.composed.services.credentials.setTokens(serviceId, real, {
        accessToken: 'at',
        refreshToken: REFRESH,
        tokenType: 'Bearer',
        obtainedAt: 1,
      });
      vi.stubGlobal('navigator', { userActivation: { isActive: false } });
      const { latch, sent } = pageClient(b);
      const outcome = (p: Promise<unknown>) =>
        p.then(
          () => 'served',
          (e: { code?: string }) => e.code,
        );
      // An edit moves where main sends the stored secret: it needs a click, and never reaches main without one.
      const moved = { tokenEndpoint: `${evil.url}/token` };
      expect(await outcome(latch.credentials.update({ serviceId, credentialId: real, fields: moved }))).toBe(
        'ERR_FORBIDDEN_SENDER',
      );
      expect(await outcome(latch.services.update({ id: serviceId, service: { baseUrl: evil.url } } as never))).toBe(
        'ERR_FORBIDDEN_SENDER',
      );
      expect(sent).toEqual([]);
      // A client of its own beside the real one (same client id, in the same service), and a new service's client:
      // main fills them only from what the script sends, which holds no stored secret.
      const own = { clientId: 'app', clientSecret: 'the-scripts-own', clientAuth: 'client_secret_basic' as const };
      const { id: twin } = await latch.credentials.add({
        serviceId,
        kind: 'oauth2',
        name: 'idp twin',
        fields: { ...own, grant: 'client_credentials', tokenEndpoint: `${evil.url}/token` },
      });
      const created = await latch.oauth.createClient({
        serviceName: 'Evil IdP',
        preset: 'custom',
        issuer: evil.url,
        grant: 'client_credentials',
        ...own,
      });
      // The stored secret replaced by the script's own (rotate needs no click): the real refresh token still only
      // goes to the real token endpoint, with the script's secret; the old one is nowhere the script chose.
      await outcome(
        latch.credentials.rotate({ serviceId, credentialId: real, values: { clientSecret: 'x' }, graceDays: 0 }),
      );
      for (const target of [{ serviceId, credentialId: twin }, created, { serviceId, credentialId: real }]) {
        await outcome(latch.oauth.refresh(target));
        await outcome(latch.oauth.signOut(target));
      }
      // The script's own requests did reach its server: the check below looks at real traffic.
      expect(evil.seen.length).toBeGreaterThan(0);
      const traffic = evil.seen.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body.toString()}`).join('\n');
      expect(traffic).not.toContain(REFRESH);
      expect(traffic).not.toContain(CLIENT_SECRET);
      expect(traffic).not.toContain(encodeURIComponent(CLIENT_SECRET));
      expect(traffic).not.toContain(Buffer.from(`app:${CLIENT_SECRET}`).toString('base64'));
    } finally {
      vi.unstubAllGlobals();
      b.close();
      await evil.close();
    }
  }, 30_000);
});

describe('costly input', () => {
  it('answers a PNG bomb (48 KB declaring 20,000 × 20,000) within a second', async () => {
    const b = await connect();
    const bomb = pngDeclaring(20_000, 20_000);
    const start = performance.now();
    const reply = await b.call('totp.decodeQr', { pngBase64: bomb.toString('base64') });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(reply).toMatchObject({ ok: false, error: { code: 'ERR_BAD_INPUT' } });
    b.close();
    await expectAlive();
  });

  it('measures 100,000,000 iterations for 20 callers at once without tying main up', async () => {
    const b = await connect();
    const start = performance.now();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => b.call('vault.measureKdf', { iterations: 100_000_000 })),
    );
    expect(replies.every((r) => r.ok)).toBe(true);
    expect(performance.now() - start).toBeLessThan(10_000);
    b.close();
    await expectAlive();
  }, 30_000);

  it('unlocking an unlocked vault changes nothing: the session stays open for every later call', async () => {
    const b = await connect();
    await value(b, 'vault.unlock', { password: MASTER });
    expect(await b.call('vault.unlock', { password: 'not it' })).toMatchObject({
      ok: true,
      value: { state: 'unlocked' },
    });
    expect(await b.call('vault.unlock', { password: MASTER })).toMatchObject({ ok: true });
    expect(await b.call('services.list', {})).toMatchObject({ ok: true });
    expect(await b.call('vault.status', {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    b.close();
  }, 30_000);
});

// Last in the file: it damages the vault file, and puts it back.
describe('the backup channels without the user', () => {
  it('a script cannot restore the backup over an intact vault, nor over a damaged one without the password; nothing moves', async () => {
    const b = await connect();
    const vaultFile = host.composed.services.vault.path;
    expect(await b.call('vault.restoreBackup', { password: MASTER })).toMatchObject({
      ok: false,
      error: { code: 'ERR_BAD_INPUT' },
    });
    expect(await b.call('vault.openBackup', { password: MASTER })).toMatchObject({
      ok: false,
      error: { code: 'ERR_BAD_INPUT' },
    });
    await value(b, 'vault.lock', {});
    expect(existsSync(`${vaultFile}.bak`)).toBe(true);
    const good = readFileSync(vaultFile);
    const damaged = Buffer.from(good);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    writeFileSync(vaultFile, damaged);
    try {
      for (const input of [{ password: 'not the master password' }, {}, { password: MASTER, dump: true }]) {
        const reply = await b.call('vault.restoreBackup', input);
        expect(reply.ok, JSON.stringify(input)).toBe(false);
        if ('password' in input && !('dump' in input))
          expect(reply).toMatchObject({ error: { code: 'ERR_WRONG_PASSWORD' } });
        expectTyped(reply, `vault.restoreBackup ${JSON.stringify(input)}`);
      }
      expect(readFileSync(vaultFile).equals(damaged)).toBe(true);
      expect(readdirSync(dir).filter((n) => n.includes('.damaged-'))).toEqual([]);
    } finally {
      writeFileSync(vaultFile, good);
      await host.composed.services.vault.refresh();
    }
    b.close();
    await expectAlive();
  }, 30_000);
});
