/**
 * The two Electron IPC names that carry the whole contract. Channel names proper live
 * only in contract.ts; these are the envelopes they travel in.
 */
export const IPC_INVOKE = 'latch:invoke';
export const IPC_EVENT = 'latch:event';
