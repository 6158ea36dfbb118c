import { type FormEvent, useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { EmptyState, errorMessage } from "../../ui/States.tsx";
import { meetingsApi } from "./api.ts";
import { useMeetingChange } from "./queries.ts";
import type { Meeting } from "./types.ts";

/** The meeting's outcome in words; staff write it once the invitations are out. */
export function OutcomeSection({ meeting: m, isStaff }: { meeting: Meeting; isStaff: boolean }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(m.outcome);
  const save = useMeetingChange((outcome: string) => meetingsApi.update(m.id, { outcome }));
  const canWrite = isStaff && (m.status === "invited" || m.status === "held");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(text.trim(), { onSuccess: () => setEditing(false) });
  };
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("meetings.outcome.title")}</h2>
      {editing ? (
        <form onSubmit={submit} className="card form meeting-inline-form">
          <div className="field">
            <label htmlFor={`${id}-text`}>{t("meetings.outcome.title")}</label>
            <textarea id={`${id}-text`} rows={5} value={text} onChange={(e) => setText(e.target.value)} />
          </div>
          {save.isError ? (
            <p className="field__error" role="alert">
              {errorMessage(save.error)}
            </p>
          ) : null}
          <span className="button-row">
            <button type="submit" className="button" disabled={save.isPending}>
              {t("meetings.outcome.save")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setEditing(false)}>
              {t("dialog.cancel")}
            </button>
          </span>
        </form>
      ) : (
        <>
          {m.outcome ? (
            <p className="meeting-outcome">{m.outcome}</p>
          ) : (
            <EmptyState>{t("meetings.outcome.empty")}</EmptyState>
          )}
          {canWrite ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setText(m.outcome);
                setEditing(true);
              }}
            >
              {t("meetings.outcome.edit")}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
