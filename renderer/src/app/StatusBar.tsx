import type { ReactNode } from 'react';
import { DetailTip } from '../ui';

export interface StatusItem {
  key: string;
  tone?: 'ok' | 'warn' | 'danger' | 'neutral';
  text: ReactNode;
  /** More about the item (why a backup failed, where the vault is), reached by hover, focus or tap. */
  detail?: string;
}

export function StatusBar({ items }: { items: StatusItem[] }) {
  return (
    <footer className="statusbar">
      {items.map((i) => {
        const dot = i.tone ? (
          <span className={`dot${i.tone === 'neutral' ? '' : ` dot--${i.tone}`}`} aria-hidden="true" />
        ) : null;
        return (
          <span key={i.key} className="statusbar__item" data-testid={`status-${i.key}`}>
            {i.detail ? (
              <DetailTip detail={i.detail} testId={`status-${i.key}-detail`}>
                {dot}
                <span className="statusbar__text">{i.text}</span>
              </DetailTip>
            ) : (
              <>
                {dot}
                {i.text}
              </>
            )}
          </span>
        );
      })}
    </footer>
  );
}
