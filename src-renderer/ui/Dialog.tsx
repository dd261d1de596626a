/**
 * A modal dialog on the native <dialog> element: the browser traps focus, Escape closes it and
 * focus returns to what opened it. The content is rendered only while open, so a form inside
 * starts fresh each time.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Toasts } from './Toasts.tsx';

export function Dialog({
  title,
  open,
  onClose,
  children,
  wide = false,
}: {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // A dialog opened inside this one (a record's history over its editor): React passes its
        // Escape up the component tree, and only the dialog it was pressed in may close.
        if (event.target !== event.currentTarget) return;
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
          <Toasts scope="dialog" />
        </>
      )}
    </dialog>
  );
}
