/**
 * The screens of the unlocked app, in sidebar order. A feature adds itself here with its
 * route, label, icon and page component; App renders whichever is current.
 */
import type { ReactNode } from 'react';
import type { AppRoute } from '../../../preload/contract';
import { AuditPage } from '../features/audit/AuditPage';
import { HealthPage } from '../features/health/HealthPage';
import { OAuthPage } from '../features/oauth/OAuthPage';
import { RequestsPage } from '../features/requests/RequestsPage';
import { ServicesPage } from '../features/services/ServicesPage';
import { TotpPage } from '../features/totp/TotpPage';
import { TransferPage } from '../features/transfer/TransferPage';
import type { IconName } from '../ui';
import { ROUTE_NAMES } from './route-names';

export interface RouteEntry {
  route: AppRoute;
  label: string;
  icon: IconName;
  render: (nav: (route: AppRoute) => void) => ReactNode;
}

export const MAIN_ROUTES: RouteEntry[] = [
  { route: 'services', label: ROUTE_NAMES.services, icon: 'services', render: () => <ServicesPage /> },
  { route: 'totp', label: ROUTE_NAMES.totp, icon: 'totp', render: () => <TotpPage /> },
  { route: 'oauth', label: ROUTE_NAMES.oauth, icon: 'oauth', render: () => <OAuthPage /> },
  { route: 'requests', label: ROUTE_NAMES.requests, icon: 'requests', render: () => <RequestsPage /> },
  { route: 'audit', label: ROUTE_NAMES.audit, icon: 'audit', render: () => <AuditPage /> },
  { route: 'health', label: ROUTE_NAMES.health, icon: 'health', render: (nav) => <HealthPage nav={nav} /> },
  { route: 'transfer', label: ROUTE_NAMES.transfer, icon: 'transfer', render: (nav) => <TransferPage nav={nav} /> },
];
