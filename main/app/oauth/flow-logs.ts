/**
 * The request logs of each credential's last OAuth flows, kept in memory only (entries are
 * redacted, but who signed in where belongs to the running session, not to a file).
 */
import { isLatchError } from '../../core/model/errors';
import { FlowRequestLog } from '../../core/oauth';
import type { Clock } from '../../core/platform';
import type { FlowLog } from './oauth-types';

const MAX_ENTRIES = 200;
/** Flows kept per credential: enough to see a sign-in and the refreshes that followed it. */
export const KEPT_FLOWS = 5;

function errorPayload(e: unknown): { code: string; message: string } {
  if (isLatchError(e)) return { code: e.code, message: e.message };
  return { code: 'ERR_INTERNAL', message: 'The flow failed unexpectedly.' };
}

function copy(log: FlowLog): FlowLog {
  return { ...log, entries: [...log.entries] };
}

export class FlowLogs {
  /** Newest first. */
  readonly #logs = new Map<string, FlowLog[]>();
  /** Each running log's own record: a cancelled flow ending late must not mark its successor. */
  readonly #records = new WeakMap<FlowRequestLog, FlowLog>();

  constructor(private readonly clock: Clock) {}

  /** Starts a flow's record; what the returned log records lands in it. */
  begin(credentialId: string, flow: string): FlowRequestLog {
    const log = new FlowRequestLog();
    const record: FlowLog = {
      flow,
      startedAt: this.clock.now(),
      finishedAt: null,
      outcome: 'running',
      error: null,
      entries: [],
    };
    const kept = [record, ...(this.#logs.get(credentialId) ?? [])].slice(0, KEPT_FLOWS);
    this.#logs.set(credentialId, kept);
    this.#records.set(log, record);
    log.onEntry((entry) => {
      if (record.entries.length < MAX_ENTRIES) record.entries.push({ ...entry });
    });
    return log;
  }

  end(log: FlowRequestLog, outcome: FlowLog['outcome'], error: unknown): void {
    const record = this.#records.get(log);
    if (!record) return;
    record.finishedAt = this.clock.now();
    record.outcome = outcome;
    record.error = error === null ? null : errorPayload(error);
  }

  /**
   * Runs `work` as one logged flow: cancelled or failed when it throws; when it resolves,
   * `outcomeOf` decides (a revocation the server asked to retry resolves but is not "ok").
   */
  async run<T>(
    credentialId: string,
    flow: string,
    work: (log: FlowRequestLog) => Promise<T>,
    outcomeOf: (value: T) => 'ok' | 'failed' = () => 'ok',
  ): Promise<T> {
    const log = this.begin(credentialId, flow);
    try {
      const value = await work(log);
      this.end(log, outcomeOf(value), null);
      return value;
    } catch (e) {
      this.end(log, isLatchError(e) && e.code === 'ERR_CANCELLED' ? 'cancelled' : 'failed', e);
      throw e;
    }
  }

  latest(credentialId: string): FlowLog | null {
    const log = this.#logs.get(credentialId)?.[0];
    return log ? copy(log) : null;
  }

  /** The last KEPT_FLOWS flows, newest first. */
  recent(credentialId: string): FlowLog[] {
    return (this.#logs.get(credentialId) ?? []).map(copy);
  }

  forget(credentialId: string): void {
    this.#logs.delete(credentialId);
  }
}
