/** "1:05:09", "4:59", "0:07": time left, from main's expiresAt and the renderer's clock. */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** A time in the user's own time zone, with the zone named. */
export function localTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
}

export const GRANT_LABEL: Record<string, string> = {
  authorization_code: 'Authorization code + PKCE',
  client_credentials: 'Client credentials',
  device_code: 'Device code',
  implicit: 'Implicit (legacy)',
};

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : 'That did not work.';
}
