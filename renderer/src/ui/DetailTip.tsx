import { type CSSProperties, type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';

export interface DetailTipProps {
  /** What the button shows (its name, unless `label` is given). */
  children: ReactNode;
  /** The detail: shown in the bubble, and the button's description for a screen reader. */
  detail: ReactNode;
  /** The button's name when its content does not say it (an icon, a cut-off path). */
  label?: string;
  className?: string;
  testId?: string;
}

/**
 * Detail that a `title` would show to a pointer only, within reach of a keyboard and a finger
 * too: a button that shows it in a bubble on hover, on keyboard focus and on click or tap, and
 * hides it on Escape (WCAG 1.4.13: the bubble can be hovered, dismissed, and stays until then)
 * or when both focus and pointer have left. The bubble is the button's description
 * (aria-describedby, role tooltip), so a screen reader reads it with the button's name. It is a
 * popover, drawn in the top layer: a clipping box around the button (the status bar, a scrolling
 * list) cannot cut it off, and it is placed by CSS anchor positioning (components.css).
 */
export function DetailTip({ children, detail, label, className, testId }: DetailTipProps) {
  const id = useId();
  const bubbleId = `${id}-detail`;
  const bubble = useRef<HTMLSpanElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  // A dismissal (Escape) holds until focus and pointer have both left, or a click asks again.
  const [dismissed, setDismissed] = useState(false);
  const open = (hovered || focused) && !dismissed;
  const leave = (other: boolean) => {
    if (!other) setDismissed(false);
  };

  useEffect(() => {
    const el = bubble.current;
    // jsdom and old engines lack the popover API: the bubble then stays hidden (the description still reads).
    if (!el || typeof el.showPopover !== 'function') return;
    const shown = el.matches(':popover-open');
    if (open && !shown) el.showPopover();
    if (!open && shown) el.hidePopover();
  }, [open]);

  // Escape anywhere closes a bubble the pointer opened (focus may be elsewhere).
  useEffect(() => {
    if (!open) return;
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && document.activeElement !== button.current) setDismissed(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'Escape' || !open) return;
    // The bubble closes, not the dialog around it.
    e.preventDefault();
    e.stopPropagation();
    setDismissed(true);
  };

  // An anchor name per tip (useId's characters are not allowed in a dashed ident).
  const anchor = { '--tip-anchor': `--tip-${id.replace(/[^A-Za-z0-9_-]/g, '')}` } as CSSProperties;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the pointer's hover region (button and bubble, so the bubble can be hovered); keys go to the button
    <span
      className={`tip${className ? ` ${className}` : ''}`}
      style={anchor}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => {
        setHovered(false);
        leave(focused);
      }}
    >
      <button
        ref={button}
        type="button"
        className="tip__button"
        aria-label={label}
        aria-describedby={bubbleId}
        data-testid={testId}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          leave(hovered);
        }}
        onClick={() => {
          setDismissed(false);
          setFocused(true);
        }}
        onKeyDown={onKeyDown}
      >
        {children}
      </button>
      <span ref={bubble} id={bubbleId} role="tooltip" popover="manual" className="tip__bubble">
        {detail}
      </span>
    </span>
  );
}
