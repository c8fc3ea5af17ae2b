import { describe, expect, it } from 'vitest';
import { BridgeError, createClient } from '../../../preload/api';
import { composeForTest } from './test-services';

describe('the typed client built from the contract', () => {
  it('calls through a transport and throws BridgeError with the code', async () => {
    const { dispatch, events } = composeForTest();
    const latch = createClient({
      invoke: (channel, input) => dispatch(channel, input, { transport: 'browser-host' }),
      subscribe: (event, listener) => events.subscribe((name, payload) => name === event && listener(payload)),
    });
    expect(await latch.app.ping({ echo: 'x' })).toEqual({ echo: 'x' });
    const error = await latch.settings.update({ clipboardClearSeconds: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).code).toBe('ERR_BAD_INPUT');

    const seen: string[] = [];
    const off = latch.settings.onChanged((s) => seen.push(s.theme));
    await latch.settings.update({ theme: 'dark' });
    off();
    await latch.settings.update({ theme: 'light' });
    expect(seen).toEqual(['dark']);
  });
});
