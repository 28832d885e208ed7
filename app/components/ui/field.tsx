import { useId } from "react";

type Common = {
  label: string;
  name: string;
  /** Already translated message, shown beside the field and announced with it. */
  error?: string;
  hint?: string;
  required?: boolean;
};

/** A field's hint and error, with the ids its input refers to (see `describedBy`). */
export function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <svg viewBox="0 0 20 20" className="inline-icon" aria-hidden="true" focusable="false">
            <circle cx="10" cy="10" r="8" fill="currentColor" />
            <path d="M10 5.5v5.5M10 13.5v1" stroke="#fff" strokeWidth="2" strokeLinecap="round" />
          </svg>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function TextField({
  label,
  name,
  error,
  hint,
  required,
  multiline,
  rows,
  ...input
}: Common & { multiline?: boolean; rows?: number } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = useId();
  const shared = {
    id,
    name,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error),
  };
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      <Described id={id} hint={hint} error={error} />
      {multiline ? (
        <textarea {...shared} rows={rows ?? 5} defaultValue={input.defaultValue as string | undefined} maxLength={input.maxLength} />
      ) : (
        <input {...input} {...shared} />
      )}
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  hint,
  required,
  options,
  defaultValue,
  disabled,
}: Common & { options: { value: string; label: string }[]; defaultValue?: string; disabled?: boolean }) {
  const id = useId();
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      <Described id={id} hint={hint} error={error} />
      <select
        id={id}
        name={name}
        required={required}
        defaultValue={defaultValue}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A summary at the top of a form that failed, so keyboard and screen-reader users find the errors. */
export function FormErrorSummary({ title, messages }: { title: string; messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1}>
      <h2>{title}</h2>
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
