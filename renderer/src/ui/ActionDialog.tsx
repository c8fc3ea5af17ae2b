import type { ReactNode } from 'react';
import { Button } from './Button';
import { WriteDialog } from './WriteDialog';

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
  kept,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  action: DialogAction;
  /** A failed save's message whose change main holds: the dialog gives way to it (WriteDialog). */
  kept?: string | null | undefined;
  children: ReactNode;
}) {
  return (
    <WriteDialog
      open={open}
      title={title}
      onClose={onClose}
      kept={kept ?? null}
      footer={
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
      }
    >
      {children}
    </WriteDialog>
  );
}
