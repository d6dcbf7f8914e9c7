import { cloneElement, ReactElement, useId } from 'react';
import { fieldError } from './ProblemMessage';

/**
 * A labelled input whose error (from the form's check or the API) is announced with it. `name` is the
 * API's field name, which the input also gets unless it names itself (lines of a list).
 */
export function Field({ label, name, error, hint, children }: { label: string; name: string; error?: unknown; hint?: string; children: ReactElement<Record<string, unknown>> }) {
  const id = useId();
  const message = fieldError(error, name);
  const describedBy = [hint && `${id}-hint`, message && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, name: children.props.name ?? name, 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy })}
      {hint && <small id={`${id}-hint`}>{hint}</small>}
      {message && <small id={`${id}-error`} className="field-error">{message}</small>}
    </div>
  );
}
