import { ROUTE_NAMES } from '../../app/route-names';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';

export function TransferPage() {
  return (
    <section className="page" aria-labelledby="transfer-title">
      <header className="page__header">
        <h1 className="page__title" id="transfer-title">
          {ROUTE_NAMES.transfer}
        </h1>
      </header>
      <ImportPanel />
      <ExportPanel />
    </section>
  );
}
