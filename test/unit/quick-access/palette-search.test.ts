import { describe, expect, it } from 'vitest';
import { USERNAME_FIELD, USERNAME_LABEL } from '../../../preload/contract';
import { paletteActions } from '../../../renderer/src/features/quick-access/palette-actions';
import {
  type PaletteService,
  paletteItems,
  searchPalette,
} from '../../../renderer/src/features/quick-access/palette-search';

const SERVICES: PaletteService[] = [
  {
    id: 's1',
    name: 'Stripe',
    baseUrl: 'https://api.stripe.com',
    tags: ['payments'],
    favourite: false,
    credentials: [
      { id: 'c1', name: 'live key', kind: 'api-key' },
      { id: 'c2', name: 'test key', kind: 'api-key' },
    ],
  },
  {
    id: 's2',
    name: 'GitHub',
    baseUrl: 'https://api.github.com',
    tags: ['code'],
    favourite: true,
    credentials: [
      { id: 'c3', name: 'PAT', kind: 'bearer' },
      { id: 'c4', name: '2FA', kind: 'totp' },
    ],
  },
  {
    id: 's3',
    name: 'Staging DB',
    baseUrl: '',
    tags: [],
    favourite: false,
    credentials: [{ id: 'c5', name: 'admin', kind: 'basic' }],
  },
  { id: 's4', name: 'Empty', baseUrl: '', tags: [], favourite: true, credentials: [] },
];
const items = paletteItems(SERVICES);
const names = (q: string) => searchPalette(items, q).map((i) => `${i.serviceName}/${i.credentialName}`);

describe('palette search', () => {
  it('lists one entry per credential; an empty query puts favourites first, then by name', () => {
    expect(items).toHaveLength(5);
    expect(names('')).toEqual(['GitHub/2FA', 'GitHub/PAT', 'Staging DB/admin', 'Stripe/live key', 'Stripe/test key']);
  });
  it('needs every term somewhere: service, credential, kind, URL or tag', () => {
    expect(names('stripe live')).toEqual(['Stripe/live key']);
    expect(names('payments test')).toEqual(['Stripe/test key']);
    expect(names('totp')).toEqual(['GitHub/2FA']);
    expect(names('api.github')).toEqual(['GitHub/PAT', 'GitHub/2FA'].sort());
    expect(names('nothing-like-this')).toEqual([]);
  });
  it('ranks names that start with the query first, case-insensitively', () => {
    expect(names('st')[0]).toBe('Staging DB/admin');
    expect(names('ST').slice(0, 3)).toEqual(['Staging DB/admin', 'Stripe/live key', 'Stripe/test key']);
    expect(names('adm')).toEqual(['Staging DB/admin']);
  });
  it('respects the limit', () => {
    expect(searchPalette(items, '', 2)).toHaveLength(2);
  });
});

describe('palette actions', () => {
  it('offers the primary copy first, username only for kinds that have one, and the request tester last', () => {
    expect(paletteActions('basic').map((a) => a.id)).toEqual(['primary', 'username', 'env', 'reference', 'requests']);
    expect(paletteActions('api-key').map((a) => a.id)).toEqual(['primary', 'env', 'reference', 'requests']);
    expect(paletteActions('totp')[0]?.label).toBe('Copy current code');
    // The second action says what it copies, for every kind that has one.
    expect(paletteActions('aws-sigv4')[1]?.label).toBe('Copy access key ID');
    expect(paletteActions('oauth2')[1]?.label).toBe('Copy client ID');
    expect(paletteActions('basic')[1]?.label).toBe('Copy username');
    expect(Object.keys(USERNAME_LABEL).sort()).toEqual(Object.keys(USERNAME_FIELD).sort());
  });
});
