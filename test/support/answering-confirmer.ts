/** A Confirmer that gives one answer to every question and keeps the questions main asked. */
import type { Confirmation, Confirmer } from '../../main/app/confirmation';

export function answering(yes: boolean): Confirmer & { asked: Confirmation[] } {
  const asked: Confirmation[] = [];
  return {
    asked,
    confirm: async (question) => {
      asked.push(question);
      return yes;
    },
  };
}
