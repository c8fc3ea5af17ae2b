import { useEffect, useMemo, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { OAuthTokenInfo } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, EmptyState, Icon, ReadFailed, useNow, useToast } from '../../ui';
import { DevicePanel } from './DevicePanel';
import { FlowLogDialog } from './FlowLogDialog';
import { errorText } from './format';
import { NewClientDialog } from './NewClientDialog';
import { TokenRow } from './TokenRow';
import { useDeviceCodes, useOAuthTokens } from './use-oauth';

export function TokensView() {
  const latch = useLatch();
  const toast = useToast();
  const { tokens, error, reload } = useOAuthTokens();
  const devices = useDeviceCodes();
  const now = useNow(1000);
  const [adding, setAdding] = useState(false);
  const [logFor, setLogFor] = useState<OAuthTokenInfo | null>(null);
  const names = useMemo(
    () => new Map((tokens ?? []).map((t) => [t.credentialId, `${t.serviceName} / ${t.name}`])),
    [tokens],
  );

  useEffect(() => {
    const offA = latch.oauth.onLoginRequired((e) => toast.show(`${e.name}: sign in again (refresh refused).`, 'error'));
    const offB = latch.oauth.onNotice((n) => toast.show(`${n.title}: ${n.body}`, 'info'));
    return () => {
      offA();
      offB();
    };
  }, [latch, toast]);

  const located = (t: OAuthTokenInfo) => ({ serviceId: t.serviceId, credentialId: t.credentialId });
  const signIn = async (t: OAuthTokenInfo) => {
    try {
      await latch.oauth.signIn(located(t));
      toast.show(`Signed in: ${t.serviceName} / ${t.name}`, 'success');
    } catch (e) {
      if (e instanceof BridgeError && e.code === 'ERR_CANCELLED') toast.show('Sign-in cancelled');
      else toast.show(errorText(e), 'error');
    }
  };
  const refresh = async (t: OAuthTokenInfo) => {
    try {
      await latch.oauth.refresh(located(t));
      toast.show('Token refreshed', 'success');
    } catch (e) {
      toast.show(errorText(e), 'error');
    }
  };
  const signOut = async (t: OAuthTokenInfo) => {
    try {
      const r = await latch.oauth.signOut(located(t));
      toast.show(
        r.revocation === 'queued'
          ? 'Signed out; the server is told to revoke the tokens in the background.'
          : r.revocation === 'unsupported'
            ? 'Signed out locally; this provider offers no token revocation.'
            : 'Signed out',
        'success',
      );
    } catch (e) {
      toast.show(errorText(e), 'error');
    }
  };
  const cancel = (credentialId: string) => void latch.oauth.cancel({ credentialId }).catch(() => undefined);

  return (
    <>
      <div className="oauth-toolbar">
        <p className="page__lede">
          Sign-in opens your own browser; tokens are refreshed five minutes before they expire while the vault is
          unlocked.
        </p>
        <span className="spacer" />
        <Button variant="primary" onClick={() => setAdding(true)}>
          <Icon name="plus" /> New OAuth client
        </Button>
      </div>
      <DevicePanel codes={devices} now={now} names={names} onCancel={cancel} />
      {error !== null ? (
        <ReadFailed title="Your OAuth clients could not be listed" message={errorText(error)} onRetry={reload}>
          They are still in the vault; adding them again would make copies.
        </ReadFailed>
      ) : tokens === null ? null : tokens.length === 0 ? (
        <EmptyState
          glyph="oauth"
          title="No OAuth clients yet"
          action={
            <Button variant="primary" onClick={() => setAdding(true)}>
              Add one from a preset
            </Button>
          }
        >
          Add an OAuth 2.0 client (GitHub, Google, Microsoft Entra, GitLab, Auth0, Okta, Keycloak or any OpenID
          provider) and sign in to keep its tokens here.
        </EmptyState>
      ) : (
        <ul className="boxed-list" aria-label="OAuth credentials">
          {tokens.map((t) => (
            <TokenRow
              key={t.credentialId}
              token={t}
              now={now}
              onSignIn={(x) => void signIn(x)}
              onRefresh={(x) => void refresh(x)}
              onSignOut={(x) => void signOut(x)}
              onCancel={(x) => cancel(x.credentialId)}
              onLog={setLogFor}
            />
          ))}
        </ul>
      )}
      <NewClientDialog open={adding} onClose={() => setAdding(false)} />
      <FlowLogDialog token={logFor} onClose={() => setLogFor(null)} />
    </>
  );
}
