import { describe, expect, it } from 'vitest';
import { envLine } from '../../../main/core/credentials/env-name';
import { parseDotenv } from '../../../main/core/io/dotenv-parse';
import { LatchError } from '../../../main/core/model/errors';

const IMPORT = { file: 'the .env file', outcome: 'Nothing was imported' };

function errorOf(text: string, source = IMPORT): LatchError {
  try {
    parseDotenv(text, source);
  } catch (e) {
    if (e instanceof LatchError) return e;
  }
  throw new Error('expected a LatchError');
}

describe('parseDotenv', () => {
  it('reads the common forms', () => {
    const text = [
      '# a comment',
      '',
      'PLAIN=value',
      'export EXPORTED=yes',
      "SINGLE='lit $HOME \\n # not a comment'",
      'DOUBLE="line1\\nline2 \\"q\\" back\\\\slash tab\\t"',
      'UNQUOTED=some value  # trailing comment',
      'HASH=http://x/#frag',
      'EMPTY=',
      '  SPACED = around  ',
      'UNKNOWN_ESCAPE="a\\qb"',
      'AFTER_QUOTE="v" # comment',
      'CRLF=yes\r',
    ].join('\n');
    expect(Object.fromEntries(parseDotenv(text, IMPORT).map((e) => [e.name, e.value]))).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      SINGLE: 'lit $HOME \\n # not a comment',
      DOUBLE: 'line1\nline2 "q" back\\slash tab\t',
      UNQUOTED: 'some value',
      HASH: 'http://x/#frag',
      EMPTY: '',
      SPACED: 'around',
      UNKNOWN_ESCAPE: 'a\\qb',
      AFTER_QUOTE: 'v',
      CRLF: 'yes',
    });
  });

  it('reads quoted values spanning lines and reports where each starts', () => {
    const entries = parseDotenv('A=1\nKEY="-----BEGIN-----\nabc\n-----END-----"\nB=2\n', IMPORT);
    expect(entries).toEqual([
      { name: 'A', value: '1', line: 1 },
      { name: 'KEY', value: '-----BEGIN-----\nabc\n-----END-----', line: 2 },
      { name: 'B', value: '2', line: 5 },
    ]);
  });

  it('keeps duplicates in order', () => {
    expect(parseDotenv('X=1\nX=2', IMPORT).map((e) => e.value)).toEqual(['1', '2']);
  });

  it.each([
    ['A=1\nnot an assignment\n', 2],
    ['A=1\n\n1BAD=x', 3],
    ['A=1\nB C=x', 2],
    ['A="never closed\nB=2', 1],
    ["A='x' trailing", 1],
    ['=value', 1],
  ])('refuses %j naming line %i', (text, line) => {
    const e = errorOf(text);
    expect(e.code).toBe('ERR_IMPORT_PARSE');
    expect(e.detail).toEqual({ line });
    expect(e.message).toContain(`Line ${line}`);
  });

  it('says in its error which file it was and what its caller did not do (exec runs nothing; it imports nothing)', () => {
    expect(errorOf('A=1\noops').message).toBe(
      'Line 2 of the .env file: expected NAME=value (no "=" found). Nothing was imported; fix the line and try again.',
    );
    const exec = errorOf('A=1\noops', { file: 'the env file app.env', outcome: 'Nothing was run' });
    expect(exec.message).toContain('Line 2 of the env file app.env');
    expect(exec.message).toContain('Nothing was run;');
    expect(exec.message).not.toContain('imported');
  });

  it('never puts a value in an error', () => {
    expect(errorOf("TOKEN='sk_live_123' oops").message).not.toContain('sk_live_123');
    expect(errorOf('sk_live_456 no equals').message).not.toContain('sk_live_456');
  });

  it('reads back exactly what envLine writes', () => {
    const samples = [
      '',
      'plain',
      'with space',
      ' leading and trailing ',
      "it's",
      'say "hi"',
      'both \' and "',
      'back\\slash',
      '\\n literal',
      'multi\nline\r\nvalue',
      '# hash first',
      'x #y',
      'tab\there',
      'ünïcødé 🔑',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${VAR} must survive the round trip
      '$HOME ${VAR}',
      '=equals=',
      "'",
      '"',
      '\\',
      '\\"',
    ];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const alphabet = ['a', ' ', "'", '"', '\\', '\n', '\r', '#', '=', '$', 'n', 'é', '\t', 'export '];
    for (let i = 0; i < 500; i++) {
      let s = '';
      for (let j = rand(12); j > 0; j--) s += alphabet[rand(alphabet.length)];
      samples.push(s);
    }
    const text = samples.map((v, i) => envLine(`V${i}`, v)).join('\n');
    const parsed = parseDotenv(text, IMPORT);
    expect(parsed.map((e) => e.value)).toEqual(samples);
  });
});
