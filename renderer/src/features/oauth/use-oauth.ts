import { useCallback, useEffect, useState } from 'react';
import type { DeviceCodeInfo, OAuthTokenInfo } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { useListed } from '../../ui';

/** Every oauth2 credential's token status, listed again on each `oauth.changed` / `services.changed`. */
export function useOAuthTokens(): { tokens: OAuthTokenInfo[] | null; error: unknown; reload: () => void } {
  const latch = useLatch();
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    const offA = latch.oauth.onChanged(reload);
    const offB = latch.services.onChanged(reload);
    return () => {
      offA();
      offB();
    };
  }, [latch, reload]);
  const { list: tokens, error } = useListed(
    useCallback(() => latch.oauth.tokens({}), [latch]),
    version,
  );
  return { tokens, error, reload };
}

/** Device flows waiting for the user: announced by `oauth.device`, gone once the token list says so. */
export function useDeviceCodes(): DeviceCodeInfo[] {
  const latch = useLatch();
  const [codes, setCodes] = useState<DeviceCodeInfo[]>([]);
  useEffect(() => {
    let live = true;
    const sync = () =>
      void latch.oauth.pendingDevice({}).then(
        (list) => live && setCodes(list),
        () => undefined,
      );
    sync();
    const offA = latch.oauth.onDevice((info) =>
      setCodes((list) => [...list.filter((c) => c.credentialId !== info.credentialId), info]),
    );
    const offB = latch.oauth.onChanged(sync);
    return () => {
      live = false;
      offA();
      offB();
    };
  }, [latch]);
  return codes;
}
