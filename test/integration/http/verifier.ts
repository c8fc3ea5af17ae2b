/**
 * Pieces the independent signature verifiers share: they are written from public documentation
 * and use only node:crypto, never Latch's signing code.
 */
import type { IncomingMessage } from 'node:http';
import { createHttpEngine, type HttpEngine } from '../../../main/core/http';
import { type ScriptedServer, type Step, startScriptedServer } from '../../peers/scripted-server';

export const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
};

/** RFC 3986: unreserved characters stay, everything else is %XX upper case. */
export const enc3986 = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Answers 200 "valid", or 401 with the reason. A check returns true or null when the request
 * verifies, false or a reason when it does not.
 */
export const verifying =
  (check: (req: IncomingMessage, body: Buffer) => boolean | string | null): Step =>
  (req, res, body) => {
    const r = check(req, body);
    const ok = r === true || r === null;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'text/plain' }).end(ok ? 'valid' : r === false ? 'invalid' : r);
  };

/** A capture server and an engine for one test file; call in beforeAll, close in afterAll. */
export async function verifierRig(): Promise<{ srv: ScriptedServer; engine: HttpEngine; close(): Promise<void> }> {
  const srv = await startScriptedServer();
  const engine = createHttpEngine();
  return {
    srv,
    engine,
    async close() {
      engine.close();
      await srv.close();
    },
  };
}
