/**
 * How to start this same `latch` again as a helper process (the clipboard clearer, the unlock agent):
 * the running Node with its own flags (tsx's loader in a checkout) and entry script (bin/latch.cjs or
 * main/cli/index.ts). undefined when there is no entry script (e.g. `node -e`).
 */
export function latchSelfArgs(subcommand: string): string[] | undefined {
  const entry = process.argv[1];
  if (entry === undefined) return undefined;
  return [...process.execArgv, entry, subcommand];
}
