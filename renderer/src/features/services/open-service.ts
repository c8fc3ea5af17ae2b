/**
 * Other screens (Health) open a service page by leaving its id here before navigating;
 * the Services screen takes it when it mounts. One slot, read once.
 */
let pending: string | null = null;

export function requestOpenService(id: string): void {
  pending = id;
}

export function takeRequestedService(): string | null {
  const id = pending;
  pending = null;
  return id;
}
