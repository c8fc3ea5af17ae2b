import { LatchError } from '../core/model/errors';

/**
 * The names a SERVICE argument may stand for: as typed, then as shell completion offers it. Completion writes
 * names as inert shell words, percent-encoded (shellWord in main/cli/completion/vault-names.ts), so "Billing EU" is
 * the one shell word Billing%20EU; a name that does not decode is only itself.
 */
export function serviceNameForms(typed: string): string[] {
  try {
    const decoded = decodeURIComponent(typed);
    return decoded === typed ? [typed] : [typed, decoded];
  } catch {
    return [typed];
  }
}

/** The id of the service a SERVICE argument names (see serviceNameForms); a name as typed wins. */
export function findNamedService(store: { findServiceId(name: string): string }, typed: string): string {
  const [asTyped, decoded] = serviceNameForms(typed);
  try {
    return store.findServiceId(asTyped!);
  } catch (e) {
    if (decoded === undefined || !(e instanceof LatchError && e.code === 'ERR_NOT_FOUND')) throw e;
    return store.findServiceId(decoded);
  }
}
