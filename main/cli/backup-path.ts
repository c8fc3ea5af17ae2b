/** `<vault>.bak` (the last good save, kept by every save): read it, never write it (latch status says how to restore). */
export function isBackupPath(path: string): boolean {
  return path.endsWith('.bak');
}
