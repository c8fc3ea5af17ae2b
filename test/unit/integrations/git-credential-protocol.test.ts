import { describe, expect, it } from 'vitest';
import {
  formatGitCredential,
  MAX_GIT_INPUT,
  parseGitCredential,
} from '../../../main/core/integrations/git-credential-protocol';
import { codeOf } from './error-code';

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

  it('a CR inside a value stays in it (only the line ending is CRLF), so it can never match a host', () => {
    expect(parseGitCredential('host=example.com\rhost=evil.example\n').host).toBe('example.com\rhost=evil.example');
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
