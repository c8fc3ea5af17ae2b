import { SystemClipboard } from '../../core/clipboard/system-clipboard';
import { readSecretField } from '../../core/credentials/primary-secret';
import { ServiceStore } from '../../core/credentials/service-store';
import { systemClock } from '../../core/platform';
import { spawnClipboardClearer } from '../clipboard-clearer';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { unlockVault } from '../unlock';

const DEFAULT_CLEAR_SECONDS = 30;

export const copyCommand: CliCommand = {
  name: 'copy',
  usage: 'latch copy REF [--clear-after SECONDS]',
  options: {
    'clear-after': {
      type: 'string',
      help: `seconds before the clipboard is cleared (default ${DEFAULT_CLEAR_SECONDS}; 0 leaves it)`,
    },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx) {
    const raw = ctx.values['clear-after'];
    const seconds = typeof raw === 'string' ? Number(raw) : DEFAULT_CLEAR_SECONDS;
    if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) {
      throw usageError('--clear-after takes a number of seconds from 0 to 86400.');
    }
    const reference = ctx.positionals[0] ?? '';
    const vault = await unlockVault(ctx);
    let value: string;
    let label: string;
    try {
      const located = await new ServiceStore(vault, systemClock).resolve(reference);
      value = await readSecretField(located, located.field, { clock: systemClock });
      label = `${located.service.name}/${located.credential.name}/${located.field}`;
    } finally {
      vault.lock();
    }
    await new SystemClipboard(ctx.io.platform as NodeJS.Platform).writeText(value);
    if (seconds > 0) spawnClipboardClearer(value, seconds, ctx.io.env);
    // stdout stays empty without --json: the note is for people.
    if (ctx.json) ctx.output({ copied: label, clearsInSeconds: seconds > 0 ? seconds : null }, '');
    else
      ctx.note(
        seconds > 0
          ? `Copied ${label}; the clipboard is cleared in ${seconds} s if it still holds it.`
          : `Copied ${label}.`,
      );
    return 0;
  },
};
