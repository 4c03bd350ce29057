import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import { ApiError } from './api';
import { useT } from './i18n';

type Decorations = { label: string; hint?: string; error?: string };

/** Label, hint and error wired to the control for screen readers and tests. */
function FieldFrame({
  label,
  hint,
  error,
  children,
}: Decorations & { children: (aria: Record<string, string | boolean | undefined>) => ReactNode }) {
  const id = useId();
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy || undefined })}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, hint, error, ...input }: Decorations & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(aria) => <input type="text" {...input} {...aria} />}
    </FieldFrame>
  );
}

export function SelectField({ label, hint, error, children, ...select }: Decorations & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(aria) => (
        <select {...select} {...aria}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

export function TextAreaField({ label, hint, error, ...textarea }: Decorations & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {(aria) => <textarea rows={3} {...textarea} {...aria} />}
    </FieldFrame>
  );
}

/** The message for `field`: a client-side check first, then the server's. */
export function fieldError(error: unknown, field: string, clientErrors?: Record<string, string | undefined>) {
  return clientErrors?.[field] ?? (error instanceof ApiError ? error.fieldMessage(field) : undefined);
}

/**
 * The form-level message of a failed submit (e.g. 429 "too many requests",
 * 423 "account locked"), plus any field errors the form has no input for.
 * Messages already shown under an input are not repeated here.
 */
export function FormAlert({ error, fields }: { error: unknown; fields: string[] }) {
  const t = useT();
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{t('error.generic')}</p>
      </div>
    );
  }
  const inline = error.details.filter((d) => fields.includes(d.field)).map((d) => d.message);
  const others = error.details.filter((d) => !fields.includes(d.field));
  const showMessage = !inline.includes(error.message);
  if (!showMessage && others.length === 0) return null;
  return (
    <div className="notice notice-error" role="alert">
      {showMessage && <p>{error.message}</p>}
      {others.length > 0 && (
        <ul>
          {others.map((d) => (
            <li key={`${d.field}-${d.code}`}>{d.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
