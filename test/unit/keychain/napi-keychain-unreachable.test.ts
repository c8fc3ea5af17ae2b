import { afterEach, describe, expect, it } from 'vitest';
import { NapiKeychain } from '../../../main/core/keychain/napi-keychain';
import { probeOsKeychain } from '../../../main/core/keychain/status';

// A machine without a D-Bus session bus (ssh, containers, CI): the library's entry constructor
// itself throws there. Every call must still answer "not reachable", never throw something else.
const saved = { bus: process.env.DBUS_SESSION_BUS_ADDRESS, runtime: process.env.XDG_RUNTIME_DIR };
afterEach(() => {
  for (const [name, value] of [
    ['DBUS_SESSION_BUS_ADDRESS', saved.bus],
    ['XDG_RUNTIME_DIR', saved.runtime],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe.runIf(process.platform === 'linux')('NapiKeychain without a D-Bus session bus', () => {
  it('available() is false; get, set and delete throw ERR_KEYCHAIN_UNAVAILABLE', async () => {
    delete process.env.DBUS_SESSION_BUS_ADDRESS;
    delete process.env.XDG_RUNTIME_DIR;
    const keychain = new NapiKeychain({ service: 'Latch unit test' });
    expect(await keychain.available()).toBe(false);
    for (const op of [() => keychain.get('k'), () => keychain.set('k', 'v'), () => keychain.delete('k')]) {
      await expect(op()).rejects.toMatchObject({ code: 'ERR_KEYCHAIN_UNAVAILABLE' });
    }
    expect(await probeOsKeychain(keychain)).toMatchObject({ reachable: false });
  });
});
