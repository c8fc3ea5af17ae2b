import { fastArgs } from './fast-args';

/** `latch totp --uri -`'s arguments as the entry's fast path takes them (quick-totp.ts). */
export interface PlainTotpUri {
  /** --at's value as given: the command's own check reads it. */
  at: string | undefined;
  json: boolean;
}

/**
 * `totp --uri -` (the URI on stdin) with at most --at N, --json, --vault FILE and --insecure-argv, each once, anywhere:
 * the shapes that print a code and read nothing but stdin. Anything else (a REF, verify, backup-codes, --help, a URI
 * in the argument, --password-stdin, --recovery-kit, `--`) is null, for the ordinary command to run or refuse.
 */
export function plainTotpUri(argv: readonly string[]): PlainTotpUri | null {
  const args = fastArgs(argv, { uri: 'stdin', at: 'value', json: 'flag', vault: 'value', 'insecure-argv': 'flag' });
  if (args === null || args.afterDashes !== undefined || args.words.length !== 1 || args.words[0] !== 'totp')
    return null;
  if (!args.given.has('uri')) return null;
  return { at: args.given.get('at')?.[0], json: args.given.has('json') };
}
