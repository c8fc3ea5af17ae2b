import { useCallback, useEffect, useState } from 'react';
import type { TotpCodeItem, TotpEntry } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { useListed } from '../../ui';

/** Every TOTP credential in the vault, reloaded whenever services change. */
export function useTotpEntries(): {
  entries: TotpEntry[] | null;
  error: unknown;
  version: number;
  reload: () => void;
} {
  const latch = useLatch();
  const [version, setVersion] = useState(0);
  useEffect(() => latch.services.onChanged(() => setVersion((v) => v + 1)), [latch]);
  const { list: entries, error } = useListed(
    useCallback(() => latch.totp.list({}), [latch]),
    version,
  );
  return { entries, error, version, reload: () => setVersion((v) => v + 1) };
}

/**
 * The codes main pushes for `ids`: one batch on subscribe, then one at each period boundary.
 * Main never sends a secret; the renderer only holds the codes it shows. A new `version` (the
 * services changed: a secret may have been edited) subscribes again so main rereads them.
 */
export function useLiveCodes(ids: readonly string[], version = 0): Map<string, TotpCodeItem> {
  const latch = useLatch();
  const [codes, setCodes] = useState<Map<string, TotpCodeItem>>(new Map());
  const key = ids.join(',');
  const generation = version;
  useEffect(() => {
    const off = latch.totp.onCodes((batch) => {
      setCodes((prev) => {
        const next = new Map(prev);
        for (const item of batch.items) next.set(item.credentialId, item);
        return next;
      });
    });
    const wanted = key === '' ? [] : key.split(',');
    void latch.totp.subscribe({ ids: wanted }).catch(() => undefined);
    return () => {
      off();
      void latch.totp.unsubscribe({}).catch(() => undefined);
    };
  }, [latch, key, generation]);
  return codes;
}
