#!/usr/bin/env node
// `npm test`: everything, in order: typecheck, lint, build, unit, integration, the same
// command-line and browser-host tests on a bare machine (scripts/bare-machine.mjs), end-to-end.
// Integration and end-to-end tests run inside scripts/with-peers.mjs (a private D-Bus
// session with an unlocked gnome-keyring). Ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { BARE_TESTS } from './bare-tests.mjs';

const reports = 'test-results/reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  {
    name: 'unit',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/unit.json`,
    ],
    report: { kind: 'vitest', file: `${reports}/unit.json` },
  },
  {
    name: 'integration',
    cmd: [
      'node',
      'scripts/with-peers.mjs',
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/integration.json`,
    ],
    report: { kind: 'vitest', file: `${reports}/integration.json` },
  },
  {
    // The tests that reach the keychain or the clipboard, and the browser-host channel tests, again
    // on a bare machine: no D-Bus session (no keychain), no DISPLAY (no clipboard), a fresh HOME.
    // The list (bare-tests.mjs) is checked against the code by test/unit/ci/bare-selection.test.ts.
    name: 'bare',
    cmd: [
      'node',
      'scripts/bare-machine.mjs',
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      ...BARE_TESTS,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/bare.json`,
    ],
    report: { kind: 'vitest', file: `${reports}/bare.json` },
  },
  {
    name: 'e2e',
    cmd: ['node', 'scripts/with-peers.mjs', 'npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` },
    report: { kind: 'playwright', file: `${reports}/e2e.json` },
  },
];

function counts(report) {
  if (!report || !existsSync(report.file)) return null;
  const data = JSON.parse(readFileSync(report.file, 'utf8'));
  if (report.kind === 'vitest')
    return {
      passed: data.numPassedTests,
      failed: data.numFailedTests,
      skipped: data.numPendingTests + data.numTodoTests,
    };
  const s = data.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0), skipped: s.skipped ?? 0 };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];
const started = Date.now();
for (const step of steps) {
  const t0 = Date.now();
  console.log(`\n=== ${step.name} ===`);
  const r = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const c = counts(step.report);
  if (c) {
    totals.passed += c.passed;
    totals.failed += c.failed;
    totals.skipped += c.skipped;
  }
  const ok = r.status === 0;
  if (!ok) {
    failedSteps.push(step.name);
    if (!c) totals.failed += 1;
  }
  console.log(
    `=== ${step.name}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s${c ? ` (${c.passed} passed, ${c.failed} failed)` : ''}`,
  );
  // A broken typecheck, lint or build makes later steps meaningless noise; stop there.
  if (!ok && !step.report) break;
}
console.log(
  `\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s${failedSteps.length ? `; failed steps: ${failedSteps.join(', ')}` : ''}`,
);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length === 0 ? 0 : 1);
