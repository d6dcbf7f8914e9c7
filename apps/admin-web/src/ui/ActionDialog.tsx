import { FormEvent, ReactNode, useEffect, useId, useRef, useState } from 'react';
import { ProblemMessage } from './ProblemMessage';

/**
 * A button that opens a modal form (the native <dialog>: focus is trapped, Escape closes). Submitting
 * runs `onSubmit`; its error is shown in the dialog, which stays open until the action succeeds.
 */
export function ActionDialog({ label, title, submitLabel, danger, children, onSubmit, disabled }: {
  label: string; title: string; submitLabel?: string; danger?: boolean; disabled?: boolean;
  children?: (error: unknown) => ReactNode;
  onSubmit: (form: FormData) => Promise<unknown>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (open) dialog.current?.showModal();
    else dialog.current?.close();
  }, [open]);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(new FormData(event.currentTarget));
      setOpen(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={danger ? 'danger' : undefined} onClick={() => setOpen(true)} disabled={disabled}>{label}</button>
      <dialog ref={dialog} onClose={() => setOpen(false)} aria-labelledby={titleId}>
        {open && (
          <form onSubmit={submit} noValidate>
            <h2 id={titleId}>{title}</h2>
            {children?.(error)}
            <ProblemMessage error={error} />
            <div className="dialog-actions">
              <button type="button" onClick={() => setOpen(false)}>Cancel</button>
              <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy}>{busy ? 'Working…' : (submitLabel ?? label)}</button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
