import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../../main/core/agent/sha256';

const nodeSha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('sha256 (the agent socket name) agrees with node:crypto', () => {
  it('on the FIPS 180-4 examples', () => {
    expect(hex(sha256(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('on every length across the block and padding boundaries, vault ids and non-ASCII text', () => {
    for (let n = 0; n <= 200; n++) {
      const text = randomBytes(n).toString('base64').slice(0, n); // n ASCII characters: n bytes
      expect(hex(sha256(text)), `length ${n}`).toBe(nodeSha256(text));
    }
    for (let i = 0; i < 50; i++) {
      const id = crypto.randomUUID();
      expect(hex(sha256(id))).toBe(nodeSha256(id));
    }
    expect(hex(sha256('ü€𝄞'.repeat(40)))).toBe(nodeSha256('ü€𝄞'.repeat(40)));
  });
});
