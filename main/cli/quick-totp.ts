// `latch totp --uri -` without the command framework: the entry (index.ts) imports this chunk instead of the start
// chunk for the shapes totp-args.ts takes. It reads, checks and prints through the command's own functions
// (totp-code.ts: the same parser, code and output), so it answers as `latch totp` does, byte for byte, with the same
// exit code; it only leaves out what that shape never uses (the option parser, the command catalogue, the vault).
import { failureOutput } from './failure';
import type { CliIo } from './io';
import { outputText } from './output-text';
import { type SyncOutput, syncOutput } from './sync-output';
import type { PlainTotpUri } from './totp-args';
import { codeInstant, codeOutput, uriFromStdin, uriSpec } from './totp-code';

/**
 * Prints the code of the URI on stdin, or why not; returns the exit code. stdin is read with blocking read()s on its
 * descriptor while nothing has made the stream (read-stdin.ts), and the output written with blocking write()s
 * (sync-output.ts): on a pipe or a terminal each stream is a net.Socket, whose set-up was most of what this adds to
 * Node's own start.
 */
export async function printTotpFromStdin(
  args: PlainTotpUri,
  io: Pick<CliIo, 'stdin' | 'stdinFd'>,
  out: SyncOutput,
): Promise<number> {
  try {
    // In the command's order: --at is checked before stdin is read.
    const nowMs = codeInstant(args.at);
    const spec = uriSpec(await uriFromStdin(io), (line) => out.stderr(`${line}\n`));
    const { data, text } = codeOutput(spec, nowMs);
    out.stdout(outputText(args.json, data, text));
    return 0;
  } catch (e) {
    const failed = failureOutput(e);
    out.stderr(failed.text);
    return failed.exitCode;
  }
}

/** The entry's call: the process's stdin (its stream made on first use, as start.ts makes it), stdout and stderr. */
export async function runTotpUri(args: PlainTotpUri): Promise<void> {
  let stdinMade = false;
  const io = {
    get stdin() {
      stdinMade = true;
      return process.stdin;
    },
    stdinFd: () => (stdinMade ? undefined : 0),
  };
  const out = syncOutput(process, (code) => process.exit(code));
  const code = await printTotpFromStdin(args, io, out);
  // All written with blocking write()s: nothing is left to run, and exiting now spares Node's wind-down (about 2M
  // instructions). Output that went to a stream is left to drain as Node ends on its own.
  if (out.streamMade()) process.exitCode = code;
  else process.exit(code);
}
