import { describe, expect, it } from 'vitest';
import {
  formatGitCredential,
  MAX_GIT_INPUT,
  parseExpiryUtc,
  parseGitCredential,
} from '../../../main/core/integrations/git-credential-protocol';
import { codeOf } from '../../support/error-code';

describe('parseGitCredential: what git sends, and what an attacker could send instead', () => {
  it('reads key=value lines up to the blank line, CRLF endings included, array keys as lists', () => {
    expect(
      parseGitCredential(
        'protocol=https\r\nhost=example.com\r\ncapability[]=authtype\ncapability[]=state\n\nhost=late\n',
      ),
    ).toEqual({ protocol: 'https', host: 'example.com', 'capability[]': ['authtype', 'state'] });
  });

  it('a duplicated key: the last one wins, as in git itself (credential_read overwrites)', () => {
    expect(parseGitCredential('host=first.example\nhost=second.example\n').host).toBe('second.example');
  });

  it('keeps "=" inside a value and an empty value; a line without a key or without "=" is refused', () => {
    expect(parseGitCredential('password=a=b==\nusername=\n')).toEqual({ password: 'a=b==', username: '' });
    expect(codeOf(() => parseGitCredential('=value\n'))).toBe('ERR_BAD_INPUT');
    expect(codeOf(() => parseGitCredential('host\n'))).toBe('ERR_BAD_INPUT');
  });

  it('a CR inside a value stays in it (only the line ending is CRLF); in a host it is refused', () => {
    expect(parseGitCredential('password=a\rb\n').password).toBe('a\rb');
    expect(codeOf(() => parseGitCredential('host=example.com\rhost=evil.example\n'))).toBe('ERR_BAD_INPUT');
  });

  it('host is a host name or host:port only: a user name, path, query, fragment or space in it is refused', () => {
    for (const host of [
      'git.example.com',
      'git.example.com:8443',
      '[::1]:8080',
      '[2001:db8::1]',
      '127.0.0.1',
      'bücher.example',
    ])
      expect(parseGitCredential(`protocol=https\nhost=${host}\n`).host, host).toBe(host);
    for (const host of [
      'a.example@evil.example', // the service's base URL would be https://a.example@evil.example: evil.example
      'evil.example/a.example',
      'evil.example?a.example',
      'evil.example#a.example',
      'a.example evil.example',
      'a.example\tx',
      'evil.example\\a.example',
      'a.example:99999',
      'a.example:',
      'a.example:80:80',
      '::1',
      '[::1',
      'a%2eexample',
    ])
      expect(
        codeOf(() => parseGitCredential(`protocol=https\nhost=${host}\n`)),
        host,
      ).toBe('ERR_BAD_INPUT');
  });

  it('a host not written as it is read is refused: 2130706433, 127.1, 0x7f.1, 0177.0.0.1, a trailing dot', () => {
    // The URL parser reads each as 127.0.0.1 (one of a credential's hosts); a resolver that does not (Go, an
    // older curl, getaddrinfo with a trailing dot) asks DNS for the name, which anyone answering for it can point anywhere.
    for (const host of ['2130706433:18777', '127.1', '0x7f.1', '0177.0.0.1', '127.0.0.1.'])
      expect(
        codeOf(() => parseGitCredential(`protocol=https\nhost=${host}\n`)),
        host,
      ).toBe('ERR_BAD_INPUT');
    for (const url of ['https://2130706433/x', 'https://127.1:8443/'])
      expect(
        codeOf(() => parseGitCredential(`url=${url}\n`)),
        url,
      ).toBe('ERR_BAD_INPUT');
    for (const host of ['127.0.0.1:18777', 'GitHub.com', '[::1]:8443', 'git.example.com'])
      expect(parseGitCredential(`protocol=https\nhost=${host}\n`).host, host).toBe(host);
    // An IPv6 literal is that address to every reader, in any spelling (git sends it as the remote URL has it):
    // nothing to resolve, so nothing to refuse.
    for (const host of ['[0:0::1]', '[2001:0DB8::1]:8443', '[fd00:0:0:0:0:0:0:1]', '[::ffff:10.0.0.1]'])
      expect(parseGitCredential(`protocol=https\nhost=${host}\n`).host, host).toBe(host);
    expect(parseGitCredential('url=https://[2001:0db8::1]:8443/r.git\n').host).toBe('[2001:db8::1]:8443');
  });

  it('protocol is a URL scheme: one that would end the base URL elsewhere is refused', () => {
    expect(parseGitCredential('protocol=git+ssh\nhost=h.example\n').protocol).toBe('git+ssh');
    for (const protocol of ['https://evil.example/?', 'ht tp', '1http', ''])
      expect(
        codeOf(() => parseGitCredential(`protocol=${protocol}\nhost=h.example\n`)),
        protocol,
      ).toBe('ERR_BAD_INPUT');
  });

  it('refuses a NUL anywhere: git never sends one (git-credential(1)), and a host with one could be read two ways', () => {
    expect(codeOf(() => parseGitCredential('host=example.com\0.evil.example\n'))).toBe('ERR_BAD_INPUT');
    expect(codeOf(() => parseGitCredential('ho\0st=example.com\n'))).toBe('ERR_BAD_INPUT');
  });

  it('refuses input longer than git ever sends, one over-long line included', () => {
    expect(codeOf(() => parseGitCredential(`path=${'a'.repeat(MAX_GIT_INPUT)}\n`))).toBe('ERR_BAD_INPUT');
    expect(parseGitCredential(`path=${'a'.repeat(MAX_GIT_INPUT - 100)}\n`).path).toHaveLength(MAX_GIT_INPUT - 100);
  });

  it('a __proto__ key does not reach Object.prototype', () => {
    const parsed = parseGitCredential('__proto__=polluted\nconstructor=x\ntoString=y\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    expect(typeof parsed.host).toBe('undefined');
  });

  it('url= gives protocol, host (with port) and path; the userinfo trick names the real host', () => {
    expect(parseGitCredential('url=https://git.example.com:8443/team/repo.git\n')).toMatchObject({
      protocol: 'https',
      host: 'git.example.com:8443',
      path: 'team/repo.git',
    });
    expect(parseGitCredential('url=https://github.com@evil.example/x\n').host).toBe('evil.example');
    expect(parseGitCredential('url=https://github.com.evil.example/\n')).toMatchObject({
      host: 'github.com.evil.example',
    });
    expect(parseGitCredential('url=https://example.com/\n').path).toBeUndefined();
  });

  it('url= gives the path as git itself would: dot segments resolved, decoded once', () => {
    expect(parseGitCredential('url=https://h.example/team-a/%2e%2e/team-b/repo\n').path).toBe('team-b/repo');
    expect(parseGitCredential('url=https://h.example/team-a/../team-b/repo\n').path).toBe('team-b/repo');
    expect(parseGitCredential('url=https://h.example/my%20team/%252e%252e/x\n').path).toBe('my team/%2e%2e/x');
  });

  it('an explicit host wins over url=; a url that is not a URL is refused', () => {
    expect(parseGitCredential('host=example.com\nurl=https://evil.example/\n').host).toBe('example.com');
    expect(codeOf(() => parseGitCredential('url=not a url\n'))).toBe('ERR_BAD_INPUT');
    expect(codeOf(() => parseGitCredential('url=https://[::1\n'))).toBe('ERR_BAD_INPUT');
  });
});

describe("parseExpiryUtc: git's password_expiry_utc", () => {
  it('Unix seconds to milliseconds; one that is no date (beyond 8.64e15 ms), not whole seconds, or none is ignored', () => {
    expect(parseExpiryUtc('1700000000')).toBe(1_700_000_000_000);
    expect(parseExpiryUtc('8640000000000')).toBe(8.64e15);
    for (const v of ['8640000000001', '99999999999999999999', '1e10', '-5', '0', '1.5', '', 'soon', undefined])
      expect(parseExpiryUtc(v), String(v)).toBeNull();
  });
});

describe('formatGitCredential', () => {
  it('refuses a value with a line break or NUL (a stored secret could add attributes), names the key, not the value', () => {
    for (const bad of ['s3cret\nhost=evil.example', 's3cret\0x', 'a\r\nb']) {
      let message = '';
      try {
        formatGitCredential({ password: bad });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/password/);
      expect(message).not.toContain('s3cret');
    }
    expect(formatGitCredential({ username: 'u', password: 'p=q', skipped: undefined })).toBe(
      'username=u\npassword=p=q\n',
    );
  });
});
