import type { KeyboardEvent, ReactNode } from 'react';
import { monogramInitials } from './monogram';

export interface ListRowProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /**
   * Status badges, on the subtitle's line: beside the title they would take its room, and a
   * name matters more than a URL. The subtitle gives way to them.
   */
  badges?: ReactNode;
  leading?: ReactNode;
  trailing?: ReactNode;
  selected?: boolean;
  onActivate?: () => void;
  onKeyDown?: (e: KeyboardEvent<HTMLDivElement>) => void;
  id?: string;
  testId?: string;
}

/** One row of a list box: selectable with the mouse or Enter/Space. */
export function ListRow({
  title,
  subtitle,
  badges,
  leading,
  trailing,
  selected = false,
  onActivate,
  onKeyDown,
  id,
  testId,
}: ListRowProps) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className="row"
      data-testid={testId}
      onClick={onActivate}
      onKeyDown={(e) => {
        if ((e.key === 'Enter' || e.key === ' ') && onActivate) {
          e.preventDefault();
          onActivate();
        }
        onKeyDown?.(e);
      }}
    >
      {leading}
      <div className="row__main">
        {/* A name or URL too long for the row is cut (two lines, an ellipsis); the pointer reads the whole of it. */}
        <span className="row__title" title={typeof title === 'string' ? title : undefined}>
          {title}
        </span>
        {subtitle || badges ? (
          <span className="row__meta">
            {subtitle ? (
              <span className="row__subtitle" title={typeof subtitle === 'string' ? subtitle : undefined}>
                {subtitle}
              </span>
            ) : null}
            {badges ? <span className="row__badges">{badges}</span> : null}
          </span>
        ) : null}
      </div>
      {trailing ? <div className="row__trailing">{trailing}</div> : null}
    </div>
  );
}

/** A coloured square with a service's initials, when it has no icon. */
export function Monogram({ name, colour }: { name: string; colour?: string | undefined }) {
  return (
    <span className="row__icon" aria-hidden="true" style={{ background: colour ?? hueFor(name) }}>
      {monogramInitials(name)}
    </span>
  );
}

function hueFor(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(hash) % 360} 45% 45%)`;
}
