import { z } from 'zod';

/** The screens the menu, the tray, a shortcut or the palette can ask the main window to show. */
export const AppRoute = z.enum([
  'services',
  'totp',
  'oauth',
  'requests',
  'audit',
  'health',
  'transfer',
  'settings',
  'about',
  'lock',
  'quick-access',
]);
export type AppRoute = z.infer<typeof AppRoute>;
