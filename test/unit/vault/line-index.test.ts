import { describe, expect, it } from 'vitest';
import { LatchError } from '../../../main/core/model/errors';
import { allRows, decodeIndex } from '../../../main/core/vault/format/v1/read';
import { encodeIndexRows, rowText } from '../../../main/core/vault/format/v1/write';
import type { JsonValue } from '../../../main/core/vault/types';

/** The index plaintext a save writes for these rows (each body `len` bytes, back to back). */
function indexText(rows: [string, JsonValue][], len = 8, revision = 3): { text: string; records: Uint8Array } {
  const texts = rows.map(([id, entry]) => rowText(id, revision, len, JSON.stringify(entry)));
  const { plain } = encodeIndexRows(
    revision,
    texts,
    rows.map((_, i) => i * len),
  );
  return { text: plain.toString('utf8'), records: new Uint8Array(rows.length * len) };
}

function decode(text: string, records: Uint8Array) {
  return decodeIndex(Buffer.from(text, 'utf8'), records);
}

function decode2(plain: Buffer, records: Uint8Array) {
  const rows = decodeIndex(plain, records).rows;
  if (rows instanceof Map) throw new Error('expected a line index');
  return rows;
}

function corrupt(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof LatchError) return `${e.code}:${String(e.detail?.part)}`;
    throw e;
  }
  return undefined;
}

const ROWS: [string, JsonValue][] = [
  ['one', { name: 'One' }],
  ['two"quoted\\', { name: 'Two\nlines', note: '"name":"One"', one: 1 }],
  ['three', null],
];

describe('the line index (index version 2)', () => {
  it('is one header line, then one row per line, and reads back the same rows, alone or all together', () => {
    const { text, records } = indexText(ROWS);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(JSON.parse(lines[0]!)).toEqual({ v: 2, revision: 3, recordsSha256: '0'.repeat(64) });
    expect(JSON.parse(lines[2]!)).toEqual(['two"quoted\\', 3, 8, 8, ROWS[1]![1]]);

    const lazy = decode(text, records).rows;
    expect(lazy).not.toBeInstanceOf(Map);
    if (lazy instanceof Map) return;
    const two = lazy.row('two"quoted\\');
    expect(two).toMatchObject({ entry: ROWS[1]![1], rev: 3 });
    expect(two!.blob.byteOffset).toBe(8);
    expect(lazy.row('missing')).toBeUndefined();
    expect(lazy.row('tw')).toBeUndefined();
    const all = lazy.all();
    expect([...all.keys()]).toEqual(ROWS.map(([id]) => id));
    expect(all.get('two"quoted\\')).toBe(two); // a row read before is the same object
    expect(all.get('three')!.entry).toBeNull();
  });

  it('an empty vault is the header line alone', () => {
    const { text, records } = indexText([]);
    expect(text).not.toContain('\n');
    const rows = decode(text, records).rows;
    expect(allRows(rows).size).toBe(0);
  });

  it('rowsMentioning finds every row whose lowercased line holds the needle, and only parses those', () => {
    const { text, records } = indexText(ROWS);
    const lazy = decode(text, records).rows;
    if (lazy instanceof Map) throw new Error('expected a line index');
    expect(lazy.rowsMentioning('"one"')!.map(([id]) => id)).toEqual(['one', 'two"quoted\\']);
    expect(lazy.rowsMentioning('"nowhere"')).toEqual([]);
    expect(lazy.rowsMentioning('a\nb')).toBeNull();
    expect(lazy.rowsMentioning('"ONE"')).toEqual([]); // no lowercase holds a capital
    const kelvin = indexText([['k', { name: '\u212aelvin' }]]);
    const k = decode(kelvin.text, kelvin.records).rows;
    expect(k instanceof Map ? 'map' : k.rowsMentioning('"kelvin"')!.map(([id]) => id)).toEqual(['k']);
    // A text whose lowercase is longer (U+0130 lowercases to two code units) cannot be searched by position.
    const wide = indexText([['x', { name: 'İstanbul' }]]);
    const rows = decode(wide.text, wide.records).rows;
    expect(rows instanceof Map ? 'map' : rows.rowsMentioning('"istanbul"')).toBeNull();
  });

  it('owns the plaintext it reads rows from: zeroed once every row is parsed (allRows), and by wipe', () => {
    const { text, records } = indexText(ROWS);
    const plain = Buffer.from(text, 'utf8');
    const rows = decode2(plain, records);
    expect(rows.row('one')?.entry).toEqual({ name: 'One' });
    expect(plain.some((b) => b !== 0)).toBe(true); // read from, not copied: still there while rows are read alone
    expect(allRows(rows).get('three')!.entry).toBeNull();
    expect(plain.every((b) => b === 0)).toBe(true);
    const other = Buffer.from(text, 'utf8');
    decode2(other, records).wipe();
    expect(other.every((b) => b === 0)).toBe(true);
  });

  it('still reads the index version 1 layout (one JSON document), all at once', () => {
    const v1 = JSON.stringify({ v: 1, revision: 3, recordsSha256: 'ab', records: [['one', 3, 0, 8, { name: 'One' }]] });
    const rows = decode(v1, new Uint8Array(8)).rows;
    expect(rows).toBeInstanceOf(Map);
    expect(allRows(rows).get('one')!.entry).toEqual({ name: 'One' });
  });

  describe('a damaged line (written by something holding the key) is refused as damage, read alone or with all', () => {
    const { text, records } = indexText(ROWS);
    const lines = text.split('\n');
    // [what, the damaged text, the row that, read alone, meets the damage (null: none does; all() finds it)]
    const cases: [string, string, string | null][] = [
      ['a truncated line', [...lines.slice(0, 2), lines[2]!.slice(0, 20), lines[3]].join('\n'), 'two"quoted\\'],
      ['a line whose body lies past the records', text.replace('["one",3,0,8,', '["one",3,0,80,'), 'one'],
      ['a line moved in from a vault with more records', `${text}\n["four",3,24,8,{}]`, 'four'],
      ['the same record on two lines', `${text}\n${lines[1]}`, 'one'],
      ['two rows on one line', [lines[0], `${lines[1]},${lines[3]}`, lines[2]].join('\n'), 'one'],
      ['an id not written as JSON.stringify writes it', text.replace('["one",', '["\\u006fne",'), null],
      ['a blank line', `${text}\n`, null],
    ];
    it.each(cases)('%s', (_name, damaged, readAlone) => {
      const rows = decode(damaged, records).rows;
      if (rows instanceof Map) throw new Error('expected a line index');
      expect(corrupt(() => rows.all())).toBe('ERR_VAULT_CORRUPT:index');
      const again = decode(damaged, records).rows;
      if (again instanceof Map) throw new Error('expected a line index');
      // Read alone, the damaged line is refused the same way; the undamaged ones still read.
      if (readAlone !== null) expect(corrupt(() => again.row(readAlone))).toBe('ERR_VAULT_CORRUPT:index');
      if (readAlone !== 'two"quoted\\') expect(again.row('two"quoted\\')?.entry).toEqual(ROWS[1]![1]);
    });

    it('a header line that is not version 2 JSON', () => {
      for (const bad of ['{"v":2,"revision":"3"}', '{"v":2,', '{"v":3,"revision":3,"recordsSha256":""}', '[]'])
        expect(
          corrupt(() => decode(bad, records)),
          bad,
        ).toBe('ERR_VAULT_CORRUPT:index');
    });
  });
});
