/**
 * Import and export in the app. An import is planned first (the file parsed, a preview made)
 * and applied after the user picks what to take; the plan, which holds the secrets, stays here
 * and the renderer holds only its id.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type ExportOutcome, exportToChosenFile } from '../../core/io/export-to-file';
import { applyImportPlan, type ImportPlan, planImportFile } from '../../core/io/import-file';
import { LatchError } from '../../core/model/errors';
import type { Clock, SaveDialog } from '../../core/platform';
import type { VaultSession } from '../../core/vault/session';
import type { Credentials } from '../credentials/credentials';
import { isChangeKept } from '../vault/change-kept';
import type { VaultAccess } from '../vault/vault-access';

/** A scratch folder (0700) for a file the renderer handed over, removed as soon as it is read. */
async function withScratchFile<T>(name: string, bytes: Buffer, fn: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'latch-io-'));
  // The name is the page's: only its last part is used, and "." or ".." would name the folder or its parent.
  const base = basename(name);
  const path = join(dir, base === '' || base === '.' || base === '..' ? 'import' : base);
  try {
    await writeFile(path, bytes, { mode: 0o600 });
    return await fn(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type PlanOptions = Omit<Parameters<typeof planImportFile>[1], 'path'>;

export class TransferService {
  // One preview at a time: a new one replaces the last.
  readonly #plans = new Map<string, ImportPlan>();

  constructor(
    private readonly deps: {
      vault: VaultAccess;
      session: VaultSession;
      credentials: Credentials;
      saveDialog: SaveDialog;
      clock: Clock;
    },
  ) {
    // A plan holds the file's secrets in the clear: it goes with the keys, and a preview made
    // before a lock cannot be applied to whatever vault is unlocked next.
    deps.session.on((e) => {
      if (e.type === 'locked') this.#plans.clear();
    });
  }

  async previewImport(fileName: string, content: Buffer, options: PlanOptions) {
    const vault = this.deps.vault.vault();
    const plan = await withScratchFile(fileName, content, (path) => planImportFile(vault, { path, ...options }));
    const importId = randomBytes(12).toString('base64url');
    this.#plans.clear();
    this.#plans.set(importId, plan);
    return { importId, preview: plan.plan.preview };
  }

  async applyImport(importId: string, selected: Parameters<typeof applyImportPlan>[3]) {
    const plan = this.#plans.get(importId);
    if (!plan) throw new LatchError('ERR_NOT_FOUND', 'That import preview has expired; choose the file again.');
    const result = await this.deps.credentials
      .batch((_store, vault) => applyImportPlan(vault, this.deps.clock, plan, selected))
      .catch((e: unknown) => {
        // Applied but not saved (held for the save-failed banner): the plan is spent, so applying
        // the same preview again cannot add every credential twice, whatever the page sends.
        if (isChangeKept(e)) this.#plans.delete(importId);
        throw e;
      });
    this.#plans.delete(importId);
    return { services: result.serviceIds.length, credentials: result.credentials, serviceIds: result.serviceIds };
  }

  /**
   * Exports of every secret: the master password is asked again (under the wrong-password delay),
   * and the file goes where the user chooses in a save dialog shown by main; its content never
   * crosses to the renderer.
   */
  async exportBackup(masterPassword: string, backupPassword: string): Promise<ExportOutcome> {
    return exportToChosenFile({
      vault: await this.deps.session.confirmPassword(masterPassword),
      clock: this.deps.clock,
      dialog: this.deps.saveDialog,
      request: { format: 'latch-backup', backupPassword },
    });
  }

  async exportPlaintext(masterPassword: string): Promise<ExportOutcome> {
    return exportToChosenFile({
      vault: await this.deps.session.confirmPassword(masterPassword),
      clock: this.deps.clock,
      dialog: this.deps.saveDialog,
      request: { format: 'plaintext' },
    });
  }
}
