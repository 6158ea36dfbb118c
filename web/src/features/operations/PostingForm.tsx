import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { formatDate, isIsoDate, todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import {
  ErrorSummary,
  Field,
  FieldErrorText,
  fieldErrorsOf,
  type SummaryItem,
  useFieldErrors,
} from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { operationsApi } from "./api.ts";
import { DoneNotice, topField } from "./form-bits.tsx";
import { HEADQUARTERS, headquartersName, POSTING_ROLES, postingRoleName } from "./labels.ts";
import { NationSelect } from "./NationSelect.tsx";
import { useInvalidateOperations, useOperations } from "./queries.ts";
import type { Headquarters, Posting, PostingInput, PostingRole } from "./types.ts";

type FieldName = "nation" | "officerName" | "headquarters" | "role" | "operation" | "startDate" | "endDate" | "note";
const FIELDS: FieldName[] = [
  "nation",
  "officerName",
  "headquarters",
  "role",
  "operation",
  "startDate",
  "endDate",
  "note",
];
const toField = (f: string): FieldName | null => {
  const top = topField(f);
  return (FIELDS as string[]).includes(top) ? (top as FieldName) : null;
};

/** Add a posting: staff for any nation, a nation's user for its own (`fixedNation`). */
export function PostingForm({ fixedNation }: { fixedNation: string | null }) {
  const id = useId();
  const invalidate = useInvalidateOperations();
  const operations = useOperations();
  const empty: Record<FieldName, string> = {
    nation: fixedNation ?? "",
    officerName: "",
    headquarters: "SHAPE",
    role: "liaison-officer",
    operation: "",
    startDate: todayIso(),
    endDate: "",
    note: "",
  };
  const [values, setValues] = useState(empty);
  const [done, setDone] = useState<Posting | null>(null);
  const create = useMutation({
    mutationFn: (input: PostingInput) => operationsApi.createPosting(input),
    onSuccess: (p) => {
      setDone(p);
      setValues(empty);
      void invalidate();
    },
  });
  const server = useFieldErrors<FieldName>(create.error, toField);
  const general =
    create.error && Object.keys(fieldErrorsOf(create.error, toField)).length === 0
      ? errorMessage(create.error)
      : undefined;
  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${id}-${f}`])) as Record<FieldName, string>;
  const labels: Record<FieldName, string> = {
    nation: t("operations.form.nation"),
    officerName: t("operations.col.officer"),
    headquarters: t("operations.col.headquarters"),
    role: t("operations.col.role"),
    operation: t("operations.col.operation"),
    startDate: t("operations.postingForm.startDate"),
    endDate: t("operations.postingForm.endDate"),
    note: t("operations.form.note"),
  };
  const summary: SummaryItem[] = FIELDS.flatMap((f) => {
    const message = server.errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });
  const set = (f: FieldName, v: string) => {
    setValues((all) => ({ ...all, [f]: v }));
    server.edited(f);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    create.mutate({
      nation: values.nation,
      officerName: values.officerName,
      headquarters: values.headquarters as Headquarters,
      role: values.role as PostingRole,
      ...(values.operation ? { operation: values.operation } : {}),
      startDate: values.startDate,
      ...(values.endDate ? { endDate: values.endDate } : {}),
      note: values.note,
    });
  };
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <form className="card form ops-form" onSubmit={onSubmit} noValidate>
        <h2 id={`${id}-title`} className="form__title">
          {t("operations.postingForm.title")}
        </h2>
        {done ? (
          <DoneNotice>
            {t("operations.postingForm.done", { name: done.officerName, hq: headquartersName(done.headquarters) })}
          </DoneNotice>
        ) : null}
        <ErrorSummary items={summary} message={general} trigger={create.error} />
        <div className="form-grid">
          {fixedNation === null ? (
            <Field id={ids.nation} label={labels.nation} error={server.errors.nation}>
              {(control) => <NationSelect control={control} value={values.nation} onChange={(v) => set("nation", v)} />}
            </Field>
          ) : null}
          <Field id={ids.officerName} label={labels.officerName} error={server.errors.officerName}>
            {(control) => (
              <input
                {...control}
                type="text"
                value={values.officerName}
                onChange={(e) => set("officerName", e.target.value)}
                autoComplete="off"
              />
            )}
          </Field>
          <Field id={ids.headquarters} label={labels.headquarters} error={server.errors.headquarters}>
            {(control) => (
              <select {...control} value={values.headquarters} onChange={(e) => set("headquarters", e.target.value)}>
                {HEADQUARTERS.map((h) => (
                  <option key={h} value={h}>
                    {headquartersName(h)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={ids.role} label={labels.role} error={server.errors.role}>
            {(control) => (
              <select {...control} value={values.role} onChange={(e) => set("role", e.target.value)}>
                {POSTING_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {postingRoleName(r)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={ids.operation} label={labels.operation} error={server.errors.operation}>
            {(control) => (
              <select {...control} value={values.operation} onChange={(e) => set("operation", e.target.value)}>
                <option value="">{t("operations.postingForm.noOperation")}</option>
                {(operations.data?.operations ?? []).map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name} ({o.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id={ids.startDate} label={labels.startDate} error={server.errors.startDate}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={values.startDate}
                onChange={(e) => set("startDate", e.target.value)}
              />
            )}
          </Field>
          <Field
            id={ids.endDate}
            label={labels.endDate}
            hint={t("operations.postingForm.endDateHint")}
            error={server.errors.endDate}
          >
            {(control) => (
              <input {...control} type="date" value={values.endDate} onChange={(e) => set("endDate", e.target.value)} />
            )}
          </Field>
          <Field id={ids.note} label={labels.note} error={server.errors.note} className="form-grid__wide">
            {(control) => (
              <textarea {...control} rows={2} value={values.note} onChange={(e) => set("note", e.target.value)} />
            )}
          </Field>
        </div>
        <div className="form__actions form__actions--row">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("operations.form.saving") : t("operations.postingForm.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** End a posting on a date (the first day no longer posted), confirmed in a dialog. */
export function EndPostingButton({ posting }: { posting: Posting }) {
  const id = useId();
  const invalidate = useInvalidateOperations();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(todayIso());
  const end = useMutation({
    mutationFn: () => operationsApi.endPosting(posting.id, date),
    onSuccess: () => {
      setOpen(false);
      void invalidate();
    },
  });
  const error = end.error
    ? (fieldErrorsOf(end.error, (f) => (f === "endDate" ? "endDate" : null)).endDate ?? errorMessage(end.error))
    : undefined;
  return (
    <>
      <button type="button" className="button button--secondary button--small" onClick={() => setOpen(true)}>
        {t("operations.postings.end")}
        <span className="visually-hidden"> {posting.officerName}</span>
      </button>
      <ConfirmDialog
        open={open}
        title={t("operations.postings.endTitle", { name: posting.officerName })}
        confirmLabel={t("operations.postings.end")}
        danger
        busy={end.isPending}
        onConfirm={() => isIsoDate(date) && end.mutate()}
        onCancel={() => {
          setOpen(false);
          end.reset();
        }}
      >
        <p>{t("operations.postings.endText", { name: posting.officerName, date: formatDate(posting.startDate) })}</p>
        <div className={error ? "field field--error" : "field"}>
          <label htmlFor={`${id}-end`}>{t("operations.postingForm.endDate")}</label>
          <p className="field__hint" id={`${id}-hint`}>
            {t("operations.postingForm.endDateHint")}
          </p>
          {error ? (
            <div role="alert">
              <FieldErrorText id={`${id}-error`} message={error} />
            </div>
          ) : null}
          <input
            id={`${id}-end`}
            type="date"
            value={date}
            aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setDate(e.target.value)}
          />
        </div>
      </ConfirmDialog>
    </>
  );
}
