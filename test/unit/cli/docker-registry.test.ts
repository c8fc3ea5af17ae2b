import { describe, expect, it } from 'vitest';
import { MAX_SERVER_URL, parseDockerRegistry } from '../../../main/core/integrations/docker-registry';

const refusal = (text: string) => {
  try {
    parseDockerRegistry(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`accepted ${text}`);
};

describe('a registry address as Docker sends it (registryurl.Parse)', () => {
  it('a bare host, host:port, and a URL with a scheme and path', () => {
    expect(parseDockerRegistry('ghcr.io')).toEqual({ key: 'ghcr.io', host: 'ghcr.io', origin: 'https://ghcr.io' });
    expect(parseDockerRegistry('localhost:5000\n')).toEqual({
      key: 'localhost:5000',
      host: 'localhost:5000',
      origin: 'https://localhost:5000',
    });
    expect(parseDockerRegistry('https://index.docker.io/v1/')).toEqual({
      key: 'index.docker.io/v1',
      host: 'index.docker.io',
      origin: 'https://index.docker.io',
    });
    expect(parseDockerRegistry('http://Registry.Example:8080/x?y=1').origin).toBe('http://registry.example:8080');
    expect(parseDockerRegistry('//ghcr.io').key).toBe('ghcr.io');
  });

  it('one registry whatever the spelling: the scheme, case, trailing slash and query are not part of the key', () => {
    const keys = ['ghcr.io', 'https://ghcr.io/', 'GHCR.io', 'http://ghcr.io?x=1'].map(
      (s) => parseDockerRegistry(s).key,
    );
    expect(new Set(keys)).toEqual(new Set(['ghcr.io']));
    expect(parseDockerRegistry('index.docker.io').key).not.toBe(parseDockerRegistry('index.docker.io/v1/').key);
  });

  it('refuses what registryurl.Parse refuses, with its messages, and a user name or password in the address', () => {
    expect(refusal('')).toBe('no credentials server URL');
    expect(refusal('ftp://ghcr.io')).toBe('unsupported scheme: ftp');
    expect(refusal('https://')).toMatch(/not a host|no hostname/);
    expect(refusal('https://me:pw@ghcr.io')).toMatch(/user name or password/);
    expect(refusal(`${'a'.repeat(MAX_SERVER_URL)}.io`)).toMatch(/longer than/);
  });

  it('refuses a host not written as it is read (Docker, in Go, would look 2130706433 or 127.1 up in DNS)', () => {
    for (const text of ['2130706433:5000', '127.1:5000', 'https://0x7f.1:5000/', '0177.0.0.1', '127.0.0.1.:5000'])
      expect(refusal(text), text).toMatch(/not written the way Docker reads it/);
    for (const text of [
      '127.0.0.1:5000',
      'GHCR.io',
      'https://[::1]:5000/v2/',
      'localhost:5000',
      '[2001:0db8::1]:5000',
      'https://[0:0:0:0:0:0:0:1]:5000',
    ])
      expect(parseDockerRegistry(text).host, text).not.toBe('');
  });
});
