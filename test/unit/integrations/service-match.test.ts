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
});
