import type { AppRoute } from '../../../preload/contract';
import { Icon, type IconName } from '../ui';

export interface NavEntry {
  route: AppRoute;
  label: string;
  icon: IconName;
  count?: number;
}

/**
 * A sidebar entry's words. Below 1100 px the sidebar shows icons only: the label stays in the
 * accessibility tree (it names the button) and reappears as a tooltip on hover and focus.
 */
export function NavLabel({ label }: { label: string }) {
  return (
    <>
      <span className="nav__label">{label}</span>
      <span className="nav__tip" aria-hidden="true">
        {label}
      </span>
    </>
  );
}

export function Sidebar({
  entries,
  footer,
  current,
  onNavigate,
  action,
}: {
  entries: NavEntry[];
  footer: NavEntry[];
  current: AppRoute;
  onNavigate: (r: AppRoute) => void;
  action?: React.ReactNode;
}) {
  const item = (e: NavEntry) => (
    <li key={e.route}>
      <button
        type="button"
        className="nav__item"
        aria-current={current === e.route ? 'page' : undefined}
        onClick={() => onNavigate(e.route)}
      >
        <span className="nav__glyph">
          <Icon name={e.icon} />
        </span>
        <NavLabel label={e.label} />
        {e.count !== undefined ? <span className="nav__count">{e.count}</span> : null}
      </button>
    </li>
  );
  return (
    <nav className="sidebar" aria-label="Sections">
      <div className="brand">
        <svg className="brand__mark" viewBox="0 0 24 24" aria-hidden="true">
          <rect x="4" y="10" width="16" height="11" rx="2.5" fill="var(--accent)" />
          <path
            d="M8 10V7.5a4 4 0 0 1 8 0V10"
            fill="none"
            stroke="var(--accent)"
            strokeWidth="2.2"
            strokeLinecap="round"
          />
          <circle cx="12" cy="15.5" r="1.7" fill="var(--bg-raised)" />
        </svg>
        <span className="brand__name">Latch</span>
      </div>
      <ul className="nav">{entries.map(item)}</ul>
      <ul className="nav sidebar__footer">
        {footer.map(item)}
        {action ? <li>{action}</li> : null}
      </ul>
    </nav>
  );
}
