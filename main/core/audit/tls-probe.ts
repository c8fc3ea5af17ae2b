import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { LatchError } from '../model/errors';
import { type CertificateFacts, certificateFacts } from './certificate-facts';

export interface TlsFacts {
  protocol: string | null;
  cipher: string | null;
  /** Whether Node's trust store (plus NODE_EXTRA_CA_CERTS) vouches for the chain. */
  trusted: boolean;
  /** OpenSSL's reason when not trusted, e.g. DEPTH_ZERO_SELF_SIGNED_CERT or CERT_HAS_EXPIRED. */
  trustError: string | null;
  /** Subjects from the leaf up, as the server sent them. */
  chain: string[];
  leaf: CertificateFacts | null;
}

export type TlsProbe = (url: URL, timeoutMs: number) => Promise<TlsFacts>;

/**
 * One TLS handshake to the target, verification off so that an untrusted certificate can be
 * described rather than just refused; nothing is sent over the connection.
 */
export const probeTls: TlsProbe = (url, timeoutMs) =>
  new Promise((resolve, reject) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 443);
    const servername = /^[\d.]+$|:/.test(host) ? undefined : host;
    const socket = connect({ host, port, ...(servername ? { servername } : {}), rejectUnauthorized: false });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new LatchError('ERR_TIMEOUT', `The TLS handshake with ${url.host} took longer than ${timeoutMs} ms.`));
    }, timeoutMs);
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new LatchError('ERR_HTTP', `Could not complete a TLS handshake with ${url.host} (${e.code ?? 'error'}).`, {
          detail: { cause: e.code ?? 'ETLS', host: url.host },
        }),
      );
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const chain: string[] = [];
      // Not getPeerX509Certificate(): on Node 20, calling it first empties getPeerCertificate(true).
      let c = socket.getPeerCertificate(true);
      const x509 = c?.raw ? new X509Certificate(c.raw) : null;
      const visited = new Set<string>();
      while (c && Object.keys(c).length > 0 && !visited.has(c.fingerprint256)) {
        visited.add(c.fingerprint256);
        chain.push(
          Object.entries(c.subject ?? {})
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(', '),
        );
        c = c.issuerCertificate;
      }
      const err = socket.authorizationError;
      resolve({
        protocol: socket.getProtocol() ?? null,
        cipher: socket.getCipher()?.standardName ?? null,
        trusted: socket.authorized,
        trustError: err ? String((err as unknown as { code?: string }).code ?? err) : null,
        chain,
        leaf: x509 ? certificateFacts(x509, host) : null,
      });
      socket.end();
    });
  });
