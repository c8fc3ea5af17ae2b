/**
 * The one spelling of each screen's name: the sidebar, the page title, tooltips and the docs
 * use these ("Import & export", never "Import and export"). The screen matrix
 * (test/e2e/screens.spec.ts) checks that every page's title is its sidebar label.
 */
export const ROUTE_NAMES = {
  services: 'Services',
  totp: 'Codes',
  oauth: 'OAuth & JWT',
  requests: 'Requests',
  audit: 'Audit',
  health: 'Health',
  transfer: 'Import & export',
  settings: 'Settings',
  about: 'About',
} as const;
