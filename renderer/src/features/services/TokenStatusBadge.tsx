import { type TokenFacts, type TokenState, tokenStatus } from '../../../../preload/contract';
import { Badge, type BadgeTone } from '../../ui';

const TONE: Record<TokenState, BadgeTone> = {
  none: 'neutral',
  valid: 'ok',
  expiring: 'warn',
  refreshable: 'info',
  expired: 'danger',
  'no-expiry': 'info',
};

/**
 * A credential's access token status, from the one status function (model/token-status.ts) at the
 * screen's clock: the OAuth page, the service card, the services list and the palette all show
 * this, so a token reads the same everywhere.
 */
export function TokenStatusBadge({
  token,
  now,
  problemsOnly = false,
}: {
  token: TokenFacts | null;
  now: number;
  /** Lists show only what needs attention (expiring, expired, renews on use), not signed-out clients. */
  problemsOnly?: boolean;
}) {
  const status = tokenStatus(token, now);
  if (problemsOnly && ['valid', 'no-expiry', 'none'].includes(status.state)) return null;
  return (
    <Badge tone={TONE[status.state]}>
      <span data-testid="token-status" data-state={status.state}>
        {status.text}
      </span>
    </Badge>
  );
}
