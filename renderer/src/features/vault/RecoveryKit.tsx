import { useState } from 'react';
import { Button } from '../../ui';

/** Hardened mode's recovery kit: shown once, to save; the vault cannot be opened elsewhere without it. */
export function RecoveryKit({ kit, onDone }: { kit: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const download = () => {
    const url = URL.createObjectURL(new Blob([kit], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'latch-recovery-kit.txt';
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="gate__card card" aria-labelledby="kit-title">
      <h1 className="gate__title" id="kit-title">
        Save your recovery kit
      </h1>
      <p className="gate__lede">
        Your vault needs this machine's device key as well as your password. If this machine's keychain is lost, only
        this kit opens the vault. Keep it somewhere safe and offline: a password manager on another device, or on paper.
      </p>
      {/* It scrolls, so it takes focus: a keyboard user can scroll it too (axe scrollable-region-focusable). */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
      <section className="kit" tabIndex={0} aria-label="Recovery kit text">
        <pre data-testid="recovery-kit">{kit}</pre>
      </section>
      <div className="gate__actions">
        <Button onClick={download}>Save as file…</Button>
        <label className="hstack">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} /> I have saved it
        </label>
        <Button variant="primary" disabled={!saved} onClick={onDone}>
          Continue
        </Button>
      </div>
    </section>
  );
}
