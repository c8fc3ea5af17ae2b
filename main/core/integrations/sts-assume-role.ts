import { applyAwsSigV4 } from '../http/auth/aws-sigv4';
import { formatLimit, readCapped } from '../io/read-capped';
import type { FieldsOf } from '../model/credential';
import { isLatchError, LatchError } from '../model/errors';
import type { Clock } from '../platform';

export interface AwsSessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Unix milliseconds. */
  expiration: number;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;
/** Letters, digits and dashes, as every AWS region name (us-gov-west-1, cn-north-1): one host name label. */
const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** STS's own endpoint for the credential's region, or the one given (AWS_ENDPOINT_URL_STS); https, or http to this computer. */
export function stsEndpoint(region: string, override: string | undefined): URL {
  // The region becomes part of a host name: "evil.example/" or "x#" would send the signed request elsewhere.
  if (!override && !REGION.test(region))
    throw new LatchError('ERR_BAD_INPUT', "The credential's region is not an AWS region name (like eu-west-1).");
  let url: URL;
  try {
    url = new URL(override || `https://sts.${region}.amazonaws.com/`);
  } catch {
    throw new LatchError('ERR_BAD_INPUT', 'The STS endpoint (AWS_ENDPOINT_URL_STS) is not a URL.');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.test(url.hostname)))
    throw new LatchError('ERR_BAD_INPUT', 'The STS endpoint must use https:// (plain http only to this computer).');
  return url;
}

/** One element's text from STS's XML answer. Its shape is fixed and flat, so a parser library would add nothing. */
function element(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

/** STS's answer is about 1.5 KB (an error a few hundred bytes): a larger one is not STS. */
export const MAX_STS_ANSWER_BYTES = 64 * 1024;

/** The answer's text, read no further than the limit: an endless body from a wrong endpoint stops there. */
async function answerText(res: Response, url: URL): Promise<string> {
  if (res.body === null) return '';
  try {
    return (await readCapped(res.body, MAX_STS_ANSWER_BYTES, { what: 'the answer' })).toString('utf8');
  } catch (e) {
    const message = isLatchError(e)
      ? `${url.host} answered AssumeRole with more than ${formatLimit(MAX_STS_ANSWER_BYTES)}: it is not STS. Check AWS_ENDPOINT_URL_STS.`
      : `STS's answer from ${url.host} broke off: ${(e as Error).message}.`;
    throw new LatchError('ERR_HTTP', message, { detail: { status: res.status } });
  }
}

/**
 * STS AssumeRole (Query API, version 2011-06-15), signed with SigV4 by the keys of the credential:
 * temporary keys for `roleArn`. Errors carry STS's error code, never the keys.
 */
export async function assumeRole(
  f: FieldsOf<'aws-sigv4'> & { roleArn: string },
  o: { clock: Clock; endpoint?: string | undefined; sessionName?: string; durationSeconds?: number },
): Promise<AwsSessionCredentials> {
  const url = stsEndpoint(f.region, o.endpoint);
  const body = new URLSearchParams({
    Action: 'AssumeRole',
    Version: '2011-06-15',
    RoleArn: f.roleArn,
    RoleSessionName: o.sessionName ?? 'latch',
    DurationSeconds: String(o.durationSeconds ?? 3600),
  }).toString();
  const signed = await applyAwsSigV4(
    {
      method: 'POST',
      url,
      headers: [{ name: 'Content-Type', value: 'application/x-www-form-urlencoded; charset=utf-8' }],
      body: Buffer.from(body),
      bodyKind: 'form',
      redaction: { headers: [], queryParams: [], bodyFields: [], values: [] },
    },
    { ...f, service: 'sts', unsignedPayload: false },
    o.clock,
  );
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: signed.headers.filter((h) => h.name.toLowerCase() !== 'host').map((h) => [h.name, h.value]),
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (e) {
    throw new LatchError('ERR_HTTP', `STS could not be reached at ${url.host}: ${(e as Error).message}.`);
  }
  const xml = await answerText(res, url);
  if (!res.ok) {
    const code = element(xml, 'Code') ?? `HTTP ${res.status}`;
    throw new LatchError('ERR_HTTP', `STS refused AssumeRole for ${f.roleArn}: ${code}.`, {
      detail: { status: res.status },
    });
  }
  const accessKeyId = element(xml, 'AccessKeyId');
  const secretAccessKey = element(xml, 'SecretAccessKey');
  const sessionToken = element(xml, 'SessionToken');
  const expiration = Date.parse(element(xml, 'Expiration') ?? '');
  if (!accessKeyId || !secretAccessKey || !sessionToken || !Number.isFinite(expiration))
    throw new LatchError('ERR_HTTP', 'STS answered AssumeRole without complete credentials.');
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}
