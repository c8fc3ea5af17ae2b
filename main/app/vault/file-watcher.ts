import { watchFile } from '../../core/io/watch-file';

/**
 * The port through which the app hears that its vault file may have changed (another Latch window, the
 * command line, a sync tool). A hint only: the vault service checks the file itself before it reloads.
 */
export interface FileWatcher {
  /** Calls onChange (debounced) after the file at `path` may have changed; the returned function stops watching. */
  watch(path: string, onChange: () => void): () => void;
}

/** Watches nothing: hosts and tests that do not want the vault reloaded behind their back. */
export const noWatching: FileWatcher = { watch: () => () => undefined };

/** The folder watch of main/core/io/watch-file.ts: the desktop shell's and the browser host's. */
export const nodeFileWatcher: FileWatcher = { watch: (path, onChange) => watchFile(path, onChange) };
