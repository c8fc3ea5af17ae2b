/** Which URL the renderer's `app.openLink` opens: built in main from an id, never taken from the page. */
import type { LinkTarget } from '../../preload/channels/app';
import { DOC_LINKS } from '../core/model/doc-links';
import { LatchError } from '../core/model/errors';
import { isSafeExternalUrl } from './url-policy';

export interface LinkLookups {
  /** The base URL the user saved for a service ('' when none); throws ERR_NOT_FOUND for an unknown id. */
  serviceBaseUrl(serviceId: string): Promise<string>;
  /** The verification page of a device sign-in main started and still waits on, or null. */
  deviceVerificationUri(credentialId: string): string | null;
}

export async function linkUrl(target: LinkTarget, lookups: LinkLookups): Promise<string> {
  const url =
    target.target === 'docs'
      ? DOC_LINKS[target.page]
      : target.target === 'service'
        ? await lookups.serviceBaseUrl(target.serviceId)
        : lookups.deviceVerificationUri(target.credentialId);
  if (url === null || url === '') {
    throw new LatchError('ERR_NOT_FOUND', 'There is no web page to open for that.', {
      detail: { field: 'target' },
    });
  }
  if (!isSafeExternalUrl(url)) {
    throw new LatchError(
      'ERR_BAD_INPUT',
      'Latch opens only http(s) addresses without a user name or password in them.',
      {
        detail: { field: 'target' },
      },
    );
  }
  return url;
}
