import type { OptionSpec } from './registry';

/** Options every command accepts, before or after the command name. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  vault: { type: 'string', help: 'vault file (default: $LATCH_VAULT, else the OS app-data folder Latch/vault.latch)' },
  json: { type: 'boolean', help: 'print data as JSON' },
  'password-stdin': { type: 'boolean', help: 'read passwords from stdin, one per line, instead of a hidden prompt' },
  'recovery-kit': { type: 'string', help: 'hardened vault on a machine without its device key: the recovery kit file' },
  'insecure-argv': {
    type: 'boolean',
    help: 'accept a secret typed as an option value (visible in ps and shell history); use - or latch:// instead',
  },
  help: { type: 'boolean', short: 'h', help: 'show help' },
};
