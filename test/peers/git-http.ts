import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ScriptedServer, startScriptedServer } from './scripted-server';

export interface GitHttpServer extends ScriptedServer {
  /** Authorization headers seen, in order (to tell which credentials git sent). */
  auths: string[];
}

/**
 * git's own smart-HTTP server (`git http-backend`, a CGI program) behind a node:http server that
 * demands Basic auth: 401 with a Basic challenge until the request carries USER:PASSWORD.
 */
export async function startGitHttpServer(projectRoot: string, user: string, password: string): Promise<GitHttpServer> {
  const server = (await startScriptedServer()) as GitHttpServer;
  server.auths = [];
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  server.fallback = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const auth = req.headers.authorization ?? '';
    server.auths.push(auth);
    if (auth !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="latch-test-git"', 'content-type': 'text/plain' });
      res.end('authentication required');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const cgi = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: projectRoot,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(body.length),
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        REMOTE_USER: user,
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const out: Buffer[] = [];
    cgi.stdout.on('data', (d: Buffer) => out.push(d));
    cgi.on('close', () => {
      const all = Buffer.concat(out);
      const split = all.indexOf('\r\n\r\n');
      const headEnd = split >= 0 ? split : all.indexOf('\n\n');
      const sep = split >= 0 ? 4 : 2;
      const headers: Record<string, string> = {};
      let status = 200;
      for (const line of all.subarray(0, headEnd).toString('latin1').split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const k = line.slice(0, i).trim().toLowerCase();
        const v = line.slice(i + 1).trim();
        if (k === 'status') status = Number(v.split(' ')[0]);
        else headers[k] = v;
      }
      res.writeHead(status, headers);
      res.end(all.subarray(headEnd + sep));
    });
    // http-backend may answer and exit before reading the body (a refused or already-served request): the EPIPE
    // of that write is not an error of the exchange, and unhandled it failed a run of the git test under load.
    cgi.stdin.on('error', () => undefined);
    cgi.stdin.end(body);
  };
  return server;
}
