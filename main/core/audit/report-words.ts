import type { AuditCategory, CheckStatus } from '../model/audit-report';

export const CATEGORY_TITLES: Record<AuditCategory, string> = {
  transport: 'Transport',
  authentication: 'Authentication',
  headers: 'Headers',
  cookies: 'Cookies',
  'rate-limit': 'Rate limiting',
  clock: 'Clock',
};

export const STATUS_WORDS: Record<CheckStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  skipped: 'SKIPPED',
};
