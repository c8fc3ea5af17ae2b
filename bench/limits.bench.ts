/**
 * What the polite client adds to a request when no wait is needed: the app's gate deciding for a
 * credential under its limit (index scan for Retry-After blocks, sliding-log slot), next to a bare
 * Map lookup and a no-op async call measured in the same run. The vault stand-in holds 1,000
 * other records, as a real vault's index would.
 * Run: npx tsx bench/limits.bench.ts
 */
import { performance } from 'node:perf_hooks';
import type { RecordVault } from '../main/core/credentials/record-vault';
import { createPoliteGate, LimitRecords } from '../main/core/limits';
import type { JsonValue } from '../main/core/vault/types';

const N = 50_000;

class MapVault implements RecordVault {
  readonly rows = new Map<string, JsonValue>();
  readonly bodies = new Map<string, JsonValue>();
  entries() {
    return this.rows;
  }
  async readRecord(id: string) {
    return this.bodies.get(id) ?? null;
  }
  putRecord(id: string, entry: JsonValue, body: JsonValue) {
    this.rows.set(id, entry);
    this.bodies.set(id, body);
  }
  deleteRecord(id: string) {
    this.bodies.delete(id);
    return this.rows.delete(id);
  }
  async save() {}
}

async function main(): Promise<void> {
  const vault = new MapVault();
  for (let i = 0; i < 1000; i++) vault.putRecord(`svc_${i}`, { type: 'service', name: `s${i}` }, {});
  const records = () => new LimitRecords(vault);
  // A limit high enough never to make the benchmark wait: the cost measured is the decision alone.
  await records().setLimit('svc_1', 'cred', { requests: 100, perSeconds: 1 });
  let now = 0;
  const gate = createPoliteGate({ records, clock: { now: () => now }, shareSends: false });
  const target = { serviceId: 'svc_1', credentialId: 'cred', url: 'https://api.example.com/v1/items?page=1' };
  const unlimited = { ...target, serviceId: 'svc_2' };
  const map = new Map([['svc_1', 1]]);
  let sink = 0;
  const baselineAsync = async () => {
    sink += map.get('svc_1') ?? 0;
  };

  const time = async (f: () => Promise<unknown>) => {
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      now += 20; // 50 requests a second: under the limit, so no wait
      await f();
    }
    return ((performance.now() - t0) * 1000) / N;
  };
  for (let i = 0; i < 3; i++) {
    await time(() => gate.admit(target, 60_000));
    await time(baselineAsync);
  }
  const limited = await time(async () => {
    const a = await gate.admit(target, 60_000);
    if (a.waitMs !== 0) throw new Error('the benchmark must not wait');
  });
  const free = await time(() => gate.admit(unlimited, 60_000));
  const base = await time(baselineAsync);
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sink += map.get('svc_1') ?? 0;
  const mapLookup = ((performance.now() - t0) * 1000) / N;
  console.log(`limiter admit, credential with a limit, no wait: ${limited.toFixed(2)} µs/request (target < 100 µs)`);
  console.log(`limiter admit, service without a limit: ${free.toFixed(2)} µs/request`);
  console.log(`peer: awaited async function with a Map lookup: ${base.toFixed(2)} µs/call`);
  console.log(`peer: bare Map lookup: ${mapLookup.toFixed(3)} µs/call`);
  if (sink < 0) console.log(sink);
}

await main();
