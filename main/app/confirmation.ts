/**
 * A question main asks the user itself, in its own words, before it does something a script in the
 * renderer must not be able to do on the strength of one click or key press (docs/security.md,
 * "Settings that lower protection"). The Electron shell shows a native dialog over the window; the
 * browser host, a test tool, hands the question to whoever drives it.
 */
export interface Confirmation {
  /** The question, e.g. "Turn the auto-lock off?". */
  title: string;
  /** What it changes for the user, in a sentence or two. */
  detail: string;
  /** The button that says yes; the other one is Cancel, the default and the Escape answer. */
  confirmLabel: string;
}

export interface Confirmer {
  /** True only when the user chose `confirmLabel`; Cancel, Escape or a closed window is false. */
  confirm(question: Confirmation): Promise<boolean>;
}
