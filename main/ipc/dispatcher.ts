/**
 * The transport-independent half of IPC: looks a channel up in the contract, validates
 * the payload against its schema, runs the handler, and validates what it returns.
 * Parsing the output through its schema also strips any field the contract does not
 * name, so a handler cannot leak more than the contract allows.
 */
import type { z } from 'zod';
import type { Envelope } from '../../preload/api';
import { type ChannelArgs, type ChannelName, type Channels, channels, isChannelName } from '../../preload/contract';
import { LatchError, toErrorPayload } from '../core/model/errors';
import { forSurface } from '../core/vault/save-failure';

export interface CallContext {
  transport: 'electron-ipc' | 'browser-host';
}

export type Handler<K extends ChannelName> = (
  args: ChannelArgs<K>,
  ctx: CallContext,
) => Promise<z.input<Channels[K]['output']>> | z.input<Channels[K]['output']>;

export type HandlerTable = { [K in ChannelName]: Handler<K> };

/** The handlers of some namespaces' channels, the union derived from the contract: `TableOf<'vault'>`. */
export type TableOf<NS extends string> = Pick<HandlerTable, Extract<ChannelName, `${NS}.${string}`>>;

export type Dispatch = (channel: unknown, payload: unknown, ctx: CallContext) => Promise<Envelope>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

export interface DispatcherHooks {
  onInternalError?: (channel: string, e: unknown) => void;
  /**
   * Before a gesture channel runs: the preload served it for a press of the user's own (a page script cannot
   * make one), so it is the user's activity, for auto-lock. No other channel counts: a script may call those
   * at will.
   */
  onUserAction?: () => void;
}

export function createDispatcher(table: HandlerTable, hooks: DispatcherHooks = {}): Dispatch {
  const { onInternalError, onUserAction } = hooks;
  return async (channel, payload, ctx) => {
    if (!isChannelName(channel)) {
      return {
        ok: false,
        error: { code: 'ERR_UNKNOWN_CHANNEL', message: `There is no channel named "${String(channel).slice(0, 80)}".` },
      };
    }
    const spec = channels[channel];
    const parsed = spec.input.safeParse(payload ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'ERR_BAD_INPUT', message: `Invalid input for ${channel}: ${describeIssues(parsed.error)}.` },
      };
    }
    try {
      if (spec.gesture === true) onUserAction?.();
      const handler = table[channel] as Handler<ChannelName>;
      const result = await handler(parsed.data as ChannelArgs<ChannelName>, ctx);
      const out = spec.output.safeParse(result);
      if (!out.success) {
        throw new LatchError('ERR_INTERNAL', `Latch produced an invalid answer for ${channel}.`, { cause: out.error });
      }
      return { ok: true, value: out.data };
    } catch (e) {
      if (!(e instanceof LatchError) || e.code === 'ERR_INTERNAL') onInternalError?.(channel, e);
      return { ok: false, error: toErrorPayload(forSurface(e, 'app')) };
    }
  };
}

/** For channels that answer `{ ok: true }` once the call is done: one line per handler, no comma tricks. */
export async function okAfter(work: unknown): Promise<{ ok: true }> {
  await work;
  return { ok: true };
}
