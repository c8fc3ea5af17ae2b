#!/usr/bin/env node
// `npm run dist`: builds, then packages with electron-builder. electron-builder downloads
// Electron and its packaging tools on first use; when that fails it is said in one sentence
// (./plan.ts) instead of a Go or Node stack trace.
import { spawn, spawnSync } from 'node:child_process';
import { distFailureMessage, isFetchFailure } from './plan';

const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const child = spawn('npx', ['electron-builder', '--config', 'electron-builder.yml', ...process.argv.slice(2)], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
let errors = '';
let pending = '';
// electron-builder logs a failure with its stack on stdout: show its own log lines, not the stack.
child.stdout.on('data', (chunk: Buffer) => {
  const text = chunk.toString('utf8');
  output += text;
  const lines = (pending + text).split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) if (!/^\s+at /.test(line)) console.log(line.replace(/\s*stackTrace=.*$/, ''));
});
child.stderr.on('data', (chunk: Buffer) => {
  errors += chunk.toString('utf8');
});
child.on('close', (code) => {
  if (code === 0) {
    process.stderr.write(errors);
    process.exit(0);
  }
  if (isFetchFailure(output + errors)) console.error(`\nlatch: ${distFailureMessage(output + errors)}`);
  else process.stderr.write(errors);
  process.exit(code ?? 1);
});
