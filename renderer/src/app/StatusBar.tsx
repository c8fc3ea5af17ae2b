import type { ReactNode } from 'react';

export interface StatusItem {
  key: string;
  tone?: 'ok' | 'warn' | 'danger' | 'neutral';
  text: ReactNode;
  title?: string;
}

export function StatusBar({ items }: { items: StatusItem[] }) {
  return (
    <footer className="statusbar">
      {items.map((i) => (
        <span key={i.key} className="statusbar__item" title={i.title} data-testid={`status-${i.key}`}>
          {i.tone ? (
            <span className={`dot${i.tone === 'neutral' ? '' : ` dot--${i.tone}`}`} aria-hidden="true" />
          ) : null}
          {i.text}
        </span>
      ))}
    </footer>
  );
}
