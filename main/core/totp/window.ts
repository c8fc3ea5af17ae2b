/** The RFC 6238 time step T = floor(unixSeconds / period), with T0 = 0. */
export function timeStep(nowMs: number, period: number): number {
  return Math.floor(nowMs / 1000 / period);
}

/** Whole seconds left before the code shown at `nowMs` changes (1..period), as the countdown shows it. */
export function secondsRemaining(nowMs: number, period: number): number {
  return Math.ceil(windowEndsAt(nowMs, period) / 1000 - nowMs / 1000);
}

/** The instant (ms) the window containing `nowMs` ends and the next code starts. */
export function windowEndsAt(nowMs: number, period: number): number {
  return (timeStep(nowMs, period) + 1) * period * 1000;
}
