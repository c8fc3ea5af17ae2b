import { LatchError } from '../model/errors';
import { writtenAsRead } from './written-host';

/** A registry as Docker names it, read the way docker-credential-helpers' registryurl.Parse reads it. */
export interface DockerRegistry {
  /** Host (with a port other than the default) and path without its trailing slash: one registry, whatever the spelling. */
  key: string;
  /** host[:port], for finding the service it belongs to. */
  host: string;
  /** scheme://host[:port]: the base URL of a service created for it. */
  origin: string;
}

/** Longer than any registry address; it is stored with the credential and given back by `list`. */
export const MAX_SERVER_URL = 2048;

/**
 * Docker sends `https://index.docker.io/v1/` for Docker Hub and a bare host for every other registry
 * (`ghcr.io`, `localhost:5000`). Like registryurl.Parse: without a scheme the text is a host (never a
 * path), a scheme other than http(s) is refused, a host is required and the query is dropped. The scheme is
 * not part of the key: `ghcr.io` and `https://ghcr.io/` are the same registry, as Docker treats them.
 */
export function parseDockerRegistry(serverUrl: string): DockerRegistry {
  const text = serverUrl.trim();
  if (text === '') throw new LatchError('ERR_BAD_INPUT', 'no credentials server URL');
  if (text.length > MAX_SERVER_URL)
    throw new LatchError('ERR_BAD_INPUT', `The registry address is longer than ${MAX_SERVER_URL} characters.`);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https')
    throw new LatchError('ERR_BAD_INPUT', `unsupported scheme: ${scheme}`);
  let url: URL;
  const written = scheme ? text : `https:${text.startsWith('//') ? '' : '//'}${text}`;
  try {
    url = new URL(written);
  } catch {
    throw new LatchError('ERR_BAD_INPUT', 'The registry address is not a host or an http(s) URL.');
  }
  if (url.hostname === '') throw new LatchError('ERR_BAD_INPUT', 'no hostname in URL');
  if (url.username === '' && url.password === '' && !writtenAsRead(written, url))
    throw new LatchError(
      'ERR_BAD_INPUT',
      `The registry's host is not written the way Docker reads it (Docker looks such a name up in DNS rather than reach ${url.hostname}); write it as ${url.hostname}.`,
    );
  // A user name or password in the address would be kept in clear as the key Docker looks it up by.
  if (url.username !== '' || url.password !== '')
    throw new LatchError('ERR_BAD_INPUT', 'The registry address holds a user name or password; give the host only.');
  return {
    key: `${url.host}${url.pathname.replace(/\/+$/, '')}`,
    host: url.host,
    origin: `${scheme ?? 'https'}://${url.host}`,
  };
}
