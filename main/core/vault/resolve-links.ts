import type { VaultFileSystem } from './fs-port';

/**
 * The real file behind any symbolic links (a vault linked from the default place into a synced
 * folder); the path itself when it does not exist yet (a new vault). Saves write, and keep the
 * `.bak`, beside the real file, so the link stays a link and opening finds the backup there.
 */
export async function resolveLinks(fs: VaultFileSystem, path: string): Promise<string> {
  if (!fs.realpath) return path;
  try {
    return await fs.realpath(path);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return path;
    throw e;
  }
}

/** Where the save beside the real file keeps the backup. */
export async function backupPathOf(fs: VaultFileSystem, path: string): Promise<string> {
  return `${await resolveLinks(fs, path).catch(() => path)}.bak`;
}
