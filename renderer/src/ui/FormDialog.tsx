import { type ReactNode, useId } from 'react';
import { ActionDialog } from './ActionDialog';

export interface FormDialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  /** The primary button's words ("Add service", "Save", "Rotate"). */
  submitLabel: string;
  busy: boolean;
  onSubmit: () => void;
  /**
   * The message of a failed save whose change main holds (errorOf's `kept`). The form gives way
   * to it and the submit goes: the change is already applied, and a second submit would apply it
   * again (a second copy of a new service). The save-failed banner offers the ways out.
   */
  kept?: string | null;
  className?: string;
  children: ReactNode;
}

/**
 * A dialog whose body is one form and whose footer is Cancel and the submit button. The
 * button sits in the footer, outside the form, so it names the form by id; Enter in any
 * field submits it. noValidate: the fields show main's own errors under themselves.
 */
export function FormDialog({
  open,
  title,
  onClose,
  submitLabel,
  busy,
  onSubmit,
  kept = null,
  className,
  children,
}: FormDialogProps) {
  const formId = useId();
  return (
    <ActionDialog
      open={open}
      title={title}
      onClose={onClose}
      action={{ label: submitLabel, variant: 'primary', disabled: busy, form: formId }}
      kept={kept}
    >
      <form
        id={formId}
        className={className ?? 'stack'}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </ActionDialog>
  );
}
