import type { TableOf } from '../dispatcher';
import type { HandlerServices } from '../services';

export function labHandlers({ lab }: HandlerServices): TableOf<'lab'> {
  return {
    'lab.generate': (input) => lab.generate(input),
    'lab.backupCodes': (input) => lab.backupCodes(input),
    'lab.verify': (input) => lab.verify(input),
  };
}
