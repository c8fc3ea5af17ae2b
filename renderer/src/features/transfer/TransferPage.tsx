import type { AppRoute } from '../../../../preload/contract';
import { ROUTE_NAMES } from '../../app/route-names';
import { requestOpenService } from '../services/open-service';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

export function TransferPage({ nav }: { nav: (route: AppRoute) => void }) {
  const openService = (serviceId: string) => {
    requestOpenService(serviceId);
    nav('services');
  };
  return (
    <section className="page" aria-labelledby="transfer-title">
      <header className="page__header">
        <h1 className="page__title" id="transfer-title">
          {ROUTE_NAMES.transfer}
        </h1>
      </header>
      <ImportPanel onOpenService={openService} />
      <ExportPanel />
    </section>
  );
}
