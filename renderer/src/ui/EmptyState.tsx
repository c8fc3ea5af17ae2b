import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export function EmptyState({
  glyph,
  title,
  children,
  action,
}: {
  glyph?: IconName;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty">
      {glyph ? (
        <div className="empty__glyph" aria-hidden="true">
          <Icon name={glyph} size={26} />
        </div>
      ) : null}
      <h2 className="empty__title">{title}</h2>
      {children ? <p className="empty__body">{children}</p> : null}
      {action}
    </div>
  );
}
