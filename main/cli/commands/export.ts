import { detectExportFormat, EXPORT_FORMATS, type ExportFormat } from '../../core/io/detect-format';
import { writeLatchBackupFile } from '../../core/io/latch-backup-export';
import { assertPlaintextConfirmed, buildPlaintextExport } from '../../core/io/plaintext-export';
import { checkPrivateFileTarget, writePrivateFile } from '../../core/io/private-file';
import { serviceEntries } from '../../core/io/vault-services';
import { systemClock } from '../../core/platform';
import { iterationsOption } from '../iterations-option';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { SecretInput } from '../secret-input';
import { withServiceStore } from '../with-store';

export const exportCommand: CliCommand = {
  name: 'export',
  usage:
    'latch export FILE [--format latch|json] [--backup-password-stdin] [--iterations N] [--plaintext --yes-i-understand]',
  positionals: { min: 1, max: 1 },
  options: {
    format: { type: 'string', help: 'latch (encrypted backup) or json (plain text); default from the extension' },
    'backup-password-stdin': {
      type: 'boolean',
      help: "read the backup's password from stdin (after the master password line with --password-stdin)",
    },
    iterations: { type: 'string', help: "PBKDF2 iterations of the backup (default: the vault's own)" },
    plaintext: { type: 'boolean', help: 'write every secret unencrypted (JSON); needs --yes-i-understand' },
    'yes-i-understand': { type: 'boolean', help: 'confirm a plain-text export' },
  },
  async run(ctx) {
    const path = ctx.positionals[0]!;
    const given = ctx.values.format;
    if (given !== undefined && (typeof given !== 'string' || !(EXPORT_FORMATS as readonly string[]).includes(given)))
      throw usageError(`--format is one of: ${EXPORT_FORMATS.join(', ')}.`);
    const plaintext = ctx.values.plaintext === true;
    const format: ExportFormat = (given as ExportFormat | undefined) ?? (plaintext ? 'json' : detectExportFormat(path));
    if (format === 'latch' && plaintext)
      throw usageError('--plaintext goes with --format json; a Latch backup is always encrypted.');
    const iterations = iterationsOption(ctx.values.iterations);
    // Either format is a file of secrets: a link, a pipe, a folder or a file already there is refused before
    // the vault is unlocked (and again at the write), never written through or replaced.
    const place = { overwrite: false };

    if (format === 'json') {
      const confirmPlaintext = plaintext && ctx.values['yes-i-understand'] === true;
      // Refused before the vault is even unlocked.
      assertPlaintextConfirmed({ confirmPlaintext });
      await checkPrivateFileTarget(path, place);
      return withServiceStore(ctx, async (_store, vault) => {
        const text = await buildPlaintextExport(vault, systemClock, { confirmPlaintext });
        await writePrivateFile(path, text, place);
        const services = serviceEntries(vault).size;
        ctx.output(
          { path, format, services, encrypted: false },
          `Wrote ${services} service(s) IN PLAIN TEXT to ${path} (readable by you only). Delete it when done.`,
        );
        return 0;
      });
    }

    await checkPrivateFileTarget(path, place);
    return withServiceStore(ctx, async (_store, vault) => {
      let password: string;
      if (ctx.values['backup-password-stdin'] === true && ctx.values['password-stdin'] !== true) {
        const input = new SecretInput(ctx.io, true);
        try {
          password = await input.next('Backup password: ');
        } finally {
          input.close();
        }
      } else {
        password = await ctx.secrets.newPassword('Backup password: ');
      }
      const { records } = await writeLatchBackupFile(
        { source: vault, path, password, iterations: iterations ?? vault.iterations },
        place,
      );
      const services = serviceEntries(vault).size;
      ctx.output(
        { path, format, services, records, encrypted: true },
        `Wrote an encrypted backup of ${services} service(s) to ${path}. It opens with its own password: keep it safe.`,
      );
      return 0;
    });
  },
};
