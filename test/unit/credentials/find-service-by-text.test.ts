import { describe, expect, it } from 'vitest';
import { findNamedService } from '../../../main/cli/service-name';
import type { RecordVault } from '../../../main/core/credentials/record-vault';
import { ServiceStore } from '../../../main/core/credentials/service-store';
import { LatchError } from '../../../main/core/model/errors';
import { decodeIndex } from '../../../main/core/vault/format/v1/read';
import { encodeIndexRows, rowText } from '../../../main/core/vault/format/v1/write';
import { OpenVault } from '../../../main/core/vault/open-vault';
import type { CryptoKey, JsonValue } from '../../../main/core/vault/types';

/**
 * `latch get` finds a service by searching the line index's text and parsing only the rows that mention the
 * name (ServiceStore.findByIndexText). Its answer must always be the full search's: the same id, or the same
 * error. Checked here over generated vaults whose names are made to trip a text search.
 */

const clock = { now: () => 0 };

/** A small deterministic PRNG (mulberry32), so a failure names a seed that reproduces it. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces chosen to break a naive search: JSON escapes, case pairs whose lowercase differs in length or by
// context (İ, Σ/σ/ς, ẞ/ß, the Kelvin sign), astral and lone surrogates, percent escapes, JSON punctuation.
const PIECES = [
  'a',
  'B',
  'git',
  'Hub',
  ' ',
  '"',
  '\\',
  '\n',
  '\u0000',
  'é',
  'É',
  'İ',
  'i',
  'Σ',
  'σ',
  'ς',
  'ẞ',
  'ß',
  '\u212a',
  'k',
  '😀',
  '\ud800',
  '%20',
  '%',
  '2',
  ':',
  ',',
  '[',
  ']',
  '{',
  '"name":"',
  'svc_',
  'service',
];

// Latin-1 only: a chunk with a wider character is lowercased by ICU, some 30 times slower (the names have them).
const FILLER_PIECES = PIECES.filter((p) => [...p].every((c) => c.charCodeAt(0) <= 0xff));

function nameOf(r: () => number): string {
  let s = '';
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)]!;
  return s;
}

function caseVariant(r: () => number, s: string): string {
  const k = r();
  if (k < 0.25) return s.toUpperCase();
  if (k < 0.5) return s.toLowerCase();
  if (k < 0.75) return [...s].map((c) => (r() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  return s;
}

interface Generated {
  rows: [string, JsonValue][];
  queries: string[];
}

function generate(seed: number): Generated {
  const r = prng(seed);
  const names: string[] = [];
  const rows: [string, JsonValue][] = [];
  const services = 1 + Math.floor(r() * 10);
  // One vault in eight gets rows of other records between the services, so that the index spans several of
  // the chunks the search decodes at a time (32 KB) and names fall anywhere in them; in a tenth of those one
  // such row, anywhere, holds a U+0130 (whose lowercase is longer, so the search says it cannot tell). Their own
  // generator, so the services and queries of every seed stay as they were.
  const f = prng(seed * 7919);
  const fillers = f() < 0.12;
  const dotted = fillers && f() < 0.1 ? Math.floor(f() * services) : -1;
  for (let i = 0; i < services; i++) {
    const filling = fillers ? Math.floor(f() * 10) : 0;
    for (let j = 0; j < filling; j++) {
      const piece = i === dotted && j === 0 ? 'İ' : (FILLER_PIECES[Math.floor(f() * FILLER_PIECES.length)] ?? '');
      rows.push([
        `note_${i}_${j}`,
        { type: 'note', v: 1, text: `${piece}${'x'.repeat(1500 + Math.floor(f() * 1500))}` },
      ]);
    }
    // Some services share a name with an earlier one, in another case (the full search calls that a conflict).
    const name = names.length > 0 && r() < 0.2 ? caseVariant(r, names[Math.floor(r() * names.length)]!) : nameOf(r);
    names.push(name);
    const other = names[Math.floor(r() * names.length)]!;
    rows.push([
      i === 0 && r() < 0.5 ? `svc_"${i}\\` : `svc_${i}`,
      {
        type: 'service',
        v: 1,
        name,
        baseUrl: `https://x${i}.example`,
        // A tag or credential named like another service: the text mentions that name, the entry is not it.
        tags: r() < 0.5 ? [`"name":"${other}"`, other] : [],
        credentials: [{ id: `cred_${i}`, name: r() < 0.5 ? other : 'live' }],
      },
    ]);
  }
  // Records that are not services but carry a name: never a match.
  if (r() < 0.5) rows.push([`req_${seed}`, { type: 'request', v: 1, name: names[0]!, credentials: [] }]);
  if (r() < 0.3) rows.push([`svc_broken${seed}`, { type: 'service', v: 2, name: names[0]!, credentials: [] }]);
  const queries: string[] = [];
  for (const n of names) {
    queries.push(n, caseVariant(r, n), ` ${n} `);
    try {
      queries.push(encodeURIComponent(n));
    } catch {
      // a lone surrogate has no URI form
    }
    if (n.length > 1) queries.push(n.slice(0, -1));
  }
  queries.push(nameOf(r), `"name":"${names[0]}"`, '', 'svc_0');
  return { rows, queries };
}

/** The line index text a save writes for these rows. */
function lineIndex(rows: [string, JsonValue][]): string {
  const texts = rows.map(([id, entry]) => rowText(id, 1, 4, JSON.stringify(entry)));
  return encodeIndexRows(
    1,
    texts,
    rows.map((_, i) => i * 4),
  ).plain.toString('utf8');
}

/** An unlocked vault over that index, rows parsed on demand (the key is never used: nothing is decrypted). */
function lazyVault(text: string, records: Uint8Array): OpenVault {
  const { rows } = decodeIndex(Buffer.from(text, 'utf8'), records);
  return new OpenVault({
    path: '/nonexistent/vault.latch',
    fs: undefined as never,
    keychain: undefined,
    header: { vaultId: 'test' } as never,
    vaultKey: {} as CryptoKey,
    kek: null,
    deviceKey: null,
    rows,
    disk: null,
    diskGood: true,
    openedFrom: 'main',
    quickUnlock: 'off',
    dirty: false,
  });
}

/** The full search only: every entry from a plain map, no text search. */
function fullVault(rows: [string, JsonValue][]): RecordVault {
  const entries = new Map(rows);
  return {
    entries: () => entries,
    readRecord: () => Promise.reject(new Error('not read here')),
    putRecord: () => undefined,
    deleteRecord: () => false,
    save: () => Promise.resolve(),
  };
}

function outcome(fn: () => string): string {
  try {
    return `id ${fn()}`;
  } catch (e) {
    if (e instanceof LatchError) return `${e.code} ${e.message}`;
    throw e;
  }
}

describe('finding a service by the index text gives the full search’s answer', () => {
  it('over 200 generated vaults: the same id or the same error, for findServiceId and the command line forms', () => {
    let fastAnswers = 0;
    let spanning = 0;
    let found = 0;
    const differ: string[] = [];
    for (let seed = 1; seed <= 200; seed++) {
      const { rows, queries } = generate(seed);
      const text = lineIndex(rows);
      if (text.length > 32 * 1024) spanning++;
      const records = new Uint8Array(rows.length * 4);
      const full = new ServiceStore(fullVault(rows), clock);
      for (const q of queries) {
        const vault = lazyVault(text, records);
        const fast = new ServiceStore(vault, clock);
        const expected = outcome(() => full.findServiceId(q));
        const got = outcome(() => fast.findServiceId(q));
        if (got !== expected) differ.push(`seed ${seed}, ${JSON.stringify(q)}: ${got} instead of ${expected}`);
        if (expected.startsWith('id ')) {
          found++;
          if (!vault.indexFullyParsed) fastAnswers++;
        }
        const named = outcome(() => findNamedService(new ServiceStore(lazyVault(text, records), clock), q));
        const namedFull = outcome(() => findNamedService(full, q));
        if (named !== namedFull)
          differ.push(`seed ${seed}, named ${JSON.stringify(q)}: ${named} instead of ${namedFull}`);
      }
    }
    expect(differ).toEqual([]);
    expect(spanning).toBeGreaterThan(15);
    // Not a vacuous check: most names found were found without parsing every row.
    expect(found).toBeGreaterThan(500);
    expect(fastAnswers / found).toBeGreaterThan(0.5);
  }, 60_000);

  it('a unique name is found parsing only the rows that mention it; a name in two cases is the same conflict', () => {
    const rows: [string, JsonValue][] = [
      ['svc_1', { type: 'service', v: 1, name: 'GitHub', credentials: [] }],
      ['svc_2', { type: 'service', v: 1, name: 'Stripe', credentials: [{ name: 'github' }] }],
      ['svc_3', { type: 'service', v: 1, name: 'STRIPE', credentials: [] }],
    ];
    const text = lineIndex(rows);
    const records = new Uint8Array(12);
    const vault = lazyVault(text, records);
    expect(new ServiceStore(vault, clock).findServiceId(' github ')).toBe('svc_1');
    expect(vault.indexFullyParsed).toBe(false);
    const again = lazyVault(text, records);
    expect(outcome(() => new ServiceStore(again, clock).findServiceId('stripe'))).toMatch(/^ERR_CONFLICT Several/);
  });
});

describe('a name most rows mention (a shared tag, a credential name, a JSON word)', () => {
  it('the text search gives up after a few rows and every row is parsed once instead, with the same answer', () => {
    // Each row the text search parses is checked to be its id's only line by a search of the whole index:
    // 4,000 such rows took seconds (12 s at 10,000 records through latch get).
    const rows: [string, JsonValue][] = [];
    for (let i = 0; i < 4000; i++)
      rows.push([
        `svc_${String(i).padStart(8, '0')}`,
        {
          type: 'service',
          v: 1,
          name: i === 3999 ? 'prod' : `service ${i}`,
          baseUrl: `https://api${i}.example.com/v1`,
          tags: ['prod', 'team-a'],
          credentials: [{ id: `cred_${i}`, name: 'default', kind: 'basic' }],
        },
      ]);
    const text = lineIndex(rows);
    const records = new Uint8Array(rows.length * 4);
    const vault = lazyVault(text, records);
    expect(new ServiceStore(vault, clock).findServiceId('prod')).toBe('svc_00003999');
    expect(vault.indexFullyParsed).toBe(true);
    // A name few rows mention is still answered from the text alone.
    const few = lazyVault(text, records);
    expect(new ServiceStore(few, clock).findServiceId('service 17')).toBe('svc_00000017');
    expect(few.indexFullyParsed).toBe(false);
  });
});
