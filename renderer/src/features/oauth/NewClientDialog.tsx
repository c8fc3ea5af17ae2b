import { useEffect, useMemo, useState } from 'react';
import type { OAuthPresetInfo, OAuthRedirectInfo } from '../../../../preload/contract';
import { OAUTH_GRANTS } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, PasswordField, SelectField, TextField, useToast, WriteDialog } from '../../ui';
import { errorOf } from '../services/bridge-error';
import { errorText, GRANT_LABEL } from './format';
import { RedirectToRegister } from './RedirectToRegister';

type Grant = (typeof OAUTH_GRANTS)[number];
/** private_key_jwt needs a key this form does not take: it is set on the credential afterwards. */
type ClientAuth = 'none' | 'client_secret_basic' | 'client_secret_post';
const CLIENT_AUTH_OPTIONS: readonly { value: ClientAuth; label: string }[] = [
  { value: 'none', label: 'none (public client with PKCE)' },
  { value: 'client_secret_basic', label: 'client_secret_basic (secret in the Authorization header)' },
  { value: 'client_secret_post', label: 'client_secret_post (secret in the form body)' },
];
const authOf = (p: OAuthPresetInfo | undefined): ClientAuth =>
  p && p.clientAuth !== 'private_key_jwt' ? p.clientAuth : 'none';
const BROWSER_GRANTS: readonly Grant[] = ['authorization_code', 'implicit'];

/** A service with one OAuth client, from a provider preset (GitHub, Google, Entra…) or a custom issuer. */
export function NewClientDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const latch = useLatch();
  const toast = useToast();
  const [presets, setPresets] = useState<OAuthPresetInfo[]>([]);
  const [presetId, setPresetId] = useState('custom');
  const [serviceName, setServiceName] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [issuer, setIssuer] = useState('');
  const [scopes, setScopes] = useState('openid');
  const [grant, setGrant] = useState<Grant>('authorization_code');
  const [clientAuth, setClientAuth] = useState<ClientAuth>('none');
  const [redirectUri, setRedirectUri] = useState('');
  const [redirect, setRedirect] = useState<OAuthRedirectInfo | null>(null);
  const [redirectError, setRedirectError] = useState<string | null>(null);
  const [params, setParams] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A failed save whose client main holds (errorOf's kept): adding it again would make a second service. */
  const [kept, setKept] = useState<string | null>(null);

  useEffect(() => {
    if (!open) return;
    void latch.oauth.presets({}).then(setPresets, () => setPresets([]));
  }, [latch, open]);

  const preset = useMemo(() => presets.find((p) => p.id === presetId), [presets, presetId]);

  // Main computes what to register from the listener's own rules, so the form shows what a sign-in sends.
  useEffect(() => {
    if (!open) return;
    let live = true;
    const typed = redirectUri.trim();
    latch.oauth.redirect({ preset: presetId as 'custom', ...(typed ? { redirectUri: typed } : {}) }).then(
      (r) => {
        if (!live) return;
        setRedirect(r);
        setRedirectError(null);
      },
      (e: unknown) => {
        if (!live) return;
        setRedirect(null);
        setRedirectError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [latch, open, presetId, redirectUri]);

  const choose = (id: string) => {
    setPresetId(id);
    const p = presets.find((q) => q.id === id);
    setScopes(p ? p.scopes : 'openid');
    setClientAuth(authOf(p));
    if (p && !serviceName) setServiceName(p.label);
    setParams({});
    setError(null);
  };

  const reset = () => {
    setPresetId('custom');
    setServiceName('');
    setClientId('');
    setClientSecret('');
    setIssuer('');
    setScopes('openid');
    setGrant('authorization_code');
    setClientAuth('none');
    setRedirectUri('');
    setParams({});
    setError(null);
    setKept(null);
  };

  const close = () => {
    reset();
    onClose();
  };

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      await latch.oauth.createClient({
        serviceName: serviceName.trim() || preset?.label || 'OAuth client',
        // Named after the provider ("GitHub"), so a service holding two clients tells them apart.
        credentialName: preset?.label ?? 'OAuth client',
        preset: presetId as 'custom',
        clientId: clientId.trim(),
        ...(clientSecret ? { clientSecret } : {}),
        params,
        ...(presetId === 'custom' ? { issuer: issuer.trim() } : {}),
        scopes,
        grant,
        clientAuth,
        ...(redirectUri.trim() ? { redirectUri: redirectUri.trim() } : {}),
      });
      toast.show('OAuth client added', 'success');
      close();
    } catch (e) {
      const { message, kept: held } = errorOf(e);
      if (held) setKept(message);
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <WriteDialog
      open={open}
      title="New OAuth client"
      onClose={close}
      kept={kept}
      footer={
        <>
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button variant="primary" disabled={busy || clientId.trim() === ''} onClick={() => void create()}>
            Add client
          </Button>
        </>
      }
    >
      <div className="stack">
        <div className="field">
          <label className="field__label" htmlFor="oauth-preset">
            Provider
          </label>
          <div className="field__control">
            <select id="oauth-preset" value={presetId} onChange={(e) => choose(e.currentTarget.value)}>
              <option value="custom">Custom (issuer with discovery)</option>
              {presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          {preset ? (
            <div className="field__hint">
              {preset.notes} Register the app at <span className="mono">{preset.consoleUrl}</span>.
            </div>
          ) : null}
        </div>
        <TextField label="Service name" value={serviceName} onChange={(e) => setServiceName(e.currentTarget.value)} />
        {presetId === 'custom' ? (
          <TextField
            label="Issuer"
            mono
            placeholder="https://login.example.com"
            value={issuer}
            onChange={(e) => setIssuer(e.currentTarget.value)}
            hint="Latch reads the endpoints from the issuer's discovery document."
          />
        ) : null}
        {preset?.params.map((p) => (
          <TextField
            key={p.name}
            label={p.label}
            mono
            placeholder={p.example}
            value={params[p.name] ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setParams((old) => ({ ...old, [p.name]: v }));
            }}
          />
        ))}
        <TextField label="Client ID" mono value={clientId} onChange={(e) => setClientId(e.currentTarget.value)} />
        <PasswordField
          label="Client secret"
          revealLabel="Client secret"
          mono
          value={clientSecret}
          onChange={(e) => setClientSecret(e.currentTarget.value)}
          hint="Leave empty for a public (PKCE-only) desktop client."
        />
        <SelectField<ClientAuth>
          label="Client authentication"
          value={clientAuth}
          options={CLIENT_AUTH_OPTIONS}
          onChange={setClientAuth}
        />
        {clientAuth === 'none' && clientSecret !== '' ? (
          <p className="field__hint">
            The secret is kept but never sent: choose client_secret_basic or client_secret_post to send it.
          </p>
        ) : null}
        <TextField label="Scopes" mono value={scopes} onChange={(e) => setScopes(e.currentTarget.value)} />
        <div className="field">
          <label className="field__label" htmlFor="oauth-grant">
            Grant
          </label>
          <div className="field__control">
            <select id="oauth-grant" value={grant} onChange={(e) => setGrant(e.currentTarget.value as Grant)}>
              {OAUTH_GRANTS.map((g) => (
                <option key={g} value={g}>
                  {GRANT_LABEL[g] ?? g}
                </option>
              ))}
            </select>
          </div>
          {grant === 'implicit' ? (
            <div className="field__hint">
              Legacy: the token travels in the URL and cannot be refreshed (RFC 9700). Use it only if the provider
              offers nothing else.
            </div>
          ) : null}
        </div>
        {BROWSER_GRANTS.includes(grant) ? (
          <>
            <TextField
              label="Redirect URI (optional)"
              mono
              placeholder="http://127.0.0.1:8765/callback"
              value={redirectUri}
              onChange={(e) => setRedirectUri(e.currentTarget.value)}
              error={redirectError}
              hint={
                redirectUri.trim() !== ''
                  ? 'The sign-in listens on exactly this one.'
                  : redirect?.anyPort === false
                    ? 'Empty: the one below, on its fixed port. Type another if that port is taken on this computer.'
                    : 'Empty: the one below, on a free port for each sign-in. Set one only if the provider wants an exact match.'
              }
            />
            {redirect ? <RedirectToRegister info={redirect} /> : null}
          </>
        ) : null}
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </WriteDialog>
  );
}
