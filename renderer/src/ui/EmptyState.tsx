import type { ReactNode } from 'react';

export function EmptyState({
  glyph,
  title,
  children,
  action,
}: {
  glyph?: string;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="empty">
      {glyph ? (
        <div className="empty__glyph" aria-hidden="true">
          {glyph}
        </div>
      ) : null}
      <h2 className="empty__title">{title}</h2>
      {children ? <p className="empty__body">{children}</p> : null}
      {action}
    </div>
  );
}
