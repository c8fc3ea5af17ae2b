const DAY = 86_400_000;

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** "in 3 days", "today", "2 days ago": for expiry and due dates. */
export function relativeDays(ms: number, now = Date.now()): string {
  const days = Math.round((ms - now) / DAY);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The value a date input holds for a timestamp, in local time. */
export function toDateInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A date input's value as the end of that local day, so "expires on" includes the day itself. */
export function fromDateInput(value: string): number | null {
  if (value === '') return null;
  const ms = new Date(`${value}T23:59:59`).getTime();
  return Number.isFinite(ms) ? ms : null;
}
