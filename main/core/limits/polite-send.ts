import type { HttpEngine, SendOptions } from '../http/engine';
import type { HttpRequestInput } from '../http/request';
import type { HttpResponse } from '../http/response';
import { abortableSleep } from '../http/retry';
import type { GateTarget, PoliteGate } from './polite-gate';

export interface PoliteOptions extends SendOptions {
  /** Longer waits are refused with ERR_RATE_LIMITED instead of hanging (default 2 minutes). */
  maxWaitMs?: number;
  /** Told before each wait: the tester shows it, the CLI prints it with --verbose. */
  onWait?: (waitMs: number, reason: string | null) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const DEFAULT_MAX_WAIT_MS = 120_000;

/** engine.send, waiting first for the rate limit and any remembered Retry-After, and remembering a new one. */
export async function politeSend(
  engine: HttpEngine,
  gate: PoliteGate,
  target: GateTarget | null,
  input: HttpRequestInput,
  options: PoliteOptions = {},
): Promise<HttpResponse> {
  const { maxWaitMs = DEFAULT_MAX_WAIT_MS, onWait, sleep = abortableSleep, ...send } = options;
  if (target === null) return engine.send(input, send);
  const response = await engine.send(input, {
    ...send,
    beforeAttempt: async (attempt) => {
      await send.beforeAttempt?.(attempt);
      const a = await gate.admit(target, maxWaitMs);
      if (a.waitMs > 0) {
        onWait?.(a.waitMs, a.reason);
        await sleep(a.waitMs, send.signal);
      }
    },
  });
  await gate.observe(target, response.status, response.headers);
  return response;
}
