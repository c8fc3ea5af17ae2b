import { type FSWatcher, realpathSync, watch } from 'node:fs';
import { basename, dirname } from 'node:path';

export interface WatchFileOptions {
  /** Quiet time after the last event before onChange runs: a save is several events (temporary, link, rename). */
  debounceMs?: number;
  /** Wait before watching again after the folder's watch failed (the folder gone for a moment, a watch limit). */
  retryMs?: number;
}

/**
 * Watches one file through its folder: a save replaces the file by a rename, which ends a watch on the file
 * itself, so the folder is watched and its events filtered by the file's name. A symbolic link is followed once,
 * at the start, so a vault linked into a synced folder is watched where it is written. Never throws after the
 * start and never keeps the process alive; an error ends the watch and it is started again after retryMs.
 */
export function watchFile(path: string, onChange: () => void, options: WatchFileOptions = {}): () => void {
  const debounceMs = options.debounceMs ?? 200;
  const retryMs = options.retryMs ?? 1000;
  const target = realTarget(path);
  const dir = dirname(target);
  const name = basename(target);
  let watcher: FSWatcher | null = null;
  let quiet: ReturnType<typeof setTimeout> | null = null;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const changed = (): void => {
    if (quiet !== null) clearTimeout(quiet);
    quiet = setTimeout(() => {
      quiet = null;
      if (stopped) return;
      try {
        onChange();
      } catch {
        // The listener's failure is its own: the watch goes on.
      }
    }, debounceMs);
    quiet.unref?.();
  };
  const restartLater = (): void => {
    watcher?.close();
    watcher = null;
    if (stopped || retry !== null) return;
    retry = setTimeout(() => {
      retry = null;
      // Whatever happened while nobody watched is looked at once, when watching again.
      if (start()) changed();
    }, retryMs);
    retry.unref?.();
  };
  const start = (): boolean => {
    if (stopped) return false;
    try {
      watcher = watch(dir, { persistent: false }, (_event, file) => {
        // No name (some platforms): any event in the folder may be the file's.
        if (file === null || file.toString() === name) changed();
      });
      watcher.on('error', restartLater);
      return true;
    } catch {
      restartLater();
      return false;
    }
  };

  start();
  return () => {
    stopped = true;
    if (quiet !== null) clearTimeout(quiet);
    if (retry !== null) clearTimeout(retry);
    watcher?.close();
    watcher = null;
  };
}

/** The file a symbolic link points to, or the path itself when it is none or cannot be resolved now. */
function realTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
