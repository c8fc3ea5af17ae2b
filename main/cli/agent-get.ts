/**
 * `latch get REF [--json] [--vault FILE]` through the unlock agent, without the command framework. Tools
 * call `latch get` over and over (a script, a template, a git hook), and with an agent holding the key
 * there is nothing left to do but ask it: the agent opens the vault, reads the field (main/cli/agent-lookup.ts)
 * and this prints it. So this path loads no zod, no credential model, no vault code, no keychain addon and
 * no command registry: it starts in about Node's own time (issue 18: within 2x `pass show`).
 *
 * It changes speed, never behaviour: whatever it does not handle plainly (any other option, no agent, a
 * vault the agent cannot open, an answer it does not understand) returns undefined, and the ordinary
 * `latch get` runs and behaves (and explains itself) as it always has. A failure the agent reports while
 * reading the field (no such credential, a sign-in needed) is printed with the message and exit code the
 * ordinary path gives, computed by the same code in the agent (main/cli/failure.ts).
 */
import { askAgentGet } from '../core/agent/agent-client';
import { agentFailure } from './agent-failure';
import { agentVault } from './agent-vault';
import { EXIT } from './exit-codes';
import { plainGet } from './get-args';
import { fieldOutput } from './got-field';
import type { CliIo } from './io';

/** The exit code when the agent answered; undefined when the ordinary `latch get` should run instead. */
export async function getThroughAgent(argv: readonly string[], io: CliIo): Promise<number | undefined> {
  const args = plainGet(argv);
  // --password-stdin: the ordinary path, which reads the password (and may start its KDF early, early-kdf.ts).
  if (args === null || args.passwordStdin) return undefined;
  const vault = agentVault(args.vault, io);
  if (vault === null) return undefined;
  const reply = await askAgentGet(io.env, vault.vaultId, { reference: args.reference, vault: vault.path }).catch(
    () => null,
  );
  if (reply === null) return undefined;
  if (!reply.ok) return agentFailure(reply, io);
  io.stdout.write(fieldOutput(reply.got, args.json));
  return EXIT.OK;
}
