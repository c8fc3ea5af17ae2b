import type { ReactNode } from 'react';
import { Button } from './Button';
import { Dialog } from './Dialog';

export interface DialogAction {
  /** The button's words ("Add service", "Delete"). */
  label: string;
  variant: 'primary' | 'danger';
  disabled: boolean;
  /** Submits the form with this id (the button sits in the footer, outside the form)… */
  form?: string;
  /** …or runs this. */
  onClick?: () => void;
}

/**
 * The frame FormDialog and ConfirmDialog share: a dialog whose footer is Cancel, then the one
 * action. Cancel comes first in tab order: the safe choice is the first one reached.
 */
export function ActionDialog({
  open,
  title,
  onClose,
  action,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  /** null: nothing left to do but close (the footer is one Close button). */
  action: DialogAction | null;
  children: ReactNode;
}) {
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      footer={
        action === null ? (
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              variant={action.variant}
              type={action.form === undefined ? 'button' : 'submit'}
              form={action.form}
              disabled={action.disabled}
              onClick={action.onClick}
            >
              {action.label}
            </Button>
          </>
        )
      }
    >
      {children}
    </Dialog>
  );
}
