import type { Readable, Writable } from 'node:stream';

/** What a command touches of the process; tests and the Electron shell can supply their own. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  /**
   * stdin's descriptor while nothing has made the `stdin` stream (start.ts), for readAllStdin's blocking reads; undefined
   * once the stream exists (it may hold bytes it read ahead), and without a descriptor (tests).
   */
  stdinFd?: () => number | undefined;
  stdout: Writable;
  stderr: Writable;
  env: Readonly<Record<string, string | undefined>>;
  platform: string;
  homedir: string;
}
