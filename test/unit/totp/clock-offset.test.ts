import { describe, expect, it } from 'vitest';
import { clockOffset } from '../../../main/core/totp';
import { catchLatchError } from './helpers/catch-error';

const at = (iso: string) => Date.parse(iso);

describe('clockOffset', () => {
  it('is about zero for a synced clock', () => {
    const r = clockOffset({
      dateHeader: 'Tue, 14 Nov 2023 22:13:20 GMT',
      receivedAtMs: at('2023-11-14T22:13:20.400Z'),
    });
    expect(r).toEqual({ offsetMs: 100, uncertaintyMs: 500, thresholdMs: 15_000, large: false });
  });

  it('flags 15 s or more for 30 s codes, in either direction', () => {
    const behind = clockOffset({
      dateHeader: 'Tue, 14 Nov 2023 22:13:40 GMT',
      receivedAtMs: at('2023-11-14T22:13:20.000Z'),
    });
    expect(behind).toMatchObject({ offsetMs: 20_500, large: true });
    const ahead = clockOffset({
      dateHeader: 'Tue, 14 Nov 2023 22:13:00 GMT',
      receivedAtMs: at('2023-11-14T22:13:15.500Z'),
    });
    expect(ahead).toMatchObject({ offsetMs: -15_000, large: false }); // within the header's half-second uncertainty
    const ahead2 = clockOffset({
      dateHeader: 'Tue, 14 Nov 2023 22:13:00 GMT',
      receivedAtMs: at('2023-11-14T22:13:16.000Z'),
    });
    expect(ahead2).toMatchObject({ offsetMs: -15_500, large: true });
  });

  it('scales the threshold with the period', () => {
    const r = clockOffset({
      dateHeader: 'Tue, 14 Nov 2023 22:13:40 GMT',
      receivedAtMs: at('2023-11-14T22:13:20.000Z'),
      period: 60,
    });
    expect(r).toMatchObject({ thresholdMs: 30_000, large: false });
  });

  it('uses the round-trip midpoint when the send time is known', () => {
    const r = clockOffset({
      dateHeader: 'Tue, 14 Nov 2023 22:13:20 GMT',
      sentAtMs: at('2023-11-14T22:13:19.000Z'),
      receivedAtMs: at('2023-11-14T22:13:21.000Z'),
    });
    expect(r).toMatchObject({ offsetMs: 500, uncertaintyMs: 1500 });
  });

  it('refuses a header that is not an HTTP date', () => {
    expect(catchLatchError(() => clockOffset({ dateHeader: 'yesterday', receivedAtMs: 0 })).code).toBe('ERR_BAD_INPUT');
    expect(catchLatchError(() => clockOffset({ dateHeader: '2023', receivedAtMs: 0 })).code).toBe('ERR_BAD_INPUT');
  });
});
