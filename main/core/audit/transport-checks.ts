import type { AuditCheck } from '../model/audit-report';
import { WEAK_SIGNATURE } from './certificate-facts';
import { check, skipped } from './check';
import type { TlsFacts } from './tls-probe';

const DAY = 86_400_000;
/** Half a year: what hstspreload.org asks for and what most guides call the minimum. */
const HSTS_MIN_AGE = 15_552_000;

export function isLoopback(url: URL): boolean {
  const h = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1';
}

/** Plain HTTP: a credential is never sent over it except to this computer. */
export function plainHttpCheck(url: URL, withCredential: boolean): AuditCheck {
  if (url.protocol === 'https:')
    return check('transport.https', 'HTTPS', 'pass', 'high', 'The API is served over HTTPS.');
  if (isLoopback(url))
    return check(
      'transport.https',
      'HTTPS',
      'warn',
      'low',
      'The API is served over plain HTTP on this computer (loopback); fine for development, never for a deployed API.',
      'Serve the deployed API over HTTPS only.',
    );
  return check(
    'transport.https',
    'HTTPS',
    'fail',
    'high',
    withCredential
      ? 'The API is served over plain HTTP, so Latch refused to send the credential: anyone on the network could read it.'
      : 'The API is served over plain HTTP: requests and answers travel unencrypted.',
    'Serve the API over HTTPS and redirect or refuse plain HTTP.',
  );
}

export function tlsChecks(tls: TlsFacts, nowMs: number): AuditCheck[] {
  const out: AuditCheck[] = [];
  const modern = tls.protocol === 'TLSv1.3' || tls.protocol === 'TLSv1.2';
  out.push(
    check(
      'transport.tls-version',
      'TLS version',
      modern ? 'pass' : 'fail',
      'high',
      modern
        ? `The connection used ${tls.protocol}.`
        : `The connection used ${tls.protocol ?? 'an unknown protocol'}, which is obsolete and breakable.`,
      modern ? null : 'Offer TLS 1.2 and 1.3 only.',
      { protocol: tls.protocol },
    ),
  );
  const weakCipher = tls.cipher !== null && /_CBC_|RC4|3DES|NULL|EXPORT|_MD5/.test(tls.cipher);
  out.push(
    check(
      'transport.cipher',
      'Cipher suite',
      weakCipher ? 'warn' : 'pass',
      'medium',
      weakCipher
        ? `The server chose ${tls.cipher}, a suite without forward-secure AEAD encryption.`
        : `The server chose ${tls.cipher ?? 'a cipher suite'}.`,
      weakCipher ? 'Prefer AES-GCM or ChaCha20-Poly1305 suites with ECDHE key exchange.' : null,
      { cipher: tls.cipher },
    ),
  );
  const leaf = tls.leaf;
  out.push(
    check(
      'transport.certificate-trusted',
      'Certificate chain',
      tls.trusted ? 'pass' : 'fail',
      'high',
      tls.trusted
        ? 'The certificate chain leads to a trusted certificate authority.'
        : `The certificate is not trusted: ${trustReason(tls.trustError, leaf?.selfSigned ?? false)}`,
      tls.trusted
        ? null
        : 'Use a certificate from a public certificate authority (or your organisation’s CA) and send the full chain.',
      { chain: tls.chain.join(' <- '), reason: tls.trustError },
    ),
  );
  if (!leaf) return out;
  out.push(
    check(
      'transport.host-name',
      'Host name',
      leaf.hostMatches ? 'pass' : 'fail',
      'high',
      leaf.hostMatches
        ? 'The certificate is issued for this host name.'
        : 'The certificate is issued for other names than this host, so a client cannot tell it from an impostor.',
      leaf.hostMatches ? null : 'Issue the certificate with this host name in its Subject Alternative Names.',
      { subject: leaf.subject },
    ),
  );
  const days = Math.floor((leaf.validToMs - nowMs) / DAY);
  const expired = leaf.validToMs <= nowMs;
  out.push(
    check(
      'transport.certificate-expiry',
      'Certificate expiry',
      expired ? 'fail' : days < 30 ? 'warn' : 'pass',
      expired ? 'high' : 'medium',
      expired
        ? `The certificate expired on ${leaf.validTo}.`
        : `The certificate expires in ${days} days (${leaf.validTo}).`,
      expired ? 'Renew the certificate now.' : days < 30 ? 'Renew the certificate, or automate renewal (ACME).' : null,
      { validFrom: leaf.validFrom, validTo: leaf.validTo, daysLeft: days },
    ),
  );
  const shortRsa = (leaf.keyType === 'rsa' || leaf.keyType === 'rsa-pss') && (leaf.keyBits ?? 0) < 2048;
  out.push(
    check(
      'transport.certificate-key',
      'Certificate key',
      shortRsa ? 'fail' : 'pass',
      'high',
      `The certificate key is ${leaf.keyType.toUpperCase()}${leaf.curve ? ` on ${leaf.curve}` : ''}${leaf.keyBits ? `, ${leaf.keyBits} bits` : ''}${shortRsa ? ', shorter than the 2048 bits RSA needs today' : ''}.`,
      shortRsa ? 'Issue a new certificate with an RSA key of 2048 bits or more, or an ECDSA P-256 key.' : null,
      { keyType: leaf.keyType, keyBits: leaf.keyBits, curve: leaf.curve },
    ),
  );
  const weakSig = WEAK_SIGNATURE.test(leaf.signatureAlgorithm);
  out.push(
    check(
      'transport.signature-algorithm',
      'Signature algorithm',
      weakSig ? 'fail' : 'pass',
      'high',
      weakSig
        ? `The certificate is signed with ${leaf.signatureAlgorithm}, which can be forged.`
        : `The certificate is signed with ${leaf.signatureAlgorithm}.`,
      weakSig ? 'Reissue the certificate with a SHA-256 (or stronger) signature.' : null,
      { signatureAlgorithm: leaf.signatureAlgorithm },
    ),
  );
  return out;
}

function trustReason(code: string | null, selfSigned: boolean): string {
  switch (code) {
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return 'it is self-signed, so nobody vouches for it.';
    case 'SELF_SIGNED_CERT_IN_CHAIN':
      return 'the chain ends in a self-signed root that is not in the trust store.';
    case 'CERT_HAS_EXPIRED':
      return 'it has expired.';
    case 'CERT_NOT_YET_VALID':
      return 'it is not valid yet (check the server clock).';
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
      return 'the issuing authority is unknown, or the server does not send the intermediate certificates.';
    default:
      return selfSigned ? 'it is self-signed.' : `${code ?? 'the reason is unknown'}.`;
  }
}

export function hstsCheck(url: URL, value: string | undefined): AuditCheck {
  const title = 'Strict-Transport-Security';
  if (url.protocol !== 'https:')
    return skipped('transport.hsts', title, 'HSTS only applies to HTTPS answers; browsers ignore it over plain HTTP.');
  if (value === undefined)
    return check(
      'transport.hsts',
      title,
      'warn',
      'medium',
      'The answer has no Strict-Transport-Security header, so a browser may still try plain HTTP first.',
      'Send Strict-Transport-Security: max-age=31536000; includeSubDomains.',
    );
  const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(value)?.[1] ?? Number.NaN);
  const sub = /(^|;)\s*includesubdomains\s*(;|$)/i.test(value);
  const preload = /(^|;)\s*preload\s*(;|$)/i.test(value);
  const evidence = { value, maxAge: Number.isNaN(maxAge) ? null : maxAge, includeSubDomains: sub, preload };
  if (Number.isNaN(maxAge) || maxAge < HSTS_MIN_AGE)
    return check(
      'transport.hsts',
      title,
      'warn',
      'medium',
      Number.isNaN(maxAge)
        ? 'Strict-Transport-Security has no readable max-age, so browsers ignore it.'
        : `Strict-Transport-Security lasts only ${maxAge} s; under half a year it protects little.`,
      'Set max-age to at least 15552000 (180 days); 31536000 is usual.',
      evidence,
    );
  return check(
    'transport.hsts',
    title,
    'pass',
    'medium',
    `Strict-Transport-Security is set for ${Math.round(maxAge / 86_400)} days${sub ? ', subdomains included' : ', this host only'}${preload ? ', and asks for preloading' : ''}.`,
    sub ? null : 'Add includeSubDomains once every subdomain serves HTTPS.',
    evidence,
  );
}
