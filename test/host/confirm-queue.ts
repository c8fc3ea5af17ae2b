/**
 * The browser host's answer to main's questions (main/app/confirmation.ts): it has no native dialog,
 * so each question waits here until whoever drives the host answers it. An e2e test reads the
 * question main wrote and says yes or no; `npm run dev:web` answers from its terminal (cli.ts). A
 * question nobody answers stays open: nothing is ever approved by default.
 */
import type { Confirmation, Confirmer } from '../../main/app/confirmation';

export interface OpenQuestion {
  question: Confirmation;
  answer(yes: boolean): void;
}

export class ConfirmQueue implements Confirmer {
  /** Every question main asked, answered or not, in order. */
  readonly asked: Confirmation[] = [];
  readonly #open: OpenQuestion[] = [];
  readonly #waiting: ((q: OpenQuestion) => void)[] = [];

  confirm(question: Confirmation): Promise<boolean> {
    this.asked.push(question);
    return new Promise((resolve) => {
      const open: OpenQuestion = { question, answer: resolve };
      const waiter = this.#waiting.shift();
      if (waiter) waiter(open);
      else this.#open.push(open);
    });
  }

  /** The oldest question not yet handed out, as soon as main asks one. */
  next(): Promise<OpenQuestion> {
    const open = this.#open.shift();
    if (open) return Promise.resolve(open);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Answers the next question main asks, and says which it was. */
  async answerNext(yes: boolean): Promise<Confirmation> {
    const { question, answer } = await this.next();
    answer(yes);
    return question;
  }
}
