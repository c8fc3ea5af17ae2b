import type { Readable, Writable } from 'node:stream';

/** What a command touches of the process; tests and the Electron shell can supply their own. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  stdout: Writable;
  stderr: Writable;
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  homedir: string;
}
