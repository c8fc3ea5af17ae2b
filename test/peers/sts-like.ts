import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ScriptedServer, startScriptedServer } from './scripted-server';
import { verifySigV4 } from './sigv4-verify';

export interface StsLikeServer extends ScriptedServer {
  /** AssumeRole calls whose signature verified. */
  assumed: { roleArn: string; sessionName: string }[];
}

/** Checks the request's SigV4 signature, as STS does, with the verifier written from AWS's documentation. */
function signatureMatches(req: IncomingMessage, body: Buffer, accessKeyId: string, secret: string): boolean {
  const [path = '/', query = ''] = (req.url ?? '/').split(/\?(.*)/s);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  return verifySigV4({ method: req.method ?? 'POST', path, query, headers, body }, accessKeyId, secret, 'sts').ok;
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
    const ok = signatureMatches(req, body, longTerm.accessKeyId, longTerm.secretAccessKey);
    const form = new URLSearchParams(body.toString('utf8'));
    if (!ok || form.get('Action') !== 'AssumeRole') {
      res.writeHead(403, { 'content-type': 'text/xml' });
      res.end('<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>');
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
  };
  return server;
}
