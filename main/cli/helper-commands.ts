// argv[2] of the helper processes latch starts itself; kept apart so the entry point can test for them
// without loading the helpers' code.
export const CLEAR_CLIPBOARD_COMMAND = '__clear-clipboard';
export const AGENT_COMMAND = '__agent';
/** argv[2] of the shell completion scripts' call back: `latch __complete -- WORDS...` (completion/complete.ts). */
export const COMPLETE_COMMAND = '__complete';
