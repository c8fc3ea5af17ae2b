/**
 * The typed API built from the contract, and the transport-independent client that
 * builds it. Electron's preload and the renderer's browser-host bridge both use
 * `createClient`; only the two small transport functions differ.
 */
import { type ErrorCode, type ErrorPayload, isErrorCode } from '../main/core/model/errors';
import {
  CHANNEL_NAMES,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  channels,
  EVENT_NAMES,
  type EventName,
  type EventPayload,
} from './contract';

export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

type NamespaceOf<K extends string> = K extends `${infer NS}.${string}` ? NS : never;
type Namespaces = NamespaceOf<ChannelName> | NamespaceOf<EventName>;

type MethodsOf<NS extends string> = {
  // biome-ignore lint/complexity/noBannedTypes: `{} extends X` is how to ask whether every input field is optional
  [K in ChannelName as K extends `${NS}.${infer M}` ? M : never]: {} extends ChannelInput<K>
    ? (input?: ChannelInput<K>) => Promise<ChannelOutput<K>>
    : (input: ChannelInput<K>) => Promise<ChannelOutput<K>>;
};
type EventsOf<NS extends string> = {
  [E in EventName as E extends `${NS}.${infer N}` ? `on${Capitalize<N>}` : never]: (
    listener: (payload: EventPayload<E>) => void,
  ) => () => void;
};

export type LatchApi = { [NS in Namespaces]: MethodsOf<NS> & EventsOf<NS> };

/** An error from main, as the renderer sees it: a code to switch on and a message to show. */
export class BridgeError extends Error {
  override readonly name = 'BridgeError';
  readonly code: ErrorCode;
  readonly detail: ErrorPayload['detail'];
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = isErrorCode(payload.code) ? payload.code : 'ERR_INTERNAL';
    this.detail = payload.detail;
  }
}

export interface Transport {
  invoke(channel: ChannelName, input: unknown): Promise<Envelope>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

/**
 * The frame's transient user activation: set only by a real click or key press, never by a
 * script's synthetic events. In Electron this runs in the preload's isolated world, where
 * the page cannot replace `navigator`. Outside a browser (unit tests) there is no user to ask.
 */
function userIsActive(): boolean {
  const nav = (globalThis as { navigator?: { userActivation?: { isActive: boolean } } }).navigator;
  return nav?.userActivation === undefined ? true : nav.userActivation.isActive;
}

/**
 * The event that starts each press of a key, a mouse button or a finger. Only the start: a click
 * is pointerdown, mousedown, pointerup, mouseup and click, and a script listening between them
 * would otherwise get a round from each.
 */
const USER_INPUT = ['pointerdown', 'keydown'];

/**
 * One call per gesture channel per user input. A frame's activation lasts seconds after a click
 * (Chromium: 5 s) and a call does not use it up, so a script that waited for any click could
 * call `totp.useBackupCode` for every index (every recovery code spent) or copy secret after
 * secret. Each press (its first trusted event: a script cannot make one, `isTrusted`) starts a new
 * round, in which each gesture channel is served once; a held key's repeats are the same press. Listened for in the capture phase of the window, so
 * before any listener of the page's. Outside a browser (unit tests) there is no input to count.
 */
function gestureRounds(): (channel: string) => boolean {
  const target = globalThis as {
    addEventListener?: (
      type: string,
      fn: (e: { isTrusted: boolean; repeat?: boolean }) => void,
      capture: boolean,
    ) => void;
  };
  if (typeof target.addEventListener !== 'function') return () => true;
  const used = new Set<string>();
  for (const type of USER_INPUT)
    target.addEventListener(
      type,
      (e) => {
        // A held key's auto-repeats (~30/s) are one press, not a round each.
        if (e.isTrusted && e.repeat !== true) used.clear();
      },
      true,
    );
  return (channel) => {
    if (used.has(channel)) return false;
    used.add(channel);
    return true;
  };
}

export function createClient(transport: Transport): LatchApi {
  const firstInRound = gestureRounds();
  const api: Record<string, Record<string, unknown>> = {};
  const ns = (name: string) => {
    api[name] ??= {};
    return api[name];
  };
  for (const channel of CHANNEL_NAMES) {
    const [space, method] = channel.split('.') as [string, string];
    const needsGesture = channels[channel].gesture;
    ns(space)[method] = async (input?: unknown) => {
      if (needsGesture && (!userIsActive() || !firstInRound(channel))) {
        throw new BridgeError({
          code: 'ERR_FORBIDDEN_SENDER',
          message: 'This needs a click or key press: try again from the button.',
        });
      }
      const envelope = await transport.invoke(channel, input ?? {});
      if (envelope.ok) return envelope.value;
      throw new BridgeError(envelope.error);
    };
  }
  for (const event of EVENT_NAMES) {
    const [space, name] = event.split('.') as [string, string];
    ns(space)[`on${name.charAt(0).toUpperCase()}${name.slice(1)}`] = (listener: (p: unknown) => void) =>
      transport.subscribe(event, listener);
  }
  return Object.freeze(api) as unknown as LatchApi;
}
