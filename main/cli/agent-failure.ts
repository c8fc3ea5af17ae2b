import type { GetReply } from '../core/agent/protocol';
import { isErrorCode } from '../core/model/errors';
import { EXIT, exitCodeForCode } from './exit-codes';
import type { CliIo } from './io';

/**
 * A fast path's answer when the agent did not hand over what was asked: a command's failure the agent read
 * (no such credential, a bad reference) is printed with the message and exit code the ordinary command gives
 * (the agent computed them with the same code, main/cli/failure.ts); anything else is undefined, and the
 * ordinary command runs.
 */
export function agentFailure(reply: Extract<GetReply, { ok: false }>, io: CliIo): number | undefined {
  if (reply.error !== 'failed') return undefined;
  io.stderr.write(`latch: ${reply.message}\n`);
  return isErrorCode(reply.code) ? exitCodeForCode(reply.code) : EXIT.FAILURE;
}
