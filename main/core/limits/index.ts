export { LimitRecords, type LimitVault, MAX_BLOCK_MS, SERVICE_KEY } from './limit-records';
export { type Admission, createPoliteGate, endpointOf, type GateTarget, type PoliteGate } from './polite-gate';
export { DEFAULT_MAX_WAIT_MS, type PoliteOptions, politeSend } from './polite-send';
export { nextSlot, pruneTimes } from './send-slot';
