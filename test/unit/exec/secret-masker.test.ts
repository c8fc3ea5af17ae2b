import { describe, expect, it } from 'vitest';
import { SecretMasker } from '../../../main/core/exec/secret-masker';

/** Feeds `text` to a masker cut at the given byte offsets and returns everything it let out. */
function run(secrets: string[], text: string | Buffer, cuts: number[]): string {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const m = new SecretMasker(secrets);
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    out.push(m.push(bytes.subarray(from, cut)));
    from = cut;
  }
  out.push(m.flush());
  return Buffer.concat(out).toString('utf8');
}

/** Every way to cut a short text in two and in three. */
function allCuts(length: number): number[][] {
  const cuts: number[][] = [[]];
  for (let a = 0; a <= length; a++) {
    cuts.push([a]);
    for (let b = a; b <= length; b++) cuts.push([a, b]);
  }
  return cuts;
}

describe('SecretMasker', () => {
  it('masks a secret in one chunk', () => {
    expect(run(['hunter22'], 'password=hunter22\n', [])).toBe('password=***\n');
  });

  it('masks a secret however the stream is cut, byte by byte included', () => {
    const text = 'a hunter22 b hunter22hunter22 c';
    for (const cuts of allCuts(text.length)) expect(run(['hunter22'], text, cuts)).toBe('a *** b *** c');
    const bytes = [...Array(text.length).keys()];
    expect(run(['hunter22'], text, bytes)).toBe('a *** b *** c');
  });

  it('leaves text alone when there is no secret, and passes it through without delay', () => {
    const m = new SecretMasker([]);
    expect(m.push('anything at all').toString()).toBe('anything at all');
    expect(m.flush().length).toBe(0);
  });

  it('holds back only the last (longest secret - 1) bytes', () => {
    const m = new SecretMasker(['abcdef', 'abcd']);
    expect(m.push('hello abc').toString()).toBe('hell'); // "o abc": 5 bytes, could still begin "abcdef"
    expect(m.push('xyz').toString()).toBe('o a');
    expect(m.flush().toString()).toBe('bcxyz');
  });

  it('does not mask values shorter than 4 characters', () => {
    expect(run(['abc', 'ab'], 'abc ab abcd', [])).toBe('abc ab abcd');
    expect(run(['ab€d'], 'x ab€d y', [])).toBe('x *** y'); // 4 characters, 6 bytes
  });

  it('masks overlapping secrets as one run, leaking no part of either', () => {
    expect(run(['abcd', 'cdef'], 'xxabcdefyy', [])).toBe('xx***yy');
    expect(run(['abcd', 'cdef'], 'xxcdefabcdyy', [])).toBe('xx***yy'); // adjacent
    expect(run(['aaaa'], 'aaaaaa', [])).toBe('***'); // a secret overlapping itself
    for (const cuts of allCuts(10)) expect(run(['abcd', 'cdef'], 'xxabcdefyy', cuts)).toBe('xx***yy');
  });

  it('prefers the longer of two secrets starting at the same place', () => {
    expect(run(['token', 'token-123456'], 'got token-123456!', [])).toBe('got ***!');
    expect(run(['token', 'token-123456'], 'got token-12', [])).toBe('got ***-12');
  });

  it('handles unicode secrets and chunk boundaries inside multi-byte characters', () => {
    const secret = 'pässwörd🔑';
    const text = Buffer.from(`→ ${secret} ← ${secret}`);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b += 3) expect(run([secret], text, [a, b])).toBe('→ *** ← ***');
    }
    // Around the secret, characters split between chunks come out whole.
    expect(run(['ωmega-key'], Buffer.from('日本 ωmega-key 日本'), [1, 2, 4, 5, 9])).toBe('日本 *** 日本');
  });

  it('masks a secret at the very end, released only by flush', () => {
    const m = new SecretMasker(['s3cr3t!']);
    const first = m.push('value: s3cr').toString();
    const second = m.push('3t!').toString();
    const end = m.flush().toString();
    expect(first + second + end).toBe('value: ***');
    expect(`${first}${second}`).not.toContain('s3cr');
  });

  it('keeps a partial secret at the end of the stream as it is (it is not the secret)', () => {
    expect(run(['abcdefgh'], 'xx abcdefg', [3, 5])).toBe('xx abcdefg');
  });

  it('never lets the full secret out for random texts and cuts', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const secrets = ['Zq9-zq9-Zq9', 'q9-z', 'ü9ü9'];
    const alphabet = ['Z', 'q', '9', '-', 'z', 'ü', ' '];
    for (let round = 0; round < 500; round++) {
      let text = '';
      const len = rand(40);
      for (let i = 0; i < len; i++) {
        text += rand(6) === 0 ? secrets[rand(secrets.length)] : alphabet[rand(alphabet.length)];
      }
      const bytes = Buffer.from(text);
      const cuts = [...new Set([...Array(rand(6)).keys()].map(() => rand(bytes.length + 1)))].sort((a, b) => a - b);
      const out = run(secrets, bytes, cuts);
      for (const s of secrets) expect(out).not.toContain(s);
      expect(out).toBe(run(secrets, bytes, [])); // same result however it is cut
    }
  });
});
