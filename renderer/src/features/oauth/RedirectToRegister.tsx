import type { OAuthRedirectInfo } from '../../../../preload/contract';
import { Button, useToast } from '../../ui';
import { LogUrl } from './LogUrl';

/** The redirect URI main will send, to register at the provider, with how and a Copy button. */
export function RedirectToRegister({ info, compact = false }: { info: OAuthRedirectInfo; compact?: boolean }) {
  const toast = useToast();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(info.uri);
      toast.show('Redirect URI copied', 'success');
    } catch {
      toast.show('Copying is not allowed here: select the URI and copy it.', 'error');
    }
  };
  return (
    <div className={`oauth-redirect${compact ? ' oauth-redirect--compact' : ''}`} data-testid="oauth-redirect">
      <span className="oauth-redirect__label">Redirect URI to register</span>
      <code className="oauth-redirect__uri" data-testid="oauth-redirect-uri">
        <LogUrl url={info.uri} />
      </code>
      <Button size="small" onClick={() => void copy()} aria-label={`Copy redirect URI ${info.uri}`}>
        Copy
      </Button>
      {compact ? null : (
        <p className="field__hint oauth-redirect__note" data-testid="oauth-redirect-note">
          {info.note}
        </p>
      )}
    </div>
  );
}
