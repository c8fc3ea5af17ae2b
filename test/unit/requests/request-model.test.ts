import { describe, expect, it } from 'vitest';
import {
  type Draft,
  emptyDraft,
  normalizeDraft,
  queryRows,
  toSend,
  withRows,
  withUrl,
} from '../../../renderer/src/features/requests/request-model';

const base = emptyDraft('https://api.example.com');
const row = (name: string, value: string, enabled = true) => ({ name, value, enabled });

describe('the URL box and the Params table are one state', () => {
  it('reads a query as rows, decoded, in order, duplicates kept, fragment ignored', () => {
    expect(queryRows('https://x.test/a?q=a+b&tag=1&tag=2&e=%C3%A9&flag&=v#frag?x=1')).toEqual([
      row('q', 'a b'),
      row('tag', '1'),
      row('tag', '2'),
      row('e', 'é'),
      row('flag', ''),
      row('', 'v'),
    ]);
    expect(queryRows('https://x.test/a')).toEqual([]);
    expect(queryRows('/path?bad=%E0%A4%A')).toEqual([row('bad', '%E0%A4%A')]);
  });

  it('typing a URL replaces the rows of the last one', () => {
    let d = withUrl(base, 'https://a.test/one?stale=1&keep=2');
    expect(d.query).toEqual([row('stale', '1'), row('keep', '2')]);
    d = withUrl(d, 'https://b.test/two?fresh=3');
    expect(d.query).toEqual([row('fresh', '3')]);
    d = withUrl(d, 'https://b.test/two');
    expect(d.query).toEqual([]);
  });

  it('unticked rows stay in the table, out of the URL, and are never sent', () => {
    let d = withUrl(base, 'https://a.test/?a=1&b=2');
    d = withRows(d, [row('a', '1'), row('b', '2', false)]);
    expect(d.url).toBe('https://a.test/?a=1');
    d = withUrl(d, 'https://a.test/?a=1&c=3');
    expect(d.query).toEqual([row('a', '1'), row('c', '3'), row('b', '2', false)]);
    const sent = toSend(d);
    expect(sent.url).toBe('https://a.test/?a=1&c=3');
    expect(sent.query.every((r) => !r.enabled)).toBe(true);
  });

  it('editing a row rewrites the URL, encoded, keeping path and fragment', () => {
    let d = withUrl(base, 'https://a.test/v1/items?x=1#top');
    d = withRows(d, [row('x', 'a b&c=d'), row('é', '€'), row('', 'unnamed')]);
    expect(d.url).toBe('https://a.test/v1/items?x=a%20b%26c%3Dd&%C3%A9=%E2%82%AC#top');
    expect(queryRows(d.url)).toEqual([row('x', 'a b&c=d'), row('é', '€')]);
    d = withRows(d, []);
    expect(d.url).toBe('https://a.test/v1/items#top');
  });

  it('sends the URL as shown, without its fragment, and no ticked row twice', () => {
    const d = withUrl(base, '/v1/items?limit=10#frag');
    expect(toSend(d)).toMatchObject({ url: '/v1/items?limit=10', query: [] });
    expect(toSend(withUrl(base, 'https://a.test/x'))).toMatchObject({ url: 'https://a.test/x', query: [] });
  });

  it('a request stored with rows beside the URL comes back with them in the URL', () => {
    const old: Draft = { ...base, url: 'https://a.test/list', query: [row('page', '2'), row('off', 'x', false)] };
    const n = normalizeDraft(old);
    expect(n.url).toBe('https://a.test/list?page=2');
    expect(n.query).toEqual(old.query);
    // A URL with a query of its own wins: rows that were stale beside it do not come back.
    const stale: Draft = { ...base, url: 'https://a.test/list?page=3', query: [row('stale', '1')] };
    expect(normalizeDraft(stale).query).toEqual([row('page', '3')]);
    expect(toSend(normalizeDraft(stale)).url).toBe('https://a.test/list?page=3');
  });
});
