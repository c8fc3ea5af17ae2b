import { describe, expect, it } from 'vitest';
import { parseBase32Secret } from '../../../main/core/totp';
import {
  describeVerdict,
  groupCode,
  problemBlocksSave,
  secondsLeft,
  secretProblem,
  secretProblemText,
} from '../../../renderer/src/features/totp/format';

describe('Codes screen display helpers', () => {
  it('groups codes into two halves', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('1234567')).toBe('1234 567');
    expect(groupCode('12345678')).toBe('1234 5678');
    expect(groupCode('FR8RV')).toBe('FR8RV');
  });

  it('points at the same bad character as main does', () => {
    const cases = [
      'jbsw y3dp ehpk 3pxp',
      'JBSW0Y3DPEHPK3PXP',
      'JBSWY3DPEHPK3PX1',
      'JBSWY3DPEHPK3PXP==',
      'JBSW=Y3DPEHPK3PXP',
      'JBSWY3DP',
      'J',
      '',
    ];
    for (const text of cases) {
      const problem = secretProblem(text);
      let mainPosition: unknown = null;
      let mainFailed = false;
      try {
        parseBase32Secret(text);
      } catch (e) {
        mainFailed = true;
        mainPosition = (e as { detail?: { position?: number } }).detail?.position ?? null;
      }
      expect(problemBlocksSave(problem), text).toBe(mainFailed);
      if (problem?.kind === 'char') expect(problem.position, text).toBe(mainPosition);
    }
    expect(secretProblem('JBSW0Y3DPEHPK3PXP')).toEqual({ kind: 'char', position: 5 });
    expect(secretProblem('JBSWY3DP')).toEqual({ kind: 'short', bytes: 5 });
    // Short keys are saved with a warning, as main accepts them; one character is not a key.
    expect(problemBlocksSave(secretProblem('JBSWY3DP'))).toBe(false);
    expect(problemBlocksSave(secretProblem('J'))).toBe(true);
    expect(secretProblemText({ kind: 'short', bytes: 5 })).toMatch(/only 5 bytes/);
    expect(secretProblem('  ')).toEqual({ kind: 'empty' });
  });

  it('says which way a verified code was off', () => {
    expect(describeVerdict(true, 0)).toBe('Valid, current step');
    expect(describeVerdict(true, -1)).toBe('Valid, 1 step late');
    expect(describeVerdict(true, 2)).toBe('Valid, 2 steps early');
    expect(describeVerdict(false, null)).toBe('Not valid');
  });

  it('counts whole seconds left', () => {
    expect(secondsLeft(30_000, 0)).toBe(30);
    expect(secondsLeft(30_000, 29_001)).toBe(1);
    expect(secondsLeft(30_000, 31_000)).toBe(0);
  });
});
