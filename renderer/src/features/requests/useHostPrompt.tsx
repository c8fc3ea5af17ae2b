import { type ReactElement, useState } from 'react';
import { BridgeError } from '../../../../preload/api';
import { useLatch } from '../../latch-context';
import { useToast } from '../../ui';
import { HostPrompt, type HostQuestion } from './HostPrompt';

/** The credential main held back: the yes is remembered for it, whatever the page has chosen since. */
export interface HeldCredential {
  serviceId: string;
  credentialId: string;
  credentialName: string;
}

interface Refusal {
  code: string;
  message: string;
}

function hostQuestion(e: unknown, credentialName: string): HostQuestion | null {
  if (!(e instanceof BridgeError) || e.code !== 'ERR_HOST_NOT_ALLOWED') return null;
  const { host, origin, reason, bound } = e.detail ?? {};
  if (typeof host !== 'string' || typeof origin !== 'string') return null;
  const why = reason === 'plain-http' ? 'plain-http' : 'unbound-host';
  return { host, origin, reason: why, credentialName, bound: typeof bound === 'string' ? bound : '' };
}

/**
 * The host prompt of every page that sends a stored credential (the request tester, the audit):
 * main answers ERR_HOST_NOT_ALLOWED before anything leaves, the page asks "Send KEY to HOST?",
 * and the yes (`requests.approveHost`, a gesture channel, on which main asks the user itself too) is
 * followed by `retry`. On "Don't send", or a no to main's question, main's refusal goes to `declined`,
 * so the page says why nothing was sent.
 */
export function useHostPrompt(options: { retry: () => Promise<void>; declined: (refusal: Refusal) => void }): {
  /** true when `e` is main holding `held` back: the prompt now asks, and it is the only thing said. */
  ask: (e: unknown, held: HeldCredential) => boolean;
  prompt: ReactElement;
} {
  const latch = useLatch();
  const toast = useToast();
  const [asking, setAsking] = useState<{ question: HostQuestion; held: HeldCredential; refusal: Refusal } | null>(null);
  const [approving, setApproving] = useState(false);

  const ask = (e: unknown, held: HeldCredential): boolean => {
    const question = hostQuestion(e, held.credentialName);
    if (question === null || !(e instanceof BridgeError)) return false;
    setAsking({ question, held, refusal: { code: e.code, message: e.message } });
    return true;
  };

  const dontSend = () => {
    const was = asking;
    setAsking(null);
    if (was !== null) options.declined(was.refusal);
  };

  const allow = async () => {
    const was = asking;
    if (was === null) return;
    setApproving(true);
    try {
      const { serviceId, credentialId } = was.held;
      await latch.requests.approveHost({ serviceId, credentialId, origin: was.question.origin });
      setAsking(null);
      await options.retry();
    } catch (e) {
      // No to main's own question (the one that counts): as "Don't send", nothing went out.
      if (e instanceof BridgeError && e.code === 'ERR_CANCELLED') dontSend();
      else toast.show(e instanceof BridgeError ? e.message : 'That did not work. Try again.', 'error');
    } finally {
      setApproving(false);
    }
  };

  return {
    ask,
    prompt: (
      <HostPrompt
        question={asking?.question ?? null}
        busy={approving}
        onAllow={() => void allow()}
        onClose={dontSend}
      />
    ),
  };
}
