import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  filterServices,
  isCodesOnly,
  type Searchable,
} from '../../../renderer/src/features/services/search';

const svc = (id: string, over: Partial<Searchable> = {}): Searchable => ({
  id,
  name: id,
  baseUrl: '',
  tags: [],
  favourite: false,
  credentials: [],
  ...over,
});

const list: Searchable[] = [
  svc('Acme', {
    baseUrl: 'https://api.acme.test',
    tags: ['Work', 'billing'],
    credentials: [{ name: 'prod', kind: 'api-key' }],
  }),
  svc('Beta', { tags: ['personal'], credentials: [{ name: 'login', kind: 'basic' }] }),
  svc('Cloud', {
    favourite: true,
    baseUrl: 'https://aws.example',
    credentials: [{ name: 'deploy', kind: 'aws-sigv4' }],
  }),
  svc('Delta', { tags: ['work'], credentials: [{ name: '2fa', kind: 'totp' }] }),
];
const ids = (xs: Searchable[]) => xs.map((s) => s.id);

describe('service search', () => {
  const index = buildSearchIndex(list);

  it('puts favourites first and keeps the given order otherwise', () => {
    expect(ids(filterServices(index, ''))).toEqual(['Cloud', 'Acme', 'Beta', 'Delta']);
  });

  it('matches name, URL, tag and credential kind, case-insensitively', () => {
    expect(ids(filterServices(index, 'BETA'))).toEqual(['Beta']);
    expect(ids(filterServices(index, 'acme.test'))).toEqual(['Acme']);
    expect(ids(filterServices(index, 'billing'))).toEqual(['Acme']);
    expect(ids(filterServices(index, 'totp'))).toEqual(['Delta']);
    expect(ids(filterServices(index, 'sigv4'))).toEqual(['Cloud']);
  });

  it('needs every term of a multi-word query', () => {
    expect(ids(filterServices(index, 'work totp'))).toEqual(['Delta']);
    expect(ids(filterServices(index, '  work   api-key '))).toEqual(['Acme']);
    expect(filterServices(index, 'work nothing')).toEqual([]);
  });

  it('filters by tag regardless of case and lists the tags once', () => {
    expect(ids(filterServices(index, '', 'work'))).toEqual(['Acme', 'Delta']);
    expect(ids(filterServices(index, 'acme', 'WORK'))).toEqual(['Acme']);
    expect(index.tags).toEqual(['billing', 'personal', 'Work']);
  });

  it('handles 10,000 services: right results, quick per keystroke', () => {
    const many: Searchable[] = [];
    for (let i = 0; i < 10_000; i++) {
      many.push(
        svc(`service-${i}`, {
          name: `Service ${String(i).padStart(5, '0')}`,
          baseUrl: `https://api${i}.example.com`,
          tags: [`team-${i % 7}`],
          favourite: i % 1000 === 0,
          credentials: [
            { name: 'prod', kind: i % 2 === 0 ? 'api-key' : 'bearer' },
            { name: 'mfa', kind: 'totp' },
          ],
        }),
      );
    }
    const big = buildSearchIndex(many);
    expect(filterServices(big, '')).toHaveLength(10_000);
    expect(filterServices(big, '', 'team-3')).toHaveLength(1429);
    expect(ids(filterServices(big, 'service 04242'))).toEqual(['service-4242']);
    expect(filterServices(big, 'bearer')).toHaveLength(5000);
    expect(
      filterServices(big, '')
        .slice(0, 10)
        .every((s) => s.favourite),
    ).toBe(true);
    const started = performance.now();
    for (const prefix of [
      's',
      'se',
      'ser',
      'serv',
      'servi',
      'servic',
      'service',
      'service ',
      'service 0',
      'service 04',
    ]) {
      filterServices(big, prefix);
    }
    // Generous bound for slow CI: ten keystrokes in well under a second.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('code-only services', () => {
  const codes = (id: string, over: Partial<Searchable> = {}) =>
    svc(id, { credentials: [{ name: 'dev@acme.io', kind: 'totp' }], ...over });
  const index = buildSearchIndex([
    codes('GitHub'),
    codes('Gitea', {
      credentials: [
        { name: 'a', kind: 'totp' },
        { name: 'b', kind: 'totp' },
      ],
    }),
    codes('Tagged', { tags: ['work'] }),
    codes('Site', { baseUrl: 'https://site.example' }),
    svc('Mixed', {
      credentials: [
        { name: 'mfa', kind: 'totp' },
        { name: 'key', kind: 'api-key' },
      ],
    }),
    svc('Empty'),
  ]);

  it('are services holding only one-time codes and nothing the user added', () => {
    expect(isCodesOnly(codes('x'))).toBe(true);
    expect(isCodesOnly(codes('x', { tags: ['t'] }))).toBe(false);
    expect(isCodesOnly(codes('x', { baseUrl: 'https://x.example' }))).toBe(false);
    expect(isCodesOnly(svc('x'))).toBe(false);
    expect(isCodesOnly(svc('x', { credentials: [{ name: 'k', kind: 'bearer' }] }))).toBe(false);
    expect(index.codesOnly).toBe(2);
  });

  it('stay out of the default list, even when searched, and are all the "Codes only" filter shows', () => {
    expect(ids(filterServices(index, ''))).toEqual(['Tagged', 'Site', 'Mixed', 'Empty']);
    expect(ids(filterServices(index, 'git'))).toEqual([]);
    expect(ids(filterServices(index, '', null, true))).toEqual(['GitHub', 'Gitea']);
    expect(ids(filterServices(index, 'hub', null, true))).toEqual(['GitHub']);
  });

  it('are reached from the keyboard with is:codes, and a tag with #tag', () => {
    expect(ids(filterServices(index, 'is:codes'))).toEqual(['GitHub', 'Gitea']);
    expect(ids(filterServices(index, 'is:codes hub'))).toEqual(['GitHub']);
    expect(ids(filterServices(index, '#work'))).toEqual(['Tagged']);
    expect(ids(filterServices(index, '#WORK tagged'))).toEqual(['Tagged']);
    expect(filterServices(index, '#wor')).toEqual([]);
  });
});
