/**
 * What main asks before a credential may go to an origin it is not bound to. The page has its own
 * prompt, but a page script that waited for the user's next key press could answer that itself and
 * spend the press on requests.approveHost; main's question, with the origin it will remember, is
 * the one that counts.
 */
import type { Confirmation } from '../confirmation';
import { shownName } from '../question-text';

export function hostApprovalQuestion(names: { service: string; credential: string }, origin: string): Confirmation {
  const plain = origin.startsWith('http://');
  return {
    title: `Send ${shownName(names.service)} / ${shownName(names.credential)} to ${shownName(origin)}?`,
    detail:
      `${origin} is not one of this credential's hosts. Latch will remember your yes and send the credential there whenever a request or an audit asks for it, until you forget the host.` +
      (plain ? ' The connection is not encrypted (http): anyone on the network path can read it.' : ''),
    confirmLabel: 'Send to this host',
  };
}
