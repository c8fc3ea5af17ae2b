import { describe, expect, it } from 'vitest';
import { lockNotice } from '../../../renderer/src/features/vault/lock-notice';

describe('the unlock screen notice after a lock', () => {
  it('names what a lock dropped, as an alert', () => {
    const notice = lockNotice('auto-locked', ['service "GitHub"', 'rate limits']);
    expect(notice?.lost).toBe(true);
    expect(notice?.text).toContain('service "GitHub", rate limits');
    expect(notice?.text).toContain('period of inactivity');
    // Still named after later status changes (a settings event replaces the reason).
    expect(lockNotice('settings', ['service "GitHub"'])?.text).toContain('service "GitHub"');
  });

  it('says only why after an auto-lock that lost nothing, and nothing after a manual lock', () => {
    expect(lockNotice('auto-locked', [])).toEqual({
      text: 'Latch locked itself after a period of inactivity.',
      lost: false,
    });
    expect(lockNotice('locked', [])).toBeNull();
  });
});
