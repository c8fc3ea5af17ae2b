import { LatchError } from '../model/errors';

/**
 * What a failed save says: the cause named (a full disk, a read-only mount, a folder the user
 * may not write in are fixed in different ways) with what to do, and where the changes are.
 * That last part differs by surface: the app still holds them, a command line run has ended
 * and saved nothing, so core leaves it out and each surface adds its own (forSurface).
 */
function reason(cause: unknown, folder: string): string {
  const code = (cause as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOSPC':
      return `the disk holding ${folder} is full. Free some space there, then try again.`;
    case 'EDQUOT':
      return `your disk quota on ${folder} is used up. Free some space there, then try again.`;
    case 'EROFS':
      return `${folder} is on a read-only file system (a read-only mount or disk). Remount it read-write, or move the vault to a folder you can write in.`;
    case 'EACCES':
    case 'EPERM':
      return `permission to create files in ${folder} was refused (a save writes its lock, temporary and backup files beside the vault). Give your user write permission on that folder, or move the vault.`;
    case 'EIO':
      return 'the disk reported an input/output error. Check the disk before trying again.';
    default:
      return typeof code === 'string'
        ? `the file system said ${code} in ${folder}.`
        : 'the written file did not read back correctly.';
  }
}

/** ERR_SAVE_FAILED for a save (or, with `creating`, the first write of a new vault) that failed at `step`. */
export function saveFailed(cause: unknown, o: { folder: string; step: string; creating: boolean }): LatchError {
  const errno = String((cause as { code?: unknown } | null)?.code ?? 'verify');
  return new LatchError(
    'ERR_SAVE_FAILED',
    `The vault could not be ${o.creating ? 'created' : 'saved'}: ${reason(cause, o.folder)} ${o.creating ? 'No vault file was written.' : 'The vault file on disk is unchanged.'}`,
    { cause, detail: { errno, step: o.step, folder: o.folder, creating: o.creating } },
  );
}

const WHERE_CHANGES_ARE = {
  app: 'Your changes are still open in Latch: save again once that is fixed.',
  cli: 'This command saved nothing: run it again once that is fixed.',
} as const;

/** The failed save's message with where the changes are on this surface; any other error as it is. */
export function forSurface<E>(e: E, surface: keyof typeof WHERE_CHANGES_ARE): E | LatchError {
  if (!(e instanceof LatchError) || e.code !== 'ERR_SAVE_FAILED' || e.detail?.creating !== false) return e;
  return new LatchError(e.code, `${e.message} ${WHERE_CHANGES_ARE[surface]}`, { cause: e.cause, detail: e.detail });
}
