import { describe, expect, it } from 'vitest';
import { MfaLab } from '../../../main/app/lab/mfa-lab';
import { isLatchError } from '../../../main/core/model/errors';
import { totpCode } from '../../../main/core/totp';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 10);
const lab = new MfaLab({ clock: { now: () => NOW } });
const SHAPE = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

describe('the MFA lab', () => {
  it('generates an enrolment: a secret, its set-up link and QR code', async () => {
    const g = await lab.generate({ issuer: 'Lab', account: 'me', ...SHAPE });
    expect(g.uri).toContain(`secret=${g.secret}`);
    expect(g.uri).toContain('issuer=Lab');
    expect(g.svg).toContain('<svg');
    // With neither issuer nor account the link still has a label authenticator apps accept.
    expect((await lab.generate({ issuer: ' ', account: '', ...SHAPE })).uri).toContain('lab-user');
  });

  it('verifies codes within the window, from the secret or from the link', async () => {
    const g = await lab.generate({ issuer: 'Lab', account: 'me', ...SHAPE });
    const current = totpCode({ secret: g.secret }, NOW);
    expect(lab.verify({ secret: g.secret, code: current, window: 1, ...SHAPE })).toEqual({ valid: true, delta: 0 });
    const late = totpCode({ secret: g.secret }, NOW - 30_000);
    expect(lab.verify({ uri: g.uri, code: late, window: 1, ...SHAPE })).toEqual({ valid: true, delta: -1 });
    expect(lab.verify({ uri: g.uri, code: late, window: 0, ...SHAPE })).toEqual({ valid: false, delta: null });
    expect(lab.verify({ secret: g.secret, code: '000000x', window: 0, ...SHAPE })).toEqual({
      valid: false,
      delta: null,
    });
  });

  it('a link wins over the shape given beside it (it names its own digits)', async () => {
    const g = await lab.generate({ issuer: 'Lab', account: 'me', algorithm: 'SHA256', digits: 8, period: 60 });
    const code = totpCode({ secret: g.secret, algorithm: 'SHA256', digits: 8, period: 60 }, NOW);
    expect(lab.verify({ uri: g.uri, code, window: 0, ...SHAPE }).valid).toBe(true);
  });

  it('refuses to verify against nothing', () => {
    const e = (() => {
      try {
        lab.verify({ code: '123456', window: 1, ...SHAPE });
      } catch (err) {
        return err;
      }
    })();
    expect(isLatchError(e) && e.code).toBe('ERR_BAD_INPUT');
  });
});
