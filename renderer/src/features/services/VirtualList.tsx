import { type ReactNode, type Ref, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';

export interface VirtualListHandle {
  /** Scrolls just enough to show row `index`. */
  reveal(index: number): void;
  focus(): void;
}

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ReactNode;
  label: string;
  id?: string;
  activeId?: string | undefined;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  overscan?: number;
  handle?: Ref<VirtualListHandle>;
}

/**
 * A fixed-row-height window over a long list: only the rows in view (plus a few either
 * side) are in the DOM, so 10,000 services scroll as smoothly as ten.
 */
export function VirtualList<T>({
  items,
  rowHeight,
  renderRow,
  label,
  id,
  activeId,
  onKeyDown,
  overscan = 6,
  handle,
}: VirtualListProps<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A shorter list (new search) may leave the old scroll position past its end.
  useEffect(() => {
    const el = ref.current;
    if (el && el.scrollTop > items.length * rowHeight) el.scrollTop = 0;
  }, [items, rowHeight]);

  useImperativeHandle(handle, () => ({
    reveal(index: number) {
      const el = ref.current;
      if (!el) return;
      const top = index * rowHeight;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    },
    focus() {
      ref.current?.focus();
    },
  }));

  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / rowHeight) + overscan);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const item = items[i];
    if (item === undefined) continue;
    rows.push(
      <div key={i} className="vlist__row" style={{ top: i * rowHeight, height: rowHeight }}>
        {renderRow(item, i)}
      </div>,
    );
  }

  return (
    <div
      ref={ref}
      id={id}
      className="vlist"
      role="listbox"
      aria-label={label}
      aria-activedescendant={activeId}
      tabIndex={0}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div className="vlist__spacer" style={{ height: items.length * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}
