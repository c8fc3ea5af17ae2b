/**
 * The master password meter's estimate, from zxcvbn-ts (the maintained successor of Dropbox's
 * zxcvbn): dictionaries, keyboard patterns, l33t and dates, not a character-class count. It
 * guides; the one rule that refuses is the length rule in core (MASTER_PASSWORD_RULE).
 */
import type { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';

export interface Strength {
  score: 0 | 1 | 2 | 3 | 4;
  label: string;
  /** How long a slow offline attack (10,000 guesses a second) would take, in words. */
  crackTime: string;
  /** What makes it weak, when zxcvbn knows ("This is a commonly used password."). */
  warning: string | null;
}

const LABELS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

export function describeStrength(result: Pick<ZxcvbnResult, 'score' | 'crackTimes' | 'feedback'>): Strength {
  return {
    score: result.score,
    label: LABELS[result.score],
    crackTime: result.crackTimes.offlineSlowHashingXPerSecond.display,
    warning: result.feedback.warning || null,
  };
}

let estimator: Promise<ZxcvbnFactory> | null = null;

/** The estimator with its dictionaries, loaded once on first use (about 1 MB the app need not parse at start). */
export function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(
    ([core, common, en]) =>
      new core.ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  );
  return estimator;
}

export async function passwordStrength(password: string, userInputs: string[] = []): Promise<Strength> {
  return describeStrength((await loadEstimator()).check(password, userInputs));
}
