import { type RefObject, useEffect, useState } from 'react';

/**
 * After a submit that failed its own checks, focus the first field marked invalid inside `root` (DOM
 * order): the user lands on the first message wherever they submitted from (Enter in the last box, the
 * button), and a screen reader reads it with the field. The returned call asks for it; the focus moves
 * once React has drawn the errors, since the field is marked invalid only then.
 */
export function useFocusFirstInvalid(root: RefObject<HTMLElement | null>): () => void {
  const [asked, setAsked] = useState(0);
  useEffect(() => {
    if (asked > 0) root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [asked, root]);
  return () => setAsked((n) => n + 1);
}
