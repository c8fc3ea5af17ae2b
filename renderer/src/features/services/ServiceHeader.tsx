import type { ServiceView } from '../../../../preload/contract';
import { Badge, Button, Icon, Monogram } from '../../ui';

/** Name, base URL, tags and the service's actions, above its credentials. */
export function ServiceHeader({
  view,
  onEdit,
  onDelete,
  onToggleFavourite,
}: {
  view: ServiceView;
  onEdit: () => void;
  onDelete: () => void;
  onToggleFavourite: () => void;
}) {
  return (
    <header className="svc-header">
      <span className="svc-header__mono">
        <Monogram name={view.name} colour={view.colour} />
      </span>
      <div className="svc-header__main">
        <h1 className="page__title" id="service-title">
          {view.name}
        </h1>
        {view.baseUrl ? <div className="svc-header__url mono">{view.baseUrl}</div> : null}
        {view.headers.length > 0 ? (
          <ul className="svc-header__headers mono" aria-label="Default headers">
            {view.headers.map((h) => (
              <li key={h.name} className={h.enabled === false ? 'svc-header__header--off' : undefined}>
                <span className="svc-header__header-name">{h.name}:</span> {h.value}
                {h.enabled === false ? <Badge>off by default</Badge> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {view.tags.length > 0 ? (
          <ul className="svc-header__tags" aria-label="Tags">
            {view.tags.map((t) => (
              <li key={t}>
                <Badge tone="accent">{t}</Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="hstack">
        <button
          type="button"
          className={`star star--big${view.favourite ? ' star--on' : ''}`}
          aria-pressed={view.favourite}
          aria-label="Favourite"
          title={view.favourite ? 'Remove from favourites' : 'Add to favourites'}
          onClick={onToggleFavourite}
        >
          <Icon name="star" size={18} />
        </button>
        <Button onClick={onEdit}>Edit</Button>
        <Button variant="danger" onClick={onDelete}>
          Delete
        </Button>
      </div>
    </header>
  );
}
