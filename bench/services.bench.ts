/**
 * Services screen: filtering 10,000 services per keystroke (renderer/src/features/services/search.ts),
 * and opening one service page (ServiceStore.view: decrypt one record of a real 10,000-service vault).
 *   npx tsx bench/services.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryFor, SERVICE_RECORD_PREFIX, type ServiceBody } from '../main/core/credentials/service-records';
import { ServiceStore } from '../main/core/credentials/service-store';
import type { Credential } from '../main/core/model/credential';
import { systemClock } from '../main/core/platform';
import { createVault, openVault } from '../main/core/vault';
import { buildSearchIndex, filterServices } from '../renderer/src/features/services/search';

const SERVICES = 10_000;
const password = 'benchmark password';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const ms = (x: number) => x.toFixed(3);

function body(i: number): ServiceBody {
  const now = Date.now();
  const credential = (name: string, kind: 'api-key' | 'bearer'): Credential =>
    ({
      id: `cred_${i}_${name}`,
      name,
      kind,
      fields:
        kind === 'api-key'
          ? { value: `sk_live_${randomUUID()}`, header: 'Authorization', prefix: 'Bearer ' }
          : { token: `tok_${randomUUID()}${randomUUID()}` },
      createdAt: now,
      updatedAt: now,
      expiresAt: i % 50 === 0 ? now - 86_400_000 : null,
      rotation: i % 10 === 0 ? { everyDays: 90, lastRotatedAt: now } : {},
    }) as Credential;
  return {
    v: 1,
    name: `Service ${String(i).padStart(5, '0')} ${['payments', 'search', 'storage', 'mail'][i % 4]}`,
    baseUrl: `https://api${i}.example.com`,
    tags: [`team-${i % 7}`, i % 2 === 0 ? 'prod' : 'staging'],
    notes: `Created for the benchmark, service ${i}.`,
    favourite: i % 500 === 0,
    createdAt: now,
    updatedAt: now,
    credentials: [credential('production', 'api-key'), credential('ci', 'bearer')],
  };
}

// ---- filtering, as the renderer does it ----
const summaries = Array.from({ length: SERVICES }, (_, i) => {
  const b = body(i);
  return {
    id: `${SERVICE_RECORD_PREFIX}${i}`,
    ...b,
    credentials: b.credentials.map((c) => ({ name: c.name, kind: c.kind })),
  };
});
const buildRuns: number[] = [];
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  buildSearchIndex(summaries);
  buildRuns.push(performance.now() - t);
}
const index = buildSearchIndex(summaries);
const typed = ['service 04242', 'payments team-3', 'api77.example', 'bearer', 'zzz no match'];
const perKeystroke: number[] = [];
for (let warm = 0; warm < 3; warm++) filterServices(index, 'warm up');
for (const query of typed) {
  for (let n = 1; n <= query.length; n++) {
    const t = performance.now();
    filterServices(index, query.slice(0, n));
    perKeystroke.push(performance.now() - t);
  }
}
console.log(`services_search_index_build_10000: ${ms(median(buildRuns))} ms`);
console.log(`services_filter_10000_per_keystroke: ${ms(median(perKeystroke))} ms`);
console.log(`services_filter_10000_per_keystroke_max: ${ms(Math.max(...perKeystroke))} ms`);

// ---- opening a service page against a real vault ----
const dir = mkdtempSync(join(tmpdir(), 'latch-bench-services-'));
try {
  const path = join(dir, 'vault.latch');
  const { vault } = await createVault({ path, password, iterations: 100_000 });
  for (let i = 0; i < SERVICES; i++) {
    const b = body(i);
    vault.putRecord(`${SERVICE_RECORD_PREFIX}${i}`, entryFor(b) as never, b as never);
  }
  await vault.save();
  vault.lock();

  // Reopened, so every record read below is decrypted from the file's bytes, not a cache.
  const opened = await openVault({ path, password });
  const store = new ServiceStore(opened, systemClock);
  if (store.summaries().length !== SERVICES) throw new Error('wrong service count');
  const open: number[] = [];
  for (let r = 0; r < 50; r++) {
    const id = `${SERVICE_RECORD_PREFIX}${(r * 197) % SERVICES}`;
    const t = performance.now();
    const view = await store.view(id);
    open.push(performance.now() - t);
    if (view.credentials.length !== 2) throw new Error('wrong credential count');
  }
  console.log(`service_page_open: ${ms(median(open))} ms`);
  const listRuns: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    store.summaries();
    listRuns.push(performance.now() - t);
  }
  console.log(`services_list_10000: ${ms(median(listRuns))} ms`);
  opened.lock();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
