import { CURRENT_FORMAT_VERSION } from './constants';
import { type Container, decodeContainer } from './container';
import { decodeHeader, type VaultHeader } from './header';

/**
 * Reading any supported format version into the current in-memory model. Each format gets a
 * decoder here; an older one is then upgraded step by step (v1 → v2 → …) by MIGRATIONS, in
 * memory only. The file is rewritten in the current format at the next save, after the old
 * file has become `<vault>.bak` (so the previous version stays openable by the previous Latch).
 * See docs/vault-format.md, "Migrations".
 */
export interface DecodedVaultFile {
  /** Format version of the bytes on disk. */
  format: number;
  container: Container;
  header: VaultHeader;
  /** True when the in-memory model was upgraded from an older format and the next save rewrites it. */
  migrated: boolean;
}

type Migration = (file: DecodedVaultFile) => DecodedVaultFile;

/** MIGRATIONS[n] upgrades a decoded format-n file to format n+1. Empty while v1 is the only format. */
const MIGRATIONS: Record<number, Migration> = {};

export function decodeVaultFile(bytes: Uint8Array): DecodedVaultFile {
  const container = decodeContainer(bytes);
  let file: DecodedVaultFile = {
    format: container.format,
    container,
    header: decodeHeader(container.headerBytes, container.format),
    migrated: false,
  };
  for (let v = file.format; v < CURRENT_FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new Error(`no migration from format ${v}`);
    file = { ...step(file), migrated: true };
  }
  return file;
}
