import { type ReactNode, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client.ts";
import { t } from "../i18n/index.ts";

/** The attributes a control needs to be tied to its label, hint and error. */
export type ControlProps = {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
};

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/** A labelled form field with an optional hint and an error shown above the control. */
export function Field({ id, label, hint, error, className, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const control: ControlProps = { id };
  if (describedBy) control["aria-describedby"] = describedBy;
  if (error) control["aria-invalid"] = true;
  return (
    <div className={["field", error ? "field--error" : null, className].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <FieldErrorText id={`${id}-error`} message={error} /> : null}
      {children(control)}
    </div>
  );
}

export function FieldErrorText({ id, message }: { id: string; message: string }) {
  return (
    <p className="field__error" id={id}>
      <span className="visually-hidden">{t("form.errorPrefix")} </span>
      {message}
    </p>
  );
}

/** The API's message as a sentence; Zod's generic wording for an empty required string becomes "Is required". */
function sentence(message: string): string {
  if (/^Too small: expected string to have >=1 characters?$/.test(message)) return t("form.required");
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * The API's field errors (400 VALIDATION, or a 409 naming its field) mapped onto a form's own
 * fields; `toField` returns null for an API field the form does not show.
 */
export function fieldErrorsOf<F extends string>(
  error: unknown,
  toField: (apiField: string) => F | null,
): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return out;
  if (error.status === 400) {
    for (const f of error.fields) {
      const name = toField(f.field);
      if (name !== null && out[name] === undefined) out[name] = sentence(f.message);
    }
  } else if (error.status === 409 && typeof error.details.field === "string") {
    const name = toField(error.details.field);
    if (name !== null) out[name] = error.message;
  }
  return out;
}

/**
 * The API's field errors for a form, each hidden once the user edits its field (until the next
 * answer), so that what is still shown is what is still wrong.
 */
export function useFieldErrors<F extends string>(
  error: unknown,
  toField: (apiField: string) => F | null,
): { errors: Partial<Record<F, string>>; edited: (field: F) => void } {
  const [fixed, setFixed] = useState<{ error: unknown; fields: ReadonlySet<F> }>({ error: null, fields: new Set() });
  const all = fieldErrorsOf(error, toField);
  const done = fixed.error === error ? fixed.fields : new Set<F>();
  const errors: Partial<Record<F, string>> = {};
  for (const [field, message] of Object.entries(all) as [F, string][]) if (!done.has(field)) errors[field] = message;
  const edited = (field: F) => {
    if (all[field] === undefined || done.has(field)) return;
    setFixed({ error, fields: new Set([...done, field]) });
  };
  return { errors, edited };
}

export type SummaryItem = { id: string; label: string; message: string };

type ErrorSummaryProps = {
  items: SummaryItem[];
  message?: string | undefined;
  /** Focus moves to the summary when this changes (a new answer); by default, whenever the errors change. */
  trigger?: unknown;
};

/** "There is a problem": links to each field in error; takes focus when it appears. */
export function ErrorSummary({ items, message, trigger }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => `${i.id}:${i.message}`).join("|") + (message ?? "");
  const key = trigger === undefined ? signature : trigger;
  // Only a new answer moves focus, not the errors cleared while the user corrects them.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the reason to run, not a value read
  useEffect(() => {
    ref.current?.focus();
  }, [key]);
  if (items.length === 0 && !message) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h3>{t("form.errorSummary")}</h3>
      {message ? <p>{message}</p> : null}
      {items.length > 0 ? (
        <ul>
          {items.map((item) => (
            <li key={item.id}>
              <a
                href={`#${item.id}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(item.id)?.focus();
                }}
              >
                {item.label}: {item.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
