import { describe, expect, it } from 'vitest';
import type { TokenSet } from '../../../main/core/model/credential';
import { LatchError } from '../../../main/core/model/errors';
import { tokenStatus } from '../../../main/core/model/token-status';
import { type OAuth2Config, RefreshScheduler, type Timers } from '../../../main/core/oauth';

class FakeTime implements Timers {
  now = 1_000_000;
  #next = 1;
  readonly #timers = new Map<number, { at: number; cb: () => void }>();
  setTimeout(cb: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#timers.set(id, { at: this.now + ms, cb });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.#timers.delete(handle as number);
  }
  get pending(): number {
    return this.#timers.size;
  }
  /** Moves time forward, firing due timers in order, and lets promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.#timers].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.#timers.delete(due[0]);
      this.now = Math.max(this.now, due[1].at);
      due[1].cb();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.now = end;
  }
}

const MIN = 60_000;

function config(tokens: Partial<TokenSet>): OAuth2Config {
  return {
    provider: 'custom',
    clientId: 'c',
    clientAuth: 'none',
    scopes: '',
    grant: 'authorization_code',
    redirectUri: '',
    tokens: { accessToken: 'a', tokenType: 'Bearer', obtainedAt: 0, ...tokens },
  };
}

describe('tokenStatus', () => {
  it('tells valid, expiring (within 5 minutes), expired and no expiry apart', () => {
    const now = 10 * MIN;
    const at = (expiresAt: number | null) => tokenStatus({ present: true, expiresAt, renewable: false }, now).state;
    expect(at(now + 6 * MIN)).toBe('valid');
    expect(at(now + 5 * MIN)).toBe('expiring');
    expect(at(now + 1)).toBe('expiring');
    expect(at(now)).toBe('expired');
    expect(at(null)).toBe('no-expiry');
  });
});

describe('RefreshScheduler', () => {
  function setup(refresh: (id: string, c: OAuth2Config) => Promise<TokenSet>) {
    const time = new FakeTime();
    const saved: [string, TokenSet][] = [];
    const scheduler = new RefreshScheduler({
      clock: { now: () => time.now },
      timers: time,
      refresh,
      save: async (id, t) => {
        saved.push([id, t]);
      },
    });
    return { time, saved, scheduler };
  }

  it('refreshes 5 minutes before expiry, saves the rotated refresh token, and reschedules', async () => {
    let n = 0;
    const calls: number[] = [];
    const { time, saved, scheduler } = setup(async (_id, c) => {
      calls.push(time.now);
      n++;
      return {
        ...c.tokens!,
        accessToken: `a${n}`,
        refreshToken: `r${n}`,
        expiresAt: time.now + 60 * MIN,
        obtainedAt: time.now,
      };
    });
    const refreshed: string[] = [];
    scheduler.onRefreshed((id, t) => refreshed.push(`${id}:${t.refreshToken}`));
    scheduler.track('cred1', config({ refreshToken: 'r0', expiresAt: time.now + 60 * MIN }));
    const start = time.now;
    await time.advance(55 * MIN - 1);
    expect(calls).toHaveLength(0);
    await time.advance(1);
    expect(calls).toEqual([start + 55 * MIN]);
    expect(saved.map(([id, t]) => [id, t.refreshToken])).toEqual([['cred1', 'r1']]);
    expect(refreshed).toEqual(['cred1:r1']);
    await time.advance(55 * MIN);
    expect(saved.map(([, t]) => t.refreshToken)).toEqual(['r1', 'r2']);
  });

  it('emits "login required" on invalid_grant and stops tracking that credential', async () => {
    const { time, scheduler } = setup(async () => {
      throw new LatchError('ERR_OAUTH_LOGIN_REQUIRED', 'sign in again', { detail: { error: 'invalid_grant' } });
    });
    const login: string[] = [];
    scheduler.onLoginRequired((id, e) => login.push(`${id}:${e.code}`));
    scheduler.track('c', config({ refreshToken: 'r', expiresAt: time.now + 10 * MIN }));
    await time.advance(5 * MIN);
    expect(login).toEqual(['c:ERR_OAUTH_LOGIN_REQUIRED']);
    expect(scheduler.has('c')).toBe(false);
    expect(time.pending).toBe(0);
  });

  it('retries after other errors and reports them', async () => {
    let fail = true;
    const { time, saved, scheduler } = setup(async (_id, c) => {
      if (fail) throw new LatchError('ERR_OAUTH', 'down', { detail: { error: 'unreachable' } });
      return { ...c.tokens!, accessToken: 'new', expiresAt: time.now + 60 * MIN };
    });
    const errors: string[] = [];
    scheduler.onError((_id, e) => errors.push(String(e.detail?.error)));
    scheduler.track('c', config({ refreshToken: 'r', expiresAt: time.now + 10 * MIN }));
    await time.advance(5 * MIN);
    expect(errors).toEqual(['unreachable']);
    fail = false;
    await time.advance(MIN);
    expect(saved).toHaveLength(1);
  });

  it('renews a client credentials token by asking again', async () => {
    const { time, saved, scheduler } = setup(async (_id, c) => ({
      ...c.tokens!,
      accessToken: 'again',
      expiresAt: time.now + 60 * MIN,
    }));
    scheduler.track('m2m', { ...config({ expiresAt: time.now + 10 * MIN }), grant: 'client_credentials' });
    await time.advance(5 * MIN);
    expect(saved.map(([, t]) => t.accessToken)).toEqual(['again']);
  });

  it('warns once before a token without refresh token expires', async () => {
    const { time, scheduler } = setup(async () => {
      throw new Error('never called');
    });
    const warned: [string, number][] = [];
    const expiresAt = time.now + 20 * MIN;
    scheduler.onWillExpire((id, at) => warned.push([id, at]));
    scheduler.track('c', config({ expiresAt }));
    await time.advance(15 * MIN - 1);
    expect(warned).toEqual([]);
    await time.advance(30 * MIN);
    expect(warned).toEqual([['c', expiresAt]]);
  });

  it('does nothing for tokens without expiry; stop() on lock cancels everything; unsubscribe works', async () => {
    const calls: string[] = [];
    const { time, scheduler } = setup(async (id) => {
      calls.push(id);
      throw new Error('x');
    });
    const warned: string[] = [];
    const off = scheduler.onWillExpire((id) => warned.push(id));
    scheduler.track('forever', config({}));
    scheduler.track('a', config({ refreshToken: 'r', expiresAt: time.now + 60 * MIN }));
    scheduler.track('b', config({ expiresAt: time.now + 60 * MIN }));
    off();
    expect(time.pending).toBe(2);
    await scheduler.stop();
    expect(time.pending).toBe(0);
    scheduler.track('late', config({ refreshToken: 'r', expiresAt: time.now + MIN }));
    await time.advance(120 * MIN);
    expect(calls).toEqual([]);
    expect(warned).toEqual([]);
  });

  it('stop() waits for a refresh already under way so its rotated token is saved', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { time, saved, scheduler } = setup(async (_id, c) => {
      await gate;
      return { ...c.tokens!, refreshToken: 'rotated' };
    });
    scheduler.track('c', config({ refreshToken: 'r', expiresAt: time.now + MIN }));
    await time.advance(0);
    const stopped = scheduler.stop();
    release();
    await stopped;
    expect(saved.map(([, t]) => t.refreshToken)).toEqual(['rotated']);
  });
});
