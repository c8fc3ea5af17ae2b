import type { DeviceCodeInfo } from '../../../../preload/contract';
import { useLatch } from '../../latch-context';
import { Button, useToast } from '../../ui';
import { countdown } from './format';

/** RFC 8628: the code to type and where, while Latch polls for the approval. */
export function DevicePanel({
  codes,
  now,
  names,
  onCancel,
}: {
  codes: DeviceCodeInfo[];
  now: number;
  names: Map<string, string>;
  onCancel: (credentialId: string) => void;
}) {
  const toast = useToast();
  const latch = useLatch();
  if (codes.length === 0) return null;
  const copy = async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      toast.show('Code copied', 'success');
    } catch {
      toast.show('Copying is not allowed here: select the code and copy it.', 'error');
    }
  };
  return (
    <section className="oauth-device" aria-label="Device sign-in">
      {codes.map((c) => (
        <div key={c.credentialId} className="oauth-device__item">
          <div className="oauth-device__label">
            {names.get(c.credentialId) ?? 'Device sign-in'}: on any device, open
            <Button
              size="small"
              variant="ghost"
              className="mono"
              onClick={() =>
                void latch.app
                  .openLink({ target: 'device-verification', credentialId: c.credentialId })
                  .catch((e: unknown) =>
                    toast.show(e instanceof Error ? e.message : 'The page could not be opened.', 'error'),
                  )
              }
            >
              {c.verificationUri}
            </Button>
            and enter
          </div>
          <div className="oauth-device__code-row">
            <output className="oauth-device__code mono" data-testid="device-user-code">
              {c.userCode}
            </output>
            <Button size="small" onClick={() => void copy(c.userCode)}>
              Copy code
            </Button>
            {c.verificationUriComplete ? (
              <Button size="small" variant="ghost" onClick={() => void copy(c.verificationUriComplete ?? '')}>
                Copy link with code
              </Button>
            ) : null}
            <span className="spacer" />
            <span className="oauth-device__expiry">Code expires in {countdown(c.expiresAt - now)}</span>
            <Button size="small" variant="ghost" onClick={() => onCancel(c.credentialId)}>
              Cancel
            </Button>
          </div>
        </div>
      ))}
    </section>
  );
}
