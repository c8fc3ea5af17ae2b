/** What a masked secret is replaced with. */
export const MASK = '***';
/** Shorter values are not masked: "true" or "1234" would blank out ordinary output everywhere. */
export const MIN_MASKED_LENGTH = 4;

const MASK_BYTES = Buffer.from(MASK);

/**
 * Replaces every occurrence of a secret in a byte stream with `***`, also when an occurrence
 * is split across chunks. It works on UTF-8 bytes, so a chunk boundary inside a multi-byte
 * character is harmless, and holds back only the last (longest secret − 1) bytes, which cannot
 * yet be told apart from the start of a secret (a prompt without a newline waits for the next
 * chunk or the end). Overlapping or adjacent occurrences (of one secret or of several) are
 * masked as one run: the union of their bytes becomes a single `***`, so no part of either
 * leaks between them.
 */
export class SecretMasker {
  private readonly secrets: Buffer[];
  private readonly byFirstByte = new Map<number, Buffer[]>();
  private readonly hold: number;
  private pending: Buffer = Buffer.alloc(0);
  /** Stream offset of pending[0]. */
  private base = 0;
  /** Stream offset up to which bytes are inside a masked run. */
  private maskEnd = 0;
  /** The last byte handled was masked (so a run continuing into this chunk adds no second `***`). */
  private inRun = false;

  constructor(secrets: Iterable<string>) {
    const unique = new Set<string>();
    for (const s of secrets) if ([...s].length >= MIN_MASKED_LENGTH) unique.add(s);
    this.secrets = [...unique].map((s) => Buffer.from(s, 'utf8')).sort((a, b) => b.length - a.length);
    for (const s of this.secrets) {
      const list = this.byFirstByte.get(s[0]!) ?? [];
      list.push(s);
      this.byFirstByte.set(s[0]!, list);
    }
    this.hold = this.secrets.length === 0 ? 0 : this.secrets[0]!.length - 1;
  }

  /** Bytes safe to pass on now. */
  push(chunk: Uint8Array | string): Buffer {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk);
    if (this.secrets.length === 0) return bytes;
    this.pending = this.pending.length === 0 ? bytes : Buffer.concat([this.pending, bytes]);
    return this.drain(false);
  }

  /** The held-back tail, masked: call once at the end of the stream. */
  flush(): Buffer {
    if (this.secrets.length === 0) return Buffer.alloc(0);
    return this.drain(true);
  }

  private drain(final: boolean): Buffer {
    const buf = this.pending;
    const limit = final ? buf.length : Math.max(0, buf.length - this.hold);
    const out: Buffer[] = [];
    let plainFrom = 0;
    for (let i = 0; i < limit; i++) {
      const candidates = this.byFirstByte.get(buf[i]!);
      if (candidates) {
        for (const s of candidates) {
          if (i + s.length <= buf.length && buf.compare(s, 0, s.length, i, i + s.length) === 0) {
            this.maskEnd = Math.max(this.maskEnd, this.base + i + s.length);
            break; // sorted longest first: a shorter match here ends inside this one
          }
        }
      }
      if (this.base + i < this.maskEnd) {
        if (!this.inRun) {
          if (i > plainFrom) out.push(buf.subarray(plainFrom, i));
          out.push(MASK_BYTES);
          this.inRun = true;
        }
        plainFrom = i + 1;
      } else if (this.inRun) {
        this.inRun = false;
        plainFrom = i;
      }
    }
    if (limit > plainFrom) out.push(buf.subarray(plainFrom, limit));
    this.pending = Buffer.from(buf.subarray(limit));
    this.base += limit;
    return Buffer.concat(out);
  }
}
