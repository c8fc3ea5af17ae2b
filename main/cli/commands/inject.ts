import { readSecretField } from '../../core/credentials/primary-secret';
import { MAX_TEMPLATE_BYTES, renderTemplate, templateReferences } from '../../core/integrations/template';
import { checkPrivateFileTarget, checkPrivateMode, writePrivateFile } from '../../core/io/private-file';
import { readCapped, readCappedFile } from '../../core/io/read-capped';
import { utf8Text } from '../../core/io/utf8-text';
import { systemClock } from '../../core/platform';
import { freshTokens } from '../fresh-token';
import { usageError } from '../parse-args';
import type { CliCommand, CliContext } from '../registry';
import { withServiceStore } from '../with-store';

/** The template, from stdin or a file (a FIFO and `<(…)` too), refused as soon as it passes 10 MiB. */
async function readTemplate(ctx: CliContext, path: string): Promise<string> {
  // Bytes that are not UTF-8 (a Latin-1 .properties file) would come out as U+FFFD: refused by line (utf8-text.ts).
  const templateText = (bytes: Buffer, name: string) =>
    utf8Text(
      bytes,
      name,
      "latch inject would change those bytes. Convert it (iconv -f latin1 -t utf-8), or write the characters as escapes the file's format reads (\\u00e9 in a .properties file).",
    );
  const advice = 'A template is a configuration file; is it the right file?';
  if (path === '-')
    return templateText(
      await readCapped(ctx.io.stdin, MAX_TEMPLATE_BYTES, { what: 'the input on stdin', advice }),
      'The template on stdin',
    );
  const what = { what: `the template ${path}`, advice };
  return templateText(await readCappedFile(path, MAX_TEMPLATE_BYTES, what), `The template ${path}`);
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
    mode: { type: 'string', help: 'OUTPUT mode in octal: 600 (default) or 400; any other is refused' },
    'dry-run': { type: 'boolean', help: 'list the references and their lines; resolve nothing' },
  },
  async run(ctx) {
    const v = ctx.values;
    if (typeof v.in !== 'string') throw usageError('Name the template: latch inject -i config.tpl -o config.yml');
    const mode = typeof v.mode === 'string' ? Number.parseInt(v.mode, 8) : 0o600;
    if (!/^[0-7]{3,4}$/.test(typeof v.mode === 'string' ? v.mode : '600'))
      throw usageError('--mode takes octal: 600, or 400 for read only.');
    // Before the template is read and any secret resolved: a wrong mode is known from the arguments.
    checkPrivateMode(mode);
    const template = await readTemplate(ctx, v.in);
    const refs = templateReferences(template);
    const output = { mode, overwrite: v.force === true, existsAdvice: 'Add --force to replace it.' };
    // Before the vault is opened (a password typed, every reference resolved) for an output that cannot be written.
    if (!v['dry-run'] && typeof v.out === 'string') await checkPrivateFileTarget(v.out, output);
    if (v['dry-run']) {
      ctx.output(
        { references: refs },
        refs.map((r) => `line ${r.line}: ${r.reference}`).join('\n') || 'No references.',
      );
      return 0;
    }
    const text = await withServiceStore(ctx, (store, vault) =>
      renderTemplate(template, async (reference) => {
        const located = await store.resolve(reference);
        return readSecretField(located, located.field, {
          clock: systemClock,
          getAccessToken: async (l) => (await freshTokens(store, vault, l)).tokens.accessToken,
        });
      }),
    );
    if (typeof v.out !== 'string') {
      ctx.io.stdout.write(text);
      return 0;
    }
    await writePrivateFile(v.out, text, output);
    ctx.note(`Wrote ${v.out} (mode ${mode.toString(8)}): ${refs.length} reference(s) resolved.`);
    return 0;
  },
};
