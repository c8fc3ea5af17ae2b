import { LatchError } from '../model/errors';

const TLS_CODES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by a trusted authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the issuer of the server certificate is not trusted here',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate is for another host name',
  CERT_REVOKED: 'the server certificate has been revoked',
};

/** Connection-level codes worth a retry (the request may not have reached the server, or got no answer). */
export const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ERR_TIMEOUT',
  'ECONNABORTED',
]);

export function networkCode(e: unknown): string {
  if (e instanceof LatchError) return String(e.detail?.cause ?? e.code);
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return 'EUNKNOWN';
}

/**
 * A Node network error as a LatchError. Only the host is named, never the URL:
 * a query string may carry a key.
 */
export function fromNetworkError(e: unknown, host: string): LatchError {
  if (e instanceof LatchError) return e;
  const code = networkCode(e);
  const detail = { cause: code, host };
  const tls = TLS_CODES[code];
  if (tls || code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) {
    return new LatchError(
      'ERR_HTTP',
      `TLS with ${host} failed: ${tls ?? 'the secure connection could not be set up'}. If you trust this server, turn off TLS verification for this request.`,
      { detail, cause: e },
    );
  }
  const words: Record<string, string> = {
    ENOTFOUND: `The host name ${host} could not be resolved (DNS). Check the spelling and your network.`,
    EAI_AGAIN: `The host name ${host} could not be resolved right now (DNS). Try again.`,
    ECONNREFUSED: `${host} refused the connection. Is the server running on that port?`,
    ECONNRESET: `${host} closed the connection before answering.`,
    EPIPE: `${host} closed the connection while the request was being sent.`,
    ETIMEDOUT: `The connection to ${host} timed out.`,
    EHOSTUNREACH: `${host} cannot be reached from this network.`,
    ENETUNREACH: 'The network is unreachable.',
    HPE_INVALID_CONSTANT: `${host} answered with something that is not HTTP.`,
  };
  return new LatchError('ERR_HTTP', words[code] ?? `The request to ${host} failed (${code}).`, { detail, cause: e });
}
