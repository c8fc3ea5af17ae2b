import type { CliSession } from '../app/cli-session';
import type { GotField } from '../core/agent/protocol';

/** The field a reference names, with the names around it: what `latch get` prints (in the agent or not). */
export async function readField(session: CliSession, reference: string): Promise<GotField> {
  const { located, value } = await session.secrets.resolve(reference);
  const c = located.credential;
  return { service: located.service.name, credential: c.name, kind: c.kind, field: located.field, value };
}

/** `latch get`'s output: exactly the value and one newline, even when the value itself ends in one (a PEM key). */
export function fieldOutput(got: GotField, json: boolean): string {
  return json ? `${JSON.stringify(got, null, 2)}\n` : `${got.value}\n`;
}
