import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { TotpCodeItem, TotpEntry } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, CountdownRing, Monogram, useToast } from '../../ui';
import { codeRowLabels, groupCode } from './format';
import { RowMenu } from './RowMenu';

export interface CodeRowProps {
  entry: TotpEntry;
  live: TotpCodeItem | undefined;
  now: number;
  onShowQr: (entry: TotpEntry) => void;
  onRecoveryCodes: (entry: TotpEntry) => void;
  onDelete: (entry: TotpEntry) => void;
}

const errorText = (e: unknown) => (e instanceof BridgeError ? e.message : 'That did not work.');

/** The last seconds of a window, when the next code is shown beside the current one. */
const NEXT_AT = 5;

/**
 * One code: large grouped digits, a ring counting down its window, the next code near the end.
 * Copying happens in main; clicking the code (or Enter on it) asks main to copy it.
 */
export function CodeRow({ entry, live, now, onShowQr, onRecoveryCodes, onDelete }: CodeRowProps) {
  const latch = useLatch();
  const toast = useToast();
  const [hotpCode, setHotpCode] = useState<string | null>(null);
  const isHotp = entry.type === 'hotp';

  // Between main's batches the renderer rolls over on its own: past the window, the next code is current.
  let code = live?.code ?? null;
  let next = live?.next ?? null;
  let remaining: number | null = null;
  let validUntil = live?.validUntilMs ?? null;
  if (!isHotp && live?.validUntilMs != null && live.period != null) {
    remaining = (live.validUntilMs - now) / 1000;
    if (remaining <= 0 && next !== null) {
      code = next;
      next = null;
      validUntil = live.validUntilMs + live.period * 1000;
      remaining += live.period;
    }
  }
  const shown = isHotp ? hotpCode : code;
  const showNext = !isHotp && next !== null && remaining !== null && remaining <= NEXT_AT;
  const { title, subtitle } = codeRowLabels(entry);

  const copy = async () => {
    if (shown === null) return;
    try {
      const r = await latch.totp.copy({ serviceId: entry.serviceId, credentialId: entry.credentialId });
      toast.show(`Code copied (clears in ${r.clearsInSeconds} s)`, 'success');
    } catch (e) {
      toast.show(errorText(e), 'error');
    }
  };

  const nextHotp = async () => {
    try {
      const r = await latch.totp.nextHotp({ serviceId: entry.serviceId, credentialId: entry.credentialId });
      setHotpCode(r.code);
      if (!r.saved)
        toast.show('Use this code: the counter moved for it but is not saved yet (see the banner).', 'error');
    } catch (e) {
      toast.show(errorText(e), 'error');
    }
  };

  return (
    <li
      className="totp-row"
      data-testid="totp-row"
      data-credential-id={entry.credentialId}
      data-valid-until={validUntil ?? undefined}
    >
      <Monogram name={title} />
      <div className="totp-row__main">
        <span className="totp-row__title" data-testid="totp-issuer" title={title}>
          {title}
        </span>
        <span className="totp-row__subtitle" data-testid="totp-account" title={subtitle}>
          {subtitle}
          {entry.type !== 'totp' ? (
            <>
              {' '}
              <Badge tone="info">{entry.type === 'hotp' ? 'Counter' : 'Steam'}</Badge>
            </>
          ) : null}
        </span>
      </div>
      <div className="totp-row__codes">
        {live?.error ? (
          <span className="totp-row__error">{live.error}</span>
        ) : (
          <button
            type="button"
            className="totp-code"
            data-testid="totp-code"
            disabled={shown === null}
            onClick={() => void copy()}
            // The name starts with the code on screen, so voice control users can say what they see.
            aria-label={
              shown === null ? `${entry.name}: no code yet` : `${groupCode(shown)}: copy code for ${entry.name}`
            }
            title="Copy"
          >
            {shown === null ? (isHotp ? '••• •••' : '…') : groupCode(shown)}
          </button>
        )}
        {showNext && next !== null ? (
          <span className="totp-next" data-testid="totp-next">
            next <span className="totp-next__code">{groupCode(next)}</span>
          </span>
        ) : null}
      </div>
      <div className="totp-row__timer">
        {isHotp ? (
          <Button size="small" onClick={() => void nextHotp()}>
            Next code
          </Button>
        ) : remaining !== null && live?.period != null ? (
          <span data-testid="totp-remaining" data-seconds={Math.max(0, Math.ceil(remaining))}>
            <CountdownRing remaining={remaining} period={live.period} size={28} />
          </span>
        ) : null}
      </div>
      <div className="totp-row__actions">
        <Button size="small" variant="ghost" onClick={() => onShowQr(entry)} aria-label={`Show QR for ${entry.name}`}>
          QR
        </Button>
        <Button
          size="small"
          variant="ghost"
          onClick={() => onRecoveryCodes(entry)}
          aria-label={`Recovery codes for ${entry.serviceName}`}
        >
          Recovery
        </Button>
        <RowMenu
          label={`More for ${entry.name}`}
          items={[{ label: 'Delete…', danger: true, onSelect: () => onDelete(entry) }]}
        >
          ⋯
        </RowMenu>
      </div>
    </li>
  );
}
