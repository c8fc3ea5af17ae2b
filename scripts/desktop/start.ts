#!/usr/bin/env node
// `npm start` (and `npm run dev`): checks Node, makes sure the Electron binary is there (running Electron's own
// installer when it is not), then builds and starts the desktop app with electron-vite.
// Every way it can stop is one sentence from ./plan.ts, never a stack trace.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { electronPackageDir, gatherFacts } from './electron-install';
import { downloadFailureMessage, planStart } from './plan';

function stop(message: string): never {
  console.error(`\nlatch: ${message}`);
  process.exit(1);
}

/** Runs install.js with its progress bar on the terminal and its error text captured. */
function runElectronInstaller(): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', join(import.meta.dirname, 'quiet-installer.mjs'), join(electronPackageDir(), 'install.js')],
      { stdio: ['ignore', 'inherit', 'inherit', 'pipe'] },
    );
    let output = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', (e) => resolve({ ok: false, output: e.message }));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

async function main(): Promise<void> {
  let plan = planStart(gatherFacts());
  if (plan.kind === 'download') {
    const facts = gatherFacts();
    const mirror = process.env.ELECTRON_MIRROR || undefined;
    console.log(
      `Downloading Electron ${facts.electronVersion} for ${process.platform}-${process.arch} (once; about 100 MB)${mirror ? ` from ${mirror}` : ''}…`,
    );
    const result = await runElectronInstaller();
    plan = planStart(gatherFacts());
    if (!result.ok || plan.kind === 'download')
      stop(downloadFailureMessage(result.output, facts.electronVersion, mirror));
  }
  if (plan.kind === 'stop') stop(plan.message);
  if (plan.kind !== 'run') return;
  // electron-vite reads ELECTRON_EXEC_PATH before path.txt, so an override needs no install.
  // `npm run dev` comes through here too (--dev): the same binary check, then the dev server.
  const dev = process.argv.includes('--dev');
  const args = process.argv.slice(2).filter((a) => a !== '--dev');
  const child = spawn('npx', ['electron-vite', dev ? 'dev' : 'preview', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ELECTRON_EXEC_PATH: plan.executable },
  });
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((e: unknown) => stop(`the start script failed: ${e instanceof Error ? e.message : String(e)}`));
