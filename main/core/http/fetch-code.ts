import type { CopyableRequest, CopyOptions } from './curl';
import { redactSent } from './redact';

// Set by fetch itself (forbidden request headers) or meaningless to copy.
const FETCH_OWN = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

/** JavaScript that repeats the request with fetch (browser or Node 18+). */
export function toFetchCode(req: CopyableRequest, options: CopyOptions = {}): string {
  const s = options.includeSecrets ? req.sent : redactSent(req.sent, req.redaction);
  const headers = s.headers.filter((h) => !FETCH_OWN.has(h.name.toLowerCase()));
  const names = headers.map((h) => h.name.toLowerCase());
  const duplicates = new Set(names).size !== names.length;
  const lines: string[] = [];
  if (req.verifyTls === false) {
    lines.push(
      '// TLS verification was off for this request. In Node, run with NODE_TLS_REJECT_UNAUTHORIZED=0 (never in production).',
    );
  }
  if (req.digest) {
    lines.push(
      '// This request uses HTTP Digest auth, which fetch cannot do by itself: answer the 401 challenge with a Digest library.',
    );
  }
  lines.push(`const response = await fetch(${JSON.stringify(s.url)}, {`);
  lines.push(`  method: ${JSON.stringify(s.method)},`);
  if (headers.length > 0) {
    if (duplicates) {
      lines.push('  headers: [');
      for (const h of headers) lines.push(`    [${JSON.stringify(h.name)}, ${JSON.stringify(h.value)}],`);
      lines.push('  ],');
    } else {
      lines.push('  headers: {');
      for (const h of headers) lines.push(`    ${JSON.stringify(h.name)}: ${JSON.stringify(h.value)},`);
      lines.push('  },');
    }
  }
  if (s.body.kind === 'text') lines.push(`  body: ${JSON.stringify(s.body.text)},`);
  else if (s.body.kind === 'base64') {
    lines.push(`  body: Uint8Array.from(atob(${JSON.stringify(s.body.base64)}), (c) => c.charCodeAt(0)),`);
  }
  if (req.followRedirects === false) lines.push(`  redirect: 'manual',`);
  if (req.timeoutMs !== undefined) lines.push(`  signal: AbortSignal.timeout(${req.timeoutMs}),`);
  lines.push('});');
  lines.push('console.log(response.status, await response.text());');
  return lines.join('\n');
}
