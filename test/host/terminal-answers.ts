/**
 * Who answers main's questions in `npm run dev:web` (the desktop app shows a native dialog): the
 * terminal the host runs in, each question printed with its answer. LATCH_HOST_CONFIRM=yes or no
 * fixes the answer (scripts, a terminal with no keyboard); without it, and with no terminal to ask,
 * the answer is no. Never yes without saying so.
 */
import { createInterface } from 'node:readline/promises';
import type { ConfirmQueue } from './confirm-queue';

export type ConfirmPolicy = { answer: 'yes' | 'no'; why: string } | { answer: 'ask' };

/** How questions are answered, from LATCH_HOST_CONFIRM and whether there is a terminal to ask. */
export function confirmPolicy(setting: string | undefined, interactive: boolean): ConfirmPolicy {
  if (setting === 'yes' || setting === 'no') return { answer: setting, why: `LATCH_HOST_CONFIRM=${setting}` };
  if (setting !== undefined && setting !== '')
    throw new Error(`LATCH_HOST_CONFIRM is "${setting}": set it to yes or no, or leave it unset to be asked here.`);
  return interactive
    ? { answer: 'ask' }
    : { answer: 'no', why: 'no terminal to ask; LATCH_HOST_CONFIRM=yes says yes to all' };
}

/** Starts answering; returns the line that tells the user how their questions are answered. */
export function answerQuestions(queue: ConfirmQueue, policy: ConfirmPolicy): string {
  void (async () => {
    for (;;) {
      const { question, answer } = await queue.next();
      console.log(`\nLatch asks: ${question.title}\n  ${question.detail.replaceAll('\n', '\n  ')}`);
      if (policy.answer !== 'ask') {
        console.log(`  Answered ${policy.answer} (${policy.why}).`);
        answer(policy.answer === 'yes');
        continue;
      }
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      const reply = await rl.question(`  ${question.confirmLabel}? [y/N] `);
      rl.close();
      answer(/^y(es)?$/i.test(reply.trim()));
    }
  })();
  return policy.answer === 'ask'
    ? 'Questions main asks (a setting that lowers protection) are asked here, in this terminal.'
    : `Questions main asks (a setting that lowers protection) are answered ${policy.answer} (${policy.why}).`;
}
