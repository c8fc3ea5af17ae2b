import { describe, expect, it } from 'vitest';
import {
  BODY_LIMIT,
  cutUtf8,
  HISTORY_LIMIT,
  RequestRecords,
  requestRecordId,
  resolveRequestUrl,
} from '../../../main/core/requests';
import { MemoryRecordVault } from '../credentials/memory-record-vault';

describe('request records', () => {
  it('keeps the newest HISTORY_LIMIT per service; the index entry holds counts only', async () => {
    const v = new MemoryRecordVault();
    const r = new RequestRecords(v);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await r.addHistory('svc_a', { id: `h${i}`, url: `/secret-path/${i}` });
    const h = await r.history('svc_a');
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]?.id).toBe(`h${HISTORY_LIMIT + 4}`);
    expect(v.entries().get(requestRecordId('svc_a'))).toEqual({
      type: 'request-history',
      serviceId: 'svc_a',
      count: HISTORY_LIMIT,
      saved: 0,
    });
    expect(JSON.stringify([...v.entries()])).not.toContain('secret-path');
    expect(await r.history('svc_b')).toEqual([]);
    expect(await r.history(null)).toEqual([]);
  });

  it('an emptied record is deleted; orphans of deleted services are pruned', async () => {
    const v = new MemoryRecordVault();
    const r = new RequestRecords(v);
    await r.addHistory('svc_a', { id: 'h1' });
    await r.save('svc_gone', { id: 's1' });
    await r.save(null, { id: 's2' });
    await r.clearHistory('svc_a');
    expect(v.entries().has(requestRecordId('svc_a'))).toBe(false);
    expect(await r.pruneOrphans((id) => id !== 'svc_gone')).toBe(1);
    expect(await r.saved('svc_gone')).toEqual([]);
    expect(await r.saved(null)).toHaveLength(1);
    await expect(r.deleteSaved(null, 'nope')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('cutUtf8 stops at BODY_LIMIT bytes on a character boundary', () => {
    expect(cutUtf8('short')).toEqual({ text: 'short', cut: false });
    const { text, cut } = cutUtf8(`a${'€'.repeat(BODY_LIMIT)}`);
    expect(cut).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(BODY_LIMIT);
    expect(text.endsWith('€')).toBe(true);
    expect(text).not.toContain('\uFFFD');
  });

  it('a path is relative to the base URL; a full URL is kept', () => {
    expect(resolveRequestUrl('/v1/x?a=1', 'https://api.example.com/')).toBe('https://api.example.com/v1/x?a=1');
    expect(resolveRequestUrl('/v1', 'https://api.example.com/base')).toBe('https://api.example.com/base/v1');
    expect(resolveRequestUrl('https://other.test/p', 'https://api.example.com')).toBe('https://other.test/p');
    expect(resolveRequestUrl('/v1', '')).toBe('/v1');
  });
});
