import type { OAuthTokenInfo } from '../../../../preload/contract';
import { tokenStatus } from '../../../../preload/contract';
import { Badge, Button } from '../../ui';
import { TokenStatusBadge } from '../services/TokenStatusBadge';
import { countdown, GRANT_LABEL, localTime } from './format';
import { RedirectToRegister } from './RedirectToRegister';

export interface TokenRowActions {
  onSignIn(t: OAuthTokenInfo): void;
  onRefresh(t: OAuthTokenInfo): void;
  onSignOut(t: OAuthTokenInfo): void;
  onCancel(t: OAuthTokenInfo): void;
  onLog(t: OAuthTokenInfo): void;
}

/** One OAuth credential: status badge, a live countdown to expiry, and what can be done. */
export function TokenRow({ token: t, now, ...a }: { token: OAuthTokenInfo; now: number } & TokenRowActions) {
  const status = tokenStatus(t.token, now).state;
  const signedIn = t.token?.present === true;
  const canRefresh = signedIn && (t.hasRefreshToken || t.grant === 'client_credentials');
  return (
    <li className="oauth-row" data-testid="oauth-row" aria-label={`${t.serviceName} / ${t.name}`}>
      <div className="oauth-row__main">
        <div className="oauth-row__title">
          {/* One line of text that wraps by words: the slash is glued to the credential's name by a
              no-break space, so a wrap takes it to the next line with the name, never leaving it
              dangling after the service. */}
          <strong>{t.serviceName}</strong> <span className="oauth-row__sep">/</span>
          {`\u00a0${t.name} `}
          <span data-testid="oauth-status">
            <TokenStatusBadge token={t.token} now={now} />
          </span>
          {t.busy ? (
            <>
              {' '}
              <Badge tone="info">Signing in…</Badge>
            </>
          ) : null}
        </div>
        <div className="oauth-row__meta">
          <span>{GRANT_LABEL[t.grant] ?? t.grant}</span>
          {t.server ? <span className="mono">{t.server}</span> : null}
          {t.scopes ? <span>scopes: {t.scopes}</span> : null}
        </div>
        {signedIn ? (
          <div className="oauth-row__meta">
            {t.expiresAt !== null ? (
              <span>
                {status === 'expired' || status === 'refreshable' ? 'Expired ' : 'Expires in '}
                {status === 'expired' || status === 'refreshable' ? (
                  localTime(t.expiresAt)
                ) : (
                  <>
                    <span className="oauth-countdown mono" data-testid="oauth-countdown" aria-live="off">
                      {countdown(t.expiresAt - now)}
                    </span>
                    {`, at ${localTime(t.expiresAt)}`}
                  </>
                )}
              </span>
            ) : (
              <span>The server gave no expiry.</span>
            )}
            {t.obtainedAt !== null ? <span>obtained {localTime(t.obtainedAt)}</span> : null}
            <span>{t.hasRefreshToken ? 'refresh token saved' : 'no refresh token'}</span>
            {t.autoRefresh && canRefresh ? <span>auto-refresh on</span> : null}
          </div>
        ) : null}
        {t.busy && t.waitingFor ? (
          <div className="oauth-row__waiting" role="status" data-testid="oauth-waiting">
            {t.waitingFor} Cancel stops listening for it.
          </div>
        ) : null}
        {t.redirect ? <RedirectToRegister info={t.redirect} compact /> : null}
        {t.lastError ? (
          <div className="oauth-row__error" role="alert">
            {t.lastError}
          </div>
        ) : null}
      </div>
      <div className="oauth-row__actions">
        {t.busy ? (
          <Button size="small" onClick={() => a.onCancel(t)}>
            Cancel
          </Button>
        ) : (
          <Button size="small" variant={signedIn ? 'default' : 'primary'} onClick={() => a.onSignIn(t)}>
            {signedIn ? 'Sign in again' : 'Sign in'}
          </Button>
        )}
        <Button size="small" disabled={!canRefresh || t.busy} onClick={() => a.onRefresh(t)}>
          Refresh
        </Button>
        <Button size="small" variant="ghost" disabled={!signedIn || t.busy} onClick={() => a.onSignOut(t)}>
          Sign out
        </Button>
        <Button size="small" variant="ghost" onClick={() => a.onLog(t)}>
          Request log
        </Button>
      </div>
    </li>
  );
}
