import type { IncomingMessage, ServerResponse } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { type ScriptedServer, startScriptedServer } from './scripted-server';

export interface StsLikeServer extends ScriptedServer {
  /** AssumeRole calls whose signature verified. */
  assumed: { roleArn: string; sessionName: string }[];
}

/** Recomputes the SigV4 signature of a request with the known secret, as AWS does, from what arrived. */
async function signatureMatches(
  req: IncomingMessage,
  body: Buffer,
  accessKeyId: string,
  secret: string,
): Promise<boolean> {
  const auth = req.headers.authorization ?? '';
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/sts\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
      auth,
    );
  if (!m || m[1] !== accessKeyId) return false;
  const signedNames = m[4]!.split(';');
  const headers: Record<string, string> = {};
  for (const n of signedNames) headers[n] = String(req.headers[n] ?? '');
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  const date = new Date(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  if (Number.isNaN(date.getTime())) return false;
  const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: secret },
    region: m[3]!,
    service: 'sts',
    sha256: Sha256,
    // STS does not use x-amz-content-sha256 (S3 does): sign exactly the headers the client named.
    applyChecksum: false,
  });
  const expected = await signer.sign(
    new HttpRequest({
      method: req.method ?? 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers,
      body,
    }),
    { signingDate: date },
  );
  return expected.headers.authorization === auth;
}

/**
 * An STS stand-in: answers AssumeRole (Query API, XML) with fixed temporary keys, but only when the
 * request is signed with SigV4 by the given long-term keys; else STS's own SignatureDoesNotMatch.
 */
export async function startStsLike(
  longTerm: { accessKeyId: string; secretAccessKey: string },
  temporary: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string },
): Promise<StsLikeServer> {
  const server = (await startScriptedServer()) as StsLikeServer;
  server.assumed = [];
  server.fallback = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    void signatureMatches(req, body, longTerm.accessKeyId, longTerm.secretAccessKey)
      .catch(() => false)
      .then((ok) => {
        const form = new URLSearchParams(body.toString('utf8'));
        if (!ok || form.get('Action') !== 'AssumeRole') {
          res.writeHead(403, { 'content-type': 'text/xml' });
          res.end(
            '<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>',
          );
          return;
        }
        server.assumed.push({ roleArn: form.get('RoleArn') ?? '', sessionName: form.get('RoleSessionName') ?? '' });
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>` +
            `<AccessKeyId>${temporary.accessKeyId}</AccessKeyId><SecretAccessKey>${temporary.secretAccessKey}</SecretAccessKey>` +
            `<SessionToken>${temporary.sessionToken}</SessionToken><Expiration>${temporary.expiration}</Expiration>` +
            `</Credentials><AssumedRoleUser><Arn>${form.get('RoleArn')}/latch</Arn></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`,
        );
      });
  };
  return server;
}
