import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import { useLatch } from '../../latch-context';
import { Badge, Button, NumberField, TextField } from '../../ui';
import { describeVerdict } from './format';
import { LabBackupCodes } from './LabBackupCodes';
import { type OtpAlgorithm, OtpParamsFields } from './OtpParamsFields';
import { svgDataUrl } from './QrDialog';

/**
 * Plays the server's side of two-factor sign-in: make a secret and its QR for an authenticator,
 * then check a code the way a server would, with a tolerance window.
 */
export function MfaLab() {
  const latch = useLatch();
  const [issuer, setIssuer] = useState('Latch Lab');
  const [account, setAccount] = useState('dev@example.com');
  const [algorithm, setAlgorithm] = useState<OtpAlgorithm>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  const [generated, setGenerated] = useState<{ secret: string; uri: string; svg: string } | null>(null);
  const [secret, setSecret] = useState('');
  const [code, setCode] = useState('');
  const [window, setWindow] = useState(1);
  const [verdict, setVerdict] = useState<{ valid: boolean; delta: number | null } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const generate = async () => {
    setError(null);
    try {
      const g = await latch.lab.generate({ issuer, account, algorithm, digits, period });
      setGenerated(g);
      setSecret(g.secret);
      setVerdict(null);
    } catch (e) {
      setError(e instanceof BridgeError ? e.message : 'That did not work.');
    }
  };

  const verify = async () => {
    setError(null);
    try {
      setVerdict(await latch.lab.verify({ secret, algorithm, digits, period, code, window }));
    } catch (e) {
      setVerdict(null);
      setError(e instanceof BridgeError ? e.message : 'That did not work.');
    }
  };

  return (
    <div className="totp-lab">
      <section className="card stack" aria-labelledby="lab-generate">
        <h2 className="section-title" id="lab-generate">
          1. Enrol an authenticator
        </h2>
        <div className="form-grid">
          <TextField label="Issuer" value={issuer} onChange={(e) => setIssuer(e.currentTarget.value)} />
          <TextField label="Account" value={account} onChange={(e) => setAccount(e.currentTarget.value)} />
        </div>
        <div className="totp-advanced__grid">
          <OtpParamsFields
            value={{ algorithm, digits, period }}
            onChange={(p) => {
              setAlgorithm(p.algorithm);
              setDigits(p.digits);
              setPeriod(p.period);
            }}
          />
        </div>
        <div>
          <Button variant="primary" onClick={() => void generate()}>
            Generate secret
          </Button>
        </div>
        {generated ? (
          <div className="totp-lab__result">
            <img src={svgDataUrl(generated.svg)} alt="QR code to scan with an authenticator" width={168} height={168} />
            <dl className="kv">
              <dt>Secret</dt>
              <dd data-testid="lab-secret">{generated.secret}</dd>
              <dt>Link</dt>
              <dd data-testid="lab-uri">{generated.uri}</dd>
            </dl>
          </div>
        ) : null}
      </section>

      <section className="card stack" aria-labelledby="lab-verify">
        <h2 className="section-title" id="lab-verify">
          2. Verify a code
        </h2>
        <TextField
          label="Secret to verify against"
          mono
          value={secret}
          onChange={(e) => setSecret(e.currentTarget.value)}
          hint="The generated secret, or paste any Base32 secret (uses the algorithm, digits and period above)."
        />
        <div className="form-grid">
          <TextField
            label="Code"
            mono
            inputMode="numeric"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void verify();
            }}
          />
          <NumberField label="Window (± steps)" min={0} max={10} value={window} onChange={setWindow} />
        </div>
        <div className="hstack">
          <Button onClick={() => void verify()} disabled={code.trim() === ''}>
            Verify
          </Button>
          {verdict ? (
            <span data-testid="lab-verdict">
              <Badge tone={verdict.valid ? 'ok' : 'danger'}>{describeVerdict(verdict.valid, verdict.delta)}</Badge>
            </span>
          ) : null}
        </div>
        {error ? (
          <p className="totp-error" role="alert">
            {error}
          </p>
        ) : null}
      </section>

      <LabBackupCodes />
    </div>
  );
}
