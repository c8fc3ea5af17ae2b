import { useEffect, useRef } from 'react';
import { Button } from './Button';
import { Dialog, type DialogProps } from './Dialog';

/** The way on from a held change; a toast, with no room for KeptNotice, says it after the save's message. */
export const KEPT_ADVICE =
  'Your change is kept in this window but not saved. Choose Reload and re-apply, Keep mine or Discard in the banner; do not make it again.';

export interface WriteDialogProps extends DialogProps {
  /**
   * The message of a failed save whose change main holds (errorOf's `kept`: the change was
   * applied, then the save failed). The body gives way to it and the footer to one Close button:
   * a second submit would apply the change again (a second copy of a new service, code, client).
   */
  kept?: string | null;
}

/**
 * A Dialog whose action writes the vault. Every create and edit dialog is one, so a failed save
 * stops offering the same submit in one place. One element either way: the open <dialog> stays
 * and gives focus back to what opened it when closed.
 */
export function WriteDialog({ kept = null, footer, children, ...dialog }: WriteDialogProps) {
  // The submit that had focus went with the form: focus the one way on, not the page behind. (An
  // effect, not autoFocus: React reuses the footer's first button for Close, so nothing mounts.)
  const close = useRef<HTMLButtonElement>(null);
  const held = kept !== null;
  useEffect(() => {
    if (held) close.current?.focus();
  }, [held]);
  return (
    <Dialog
      {...dialog}
      footer={
        kept === null ? (
          footer
        ) : (
          <Button ref={close} variant="primary" onClick={dialog.onClose}>
            Close
          </Button>
        )
      }
    >
      {kept === null ? children : <KeptNotice message={kept} />}
    </Dialog>
  );
}

/**
 * What a screen shows instead of its submit once main holds its change unsaved: the save's own
 * message, and the way on (the save-failed banner's choices), not another try. `takeFocus`: on a
 * page, where the submit that had focus went with the form, focus comes here rather than fall to
 * the top of the document.
 */
export function KeptNotice({ message, takeFocus = false }: { message: string; takeFocus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus]);
  return (
    <div
      ref={ref}
      tabIndex={takeFocus ? -1 : undefined}
      className="stack warning-note kept-notice"
      role="alert"
      data-testid="change-kept"
    >
      <p>{message}</p>
      <p>{KEPT_ADVICE}</p>
    </div>
  );
}
