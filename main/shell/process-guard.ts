/**
 * The last line of defence in main: an unhandled rejection or an uncaught exception (from a
 * timer, an event handler, a library callback) is logged and the app keeps running, with
 * the vault and its auto-lock intact. Dying there would drop unsaved changes and leave a
 * secret on the clipboard. The log names the error's class and code only: a message can
 * carry a value (a URL with a token, a parsed field).
 */
const INSTALLED = Symbol.for('latch.process-guard');

export type GuardLog = (line: string) => void;

/** The two listeners, kept on the process under a symbol so a test harness can tell them apart. */
export interface ProcessGuard {
  onRejection(reason: unknown): void;
  onException(error: Error): void;
}

export const PROCESS_GUARD = INSTALLED;

export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e;
  // Even the name is checked: it is a writable property like any other.
  const name = /^[A-Za-z]{1,64}$/.test(e.name) ? e.name : 'Error';
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? `${name} ${code}` : name;
}

/** Installs the handlers once per process; returns false when they already were. */
export function installProcessGuard(
  proc: Pick<NodeJS.Process, 'on'> = process,
  log: GuardLog = (line) => console.error(line),
): boolean {
  const marked = proc as unknown as Record<symbol, ProcessGuard | undefined>;
  if (marked[INSTALLED]) return false;
  const guard: ProcessGuard = {
    onRejection: (reason) => log(`latch: unhandled rejection in main (${describeError(reason)})`),
    onException: (error) => log(`latch: uncaught exception in main (${describeError(error)})`),
  };
  marked[INSTALLED] = guard;
  proc.on('unhandledRejection', guard.onRejection);
  proc.on('uncaughtException', guard.onException);
  return true;
}
