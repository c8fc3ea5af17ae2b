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
import { fieldOutput } from './got-field';
import type { CliIo } from './io';

interface PlainGet {
  reference: string;
  vault: string | undefined;
  json: boolean;
}

/**
 * `get REF` with at most --json and --vault FILE (anywhere, as the ordinary parser allows); null for
 * anything else, including a repeated option, `--`, --help or --password-stdin (which skips the agent).
 */
export function plainGet(argv: readonly string[]): PlainGet | null {
  let json = false;
  let vault: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json' && !json) json = true;
    else if (a === '--vault' && vault === undefined && i + 1 < argv.length) vault = argv[++i];
    else if (a.startsWith('--vault=') && vault === undefined) vault = a.slice('--vault='.length);
    else if (a.startsWith('-')) return null;
    else words.push(a);
  }
  if (words.length !== 2 || words[0] !== 'get') return null;
  // An empty or option-like value: leave it to the ordinary parser's rules and messages.
  if (vault !== undefined && (vault === '' || vault.startsWith('-'))) return null;
  return { reference: words[1]!, vault, json };
}

/** The exit code when the agent answered; undefined when the ordinary `latch get` should run instead. */
export async function getThroughAgent(argv: readonly string[], io: CliIo): Promise<number | undefined> {
  const args = plainGet(argv);
  if (args === null) return undefined;
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
