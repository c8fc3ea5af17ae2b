import { describe, expect, it } from 'vitest';
import { isLatchError } from '../../../main/core/model/errors';
import { BoundHost, normalizeHost } from '../../../main/core/model/host-binding';
import { assertMayGo, boundHosts, hostVerdict, isLoopback } from '../../../main/core/security/host-binding';

const stripe = { baseUrl: 'https://api.stripe.com/v1', hosts: [], approvedOrigins: [] };
const at = (url: string, binding = stripe as Parameters<typeof hostVerdict>[1]) => hostVerdict(new URL(url), binding);

describe('host binding: where a credential may go without asking', () => {
  it("goes to its service's base URL host over HTTPS, whatever the path or default port", () => {
    expect(at('https://api.stripe.com/v1/charges?x=1')).toEqual({ send: true });
    expect(at('https://API.Stripe.com:443/')).toEqual({ send: true });
  });

  it('asks for any other host, naming it, and for a look-alike', () => {
    for (const [url, host] of [
      ['https://evil.example/v1/charges', 'evil.example'],
      ['https://api.stripe.com.evil.example/', 'api.stripe.com.evil.example'],
      ['https://stripe.com/', 'stripe.com'],
      ['https://uploads.stripe.com/', 'uploads.stripe.com'],
      ['https://api.stripe.com:8443/', 'api.stripe.com:8443'],
    ] as const)
      expect(at(url)).toEqual({ send: false, host, origin: `https://${host}`, reason: 'unbound-host' });
  });

  it('asks before plain HTTP, even to its own host, unless the host is loopback', () => {
    expect(at('http://api.stripe.com/v1')).toMatchObject({ send: false, reason: 'plain-http', host: 'api.stripe.com' });
    const local = { baseUrl: 'http://127.0.0.1:8080', hosts: ['localhost:9000'], approvedOrigins: [] };
    expect(at('http://127.0.0.1:8080/x', local)).toEqual({ send: true });
    expect(at('http://localhost:9000/x', local)).toEqual({ send: true });
    // Loopback is no exemption from the binding: another local port is another program.
    expect(at('http://127.0.0.1:9999/x', local)).toMatchObject({ send: false, reason: 'unbound-host' });
  });

  it('goes to hosts the user added to the credential, and to origins approved once', () => {
    const b = { ...stripe, hosts: ['files.stripe.com'], approvedOrigins: ['https://hooks.example'] };
    expect(at('https://files.stripe.com/x', b)).toEqual({ send: true });
    expect(at('https://hooks.example/in', b)).toEqual({ send: true });
    // An approval is for one origin: not plain HTTP to the same host, not another port.
    expect(at('http://hooks.example/in', b)).toMatchObject({ send: false });
    expect(at('https://hooks.example:444/in', b)).toMatchObject({ send: false });
  });

  it('with no base URL and no hosts, every host is asked for', () => {
    expect(at('https://api.example.com/', { baseUrl: '', hosts: [], approvedOrigins: [] })).toMatchObject({
      send: false,
      reason: 'unbound-host',
    });
  });

  it('--allow-host lets one run through, plain HTTP included', () => {
    expect(at('http://evil.example/', { ...stripe, allowHosts: ['Evil.Example'] })).toEqual({ send: true });
    expect(at('http://evil.example/', { ...stripe, allowHosts: ['other.example'] })).toMatchObject({ send: false });
  });

  it('knows loopback from look-alikes', () => {
    for (const h of ['localhost', 'app.localhost', '127.0.0.1', '127.8.9.10', '[::1]'])
      expect(isLoopback(h)).toBe(true);
    for (const h of ['localhost.evil.example', '127.0.0.1.nip.io', '10.0.0.1', '[::2]', 'example.com'])
      expect(isLoopback(h)).toBe(false);
    // The URL parser turns other spellings of 127.0.0.1 into it before the check.
    expect(isLoopback(new URL('http://0x7f.1/').hostname)).toBe(true);
  });

  it('reads hosts as a URL does, and refuses anything that is not one host', () => {
    expect(normalizeHost(' API.Example.com ')).toBe('api.example.com');
    expect(normalizeHost('host:8443')).toBe('host:8443');
    expect(normalizeHost('host:443')).toBe('host');
    expect(normalizeHost('bücher.example')).toBe('xn--bcher-kva.example');
    for (const bad of ['', 'https://a.example', 'a.example/path', 'user@a.example', 'a b', 'a.example?x', 'host:99999'])
      expect(normalizeHost(bad), bad).toBeNull();
    expect(BoundHost.safeParse('a.example/x').success).toBe(false);
    expect(boundHosts({ baseUrl: 'https://a.example/x', hosts: ['B.example', 'a.example'] })).toEqual([
      'a.example',
      'b.example',
    ]);
  });

  it('the refusal names the host and the way out, never the credential value', () => {
    let thrown: unknown;
    try {
      assertMayGo(
        'https://evil.example/x',
        { name: 'live key', ...stripe },
        stripe.baseUrl,
        (h) => `--allow-host ${h}`,
      );
    } catch (e) {
      thrown = e;
    }
    expect(isLatchError(thrown) && thrown.code).toBe('ERR_HOST_NOT_ALLOWED');
    expect(isLatchError(thrown) && thrown.detail).toEqual({
      host: 'evil.example',
      origin: 'https://evil.example',
      reason: 'unbound-host',
      bound: 'api.stripe.com',
    });
    expect(String((thrown as Error).message)).toContain('--allow-host evil.example');
    expect(() => assertMayGo('not a url', { name: 'k', ...stripe }, stripe.baseUrl, () => '')).not.toThrow();
  });
});
