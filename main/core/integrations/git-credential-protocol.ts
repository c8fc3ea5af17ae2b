import { LatchError } from '../model/errors';
import { decodeOnce } from './path-readings';
import { writtenAsRead } from './written-host';

/**
 * git's credential helper protocol (git-credential(1), "INPUT/OUTPUT FORMAT"): `key=value` lines,
 * ended by a blank line or the end of input. Array keys (`capability[]`, `wwwauth[]`) are kept as lists.
 */
export interface GitCredentialRequest {
  protocol?: string;
  host?: string;
  path?: string;
  username?: string;
  password?: string;
  password_expiry_utc?: string;
  oauth_refresh_token?: string;
  url?: string;
  [key: string]: string | string[] | undefined;
}

/** git sends a few hundred bytes; more is not git. */
export const MAX_GIT_INPUT = 64 * 1024;

/**
 * git sends `host` as the URL's host, with its port when it has one (an IPv6 address in brackets). Anything else
 * is not git: a `user@` in it would make the service's base URL point at the host after the `@`
 * (`a.example@evil.example` is evil.example), and a `/`, `?` or `#` would end the host early.
 */
function isHostAndPort(host: string): boolean {
  const m = /^(\[[0-9A-Fa-f:.]+\]|[^\s/?#@[\]\\:%\p{Cc}]+)(?::(\d{1,5}))?$/u.exec(host);
  return m !== null && (m[2] === undefined || Number(m[2]) <= 65535);
}

/**
 * `password_expiry_utc`: the Unix time in whole seconds. One that is no date (beyond what a Date holds,
 * 8.64e15 ms) or not a number is ignored, as git ignores it: the password is kept with no expiry.
 */
export function parseExpiryUtc(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  const ms = Number(value) * 1000;
  return ms > 0 && !Number.isNaN(new Date(ms).getTime()) ? ms : null;
}

export function parseGitCredential(text: string): GitCredentialRequest {
  if (text.length > MAX_GIT_INPUT) throw new LatchError('ERR_BAD_INPUT', 'The credential request is too long.');
  // git-credential(1): no key or value holds a NUL; a host with one could be read two ways, so none is guessed.
  if (text.includes('\0'))
    throw new LatchError('ERR_BAD_INPUT', 'The credential request holds a NUL byte, which git never sends.');
  const out: GitCredentialRequest = {};
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    if (l === '') break;
    const eq = l.indexOf('=');
    if (eq <= 0) throw new LatchError('ERR_BAD_INPUT', 'A credential request line is not key=value.');
    const key = l.slice(0, eq);
    const value = l.slice(eq + 1);
    if (key.endsWith('[]')) {
      const list = out[key];
      out[key] = Array.isArray(list) ? [...list, value] : [value];
    } else out[key] = value;
  }
  if (out.protocol !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(out.protocol))
    throw new LatchError('ERR_BAD_INPUT', 'The credential request has a protocol that is not a URL scheme.');
  if (out.host !== undefined && out.host !== '' && !isHostAndPort(out.host))
    throw new LatchError(
      'ERR_BAD_INPUT',
      'The credential request has a host that is not a host name or host:port (git never sends a user name, path or space in it).',
    );
  if (out.host !== undefined && out.host !== '' && !hostWrittenAsRead(out.host)) throw notWrittenAsRead();
  if (typeof out.url === 'string' && out.host === undefined) {
    let u: URL;
    try {
      u = new URL(out.url);
    } catch {
      throw new LatchError('ERR_BAD_INPUT', 'The credential request has a url that is not a URL.');
    }
    if (!writtenAsRead(out.url, u)) throw notWrittenAsRead();
    out.protocol = u.protocol.replace(/:$/, '');
    out.host = u.host;
    // As git would send it: decoded once (WHATWG has resolved the dot segments of the encoded form already).
    if (u.pathname.length > 1) out.path = decodeOnce(u.pathname.slice(1));
  }
  return out;
}

const notWrittenAsRead = () =>
  new LatchError(
    'ERR_BAD_INPUT',
    'The credential request has a host that is not written the way it is read (such as 2130706433, 127.1 or a trailing dot, which a resolver may look up by name instead); write the address plainly.',
  );

/** The host as an http(s) URL reads it, the way service base URLs are matched (written-host.ts). */
function hostWrittenAsRead(host: string): boolean {
  try {
    return writtenAsRead(`https://${host}`, new URL(`https://${host}`));
  } catch {
    return false;
  }
}

/**
 * The answer, in git's format. A value holding a newline or NUL would let a stored secret add
 * attributes of its own (a second `host=`...), so it is refused rather than written.
 */
export function formatGitCredential(attrs: Record<string, string | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined) continue;
    if (/[\n\0]/.test(v))
      throw new LatchError('ERR_BAD_INPUT', `The ${k} holds a line break, which git's protocol cannot carry.`);
    out += `${k}=${v}\n`;
  }
  return out;
}
