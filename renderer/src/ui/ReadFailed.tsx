import type { ReactNode } from 'react';
import { Button } from './Button';
import { EmptyState } from './EmptyState';

/**
 * A screen whose list main could not read: says so, with main's message, and offers another try. Shown as an
 * empty list, a failure read as "No one-time codes yet" or "All credentials look healthy".
 */
export function ReadFailed({
  title,
  message,
  onRetry,
  children,
}: {
  title: string;
  message: string;
  onRetry: () => void;
  /** What the failure means here ("Nothing was checked…"). */
  children: ReactNode;
}) {
  return (
    <EmptyState title={title} action={<Button onClick={onRetry}>Try again</Button>}>
      <span role="alert">{message}</span> {children}
    </EmptyState>
  );
}
