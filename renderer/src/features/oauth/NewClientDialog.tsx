import { useEffect, useMemo, useState } from 'react';
import type { OAuthPresetInfo } from '../../../../preload/contract';
import { OAUTH_GRANTS } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, Dialog, TextField, useToast } from '../../ui';
import { errorText, GRANT_LABEL } from './format';

type Grant = (typeof OAUTH_GRANTS)[number];

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
  const [params, setParams] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    void latch.oauth.presets({}).then(setPresets, () => setPresets([]));
  }, [latch, open]);

  const preset = useMemo(() => presets.find((p) => p.id === presetId), [presets, presetId]);

  const choose = (id: string) => {
    setPresetId(id);
    const p = presets.find((q) => q.id === id);
    setScopes(p ? p.scopes : 'openid');
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
    setParams({});
    setError(null);
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
      });
      toast.show('OAuth client added', 'success');
      close();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      title="New OAuth client"
      onClose={close}
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
        <TextField
          label="Client secret"
          type="password"
          mono
          value={clientSecret}
          onChange={(e) => setClientSecret(e.currentTarget.value)}
          hint="Leave empty for a public (PKCE-only) desktop client."
        />
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
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
