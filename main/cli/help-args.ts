/**
 * The arguments whose whole answer is the general help, as runCli gives it: none at all (on stderr, exit 2), or
 * only `--help`, `-h` or `help` (on stdout, exit 0). index.ts answers these from the help chunk (quick-help.ts)
 * without the command framework; any other shape, `latch --json --help` included, takes runCli.
 */
export function generalHelpOnly(argv: readonly string[]): 'stdout' | 'stderr' | undefined {
  if (argv.length === 0) return 'stderr';
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help')) return 'stdout';
  return undefined;
}
