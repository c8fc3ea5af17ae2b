import { useCallback, useEffect, useState } from 'react';
import {
  type CredentialView,
  presetOf,
  RATE_PRESETS,
  type RateLimit,
  type RateLimitState,
  type RatePreset,
} from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, SelectField, TextField, useToast } from '../../ui';
import { errorOf } from './bridge-error';

type Choice = 'none' | RatePreset;
const LABELS: Record<Choice, string> = {
  none: 'No limit',
  anonymous: 'Anonymous: 1 per 10 s',
  standard: 'Standard: 1 per second',
  premium: 'Premium: 10 per second',
  custom: 'Custom…',
};

function CustomLimit({ initial, onSave }: { initial: RateLimit; onSave: (l: RateLimit) => void }) {
  const [requests, setRequests] = useState(String(initial.requests));
  const [per, setPer] = useState<'1' | '60'>(initial.perSeconds === 60 ? '60' : '1');
  const n = Number(requests);
  const error = Number.isInteger(n) && n >= 1 && n <= 100 ? null : 'a whole number from 1 to 100';
  return (
    <div className="hstack rate-limits__row">
      <TextField
        label="Requests"
        inputMode="numeric"
        value={requests}
        error={error}
        onChange={(e) => setRequests(e.currentTarget.value)}
      />
      <SelectField
        label="Per"
        value={per}
        options={[
          { value: '1', label: 'second' },
          { value: '60', label: 'minute' },
        ]}
        onChange={setPer}
      />
      <Button size="small" disabled={error !== null} onClick={() => onSave({ requests: n, perSeconds: Number(per) })}>
        Set
      </Button>
    </div>
  );
}

/** Per credential, how fast Latch may call the API, and the Retry-After answers it is honouring. */
export function RateLimitPanel({ serviceId, credentials }: { serviceId: string; credentials: CredentialView[] }) {
  const latch = useLatch();
  const toast = useToast();
  const [state, setState] = useState<RateLimitState | null>(null);
  const [custom, setCustom] = useState<string | null>(null);
  const load = useCallback(
    () => void latch.limits.get({ serviceId }).then(setState, () => setState(null)),
    [latch, serviceId],
  );
  useEffect(() => {
    load();
    return latch.limits.onChanged((e) => e.serviceId === serviceId && load());
  }, [latch, serviceId, load]);
  // A block ends by itself: look again when the soonest one is over.
  useEffect(() => {
    const soonest =
      state?.blocked.reduce((m, b) => Math.min(m, b.until), Number.POSITIVE_INFINITY) ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(soonest)) return;
    const t = setTimeout(load, Math.max(0, soonest - Date.now()) + 50);
    return () => clearTimeout(t);
  }, [state, load]);
  if (!state) return null;

  const set = async (credentialId: string, limit: RateLimit | null) => {
    try {
      setState(await latch.limits.set({ serviceId, credentialId, limit }));
      setCustom(null);
    } catch (e) {
      toast.show(errorOf(e).message, 'error');
    }
  };
  const limitOf = (id: string) => state.limits.find((l) => l.credentialId === id)?.limit ?? null;
  const nameOf = (id: string | null) => credentials.find((c) => c.id === id)?.name ?? 'the service';
  const usable = credentials.filter((c) => c.kind !== 'totp' && c.kind !== 'secret');

  return (
    <section className="rate-limits stack" aria-labelledby="rate-limits-title">
      <h2 className="section-title" id="rate-limits-title">
        Rate limits
      </h2>
      {state.blocked.map((b) => (
        <p key={`${b.credentialId}-${b.endpoint}-${b.until}`} role="status" className="rate-limits__blocked">
          Rate limited until {new Date(b.until).toLocaleTimeString([], { hour12: false })} ({nameOf(b.credentialId)},{' '}
          {b.endpoint})
        </p>
      ))}
      {state.blocked.length > 0 ? (
        <div>
          <Button
            size="small"
            onClick={() =>
              void latch.limits
                .clearBlocks({ serviceId })
                .then(setState, (e: unknown) => toast.show(errorOf(e).message, 'error'))
            }
          >
            Forget the server's Retry-After
          </Button>
        </div>
      ) : null}
      {usable.map((c) => {
        const limit = limitOf(c.id);
        const choice: Choice = custom === c.id ? 'custom' : limit ? presetOf(limit) : 'none';
        return (
          <div key={c.id} className="stack">
            <SelectField
              label={`${c.name}: at most`}
              value={choice}
              options={(Object.keys(LABELS) as Choice[]).map((k) => ({
                value: k,
                label:
                  k === 'custom' && limit && choice === 'custom'
                    ? `Custom: ${limit.requests} per ${limit.perSeconds === 60 ? 'minute' : `${limit.perSeconds} s`}`
                    : LABELS[k],
              }))}
              onChange={(v) => {
                if (v === 'custom') setCustom(c.id);
                else void set(c.id, v === 'none' ? null : RATE_PRESETS[v]);
              }}
            />
            {custom === c.id ? (
              <CustomLimit initial={limit ?? { requests: 5, perSeconds: 1 }} onSave={(l) => void set(c.id, l)} />
            ) : null}
          </div>
        );
      })}
    </section>
  );
}
