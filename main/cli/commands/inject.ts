import { promises as fsp } from 'node:fs';
import { readSecretField } from '../../core/credentials/primary-secret';
import { writePrivateFile } from '../../core/integrations/private-file';
import { MAX_TEMPLATE_BYTES, renderTemplate, templateReferences } from '../../core/integrations/template';
import { LatchError } from '../../core/model/errors';
import { systemClock } from '../../core/platform';
import { freshTokens } from '../fresh-token';
import { usageError } from '../parse-args';
import { readAllStdin } from '../read-stdin';
import type { CliCommand, CliContext } from '../registry';
import { withServiceStore } from '../with-store';

async function readTemplate(ctx: CliContext, path: string): Promise<string> {
  if (path === '-') return readAllStdin(ctx.io);
  const st = await fsp.stat(path).catch(() => null);
  if (!st?.isFile()) throw usageError(`Cannot read the template ${path} (not a regular file).`);
  if (st.size > MAX_TEMPLATE_BYTES) throw usageError('The template is larger than 10 MB; is it the right file?');
  return fsp.readFile(path, 'utf8');
}

export const injectCommand: CliCommand = {
  name: 'inject',
  usage: 'latch inject -i TEMPLATE [-o OUTPUT [--force] [--mode 600]] [--dry-run] [--json]',
  options: {
    in: {
      type: 'string',
      short: 'i',
      help: 'template with {{ latch://SERVICE/CREDENTIAL[/FIELD] }} references (- for stdin)',
    },
    out: { type: 'string', short: 'o', help: 'file to write (mode 600; default: stdout)' },
    force: { type: 'boolean', help: 'replace OUTPUT when it exists' },
    mode: { type: 'string', help: 'OUTPUT mode in octal (default 600; any bit for others is refused)' },
    'dry-run': { type: 'boolean', help: 'list the references and their lines; resolve nothing' },
  },
  async run(ctx) {
    const v = ctx.values;
    if (typeof v.in !== 'string') throw usageError('Name the template: latch inject -i config.tpl -o config.yml');
    const mode = typeof v.mode === 'string' ? Number.parseInt(v.mode, 8) : 0o600;
    if (!/^[0-7]{3,4}$/.test(typeof v.mode === 'string' ? v.mode : '600'))
      throw usageError('--mode takes octal, e.g. 600.');
    const template = await readTemplate(ctx, v.in);
    const refs = templateReferences(template);
    if (v['dry-run']) {
      ctx.output(
        { references: refs },
        refs.map((r) => `line ${r.line}: ${r.reference}`).join('\n') || 'No references.',
      );
      return 0;
    }
    if (typeof v.out === 'string' && (mode & 0o007) !== 0)
      throw new LatchError(
        'ERR_BAD_INPUT',
        `Refusing to write secrets readable by other users (mode ${v.mode}); use 600.`,
      );
    const text = await withServiceStore(ctx, (store) =>
      renderTemplate(template, async (reference) => {
        const located = await store.resolve(reference);
        return readSecretField(located, located.field, {
          clock: systemClock,
          getAccessToken: async (l) => (await freshTokens(store, l)).tokens.accessToken,
        });
      }),
    );
    if (typeof v.out !== 'string') {
      ctx.io.stdout.write(text);
      return 0;
    }
    await writePrivateFile(v.out, text, { mode, overwrite: v.force === true });
    ctx.note(`Wrote ${v.out} (mode ${mode.toString(8)}): ${refs.length} reference(s) resolved.`);
    return 0;
  },
};
