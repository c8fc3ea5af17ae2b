import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LatchError } from '../../../main/core/model/errors';
import { createVault, openVault } from '../../../main/core/vault';
import { codeOf, PASSWORD, rebuild, reseal, sectionAt, sectionOf, TEST_ITERATIONS, tempVaultPath } from './helpers';

const REFUSED = ['ERR_VAULT_CORRUPT', 'ERR_VAULT_UNSUPPORTED', 'ERR_WRONG_PASSWORD', 'ERR_VAULT_DOWNGRADE'];

async function sampleVault(): Promise<{ path: string; bytes: Buffer }> {
  const path = tempVaultPath();
  const { vault } = await createVault({ path, password: PASSWORD, iterations: TEST_ITERATIONS });
  vault.putRecord('one', { name: 'One' }, { secret: 'first secret value' });
  vault.putRecord('two', { name: 'Two' }, { secret: 'other secret value' });
  vault.putRecord('three', { name: 'Three' }, { secret: 'third' });
  await vault.save();
  return { path, bytes: readFileSync(path) };
}

/** Offsets to flip: the whole preamble and header, and a spread through the index, each record and the trailer. */
function sampleOffsets(bytes: Buffer): number[] {
  const out = new Set<number>();
  const header = sectionAt(bytes, 0);
  for (let i = 0; i < header.offset + header.length; i += i < 40 ? 1 : 7) out.add(i);
  for (const n of [1, 2]) {
    const s = sectionAt(bytes, n);
    out.add(s.offset - 1);
    for (let k = 0; k < 12; k++) out.add(s.offset + Math.floor((k * s.length) / 12));
    out.add(s.offset + s.length - 1);
  }
  for (let i = bytes.length - 32; i < bytes.length; i += 5) out.add(i);
  out.add(bytes.length - 1);
  return [...out].sort((a, b) => a - b);
}

describe('damaged files are refused', () => {
  it('one flipped byte anywhere → refused with a corrupt/unsupported code, never opened', async () => {
    const { path, bytes } = await sampleVault();
    const offsets = sampleOffsets(bytes);
    expect(offsets.length).toBeGreaterThan(60);
    for (const off of offsets) {
      const damaged = Buffer.from(bytes);
      damaged[off] = damaged[off]! ^ 0x01;
      writeFileSync(path, damaged);
      const code = await codeOf(openVault({ path, password: PASSWORD }));
      expect(['ERR_VAULT_CORRUPT', 'ERR_VAULT_UNSUPPORTED'], `offset ${off}`).toContain(code);
    }
    // The failed opens left the damaged file alone.
    expect(readFileSync(path).length).toBe(bytes.length);
  });

  it('flipped bytes with a recomputed checksum (deliberate tampering) still never open', async () => {
    const { path, bytes } = await sampleVault();
    for (const off of sampleOffsets(bytes).filter((o) => o >= 10 && o < bytes.length - 32)) {
      const damaged = Buffer.from(bytes);
      damaged[off] = damaged[off]! ^ 0x04;
      writeFileSync(path, reseal(damaged));
      const code = await codeOf(openVault({ path, password: PASSWORD }));
      expect(REFUSED, `offset ${off}`).toContain(code);
    }
  });

  it('truncation at several offsets → ERR_VAULT_CORRUPT', async () => {
    const { path, bytes } = await sampleVault();
    for (const len of [
      0,
      3,
      9,
      12,
      40,
      sectionAt(bytes, 1).offset + 5,
      sectionAt(bytes, 2).offset + 10,
      bytes.length - 33,
      bytes.length - 1,
    ]) {
      writeFileSync(path, bytes.subarray(0, len));
      const code = await codeOf(openVault({ path, password: PASSWORD }));
      expect(
        len === 0 ? ['ERR_VAULT_UNSUPPORTED', 'ERR_VAULT_CORRUPT'] : ['ERR_VAULT_CORRUPT'],
        `length ${len}`,
      ).toContain(code);
    }
  });

  it('a file that is not a vault → ERR_VAULT_UNSUPPORTED; a newer format → ERR_VAULT_UNSUPPORTED', async () => {
    const { path, bytes } = await sampleVault();
    writeFileSync(path, '{"this is": "json"}');
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_UNSUPPORTED');
    const newer = Buffer.from(bytes);
    newer.writeUInt16BE(99, 8);
    writeFileSync(path, reseal(newer));
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_UNSUPPORTED');
  });

  it('a damaged format byte is named as damage, never "update Latch"; only an intact newer file says so', async () => {
    const { path, bytes } = await sampleVault();
    const messageOf = async () => {
      try {
        await openVault({ path, password: PASSWORD });
      } catch (e) {
        return e as { code: string; message: string; detail?: Record<string, unknown> };
      }
      throw new Error('opened a damaged vault');
    };
    for (const [offset, flip] of [
      [8, 0x01],
      [9, 0x80],
      [9, 0x01],
    ] as const) {
      const damaged = Buffer.from(bytes);
      damaged[offset] = damaged[offset]! ^ flip;
      writeFileSync(path, damaged);
      const e = await messageOf();
      expect(e.code, `byte ${offset} ^ ${flip}`).toBe('ERR_VAULT_CORRUPT');
      expect(e.detail).toMatchObject({ part: 'format' });
      expect(e.message).toMatch(/damaged/);
      expect(e.message).not.toMatch(/update latch|newer/i);
    }
    const newer = Buffer.from(bytes);
    newer.writeUInt16BE(2, 8);
    writeFileSync(path, reseal(newer));
    const e = await messageOf();
    expect(e.code).toBe('ERR_VAULT_UNSUPPORTED');
    expect(e.message).toMatch(/newer Latch.*Update Latch/);
  });

  it('every damaged-file path offers an intact backup: header, format byte, index and records', async () => {
    const { path, bytes } = await sampleVault();
    const v = await openVault({ path, password: PASSWORD });
    v.putRecord('four', { name: 'Four' }, { secret: 'x' });
    await v.save(); // the sample becomes <path>.bak
    v.lock();
    const current = readFileSync(path);
    for (const offset of [
      9,
      20,
      sectionAt(current, 1).offset + 3,
      sectionAt(current, 2).offset + 3,
      current.length - 2,
    ]) {
      const damaged = Buffer.from(current);
      damaged[offset] = damaged[offset]! ^ 0x01;
      writeFileSync(path, damaged);
      const err = await openVault({ path, password: PASSWORD }).then(
        () => null,
        (e: { code: string; message: string; detail?: Record<string, unknown> }) => e,
      );
      expect(err?.code, `offset ${offset}`).toBe('ERR_VAULT_CORRUPT');
      expect(err?.detail, `offset ${offset}`).toMatchObject({ backupAvailable: true });
      expect(err?.message).toContain('.bak');
    }
    const fromBackup = await openVault({ path, password: PASSWORD, useBackup: true });
    expect(fromBackup.openedFrom).toBe('backup');
    expect(readFileSync(`${path}.bak`)).toEqual(bytes);
    fromBackup.lock();
  });

  it('a record ciphertext moved onto another record → refused', async () => {
    const { path, bytes } = await sampleVault();
    const records = Buffer.from(sectionOf(bytes, 2));
    // Records are laid out in insertion order; 'one' and 'two' have bodies of the same length.
    const blobLen = 12 + JSON.stringify({ secret: 'first secret value' }).length + 16;
    const a = records.subarray(0, blobLen);
    const b = records.subarray(blobLen, 2 * blobLen);
    const swapped = Buffer.concat([Buffer.from(b), Buffer.from(a), records.subarray(2 * blobLen)]);
    expect(swapped.length).toBe(records.length);
    writeFileSync(path, rebuild(bytes, { records: swapped }));
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_CORRUPT');
  });

  it('a record ciphertext from another vault, or an older revision of the same record, → refused', async () => {
    const { path, bytes } = await sampleVault();
    const other = await sampleVault();
    writeFileSync(path, rebuild(bytes, { records: sectionOf(other.bytes, 2) }));
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_CORRUPT');

    // Roll one record back: save a new body for 'one', then put the old records section back.
    writeFileSync(path, bytes);
    const v = await openVault({ path, password: PASSWORD });
    v.putRecord('one', { name: 'One' }, { secret: 'first secret value' });
    await v.save();
    const newer = readFileSync(path);
    writeFileSync(path, rebuild(newer, { records: sectionOf(bytes, 2) }));
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_CORRUPT');
  });

  it('a header with a lowered iteration count never opens: below the floor → ERR_VAULT_DOWNGRADE', async () => {
    const { path, bytes } = await sampleVault();
    const header = JSON.parse(sectionOf(bytes, 0).toString('utf8'));
    for (const iterations of [50_000, 99_999]) {
      writeFileSync(
        path,
        rebuild(bytes, { header: Buffer.from(JSON.stringify({ ...header, kdf: { ...header.kdf, iterations } })) }),
      );
      expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_DOWNGRADE');
    }
    // Lowered but above the floor: the key slot is bound to the KDF parameters, so it does not unwrap.
    writeFileSync(
      path,
      rebuild(bytes, {
        header: Buffer.from(JSON.stringify({ ...header, kdf: { ...header.kdf, iterations: TEST_ITERATIONS + 1 } })),
      }),
    );
    expect(REFUSED).toContain(await codeOf(openVault({ path, password: PASSWORD })));
    // The same edit without fixing the checksum is reported as damage.
    const edited = Buffer.from(bytes);
    const at = edited.indexOf('"iterations":100000');
    edited.write('"iterations":100001', at);
    writeFileSync(path, edited);
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_CORRUPT');
  });

  it('a header revision edited back (index of another revision) → refused', async () => {
    const { path, bytes } = await sampleVault();
    const header = JSON.parse(sectionOf(bytes, 0).toString('utf8'));
    writeFileSync(
      path,
      rebuild(bytes, { header: Buffer.from(JSON.stringify({ ...header, revision: header.revision + 5 })) }),
    );
    expect(await codeOf(openVault({ path, password: PASSWORD }))).toBe('ERR_VAULT_CORRUPT');
  });

  describe('the line index (index version 2): its lines cannot be moved, cut or taken from another vault', () => {
    /** Where each line of sampleVault's index plaintext lies in its ciphertext (GCM keeps positions). */
    function lineSpans(revision: number): { start: number; end: number }[] {
      const bodies = [{ secret: 'first secret value' }, { secret: 'other secret value' }, { secret: 'third' }];
      const ids = ['one', 'two', 'three'];
      const lens = bodies.map((b) => 12 + JSON.stringify(b).length + 16);
      const lines = [`{"v":2,"revision":${revision},"recordsSha256":"${'0'.repeat(64)}"}`];
      let off = 0;
      ids.forEach((id, i) => {
        const name = id[0]!.toUpperCase() + id.slice(1);
        lines.push(JSON.stringify([id, revision, off, lens[i], { name }]));
        off += lens[i]!;
      });
      const spans: { start: number; end: number }[] = [];
      let at = 12; // the nonce comes first
      for (const l of lines) {
        spans.push({ start: at, end: at + Buffer.byteLength(l) });
        at += Buffer.byteLength(l) + 1;
      }
      return spans;
    }

    async function refusedIndex(path: string, bytes: Buffer, index: Buffer): Promise<void> {
      writeFileSync(path, rebuild(bytes, { index }));
      const e = await openVault({ path, password: PASSWORD }).then(
        () => null,
        (err: LatchError) => err,
      );
      expect(e?.code).toBe('ERR_VAULT_CORRUPT');
      expect(e?.detail?.part).toBe('index');
    }

    it('two row lines swapped, a row line cut short, a row line from another vault: each refused at unlock', async () => {
      const { path, bytes } = await sampleVault();
      const opened = await openVault({ path, password: PASSWORD });
      const spans = lineSpans(opened.revision);
      opened.lock();
      const index = sectionOf(bytes, 1);
      expect(spans.at(-1)!.end + 16).toBe(index.length); // the spans are the plaintext's lines exactly

      // The ciphertext of the lines of 'one' and 'two' swapped (the newline between them kept between them).
      const [one, two, three] = [spans[1]!, spans[2]!, spans[3]!];
      const swapped = Buffer.concat([
        index.subarray(0, one.start),
        index.subarray(two.start, two.end),
        index.subarray(one.end, two.start),
        index.subarray(one.start, one.end),
        index.subarray(two.end),
      ]);
      expect(swapped.length).toBe(index.length);
      await refusedIndex(path, bytes, swapped);

      // The last row line loses its last 10 bytes (the section length and checksum fixed up).
      await refusedIndex(path, bytes, Buffer.concat([index.subarray(0, three.end - 10), index.subarray(three.end)]));

      // The line of 'two' from another vault with the same content, in place of this vault's.
      const other = await sampleVault();
      const otherIndex = sectionOf(other.bytes, 1);
      const moved = Buffer.from(index);
      otherIndex.copy(moved, two.start, two.start, two.end);
      await refusedIndex(path, bytes, moved);

      // The intact file still opens, lazily: nothing above was a false alarm of the test's own making.
      writeFileSync(path, bytes);
      const again = await openVault({ path, password: PASSWORD });
      expect(again.indexFullyParsed).toBe(false);
      expect(await again.readRecord('two')).toEqual({ secret: 'other secret value' });
    });
  });
});
