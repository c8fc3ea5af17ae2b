import { type ReactNode, useState } from 'react';
import { ActionDialog } from './ActionDialog';

/** Asks before a destructive action; the button stays disabled while the action runs. */
export function ConfirmDialog({
  open,
  title,
  confirm,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  confirm: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
    }
  };
  return (
    <ActionDialog
      open={open}
      title={title}
      onClose={onClose}
      action={{ label: confirm, variant: 'danger', disabled: busy, onClick: () => void run() }}
    >
      <p className="dialog__text">{children}</p>
    </ActionDialog>
  );
}
