#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts and prints its figures (`name: value unit`).
// Benchmarks that need the OS keychain or Chromium run inside scripts/with-peers.mjs.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const only = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of files) {
  console.log(`\n# bench/${file}`);
  const r = spawnSync('node', ['scripts/with-peers.mjs', 'npx', 'tsx', `bench/${file}`], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
