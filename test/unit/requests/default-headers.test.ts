import { describe, expect, it } from 'vitest';
import { editDefaultHeaders, parseHeaderArgs } from '../../../main/cli/header-args';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import {
  CREDENTIAL_HEADER_NAMES,
  DefaultHeaders,
  MAX_DEFAULT_HEADERS,
  serviceHeaderRows,
  withServiceHeaders,
} from '../../../main/core/model/default-headers';
import { isLatchError } from '../../../main/core/model/errors';
import { MemoryRecordVault } from '../credentials/memory-record-vault';

const ok = (list: unknown) => DefaultHeaders.safeParse(list).success;
const issue = (list: unknown) => {
  const r = DefaultHeaders.safeParse(list);
  return r.success ? null : { path: r.error.issues[0]?.path.join('.'), message: r.error.issues[0]?.message ?? '' };
};

describe('a default header is checked in main (model/default-headers.ts)', () => {
  it('takes an RFC 9110 token name and a printable value', () => {
    expect(ok([{ name: 'X-RapidAPI-Host', value: 'weather.p.rapidapi.com' }])).toBe(true);
    expect(ok([{ name: "x!#$%&'*+.^_`|~1", value: 'tab\tand obs-text é' }])).toBe(true);
    expect(ok([{ name: 'Accept', value: '' }])).toBe(true);
  });

  it('refuses a name that is not a token (space, colon, empty, non-ASCII)', () => {
    for (const name of ['X Name', 'X-Name:', '', ' ', 'Ünicode', 'a\r\nb'])
      expect(issue([{ name, value: 'v' }])?.path).toBe('0.name');
  });

  it('refuses CR, LF, NUL and other control characters in a value, wherever they are', () => {
    for (const value of ['a\r\nX-Evil: 1', 'a\nb', 'a\rb', 'a\0b', '\x7f', 'trailing\r\n', '\u2028', '€'])
      expect(issue([{ name: 'X-Ok', value }])?.path).toBe('0.value');
  });

  it('bounds the value (8 KB), the count (50) and refuses a name twice', () => {
    expect(ok([{ name: 'X-Big', value: 'a'.repeat(8_192) }])).toBe(true);
    expect(issue([{ name: 'X-Big', value: 'a'.repeat(8_193) }])?.path).toBe('0.value');
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `X-H${i}`, value: 'v' }));
    expect(ok(many(MAX_DEFAULT_HEADERS))).toBe(true);
    expect(ok(many(MAX_DEFAULT_HEADERS + 1))).toBe(false);
    expect(
      issue([
        { name: 'X-A', value: '1' },
        { name: 'x-a', value: '2' },
      ])?.path,
    ).toBe('1.name');
  });

  it('refuses every name that carries a credential, in any case, telling the user to store a credential', () => {
    for (const name of [...CREDENTIAL_HEADER_NAMES, 'AUTHORIZATION', 'Proxy-Authorization', 'Cookie', 'X-Api-Key']) {
      const found = issue([{ name, value: 'x' }]);
      expect(found?.path).toBe('0.name');
      expect(found?.message).toMatch(/store its value as a credential/);
    }
    expect(issue([{ name: 'Content-Length', value: '3' }])?.path).toBe('0.name');
    expect(issue([{ name: 'Host', value: 'evil.example' }])?.path).toBe('0.name');
  });
});

describe('the one merge rule', () => {
  const defaults = [
    { name: 'X-RapidAPI-Host', value: 'svc.example' },
    { name: 'X-Version', value: '2' },
    { name: 'X-Debug', value: '1', enabled: false },
  ];

  it('sends the enabled defaults first, then the request own headers', () => {
    const out = withServiceHeaders({ headers: [{ name: 'X-Trace', value: 't', enabled: true }] }, defaults);
    expect(out.headers.map((h) => `${h.name}: ${h.value}`)).toEqual([
      'X-RapidAPI-Host: svc.example',
      'X-Version: 2',
      'X-Trace: t',
    ]);
  });

  it('a typed header of the same name (any case) wins; an unticked one does not', () => {
    const rows = serviceHeaderRows(defaults, [
      { name: 'x-version', value: '3', enabled: true },
      { name: 'X-RapidAPI-Host', value: 'other', enabled: false },
    ]);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'overridden', 'off']);
    const out = withServiceHeaders({ headers: [{ name: 'x-version', value: '3' }] }, defaults);
    expect(out.headers.filter((h) => h.name.toLowerCase() === 'x-version').map((h) => h.value)).toEqual(['3']);
  });

  it("a request's switch turns a default off, or a default that is off on, for that request only", () => {
    const out = withServiceHeaders(
      {
        headers: [],
        serviceHeaders: [
          { name: 'x-rapidapi-host', enabled: false },
          { name: 'X-Debug', enabled: true },
        ],
      },
      defaults,
    );
    expect(out.headers.map((h) => h.name)).toEqual(['X-Version', 'X-Debug']);
    expect(withServiceHeaders({ headers: [] }, defaults).headers.map((h) => h.name)).toEqual([
      'X-RapidAPI-Host',
      'X-Version',
    ]);
  });

  it('without a service nothing is added', () => {
    expect(withServiceHeaders({ headers: [{ name: 'A', value: '1' }] }, []).headers).toHaveLength(1);
  });
});

describe("the command line's -H and --header", () => {
  it('"Name: value" sends, "Name:" drops (a default too), "Name;" sends it empty, as curl does', () => {
    const { headers, off } = parseHeaderArgs(['X-A: 1', 'X-Version:', 'X-Empty;', 'X-Gone: 2', 'x-gone:']);
    expect(headers).toEqual([
      { name: 'X-A', value: '1' },
      { name: 'X-Empty', value: '' },
    ]);
    expect(off).toEqual([
      { name: 'X-Version', enabled: false },
      { name: 'x-gone', enabled: false },
    ]);
  });

  it('a header without a colon is refused without quoting it back (it may hold a key)', () => {
    try {
      parseHeaderArgs(['Authorization Bearer sk_live_do_not_echo']);
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('sk_live');
    }
  });

  it('--header sets in place, appends, and removes', () => {
    const current = [
      { name: 'X-A', value: '1' },
      { name: 'X-B', value: '2', enabled: false },
    ];
    expect(editDefaultHeaders(current, ['x-a: 9', 'X-C: 3', 'X-B:'])).toEqual([
      { name: 'x-a', value: '9' },
      { name: 'X-C', value: '3' },
    ]);
  });
});

describe('the store keeps default headers on the service', () => {
  const setup = () => new ServiceStore(new MemoryRecordVault(), { now: () => Date.UTC(2026, 0, 1) });
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => (isLatchError(e) ? { code: e.code, field: e.detail?.field } : e),
    );

  it('stores, shows and replaces them; a service written before them reads with none', async () => {
    const store = setup();
    const id = await store.createService({ name: 'RapidAPI', headers: [{ name: 'X-RapidAPI-Host', value: 'a.p' }] });
    expect((await store.view(id)).headers).toEqual([{ name: 'X-RapidAPI-Host', value: 'a.p' }]);
    await store.updateService(id, { headers: [{ name: 'X-Off', value: '1', enabled: false }] });
    expect((await store.view(id)).headers).toEqual([{ name: 'X-Off', value: '1', enabled: false }]);
    await store.updateService(id, { favourite: true });
    expect((await store.view(id)).headers).toHaveLength(1);
    const old = await store.createService({ name: 'Old' });
    expect((await store.body(old)).headers).toBeUndefined();
    expect((await store.view(old)).headers).toEqual([]);
  });

  it("refuses a CR/LF value and the header the service's own credential writes, naming the row", async () => {
    const store = setup();
    expect(await codeOf(store.createService({ name: 'S', headers: [{ name: 'X-A', value: 'a\r\nX-B: 1' }] }))).toEqual({
      code: 'ERR_BAD_INPUT',
      field: 'headers.0.value',
    });
    const id = await store.createService({ name: 'Binance' });
    await store.addCredential(id, {
      kind: 'hmac',
      name: 'trading',
      fields: { keyId: 'k', secret: 's', preset: 'binance', recipe: '' },
    });
    await store.addCredential(id, { kind: 'api-key', name: 'key', fields: { value: 'v', header: 'X-Custom-Key' } });
    for (const name of ['X-MBX-APIKEY', 'x-custom-key'])
      expect(
        await codeOf(
          store.updateService(id, {
            headers: [
              { name: 'X-Ok', value: '1' },
              { name, value: 'x' },
            ],
          }),
        ),
      ).toEqual({ code: 'ERR_BAD_INPUT', field: 'headers.1.name' });
    expect((await store.view(id)).headers).toEqual([]);
  });
});
