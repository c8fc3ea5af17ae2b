import { SystemClipboard } from '../../core/clipboard/system-clipboard';
import { spawnClipboardClearer } from '../clipboard-clearer';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { withSession } from '../with-store';

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
    // The vault is locked again before the clipboard is touched.
    const { value, label } = await withSession(ctx, async ({ secrets }) => {
      const { located, value } = await secrets.resolve(reference);
      return { value, label: `${located.service.name}/${located.credential.name}/${located.field}` };
    });
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
