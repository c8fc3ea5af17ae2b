import { mergingRecordVault } from '../../app/vault/merging-records';
import { IMPORT_FORMATS } from '../../core/io/detect-format';
import { applyImportPlan, type ImportPlan, planImportFile } from '../../core/io/import-file';
import type { ImportFormat } from '../../core/io/import-types';
import { LatchError } from '../../core/model/errors';
import { systemClock } from '../../core/platform';
import { confirm } from '../confirm';
import { usageError } from '../parse-args';
import type { CliCommand } from '../registry';
import { SecretInput } from '../secret-input';
import { withServiceStore } from '../with-store';

const SOURCE_NAMES = {
  env: '.env file',
  postman: 'Postman environment',
  'gcp-service-account': 'Google service-account key',
} as const;

function previewText(plan: ImportPlan): string {
  const lines: string[] = [];
  if (plan.format === 'latch') {
    const p = plan.plan.preview;
    lines.push(`Latch backup: ${p.services.length} service(s).`);
    for (const s of p.services) {
      const renamed = s.renamed ? `  (as "${s.name}": the name is taken)` : '';
      lines.push(`  [${s.include ? 'x' : ' '}] ${s.source}${renamed}: ${s.credentials.length} credential(s)`);
      for (const c of s.credentials) lines.push(`        ${c.name}  ${c.kind}`);
    }
    if (p.otherRecords > 0)
      lines.push(`  ${p.otherRecords} other record(s) (settings of that vault) are not imported.`);
    return lines.join('\n');
  }
  const p = plan.plan.preview;
  lines.push(`${SOURCE_NAMES[plan.format]} → service "${p.service.name}"${p.service.exists ? '' : ' (new)'}`);
  const label = (i: (typeof p.items)[number]) => i.variables.join(' + ');
  const width = Math.max(0, ...p.items.map((i) => label(i).length));
  for (const i of p.items) {
    const as = i.renamed ? ` as "${i.credentialName}"` : '';
    const becomes = i.include ? `${i.becomes}${as}` : i.role === 'configuration' ? 'skipped: configuration' : 'skipped';
    lines.push(`  [${i.include ? 'x' : ' '}] ${label(i).padEnd(width)}  ${becomes} (${i.why})`);
  }
  for (const s of p.skipped)
    lines.push(`  skipped ${s.variable}${s.line !== undefined ? ` (line ${s.line})` : ''}: empty value`);
  return lines.join('\n');
}

function selectable(plan: ImportPlan): string[] {
  return plan.format === 'latch'
    ? plan.plan.preview.services.map((s) => s.source)
    : plan.plan.preview.items.flatMap((i) => i.variables);
}

function ticked(plan: ImportPlan): string[] {
  return plan.format === 'latch'
    ? plan.plan.preview.services.filter((s) => s.include).map((s) => s.source)
    : plan.plan.preview.items.filter((i) => i.include).map((i) => i.variable);
}

export const importCommand: CliCommand = {
  name: 'import',
  usage:
    'latch import FILE [--format env|postman|gcp-service-account|latch] [--service NAME] [--only NAME ...] [--yes | --dry-run]',
  positionals: { min: 1, max: 1 },
  options: {
    format: {
      type: 'string',
      help: 'env, postman, gcp-service-account (a Google/Firebase key file: one RS256 JWT signer) or latch (default: told from the content and the name)',
    },
    service: {
      type: 'string',
      help: '.env/Postman/service account: the service to import into (created if missing; default from the file, or the Google project)',
    },
    only: {
      type: 'string',
      multiple: true,
      help: 'import just these variables (backup services, service-account e-mails), ticked or not',
    },
    yes: { type: 'boolean', short: 'y', help: 'import without asking (required when not at a terminal)' },
    'dry-run': { type: 'boolean', help: 'show the preview and stop' },
    'backup-password-stdin': {
      type: 'boolean',
      help: 'Latch backup: read its password from stdin (after the master password line with --password-stdin)',
    },
  },
  async run(ctx) {
    const path = ctx.positionals[0]!;
    const format = ctx.values.format;
    if (format !== undefined && (typeof format !== 'string' || !(IMPORT_FORMATS as readonly string[]).includes(format)))
      throw usageError(`--format is one of: ${IMPORT_FORMATS.join(', ')}.`);
    const yes = ctx.values.yes === true;
    const dryRun = ctx.values['dry-run'] === true;
    if (yes && dryRun) throw usageError('--yes and --dry-run exclude each other.');
    const only = ctx.values.only as string[] | undefined;

    return withServiceStore(ctx, async (_store, vault) => {
      let backupPassword: string | undefined;
      const askBackup = async () => {
        if (backupPassword !== undefined) return backupPassword;
        const source =
          ctx.values['backup-password-stdin'] === true && ctx.values['password-stdin'] !== true
            ? new SecretInput(ctx.io, true)
            : ctx.secrets;
        try {
          backupPassword = await source.next('Backup password: ');
        } finally {
          if (source !== ctx.secrets) source.close();
        }
        return backupPassword;
      };
      const plan = await planImportFile(vault, {
        path,
        ...(format !== undefined ? { format: format as ImportFormat } : {}),
        ...(typeof ctx.values.service === 'string' ? { service: ctx.values.service } : {}),
        backupPassword: askBackup,
      });
      if (only !== undefined) {
        const known = new Set(selectable(plan));
        const missing = only.find((o) => !known.has(o));
        if (missing !== undefined)
          throw usageError(`--only ${missing}: not in this file (see the preview with --dry-run).`);
      }
      const chosen = only ?? ticked(plan);
      const preview = previewText(plan);
      if (dryRun) {
        ctx.output({ format: plan.format, preview: plan.plan.preview, imported: null }, preview);
        return 0;
      }
      if (!yes) {
        if (!ctx.secrets.interactive) {
          ctx.note(preview);
          throw new LatchError(
            'ERR_BAD_INPUT',
            'Nothing was imported: not at a terminal, so add --yes to import (or --dry-run to only preview).',
          );
        }
        ctx.note(preview);
        if (!(await confirm(ctx.io, `Import ${chosen.length} item(s)?`))) {
          throw new LatchError('ERR_CANCELLED', 'Nothing was imported.');
        }
      }
      const result = await applyImportPlan(mergingRecordVault(vault), systemClock, plan, chosen);
      const target =
        plan.format === 'latch'
          ? `${result.serviceIds.length} service(s)`
          : `service "${plan.plan.preview.service.name}"`;
      ctx.output(
        { format: plan.format, preview: plan.plan.preview, imported: result },
        `${ctx.json ? '' : `${preview}\n`}Imported ${result.credentials} credential(s) into ${target}.`,
      );
      return 0;
    });
  },
};
