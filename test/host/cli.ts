/**
 * `npm run dev:web`: start the browser host on 127.0.0.1 with a data folder of its own
 * (LATCH_DATA_DIR, default .latch-dev/ in the checkout) and print the URL to open.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHostApp } from './host-app';
import { answerQuestions, type ConfirmPolicy, confirmPolicy } from './terminal-answers';

const dataDir = resolve(process.env.LATCH_DATA_DIR ?? '.latch-dev');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const port = process.env.LATCH_HOST_PORT ? Number(process.env.LATCH_HOST_PORT) : 0;
let policy: ConfirmPolicy;
try {
  policy = confirmPolicy(process.env.LATCH_HOST_CONFIRM, process.stdin.isTTY === true);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const host = await createHostApp({ dataDir, port });
console.log(`Latch browser host for development and tests (never part of the packaged app).`);
console.log(`Data folder: ${dataDir}`);
console.log(answerQuestions(host.confirmations, policy));
console.log(`Open: ${host.url}`);
const stop = async () => {
  await host.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
