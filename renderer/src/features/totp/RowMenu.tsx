import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

export interface RowMenuItem {
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A "More" button and its menu, for the actions a row should not show beside its everyday
 * ones (Delete next to QR is one slip away). Keyboard: Enter/Space/Down opens on the first
 * item, Up/Down move, Escape closes back on the button; a click elsewhere closes it.
 */
export function RowMenu({ label, items, children }: { label: string; items: RowMenuItem[]; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    // Tabbing out of the menu closes it too.
    const left = (e: FocusEvent) => {
      if (!root.current?.contains(e.relatedTarget as Node | null)) setOpen(false);
    };
    const box = root.current;
    document.addEventListener('pointerdown', away);
    box?.addEventListener('focusout', left);
    return () => {
      document.removeEventListener('pointerdown', away);
      box?.removeEventListener('focusout', left);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const move = (from: HTMLElement, by: number) => {
    const all = [...(root.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const i = all.indexOf(from as HTMLButtonElement);
    all[(i + by + all.length) % all.length]?.focus();
  };

  return (
    <div className="row-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn btn--ghost btn--small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {children}
      </button>
      {open ? (
        <div className="row-menu__list" role="menu" id={menuId} aria-label={label}>
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className={`row-menu__item${item.danger ? ' row-menu__item--danger' : ''}`}
              onClick={() => {
                close();
                item.onSelect();
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  e.stopPropagation();
                  close();
                } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                  e.preventDefault();
                  move(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                }
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
