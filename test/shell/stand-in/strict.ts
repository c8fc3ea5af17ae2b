/**
 * The stand-in offers only what it implements: reading any other property of an Electron
 * object is recorded and throws, so a call main makes that the stand-in does not model
 * fails the test (even if main swallows the throw, the fixture checks the record).
 */
export class Unoffered {
  readonly names: string[] = [];
}

const PASS = new Set(['then', 'toJSON', 'constructor', 'asymmetricMatch', 'nodeType', '$$typeof']);

export function strict<T extends object>(name: string, target: T, unoffered: Unoffered): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || PASS.has(prop) || prop in t) {
        const value = Reflect.get(t, prop, receiver);
        // Private fields need the real object as `this`, not the proxy.
        return typeof value === 'function' && typeof prop === 'string' && !/^[A-Z]/.test(prop) ? value.bind(t) : value;
      }
      const what = `${name}.${prop}`;
      unoffered.names.push(what);
      throw new Error(`electron stand-in: ${what} is not offered (add it, typed against electron.d.ts)`);
    },
  });
}
