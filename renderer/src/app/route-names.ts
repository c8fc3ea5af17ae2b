/**
 * The one spelling of each screen's name: the sidebar, the page title, tooltips and the docs
 * use these ("Import & export", never "Import and export").
 */
export const ROUTE_NAMES = {
  services: 'Services',
  totp: 'Codes',
  oauth: 'OAuth & JWT',
  requests: 'Requests',
  audit: 'Audit',
  health: 'Health',
  transfer: 'Import & export',
} as const;
