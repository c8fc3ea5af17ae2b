import { useEffect, useId, useState } from 'react';
import type { DecodedJwtView, JwtKeyKind, JwtVerifyResult } from '../../../../preload/contract';
import { JWT_ALGORITHMS } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Badge, Button, PasswordField, SelectField, TextField, useNow, useToast } from '../../ui';
import { SecretInput } from '../services/SecretInput';
import { countdown, errorText, localTime } from './format';

function TextArea({
  label,
  value,
  onChange,
  rows = 4,
  placeholder,
  hint,
  readOnly,
}: {
  label: string;
  value: string;
  onChange?: (v: string) => void;
  rows?: number;
  placeholder?: string;
  hint?: string;
  readOnly?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="oauth-textarea mono"
        rows={rows}
        value={value}
        placeholder={placeholder}
        readOnly={readOnly}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange?.(e.currentTarget.value)}
      />
      {hint ? <div className="field__hint">{hint}</div> : null}
    </div>
  );
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

function TimeRow({ label, at, now }: { label: string; at: number | null; now: number }) {
  if (at === null) return null;
  const delta = at - now;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{localTime(at)}</td>
      <td className="mono">{delta >= 0 ? `in ${countdown(delta)}` : `${countdown(-delta)} ago`}</td>
    </tr>
  );
}

function DecodePanel() {
  const latch = useLatch();
  const now = useNow(1000);
  const [token, setToken] = useState('');
  const [decoded, setDecoded] = useState<DecodedJwtView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (token.trim() === '') {
      setDecoded(null);
      setError(null);
      return;
    }
    let live = true;
    void latch.jwt.decode({ token }).then(
      (d) => {
        if (!live) return;
        setDecoded(d);
        setError(null);
      },
      (e: unknown) => {
        if (!live) return;
        setDecoded(null);
        setError(errorText(e));
      },
    );
    return () => {
      live = false;
    };
  }, [latch, token]);
  const expired = decoded?.expiresAt != null && decoded.expiresAt <= now;
  return (
    <section className="stack" aria-label="Decode">
      <TextArea
        label="Token"
        value={token}
        onChange={setToken}
        placeholder="eyJhbGciOi… (a Bearer prefix or quotes are fine)"
        hint="Decoding does not check the signature: use Verify for that."
      />
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {decoded ? (
        <div className="jwt-decoded" data-testid="jwt-decoded">
          <div className="hstack">
            <Badge tone="info">{String(decoded.header.alg ?? '?')}</Badge>
            {decoded.header.kid ? <Badge>kid {String(decoded.header.kid)}</Badge> : null}
            {decoded.expiresAt !== null ? (
              <Badge tone={expired ? 'danger' : 'ok'}>
                <span data-testid="jwt-expiry">
                  {expired ? 'Expired' : `Expires in ${countdown(decoded.expiresAt - now)}`}
                </span>
              </Badge>
            ) : (
              <Badge>No expiry</Badge>
            )}
          </div>
          <div className="jwt-columns">
            <div>
              <h3 className="section-title">Header</h3>
              <pre className="jwt-json mono">{json(decoded.header)}</pre>
            </div>
            <div>
              <h3 className="section-title">Claims</h3>
              <pre className="jwt-json mono" data-testid="jwt-claims">
                {json(decoded.claims)}
              </pre>
            </div>
          </div>
          {decoded.issuedAt !== null || decoded.notBefore !== null || decoded.expiresAt !== null ? (
            <table className="table jwt-times">
              <caption className="field__hint">Times in your time zone</caption>
              <tbody>
                <TimeRow label="Issued (iat)" at={decoded.issuedAt} now={now} />
                <TimeRow label="Not before (nbf)" at={decoded.notBefore} now={now} />
                <TimeRow label="Expires (exp)" at={decoded.expiresAt} now={now} />
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

const KEY_KINDS: readonly { value: JwtKeyKind; label: string }[] = [
  { value: 'secret', label: 'Shared secret (HS*), as text' },
  { value: 'pem', label: 'PEM public key or certificate' },
  { value: 'jwk', label: 'JWK or JWKS JSON' },
  { value: 'jwks', label: 'JWKS URL' },
];

function VerifyPanel() {
  const latch = useLatch();
  const [token, setToken] = useState('');
  const [kind, setKind] = useState<JwtKeyKind>('secret');
  const [key, setKey] = useState('');
  const [issuer, setIssuer] = useState('');
  const [audience, setAudience] = useState('');
  const [result, setResult] = useState<JwtVerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(
        await latch.jwt.verify({
          token,
          key: { kind, value: key },
          ...(issuer.trim() ? { issuer: issuer.trim() } : {}),
          ...(audience.trim() ? { audience: audience.trim() } : {}),
        }),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="stack" aria-label="Verify">
      <TextArea label="Token to verify" value={token} onChange={setToken} rows={3} />
      <SelectField label="Key" value={kind} options={KEY_KINDS} onChange={setKind} />
      {kind === 'jwks' ? (
        <TextField
          label="JWKS URL"
          mono
          value={key}
          placeholder="https://issuer.example.com/.well-known/jwks.json"
          onChange={(e) => setKey(e.currentTarget.value)}
        />
      ) : kind === 'secret' ? (
        <PasswordField
          label="Secret"
          revealLabel="Secret"
          mono
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          hint="Used byte for byte as UTF-8 text — never base64-decoded. For a base64 secret, give it as a JWK {&quot;kty&quot;:&quot;oct&quot;,&quot;k&quot;:…}."
        />
      ) : (
        <TextArea label={kind === 'pem' ? 'PEM' : 'JWK / JWKS JSON'} value={key} onChange={setKey} rows={5} />
      )}
      <div className="jwt-columns">
        <TextField
          label="Expected issuer (optional)"
          mono
          value={issuer}
          onChange={(e) => setIssuer(e.currentTarget.value)}
        />
        <TextField
          label="Expected audience (optional)"
          mono
          value={audience}
          onChange={(e) => setAudience(e.currentTarget.value)}
        />
      </div>
      <div className="hstack">
        <Button variant="primary" disabled={busy || !token.trim() || !key} onClick={() => void verify()}>
          Verify
        </Button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        result.valid ? (
          <div className="jwt-result jwt-result--ok" role="status" data-testid="jwt-verify-result">
            <Badge tone="ok">Valid</Badge> Signature checked with {result.alg}
            {result.kid ? ` (kid ${result.kid})` : ''}
            {result.expiresAt !== null ? `; expires ${localTime(result.expiresAt)}` : ''}.
          </div>
        ) : (
          <div className="jwt-result jwt-result--bad" role="alert" data-testid="jwt-verify-result">
            <Badge tone="danger">Invalid: {result.reason}</Badge> {result.message}
          </div>
        )
      ) : null}
    </section>
  );
}

interface Signer {
  serviceId: string;
  credentialId: string;
  label: string;
}

function SignPanel() {
  const latch = useLatch();
  const toast = useToast();
  const [mode, setMode] = useState<'credential' | 'adhoc'>('adhoc');
  const [signers, setSigners] = useState<Signer[]>([]);
  const [signer, setSigner] = useState('');
  const [algorithm, setAlgorithm] = useState<(typeof JWT_ALGORITHMS)[number]>('HS256');
  const [key, setKey] = useState('');
  const [issuer, setIssuer] = useState('');
  const [subject, setSubject] = useState('');
  const [audience, setAudience] = useState('');
  const [lifetime, setLifetime] = useState('300');
  const [claims, setClaims] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void latch.services.list({}).then(
      (list) => {
        const found = list.flatMap((s) =>
          s.credentials
            .filter((c) => c.kind === 'jwt-signer')
            .map((c) => ({ serviceId: s.id, credentialId: c.id, label: `${s.name} / ${c.name}` })),
        );
        setSigners(found);
        if (found[0]) setSigner(found[0].credentialId);
      },
      () => setSigners([]),
    );
  }, [latch]);
  const sign = async () => {
    setError(null);
    setToken('');
    try {
      let out: { token: string };
      if (mode === 'credential') {
        const s = signers.find((x) => x.credentialId === signer);
        if (!s) throw new Error('Choose a JWT signer credential.');
        out = await latch.jwt.sign({
          serviceId: s.serviceId,
          credentialId: s.credentialId,
          ...(claims ? { claims } : {}),
        });
      } else {
        const seconds = Number(lifetime);
        out = await latch.jwt.sign({
          algorithm,
          key,
          ...(issuer ? { issuer } : {}),
          ...(subject ? { subject } : {}),
          ...(audience ? { audience } : {}),
          ...(Number.isInteger(seconds) && seconds > 0 ? { lifetimeSeconds: seconds } : {}),
          ...(claims ? { claims } : {}),
        });
      }
      setToken(out.token);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      toast.show('Token copied', 'success');
    } catch {
      toast.show('Copying is not allowed here: select the token and copy it.', 'error');
    }
  };
  const isHmac = algorithm.startsWith('HS');
  return (
    <section className="stack" aria-label="Sign">
      <SelectField
        label="Sign with"
        value={mode}
        options={[
          { value: 'adhoc', label: 'A key I paste (ad hoc)' },
          { value: 'credential', label: 'A JWT signer credential from the vault' },
        ]}
        onChange={setMode}
      />
      {mode === 'credential' ? (
        signers.length === 0 ? (
          <p className="page__lede">The vault has no JWT signer credential yet.</p>
        ) : (
          <SelectField
            label="Credential"
            value={signer}
            options={signers.map((s) => ({ value: s.credentialId, label: s.label }))}
            onChange={setSigner}
          />
        )
      ) : (
        <>
          <SelectField
            label="Algorithm"
            value={algorithm}
            options={JWT_ALGORITHMS.map((a) => ({ value: a, label: a }))}
            onChange={setAlgorithm}
          />
          {isHmac ? (
            <PasswordField
              label="Secret"
              revealLabel="Secret"
              mono
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
              hint="Used byte for byte as text, never base64-decoded."
            />
          ) : (
            <SecretInput
              label="Private key (PEM or JWK)"
              multiline
              value={key}
              error={null}
              onChange={setKey}
              rows={5}
            />
          )}
          <div className="jwt-columns">
            <TextField label="Issuer (iss)" mono value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} />
            <TextField label="Subject (sub)" mono value={subject} onChange={(e) => setSubject(e.currentTarget.value)} />
            <TextField
              label="Audience (aud)"
              mono
              value={audience}
              onChange={(e) => setAudience(e.currentTarget.value)}
            />
            <TextField
              label="Lifetime (seconds)"
              mono
              inputMode="numeric"
              value={lifetime}
              onChange={(e) => setLifetime(e.currentTarget.value)}
            />
          </div>
        </>
      )}
      <TextArea
        label="Extra claims (JSON object, optional)"
        value={claims}
        onChange={setClaims}
        rows={3}
        placeholder='{"role": "admin"}'
      />
      <div className="hstack">
        <Button variant="primary" onClick={() => void sign()}>
          Sign
        </Button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
      {token ? (
        <>
          <TextArea label="Signed token" value={token} readOnly rows={4} />
          <div className="hstack">
            <Button onClick={() => void copy()}>Copy token</Button>
          </div>
        </>
      ) : null}
    </section>
  );
}

type Tool = 'decode' | 'verify' | 'sign';

export function JwtTools() {
  const [tool, setTool] = useState<Tool>('decode');
  return (
    <div className="stack">
      <div className="tabs" role="tablist" aria-label="JWT tool">
        {(['decode', 'verify', 'sign'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tool === t}
            className={`tabs__tab${tool === t ? ' tabs__tab--current' : ''}`}
            onClick={() => setTool(t)}
          >
            {t === 'decode' ? 'Decode' : t === 'verify' ? 'Verify' : 'Sign'}
          </button>
        ))}
      </div>
      {tool === 'decode' ? <DecodePanel /> : tool === 'verify' ? <VerifyPanel /> : <SignPanel />}
    </div>
  );
}
