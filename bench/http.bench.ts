/**
 * The request engine's overhead against bare fetch, both over keep-alive to a local
 * node:http server, and the per-request cost of HMAC and SigV4 signing.
 * Run: npx tsx bench/http.bench.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  applyAwsSigV4,
  applyHmac,
  buildWireRequest,
  createHttpEngine,
  HttpRequest,
  withDefaultHeaders,
} from '../main/core/http';
import { AwsSigV4Fields, HmacFields } from '../main/core/model/credential';

const N = 1000;
const body = JSON.stringify({ ok: true, items: [1, 2, 3] });

async function main(): Promise<void> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/items?page=1`;

  const engine = createHttpEngine();
  const viaEngine = async () => {
    const r = await engine.send({ method: 'GET', url });
    if (r.status !== 200) throw new Error(`engine got ${r.status}`);
  };
  // Node's fetch (undici) keeps connections alive by default.
  const viaFetch = async () => {
    const r = await fetch(url);
    await r.text();
    if (r.status !== 200) throw new Error(`fetch got ${r.status}`);
  };
  const run = async (f: () => Promise<void>, n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await f();
    return performance.now() - t0;
  };
  // Warm both paths (JIT, sockets), then alternate so neither gets a systematically warmer machine.
  await run(viaEngine, 100);
  await run(viaFetch, 100);
  const engineMs = await run(viaEngine, N);
  const fetchMs = await run(viaFetch, N);
  engine.close();
  await new Promise((r) => {
    server.closeAllConnections();
    server.close(r);
  });

  const wire = withDefaultHeaders(
    buildWireRequest(
      HttpRequest.parse({
        method: 'POST',
        url: 'https://api.example.com/v1/orders?b=2&a=1',
        body: { kind: 'json', text: body },
      }),
    ),
  );
  const clock = { now: () => Date.now() };
  const hmac = HmacFields.parse({ keyId: 'k', secret: 'bench-secret' });
  const H = 20_000;
  for (let i = 0; i < 1000; i++) applyHmac(wire, hmac, clock);
  let t0 = performance.now();
  for (let i = 0; i < H; i++) applyHmac(wire, hmac, clock);
  const hmacUs = ((performance.now() - t0) * 1000) / H;

  const sig = AwsSigV4Fields.parse({
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    service: 'execute-api',
  });
  const S = 5_000;
  for (let i = 0; i < 200; i++) await applyAwsSigV4(wire, sig, clock);
  t0 = performance.now();
  for (let i = 0; i < S; i++) await applyAwsSigV4(wire, sig, clock);
  const sigv4Us = ((performance.now() - t0) * 1000) / S;

  console.log(`http_engine_1000_get: ${engineMs.toFixed(1)} ms`);
  console.log(`http_fetch_1000_get: ${fetchMs.toFixed(1)} ms`);
  console.log(`http_engine_to_fetch_ratio: ${(engineMs / fetchMs).toFixed(2)} x`);
  console.log(`hmac_sign_per_request: ${hmacUs.toFixed(1)} µs`);
  console.log(`sigv4_sign_per_request: ${sigv4Us.toFixed(1)} µs`);
}

await main();
