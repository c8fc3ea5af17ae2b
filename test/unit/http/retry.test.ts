import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  DEFAULT_RETRY_POLICY,
  decideRetry,
  parseRetryAfter,
  type RetryPolicy,
} from '../../../main/core/http';

const NOW = Date.UTC(2025, 4, 1, 10, 0, 0);
const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
const h = (retryAfter?: string) => (retryAfter === undefined ? [] : [{ name: 'Retry-After', value: retryAfter }]);

describe('Retry-After', () => {
  it('reads delta seconds and HTTP dates relative to now', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(new Date(NOW + 7000).toUTCString(), NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW - 7000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
  });
});

describe('backoff with full jitter', () => {
  it('is uniform below min(max, base·2^(n-1))', () => {
    expect(backoffDelay(1, policy, () => 0.5)).toBe(50);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(2, policy, () => 0)).toBe(0);
  });
});

describe('decideRetry', () => {
  const r = () => 0.5;
  it('429 and 503 honour Retry-After; a too-long wait stops with a note', () => {
    expect(decideRetry({ status: 429, headers: h('2') }, 1, 'GET', policy, NOW, r)).toMatchObject({
      retry: true,
      waitMs: 2000,
    });
    expect(
      decideRetry({ status: 503, headers: h(new Date(NOW + 4000).toUTCString()) }, 1, 'POST', policy, NOW, r),
    ).toMatchObject({
      retry: true,
      waitMs: 4000,
    });
    const long = decideRetry({ status: 429, headers: h('600') }, 1, 'GET', policy, NOW, r);
    expect(long).toMatchObject({ retry: false });
    expect(long.retry === false && long.note).toMatch(/600 s/);
    expect(decideRetry({ status: 429, headers: h() }, 2, 'GET', policy, NOW, r)).toMatchObject({
      retry: true,
      waitMs: 100,
    });
  });

  it('other 5xx and connection errors back off, only for idempotent methods unless allowed', () => {
    expect(decideRetry({ status: 502, headers: [] }, 1, 'GET', policy, NOW, r)).toMatchObject({
      retry: true,
      waitMs: 50,
    });
    expect(decideRetry({ status: 502, headers: [] }, 1, 'POST', policy, NOW, r)).toMatchObject({ retry: false });
    expect(
      decideRetry({ status: 502, headers: [] }, 1, 'POST', { ...policy, retryUnsafeMethods: true }, NOW, r),
    ).toMatchObject({ retry: true });
    expect(decideRetry({ errorCode: 'ECONNRESET' }, 1, 'GET', policy, NOW, r)).toMatchObject({ retry: true });
    expect(decideRetry({ errorCode: 'ECONNRESET' }, 1, 'POST', policy, NOW, r)).toMatchObject({ retry: false });
    expect(decideRetry({ errorCode: 'ECONNREFUSED' }, 1, 'POST', policy, NOW, r)).toMatchObject({ retry: true });
    expect(decideRetry({ errorCode: 'ENOTFOUND' }, 1, 'GET', policy, NOW, r)).toMatchObject({ retry: false });
    expect(decideRetry({ status: 404, headers: [] }, 1, 'GET', policy, NOW, r)).toEqual({ retry: false, note: null });
    expect(decideRetry({ status: 501, headers: [] }, 1, 'GET', policy, NOW, r)).toEqual({ retry: false, note: null });
  });

  it('stops after maxAttempts and says so', () => {
    const d = decideRetry({ status: 500, headers: [] }, 5, 'GET', policy, NOW, r);
    expect(d).toMatchObject({ retry: false });
    expect(d.retry === false && d.note).toMatch(/5 attempts/);
    expect(decideRetry({ status: 500, headers: [] }, 1, 'GET', DEFAULT_RETRY_POLICY, NOW, r)).toEqual({
      retry: false,
      note: null,
    });
  });
});
