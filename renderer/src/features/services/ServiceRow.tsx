import type { CredentialStatus, ServiceSummary } from '../../../../preload/contract';
import { Icon, ListRow, Monogram } from '../../ui';
import { StatusBadges } from './StatusBadges';
import { TokenStatusBadge } from './TokenStatusBadge';

export function rowId(serviceId: string): string {
  return `service-row-${serviceId}`;
}

/** One service in the list: monogram, name, URL or kinds, worst statuses, and the favourite star. */
export function ServiceRow({
  service,
  selected,
  open,
  onOpen,
  onToggleFavourite,
}: {
  service: ServiceSummary;
  selected: boolean;
  open: boolean;
  onOpen: () => void;
  onToggleFavourite: () => void;
}) {
  const statuses = new Set<CredentialStatus>(service.credentials.flatMap((c) => c.statuses));
  const count = service.credentials.length;
  return (
    <div className={`svc-row${open ? ' svc-row--open' : ''}`}>
      <ListRow
        id={rowId(service.id)}
        testId="service-row"
        selected={selected}
        onActivate={onOpen}
        leading={<Monogram name={service.name} colour={service.colour} />}
        title={service.name}
        subtitle={service.baseUrl || `${count} credential${count === 1 ? '' : 's'}`}
        badges={
          <>
            <StatusBadges statuses={[...statuses]} />
            {service.credentials.map((c) =>
              c.token ? <TokenStatusBadge key={c.id} token={c.token} now={Date.now()} problemsOnly /> : null,
            )}
          </>
        }
        trailing={
          <>
            {/* The row is an option, and an option may hold no control (axe nested-interactive): the
                star here is a mouse shortcut only. The keyboard and screen readers use the open
                service's own star button in its header. */}
            <span
              className={`star${service.favourite ? ' star--on' : ''}`}
              aria-hidden="true"
              data-testid="row-star"
              title={`${service.favourite ? 'Remove from' : 'Add to'} favourites`}
              onClick={(e) => {
                e.stopPropagation();
                onToggleFavourite();
              }}
            >
              <Icon name="star" size={14} />
            </span>
          </>
        }
      />
    </div>
  );
}
