import { describe, expect, it } from 'vitest';
import { matchService } from '../../../main/core/integrations/service-match';
import type { ServiceSummary } from '../../../main/core/model/service';

const service = (id: string, baseUrl: string): ServiceSummary => ({
  id,
  name: id,
  baseUrl,
  tags: [],
  favourite: false,
  createdAt: 0,
  updatedAt: 0,
  credentials: [],
});
const match = (services: ServiceSummary[], want: Parameters<typeof matchService>[1]) =>
  matchService(services, want)?.id;

describe('matchService: which service a tool URL belongs to', () => {
  const host = service('host', 'https://git.example.com');
  const team = service('team', 'https://git.example.com/team/');
  const all = [team, host];

  it('with a path, the longest base path that is a whole-segment prefix; without one, the host itself', () => {
    expect(match(all, { protocol: 'https', host: 'git.example.com', path: 'team/repo.git' })).toBe('team');
    expect(match(all, { protocol: 'https', host: 'git.example.com', path: '/team/repo.git' })).toBe('team');
    expect(match(all, { protocol: 'https', host: 'git.example.com', path: 'team' })).toBe('team');
    expect(match(all, { protocol: 'https', host: 'git.example.com', path: 'other/repo.git' })).toBe('host');
    expect(match(all, { protocol: 'https', host: 'git.example.com' })).toBe('host');
  });

  it('a path that only starts with the same letters is another path (team vs teammate)', () => {
    expect(match(all, { protocol: 'https', host: 'git.example.com', path: 'teammate/repo.git' })).toBe('host');
    expect(match([team], { protocol: 'https', host: 'git.example.com', path: 'teammate/repo.git' })).toBeUndefined();
  });

  it('never across schemes: git asking for http gets nothing from an https service (no downgrade)', () => {
    expect(match(all, { protocol: 'http', host: 'git.example.com' })).toBeUndefined();
  });

  it('the host must be the same host with the same port, compared without case', () => {
    expect(match(all, { protocol: 'https', host: 'GIT.Example.COM' })).toBe('host');
    for (const other of [
      'git.example.com:8443',
      'git.example.com.evil.example',
      'evil.example',
      'example.com',
      'sub.git.example.com',
      'git.example.com\0',
      '',
    ])
      expect(match(all, { protocol: 'https', host: other }), other).toBeUndefined();
    expect(match([service('port', 'https://git.example.com:8443')], { host: 'git.example.com:8443' })).toBe('port');
  });

  it('a service whose base URL does not parse, or is empty, never matches', () => {
    const broken = [service('empty', ''), service('junk', 'not a url'), service('rel', '/team')];
    expect(match(broken, { protocol: 'https', host: 'git.example.com' })).toBeUndefined();
    expect(match([...broken, host], { host: 'git.example.com' })).toBe('host');
  });

  it('userinfo in a base URL does not change its host', () => {
    expect(match([service('u', 'https://evil.example@git.example.com/')], { host: 'git.example.com' })).toBe('u');
    expect(match([service('u', 'https://git.example.com@evil.example/')], { host: 'git.example.com' })).toBeUndefined();
  });

  describe('a path that leaves the base path on its way (.., encoded dots, backslashes)', () => {
    const a = service('team-a', 'https://git.example.com/team-a/');
    const b = service('team-b', 'https://git.example.com/team-b');
    const want = (path: string) => ({ protocol: 'https', host: 'git.example.com', path });

    // As git sends them (git-credential(1): decoded once; checked with git 2.39 in test/integration/cli/git-credential.test.ts).
    it.each([
      ['dot-dot', 'team-a/../team-b/repo.git'],
      ['dot-dot with a leading slash', '/team-a/../team-b/repo.git'],
      ['dot-dot past the root', 'team-a/../../../team-b/repo.git'],
      ['dot-dot after a dot', 'team-a/./../team-b/repo.git'],
      ['%2e%2e (git decoded %252e%252e; a server decoding twice reads ..)', 'team-a/%2e%2e/team-b/repo.git'],
      ['mixed case .%2E', 'team-a/.%2E/team-b/repo.git'],
      ['%2f as a slash after a second decoding', 'team-a%2f..%2fteam-b/repo.git'],
      ['backslashes (IIS reads them as slashes)', 'team-a\\..\\team-b/repo.git'],
      ['a query that hides the rest', 'team-a?/../../team-b/repo.git'],
      // Tomcat (and Spring on it, e.g. Bitbucket Server) drops ;parameters before resolving dots; git and curl
      // send "..;" as it is (no dot segment to them).
      ['..; (a path parameter on a dot-dot segment, Tomcat)', 'team-a/..;/team-b/repo.git'],
      ['..;x with a value', 'team-a/..;jsessionid=1/team-b/repo.git'],
      ['..%3b (the ; a second decoding makes)', 'team-a/..%3b/team-b/repo.git'],
      // Readings apply in any order: a second decoding then the backslash reading resolves this to /team-b/.
      ['..%5c (a backslash made by the second decoding)', 'team-a/..%5cteam-b/repo.git'],
      ['%255c nested deeper', 'team-a/..%255cteam-b/repo.git'],
    ])('%s: not team-a', (_what, path) => {
      expect(match([a], want(path))).toBeUndefined();
      expect(match([a, host], want(path))).toBe('host');
    });

    it('a path some server reads as team-b, another as team-a, is neither', () => {
      // Literally under team-b (a folder named %2e%2e); decoded twice, under team-a.
      expect(match([a, b], want('team-b/%2e%2e/team-a/repo.git'))).toBeUndefined();
      expect(match([a, b], want('team-b\\..\\team-a/repo.git'))).toBeUndefined();
    });

    it('dots that stay inside the base, and an encoded base path, still match', () => {
      expect(match([a, b], want('team-b/../team-a/repo.git'))).toBe('team-a');
      expect(match([a], want('team-a/x/../repo.git'))).toBe('team-a');
      expect(match([a], want('./team-a/repo.git'))).toBe('team-a');
      expect(match([a], want('team-a/..'))).toBeUndefined();
      const spaced = service('spaced', 'https://git.example.com/my%20team');
      expect(match([spaced], want('my team/repo.git'))).toBe('spaced');
      // git decoded %2520 to %20: a folder literally named my%20team to a server that decodes once.
      expect(match([spaced], want('my%20team/repo.git'))).toBeUndefined();
    });

    it('a path encoded deeper than any server decodes counts as anywhere on the host, not under team-a', () => {
      // %252525…2f: one more decoding per level, 300 levels; a slash only at the bottom.
      const deep = `team-a/..%${'25'.repeat(300)}2fteam-b/repo.git`;
      expect(match([a], want(deep))).toBeUndefined();
      expect(match([a, host], want(deep))).toBe('host');
    });
  });
});
