import type { Header } from '../http/wire';

/** One audit request as the checks need it: the status and headers, or why there was none. */
export type ProbeOutcome =
  | {
      ok: true;
      status: number;
      headers: readonly Header[];
      /** The first characters of the body, to tell JSON from HTML when Content-Type lies. */
      bodyStart: string;
      sentAtMs: number;
      receivedAtMs: number;
    }
  | { ok: false; error: string };

export const refused = (o: ProbeOutcome | null) => o?.ok === true && (o.status === 401 || o.status === 403);
export const accepted = (o: ProbeOutcome | null) => o?.ok === true && o.status >= 200 && o.status < 300;
export const describe = (o: ProbeOutcome) => (o.ok ? `HTTP ${o.status}` : o.error);
