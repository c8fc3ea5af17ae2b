import { REDACTED, redactSent, type SentRequest } from './redact';
import type { Redaction } from './wire';

export interface CopyableRequest {
  sent: SentRequest;
  redaction: Redaction;
  followRedirects?: boolean;
  verifyTls?: boolean;
  timeoutMs?: number;
  /** Digest is left to curl (--digest) since the response hash needs the server's nonce. */
  digest?: { username: string; password: string };
}

export interface CopyOptions {
  /** Put the real secret values in the output. Off by default. */
  includeSecrets?: boolean;
}

/** POSIX shell single quoting: everything literal, ' written as '\''. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Headers curl writes itself; Accept-Encoding becomes --compressed so the output is readable.
const CURL_OWN = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

export function toCurl(req: CopyableRequest, options: CopyOptions = {}): string {
  const s = options.includeSecrets ? req.sent : redactSent(req.sent, req.redaction);
  // The first line is the command, method and URL; then one option per line.
  const first: string[] = ['curl'];
  const opts: string[] = [];
  const hasBody = s.body.kind !== 'none';
  if (s.method === 'HEAD') first.push('--head');
  else if (!(s.method === 'GET' && !hasBody) && !(s.method === 'POST' && hasBody)) first.push('-X', s.method);
  first.push(shellQuote(s.url));
  for (const h of s.headers) {
    const n = h.name.toLowerCase();
    if (n === 'host' && new URL(s.url).host === h.value) continue;
    if (n !== 'host' && CURL_OWN.has(n)) continue;
    opts.push(`-H ${shellQuote(`${h.name}: ${h.value}`)}`);
  }
  if (s.headers.some((h) => h.name.toLowerCase() === 'accept-encoding' && /gzip|deflate|br/.test(h.value))) {
    opts.push('--compressed');
  }
  if (req.digest) {
    const password = options.includeSecrets ? req.digest.password : REDACTED;
    opts.push(`--digest --user ${shellQuote(`${req.digest.username}:${password}`)}`);
  }
  let note = '';
  if (s.body.kind === 'text') opts.push(`--data-raw ${shellQuote(s.body.text)}`);
  else if (s.body.kind === 'base64') {
    opts.push('--data-binary @body.bin');
    note = `# The body is binary (${s.bodyBytes} bytes): save it as body.bin first.\n`;
  }
  if (req.followRedirects) opts.push('--location');
  if (req.verifyTls === false) opts.push('--insecure');
  if (req.timeoutMs !== undefined) opts.push(`--max-time ${Math.max(1, Math.ceil(req.timeoutMs / 1000))}`);
  const lines = [first.join(' '), ...opts];
  return note + lines.join(' \\\n  ');
}
