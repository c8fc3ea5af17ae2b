/** A conventional environment variable name for a service's credential field: STRIPE_API_KEY. */
export function envVarName(...parts: string[]): string {
  const name = parts
    .join('_')
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return /^[0-9]/.test(name) ? `_${name}` : name || 'SECRET';
}

/**
 * One dotenv line that reads back exactly: bare when the value is plain, single-quoted
 * (literal) when it has no quote or newline, otherwise double-quoted with \\ \" \n \r escapes.
 */
export function envLine(name: string, value: string): string {
  if (/^[A-Za-z0-9_./:@+-]*$/.test(value)) return `${name}=${value}`;
  if (!/['\n\r]/.test(value)) return `${name}='${value}'`;
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return `${name}="${escaped}"`;
}
