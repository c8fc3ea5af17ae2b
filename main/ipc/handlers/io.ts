import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { exportToChosenFile } from '../../core/io/export-to-file';
import { applyImportPlan, type ImportPlan, planImportFile } from '../../core/io/import-file';
import { LatchError } from '../../core/model/errors';
import type { HandlerTable } from '../dispatcher';
import type { AppServices } from '../services';

type IoChannels = 'io.previewImport' | 'io.applyImport' | 'io.exportBackup' | 'io.exportPlaintext';

/** A scratch folder (0700) for a file the renderer handed over, removed as soon as it is read. */
async function withScratchFile<T>(name: string, bytes: Buffer, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-io-'));
  const path = join(dir, basename(name) || 'import');
  try {
    await writeFile(path, bytes, { mode: 0o600 });
    return await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function ioHandlers(s: AppServices): Pick<HandlerTable, IoChannels> {
  // Plans keep the secrets in main; the renderer holds only the id and the preview.
  const plans = new Map<string, ImportPlan>();

  return {
    'io.previewImport': async ({ fileName, contentBase64, format, service, backupPassword }) => {
      const vault = s.vault.vault();
      const plan = await withScratchFile(fileName, Buffer.from(contentBase64, 'base64'), (path) =>
        planImportFile(vault, {
          path,
          ...(format ? { format } : {}),
          ...(service ? { service } : {}),
          ...(backupPassword ? { backupPassword } : {}),
        }),
      );
      const importId = randomBytes(12).toString('base64url');
      plans.clear();
      plans.set(importId, plan);
      return { importId, preview: plan.plan.preview };
    },
    'io.applyImport': async ({ importId, selected }) => {
      const plan = plans.get(importId);
      if (!plan) throw new LatchError('ERR_NOT_FOUND', 'That import preview has expired; choose the file again.');
      const result = await applyImportPlan(s.vault.vault(), s.clock, plan, selected);
      plans.delete(importId);
      s.events.emit('services.changed', {});
      return { services: result.serviceIds.length, credentials: result.credentials };
    },
    'io.exportBackup': async ({ masterPassword, backupPassword }) =>
      exportToChosenFile({
        vault: await s.vault.session.confirmPassword(masterPassword),
        clock: s.clock,
        dialog: s.saveDialog,
        request: { format: 'latch-backup', backupPassword },
      }),
    'io.exportPlaintext': async ({ masterPassword }) =>
      exportToChosenFile({
        vault: await s.vault.session.confirmPassword(masterPassword),
        clock: s.clock,
        dialog: s.saveDialog,
        request: { format: 'plaintext' },
      }),
  };
}
