import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { Duplex, PassThrough, type Readable, Writable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import zlib from 'node:zlib';
import { LatchError } from '../model/errors';
import { fromNetworkError, networkCode } from './errors';
import type { Header, WireRequest } from './wire';

export interface Timing {
  /** Phase durations in ms; null when the phase did not happen (reused connection, IP address, plain HTTP). */
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  /** From start until the response headers arrived. */
  firstByteMs: number;
  downloadMs: number;
  totalMs: number;
  reusedConnection: boolean;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** As the certificate says, and as Unix ms. */
  validFrom: string;
  validTo: string;
  validToMs: number;
  subjectAltName: string | null;
  fingerprint256: string;
}

export interface TlsInfo {
  protocol: string | null;
  cipher: string | null;
  /** Whether the chain verified; false (with a reason) when verification was turned off and it would have failed. */
  authorized: boolean;
  authorizationError: string | null;
  certificate: CertificateInfo | null;
}

export interface RawExchange {
  status: number;
  statusText: string;
  httpVersion: string;
  headers: Header[];
  /** Decoded body, at most maxBodyBytes. */
  body: Buffer;
  truncated: boolean;
  /** Why the body could not be decoded, in which case `body` holds the bytes as received. */
  decodeError: string | null;
  headerBytes: number;
  wireBodyBytes: number;
  timing: Timing;
  tls: TlsInfo | null;
}

export interface Agents {
  http: http.Agent;
  https: https.Agent;
  httpsInsecure: https.Agent;
}

export function createAgents(): Agents {
  return {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true }),
    httpsInsecure: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
  };
}

export function destroyAgents(a: Agents): void {
  a.http.destroy();
  a.https.destroy();
  a.httpsInsecure.destroy();
}

export interface TransmitOptions {
  timeoutMs: number;
  verifyTls: boolean;
  maxBodyBytes: number;
  agents: Agents;
  signal?: AbortSignal;
  /** The request's own timeout, for the message (timeoutMs may be what is left of it). */
  reportedTimeoutMs?: number;
}

const dn = (o: Record<string, string | string[] | undefined> | undefined): string =>
  o
    ? Object.entries(o)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
        .join(', ')
    : '';

function tlsInfo(socket: TLSSocket): TlsInfo {
  const cert = socket.getPeerCertificate(false);
  const hasCert = cert && Object.keys(cert).length > 0;
  const cipher = socket.getCipher?.();
  return {
    protocol: socket.getProtocol?.() ?? null,
    cipher: cipher?.name ?? null,
    authorized: socket.authorized,
    authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
    certificate: hasCert
      ? {
          subject: dn(cert.subject as unknown as Record<string, string>),
          issuer: dn(cert.issuer as unknown as Record<string, string>),
          validFrom: cert.valid_from,
          validTo: cert.valid_to,
          validToMs: Date.parse(cert.valid_to),
          subjectAltName: cert.subjectaltname ?? null,
          fingerprint256: cert.fingerprint256,
        }
      : null,
  };
}

/** deflate is sent both zlib-wrapped (RFC 9110) and raw (old IIS); look at the first two bytes. */
function deflateDecoder(): Duplex {
  const out = new PassThrough();
  let inner: zlib.Inflate | zlib.InflateRaw | null = null;
  const input = new Writable({
    write(chunk: Buffer, _e, cb) {
      if (!inner) {
        const zlibWrapped = chunk.length >= 2 && (chunk[0]! & 0x0f) === 8 && ((chunk[0]! << 8) | chunk[1]!) % 31 === 0;
        inner = zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
        inner.on('error', (e) => out.destroy(e));
        inner.pipe(out);
      }
      inner.write(chunk, () => cb());
    },
    final(cb) {
      if (inner) inner.end();
      else out.end();
      cb();
    },
  });
  return Duplex.from({ writable: input, readable: out });
}

function decoderFor(encoding: string): Duplex | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return deflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

class TransmitFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly reusedSocket: boolean,
    readonly gotResponse: boolean,
  ) {
    super('transmit failed');
  }
}

function transmitOnce(req: WireRequest, o: TransmitOptions): Promise<RawExchange> {
  return new Promise<RawExchange>((resolve, reject) => {
    const isHttps = req.url.protocol === 'https:';
    const host = req.url.hostname.replace(/^\[|\]$/g, '');
    const t0 = performance.now();
    let tLookup: number | null = null;
    let tConnect: number | null = null;
    let tSecure: number | null = null;
    let tResponse = 0;
    let settled = false;
    let gotResponse = false;

    const r = (isHttps ? https : http).request({
      protocol: req.url.protocol,
      hostname: host,
      port: req.url.port || (isHttps ? 443 : 80),
      method: req.method,
      path: `${req.url.pathname}${req.url.search}`,
      headers: req.headers.flatMap((h) => [h.name, h.value]),
      setHost: false,
      agent: isHttps ? (o.verifyTls ? o.agents.https : o.agents.httpsInsecure) : o.agents.http,
      ...(isHttps ? { rejectUnauthorized: o.verifyTls, servername: /^[\d.]+$|:/.test(host) ? undefined : host } : {}),
    });

    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      reject(new TransmitFailure(e, r.reusedSocket, gotResponse));
    };
    const timer = setTimeout(() => {
      const limit = Math.round(o.reportedTimeoutMs ?? o.timeoutMs);
      r.destroy(
        new LatchError('ERR_TIMEOUT', `No complete answer from ${req.url.host} within ${limit} ms.`, {
          detail: { cause: 'ERR_TIMEOUT', host: req.url.host, timeoutMs: limit },
        }),
      );
    }, o.timeoutMs);
    const onAbort = () =>
      r.destroy(new LatchError('ERR_CANCELLED', 'The request was cancelled.', { detail: { cause: 'ERR_CANCELLED' } }));
    if (o.signal?.aborted) {
      onAbort();
    } else o.signal?.addEventListener('abort', onAbort, { once: true });

    r.on('socket', (s) => {
      if (r.reusedSocket) return;
      s.once('lookup', () => {
        tLookup = performance.now();
      });
      s.once('connect', () => {
        tConnect = performance.now();
      });
      s.once('secureConnect', () => {
        tSecure = performance.now();
      });
    });
    r.on('error', fail);

    r.on('response', (res) => {
      gotResponse = true;
      tResponse = performance.now();
      const headers: Header[] = [];
      let headerBytes = `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage ?? ''}\r\n`.length + 2;
      for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
        const name = res.rawHeaders[i]!;
        const value = res.rawHeaders[i + 1]!;
        headers.push({ name, value });
        headerBytes += name.length + value.length + 4;
      }
      const tls = isHttps ? tlsInfo(res.socket as TLSSocket) : null;
      const wire: Buffer[] = [];
      const decoded: Buffer[] = [];
      let wireBytes = 0;
      let decodedBytes = 0;
      let truncated = false;
      let decodeError: string | null = null;

      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
        const tEnd = performance.now();
        const phase = (a: number | null, b: number | null) => (a !== null && b !== null ? b - a : null);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          httpVersion: res.httpVersion,
          headers,
          body: decodeError ? Buffer.concat(wire) : Buffer.concat(decoded),
          truncated,
          decodeError,
          headerBytes,
          wireBodyBytes: wireBytes,
          timing: {
            dnsMs: phase(t0, tLookup),
            connectMs: phase(tLookup ?? t0, tConnect),
            tlsMs: phase(tConnect, tSecure),
            firstByteMs: tResponse - t0,
            downloadMs: tEnd - tResponse,
            totalMs: tEnd - t0,
            reusedConnection: r.reusedSocket,
          },
          tls,
        });
      };

      res.on('data', (c: Buffer) => {
        wireBytes += c.length;
        if (wireBytes <= o.maxBodyBytes) wire.push(c);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));

      const encodings = (res.headers['content-encoding'] ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e !== '' && e !== 'identity')
        .reverse();
      let stream: Readable = res;
      for (const enc of encodings) {
        const d = decoderFor(enc);
        if (!d) {
          decodeError = `the body is encoded with "${enc}", which Latch cannot decode`;
          break;
        }
        stream = stream.pipe(d);
      }
      if (decodeError) {
        res.on('end', finish);
        return;
      }
      if (stream !== res) {
        stream.on('error', () => {
          decodeError = `the body does not decode as ${encodings.join(', ')}`;
          res.resume();
          if (res.complete) finish();
          else res.on('end', finish);
        });
      }
      stream.on('data', (c: Buffer) => {
        if (truncated) return;
        const room = o.maxBodyBytes - decodedBytes;
        if (c.length > room) {
          decoded.push(c.subarray(0, room));
          decodedBytes += room;
          truncated = true;
          // Stop downloading: the rest would be thrown away.
          finish();
          res.destroy();
          return;
        }
        decoded.push(c);
        decodedBytes += c.length;
      });
      stream.on('end', finish);
    });

    r.end(req.body ?? undefined);
  });
}

/**
 * One HTTP exchange. A keep-alive socket the server already closed fails at once;
 * that case is retried on a fresh connection because nothing reached the server.
 */
export async function transmit(req: WireRequest, o: TransmitOptions): Promise<RawExchange> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await transmitOnce(req, o);
    } catch (e) {
      const f = e as TransmitFailure;
      const code = networkCode(f.error);
      if (attempt === 0 && f.reusedSocket && !f.gotResponse && (code === 'ECONNRESET' || code === 'EPIPE')) continue;
      throw fromNetworkError(f.error, req.url.host);
    }
  }
}
