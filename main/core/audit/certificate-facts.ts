import type { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

export interface CertificateFacts {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  validToMs: number;
  /** rsa, ec, ed25519, ... as node:crypto names it. */
  keyType: string;
  /** RSA/DSA modulus bits; for EC the curve's size in bits when known. */
  keyBits: number | null;
  curve: string | null;
  signatureAlgorithm: string;
  hostMatches: boolean;
  selfSigned: boolean;
}

// Named by the OIDs of RFC 4055, RFC 5758 and RFC 8410; anything else is shown as its dotted OID.
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

export const WEAK_SIGNATURE = /md5|sha1/i;

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256 };

/** One DER tag-length-value: where its content starts and ends. */
function tlv(der: Uint8Array, at: number): { start: number; end: number } {
  let len = der[at + 1] ?? 0;
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[p++] ?? 0);
  }
  return { start: p, end: p + len };
}

/**
 * The certificate's signatureAlgorithm OID. Written by hand because Node 20's X509Certificate
 * does not expose it and three TLV reads do not justify an ASN.1 dependency:
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID, ... }, signature }.
 */
export function signatureAlgorithmOf(der: Uint8Array): string {
  try {
    const outer = tlv(der, 0);
    const tbs = tlv(der, outer.start);
    const alg = tlv(der, tbs.end);
    const oid = tlv(der, alg.start);
    if (der[alg.start] !== 0x06) return 'unknown';
    const bytes = der.subarray(oid.start, oid.end);
    const first = bytes[0] ?? 0;
    const parts = [Math.floor(first / 40), first % 40];
    let v = 0;
    for (const b of bytes.subarray(1)) {
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) {
        parts.push(v);
        v = 0;
      }
    }
    const dotted = parts.join('.');
    return SIGNATURE_ALGORITHMS[dotted] ?? dotted;
  } catch {
    return 'unknown';
  }
}

export function certificateFacts(cert: X509Certificate, host: string): CertificateFacts {
  const key = cert.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const curve = details.namedCurve ?? null;
  const bare = host.replace(/^\[|\]$/g, '');
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    validFrom: cert.validFrom,
    validTo: cert.validTo,
    validToMs: Date.parse(cert.validTo),
    keyType: key.asymmetricKeyType ?? 'unknown',
    keyBits: details.modulusLength ?? (curve ? (CURVE_BITS[curve] ?? null) : null),
    curve,
    signatureAlgorithm: signatureAlgorithmOf(cert.raw),
    hostMatches: (isIP(bare) ? cert.checkIP(bare) : cert.checkHost(bare)) !== undefined,
    selfSigned: cert.subject === cert.issuer && cert.checkIssued(cert),
  };
}
