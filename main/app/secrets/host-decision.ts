/**
 * The one host decision every sender of a stored credential takes (the request tester, the audit,
 * `latch request`, `latch audit`): a credential goes to its service's hosts over HTTPS (or to
 * loopback); anywhere else needs a yes. What a yes is depends on who asks: the app's prompt
 * (remembered per credential, through the gesture channel `requests.approveHost`) or the command
 * line's `--allow-host`, for one run (`latch kube-credential` checks kubectl's cluster server the same way). The verdict itself is `core/security/host-binding.ts`.
 */
import type { Located } from '../../core/credentials/service-store';
import { assertMayGo } from '../../core/security/host-binding';

export type HostConsent =
  /** The app: the user answers the host prompt; nothing here can widen the binding. */
  | { by: 'prompt' }
  /**
   * The command line: the hosts named with `--allow-host` for this run. `remedy` says where the flag goes when
   * a tool, not the user, runs the command (kubectl's kubeconfig); default: run it again with the flag.
   */
  | { by: 'flag'; allowHosts: readonly string[]; remedy?: (host: string) => string };

export const PROMPT_CONSENT: HostConsent = { by: 'prompt' };

export function flagConsent(allowHosts: readonly string[], remedy?: (host: string) => string): HostConsent {
  return { by: 'flag', allowHosts, ...(remedy ? { remedy } : {}) };
}

function remedy(consent: HostConsent): (host: string) => string {
  return consent.by === 'prompt'
    ? () => 'Choose "Send to this host" when asked (remembered for this credential), or add the host to the credential.'
    : (consent.remedy ?? ((host) => `If you mean it, run again with --allow-host ${host}.`));
}

/** Throws ERR_HOST_NOT_ALLOWED (naming the host, never the secret) unless `located` may go to `url`. */
export function decideHost(located: Located, url: string, consent: HostConsent): void {
  assertMayGo(
    url,
    located.credential,
    located.service.baseUrl,
    remedy(consent),
    consent.by === 'flag' ? consent.allowHosts : [],
  );
}
