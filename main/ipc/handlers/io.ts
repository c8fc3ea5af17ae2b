import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { applyImportPlan, type ImportPlan, planImportFile } from '../../core/io/import-file';
import { exportLatchBackup } from '../../core/io/latch-backup-export';
import { buildPlaintextExport } from '../../core/io/plaintext-export';
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

const stamp = (now: number) => new Date(now).toISOString().slice(0, 10);

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
    'io.exportBackup': async ({ password }) => {
      const vault = s.vault.vault();
      const dir = await mkdtemp(join(tmpdir(), 'latch-export-'));
      try {
        const path = join(dir, 'backup.latch');
        await exportLatchBackup({ source: vault, path, password });
        const bytes = await readFile(path);
        return { fileName: `latch-backup-${stamp(s.clock.now())}.latch`, contentBase64: bytes.toString('base64') };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    'io.exportPlaintext': async ({ confirmPlaintext }) => ({
      fileName: `latch-export-${stamp(s.clock.now())}.json`,
      content: await buildPlaintextExport(s.vault.vault(), s.clock, { confirmPlaintext }),
    }),
  };
}
