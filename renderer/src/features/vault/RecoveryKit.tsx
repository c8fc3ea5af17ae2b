import { useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import { useLatch } from '../../latch-context';
import { Button } from '../../ui';

/** The secret line of the kit (LATCH-RK1-XXXXX-…), split into its groups. */
function secretGroups(kit: string): string[] {
  const line = /LATCH-RK1-[A-Z2-7-]+/.exec(kit)?.[0] ?? '';
  return line.split('-').filter(Boolean);
}

/** Hardened mode's recovery kit: shown once, to save; the vault cannot be opened elsewhere without it. */
export function RecoveryKit({ kit, onDone }: { kit: string; onDone: () => void }) {
  const latch = useLatch();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const groups = secretGroups(kit);
  const download = () => {
    const url = URL.createObjectURL(new Blob([kit], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'latch-recovery-kit.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  const copy = () => {
    // Main copies the kit it made, through the clipboard guard every secret copy takes.
    latch.vault.copyRecoveryKit({}).then(
      ({ clearsInSeconds }) =>
        setCopied(
          `Copied. Paste it into your other password manager now: the clipboard clears in ${clearsInSeconds} s.`,
        ),
      (e: unknown) =>
        setCopied(e instanceof BridgeError ? e.message : 'Copying failed here: save it as a file or print it instead.'),
    );
  };
  const done = () => {
    // Main keeps the kit only for Copy; once saved, it goes.
    void latch.vault.forgetRecoveryKit({}).catch(() => undefined);
    onDone();
  };
  return (
    <section className="gate__card card kit-print" aria-labelledby="kit-title">
      <h1 className="gate__title" id="kit-title">
        Save your recovery kit
      </h1>
      <p className="gate__lede kit-print__skip">
        Your vault needs this machine's device key as well as your password. If this machine's keychain is lost, only
        this kit opens the vault. Keep it somewhere safe and offline: a password manager on another device, or on paper.
      </p>
      <h2 className="kit__facts">Recovery secret</h2>
      <div className="kit__secret" data-testid="recovery-secret">
        {groups.map((g, i) => (
          <span className="kit__group" key={i}>
            {g}
            {i < groups.length - 1 ? '-' : ''}
          </span>
        ))}
      </div>
      <details className="kit-print__skip">
        <summary className="field__hint">The whole kit, as saved and printed</summary>
        <pre className="kit" data-testid="recovery-kit">
          {kit}
        </pre>
      </details>
      <pre className="kit kit__print-only" aria-hidden="true">
        {kit}
      </pre>
      {copied ? (
        <p className="field__hint" role="status">
          {copied}
        </p>
      ) : null}
      <div className="gate__actions">
        <Button onClick={copy}>Copy</Button>
        <Button onClick={download}>Save as file…</Button>
        <Button onClick={() => window.print()}>Print…</Button>
        <label className="hstack">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} /> I have saved it
        </label>
        <Button variant="primary" disabled={!saved} onClick={done}>
          Continue
        </Button>
      </div>
    </section>
  );
}
