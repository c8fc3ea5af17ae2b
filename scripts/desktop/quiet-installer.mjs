// Loaded with --import into Electron's own installer (node_modules/electron/install.js) by
// scripts/desktop/start.ts: its progress bar still goes to the terminal, but what it prints
// with console.error (a stack trace on failure) goes to fd 3, where the start script reads it
// to name the cause in one sentence.
import { writeSync } from 'node:fs';

const original = console.error;
console.error = (...args) => {
  try {
    writeSync(3, `${args.map(String).join(' ')}\n`);
  } catch {
    original(...args);
  }
};
