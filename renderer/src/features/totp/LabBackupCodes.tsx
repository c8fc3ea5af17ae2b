import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import type { BackupAlphabet } from '../../../../preload/channels/totp';
import { useLatch } from '../../latch-context';
import { Button, NumberField, SelectField } from '../../ui';
import { offerTextFile } from '../../ui/offer-text-file';

type Generated = Awaited<ReturnType<ReturnType<typeof useLatch>['lab']['backupCodes']>>;

const ALPHABETS: { value: BackupAlphabet; label: string }[] = [
  { value: 'base32', label: 'Base32, Crockford (no I, L, O, U)' },
  { value: 'hex', label: 'Hex (0-9, a-f)' },
  { value: 'digits', label: 'Digits (0-9)' },
];

/**
 * Recovery codes for the user's own app: drawn in main (crypto.randomInt), shown here once, kept
 * nowhere. The page says how many bits each code holds and how the app should store them.
 */
export function LabBackupCodes() {
  const latch = useLatch();
  const [count, setCount] = useState(10);
  const [length, setLength] = useState(10);
  const [alphabet, setAlphabet] = useState<BackupAlphabet>('base32');
  const [group, setGroup] = useState(5);
  const [generated, setGenerated] = useState<Generated | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const generate = async () => {
    setError(null);
    setCopied(null);
    try {
      setGenerated(await latch.lab.backupCodes({ count, length, alphabet, group }));
    } catch (e) {
      setGenerated(null);
      setError(e instanceof BridgeError ? e.message : 'That did not work.');
    }
  };

  const text = generated ? `${generated.codes.join('\n')}\n` : '';
  const copy = () => {
    // The codes are on this page already, and main keeps none of them to copy from.
    navigator.clipboard.writeText(text).then(
      () => setCopied('Copied. Paste them where they belong, then copy something else over them.'),
      () => setCopied('Copying was refused here: save them as a file instead.'),
    );
  };

  return (
    <section className="card stack" aria-labelledby="lab-backup">
      <h2 className="section-title" id="lab-backup">
        3. Recovery codes for your app
      </h2>
      <p className="dialog__text">
        One-time codes your users keep in case they lose their authenticator. Drawn with a cryptographic random source;
        Latch keeps none of them. A dash every few characters makes a code easier to read (0: none).
      </p>
      <div className="totp-advanced__grid">
        <NumberField label="Number of codes" min={1} max={100} value={count} onChange={setCount} />
        <NumberField label="Length" min={6} max={32} value={length} onChange={setLength} />
        <SelectField label="Alphabet" value={alphabet} options={ALPHABETS} onChange={setAlphabet} />
        <NumberField label="Dash every" min={0} max={32} value={group} onChange={setGroup} />
      </div>
      <div>
        <Button variant="primary" onClick={() => void generate()}>
          Generate codes
        </Button>
      </div>
      {error ? (
        <p className="totp-error" role="alert">
          {error}
        </p>
      ) : null}
      {generated ? (
        <div className="stack lab-codes">
          <ol className="lab-codes__list mono" data-testid="lab-backup-codes">
            {generated.codes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <p className="dialog__text" data-testid="lab-backup-entropy">
            <strong>{generated.entropyBits} bits</strong> of entropy per code ({generated.codes.length} codes).
          </p>
          <div className="lab-codes__storage" data-testid="lab-backup-storage">
            <p className="dialog__text">
              Store each code as its own{' '}
              <strong>{generated.storage.scheme === 'argon2id' ? 'Argon2id' : 'SHA-256'}</strong> hash, never as it is.{' '}
              {generated.storage.why}
            </p>
            <pre className="lab-codes__example mono">{generated.storage.example}</pre>
          </div>
          <div className="hstack">
            <Button onClick={copy}>Copy codes</Button>
            <Button onClick={() => offerTextFile('recovery-codes.txt', text)}>Save as file…</Button>
          </div>
          {copied ? <p role="status">{copied}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
