import type { GotField } from '../core/agent/protocol';
import type { Located } from '../core/credentials/service-store';

/** The field read from a located credential, with the names around it: what `latch get` prints. */
export function gotField(located: Located & { field: string }, value: string): GotField {
  const c = located.credential;
  return { service: located.service.name, credential: c.name, kind: c.kind, field: located.field, value };
}

/** `latch get`'s output: exactly the value and one newline, even when the value itself ends in one (a PEM key). */
export function fieldOutput(got: GotField, json: boolean): string {
  return json ? `${JSON.stringify(got, null, 2)}\n` : `${got.value}\n`;
}
