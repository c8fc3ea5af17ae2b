/** What the unlock screen says about the last lock: why it happened, and what it dropped if anything. */
export interface LockNotice {
  text: string;
  /** Changes were lost: shown as an alert, not a quiet status line. */
  lost: boolean;
}

export function lockNotice(reason: string | null, lost: readonly string[]): LockNotice | null {
  const auto = reason === 'auto-locked';
  if (lost.length > 0) {
    const when = auto ? 'Latch locked itself after a period of inactivity' : 'Latch locked';
    return {
      text: `${when} but could not save your last changes, so they were lost: ${lost.join(', ')}. Unlock and make them again.`,
      lost: true,
    };
  }
  return auto ? { text: 'Latch locked itself after a period of inactivity.', lost: false } : null;
}
