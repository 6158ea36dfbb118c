import { type FormEvent, type ReactNode, useId, useState } from "react";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import {
  BODIES,
  bodyName,
  FORMATS,
  formatName,
  LINKED_SUBJECTS,
  oneOf,
  PROCEDURES,
  procedureName,
  SUBJECT_TYPES,
  subjectIdLabel,
  subjectTypeName,
} from "./labels.ts";
import { AlliesPresentPicker, ParticipantsPicker } from "./NationPickers.tsx";
import { COMMON_ZONES, DEFAULT_ZONE, FIELDS, type FieldName, toField } from "./new-decision-fields.ts";
import { useCreateDecision } from "./queries.ts";
import type { DecisionBody, DecisionFormat, DecisionInput, DecisionProcedure, DecisionSubjectType } from "./types.ts";

/** Staff open a silence procedure or record a decision taken in a meeting. */
export function NewDecisionPage() {
  useDocumentTitle(t("decisions.new.title"));
  return (
    <RequireAuth roles={["staff"]} title={t("decisions.new.title")}>
      {() => <NewDecisionForm />}
    </RequireAuth>
  );
}

function NewDecisionForm() {
  const id = useId();
  const { search } = useLocation();
  const create = useCreateDecision();
  const prefillType = oneOf(SUBJECT_TYPES, search.get("subjectType"));
  const [reference, setReference] = useState("");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState<DecisionBody>("NAC");
  const [format, setFormat] = useState<DecisionFormat>("allies-only");
  const [participants, setParticipants] = useState<string[]>([]);
  const [procedure, setProcedure] = useState<DecisionProcedure>("silence");
  const [subjectType, setSubjectType] = useState<DecisionSubjectType>(prefillType ?? "programme");
  const [subjectId, setSubjectId] = useState(search.get("subjectId") ?? "");
  const [subjectText, setSubjectText] = useState("");
  const [decisionDate, setDecisionDate] = useState(todayIso());
  const [deadlineDate, setDeadlineDate] = useState("");
  const [deadlineTime, setDeadlineTime] = useState("12:00");
  const [timeZone, setTimeZone] = useState(DEFAULT_ZONE);
  const [consensus, setConsensus] = useState<"" | "yes" | "no">("");
  const [alliesPresent, setAlliesPresent] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const [local, setLocal] = useState<{ errors: Partial<Record<FieldName, string>>; attempt: number }>({
    errors: {},
    attempt: 0,
  });

  const server = useFieldErrors<FieldName>(create.error, toField);
  const errors: Partial<Record<FieldName, string>> = { ...server.errors, ...local.errors };
  const general =
    create.error && Object.keys(fieldErrorsOf(create.error, toField)).length === 0
      ? errorMessage(create.error)
      : undefined;
  const linked = LINKED_SUBJECTS.includes(subjectType);
  const withParticipants = format === "allies-plus-one" || format === "allies-plus-n";

  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${id}-${f}`])) as Record<FieldName, string>;
  const labels: Record<FieldName, string> = {
    reference: t("decisions.field.reference"),
    title: t("decisions.field.title"),
    body: t("decisions.field.body"),
    format: t("decisions.field.format"),
    participants: format === "allies-plus-one" ? t("decisions.new.partner") : t("decisions.new.participants"),
    procedure: t("decisions.field.procedure"),
    subjectType: t("decisions.new.subjectType"),
    subjectId: subjectIdLabel(subjectType),
    subjectText: t("decisions.new.subjectText"),
    decisionDate: t("decisions.field.decisionDate"),
    deadlineDate: t("decisions.new.deadlineDate"),
    deadlineTime: t("decisions.new.deadlineTime"),
    timeZone: t("decisions.new.timeZone"),
    consensus: t("decisions.new.consensus"),
    alliesPresent: t("decisions.field.alliesPresent"),
    note: t("decisions.field.note"),
  };
  const summary: SummaryItem[] = FIELDS.flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });

  const edited = (field: FieldName) => {
    server.edited(field);
    if (local.errors[field] !== undefined) {
      const { [field]: _gone, ...rest } = local.errors;
      setLocal({ errors: rest, attempt: local.attempt });
    }
  };
  /** A setter that also clears the field's error. */
  const change =
    <V,>(field: FieldName, set: (value: V) => void) =>
    (value: V) => {
      set(value);
      edited(field);
    };

  // The obvious omissions, before sending; the API checks everything again.
  const check = (): Partial<Record<FieldName, string>> => {
    const out: Partial<Record<FieldName, string>> = {};
    if (!reference.trim()) out.reference = t("form.required");
    if (!title.trim()) out.title = t("form.required");
    if (linked && !subjectId.trim()) out.subjectId = t("form.required");
    if (!linked && !subjectText.trim()) out.subjectText = t("form.required");
    if (format === "allies-plus-one" && participants.length !== 1) out.participants = t("decisions.new.onePartner");
    if (procedure === "silence") {
      if (!deadlineDate) out.deadlineDate = t("form.required");
      if (!deadlineTime) out.deadlineTime = t("form.required");
    } else if (consensus === "") out.consensus = t("decisions.new.consensusRequired");
    return out;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setLocal({ errors: found, attempt: local.attempt + 1 });
    if (Object.keys(found).length > 0) return;
    const input: DecisionInput = {
      reference: reference.trim(),
      title: title.trim(),
      body,
      format,
      participants: withParticipants ? participants : [],
      procedure,
      subject: linked ? { type: subjectType, id: subjectId.trim() } : { type: subjectType, text: subjectText.trim() },
      decisionDate,
      note: note.trim(),
      ...(procedure === "silence"
        ? { deadline: { date: deadlineDate, time: deadlineTime, timeZone: timeZone.trim() || DEFAULT_ZONE } }
        : { meeting: { consensus: consensus === "yes", alliesPresent } }),
    };
    create.mutate(input, {
      onSuccess: (decision) => navigate(`/decisions/${encodeURIComponent(decision.id)}`),
    });
  };

  const text = (
    field: FieldName,
    value: string,
    set: (v: string) => void,
    extra: { hint?: string; wide?: boolean; mono?: boolean } = {},
  ) => (
    <Field
      id={ids[field]}
      label={labels[field]}
      hint={extra.hint}
      error={errors[field]}
      className={extra.wide ? "form-grid__wide" : undefined}
    >
      {(control) => (
        <input
          {...control}
          type="text"
          className={extra.mono ? "input--mono" : undefined}
          value={value}
          onChange={(e) => change(field, set)(e.target.value)}
          autoComplete="off"
          spellCheck={extra.mono ? false : undefined}
        />
      )}
    </Field>
  );
  const select = <V extends string>(
    field: FieldName,
    value: V,
    set: (v: V) => void,
    values: readonly V[],
    nameOf: (v: V) => string,
  ): ReactNode => (
    <Field id={ids[field]} label={labels[field]} error={errors[field]}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => change(field, set)(e.target.value as V)}>
          {values.map((v) => (
            <option key={v} value={v}>
              {nameOf(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/decisions">{t("decisions.register.title")}</Link>}
        title={t("decisions.new.title")}
        lead={t("decisions.new.lead")}
      />
      <form className="card form decision-form" onSubmit={onSubmit} noValidate aria-label={t("decisions.new.title")}>
        <ErrorSummary
          items={summary}
          message={general}
          trigger={create.error ?? (local.attempt > 0 && summary.length > 0 ? local.attempt : null)}
        />
        <fieldset className="decision-form__group">
          <legend>{t("decisions.new.what")}</legend>
          <div className="form-grid">
            {text("reference", reference, setReference, { hint: t("decisions.new.referenceHint"), mono: true })}
            {select("body", body, setBody, BODIES, bodyName)}
            {text("title", title, setTitle, { wide: true })}
            {select("subjectType", subjectType, setSubjectType, SUBJECT_TYPES, subjectTypeName)}
            {linked
              ? text("subjectId", subjectId, setSubjectId, { hint: t("decisions.new.subjectIdHint"), mono: true })
              : null}
            {linked ? null : (
              <Field
                id={ids.subjectText}
                label={labels.subjectText}
                error={errors.subjectText}
                className="form-grid__wide"
              >
                {(control) => (
                  <textarea
                    {...control}
                    rows={3}
                    value={subjectText}
                    onChange={(e) => change("subjectText", setSubjectText)(e.target.value)}
                  />
                )}
              </Field>
            )}
          </div>
        </fieldset>

        <fieldset className="decision-form__group">
          <legend>{t("decisions.new.who")}</legend>
          <div className="form-grid">
            {select("format", format, setFormat, FORMATS, formatName)}
            <Field
              id={ids.decisionDate}
              label={labels.decisionDate}
              hint={t("decisions.new.decisionDateHint")}
              error={errors.decisionDate}
            >
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={decisionDate}
                  onChange={(e) => change("decisionDate", setDecisionDate)(e.target.value)}
                />
              )}
            </Field>
            {withParticipants ? (
              <div className="form-grid__wide">
                <ParticipantsPicker
                  id={ids.participants}
                  legend={labels.participants}
                  hint={
                    format === "allies-plus-one" ? t("decisions.new.partnerHint") : t("decisions.new.participantsHint")
                  }
                  error={errors.participants}
                  value={participants}
                  onChange={change("participants", setParticipants)}
                  single={format === "allies-plus-one"}
                />
              </div>
            ) : null}
          </div>
        </fieldset>

        <fieldset className="decision-form__group" id={ids.procedure} tabIndex={-1}>
          <legend>{t("decisions.new.how")}</legend>
          <div className="choice__options decision-form__procedure">
            {PROCEDURES.map((p) => (
              <label key={p} className="checkbox" htmlFor={`${ids.procedure}-${p}`}>
                <input
                  id={`${ids.procedure}-${p}`}
                  type="radio"
                  name={`${id}-procedure`}
                  value={p}
                  checked={procedure === p}
                  onChange={() => change("procedure", setProcedure)(p)}
                />
                <span>{procedureName(p)}</span>
              </label>
            ))}
          </div>
          {procedure === "silence" ? (
            <div className="form-grid">
              <p className="field__hint form-grid__wide">{t("decisions.new.silenceHint")}</p>
              <Field id={ids.deadlineDate} label={labels.deadlineDate} error={errors.deadlineDate}>
                {(control) => (
                  <input
                    {...control}
                    type="date"
                    value={deadlineDate}
                    min={decisionDate || undefined}
                    onChange={(e) => change("deadlineDate", setDeadlineDate)(e.target.value)}
                  />
                )}
              </Field>
              <Field id={ids.deadlineTime} label={labels.deadlineTime} error={errors.deadlineTime}>
                {(control) => (
                  <input
                    {...control}
                    type="time"
                    step={1}
                    value={deadlineTime}
                    onChange={(e) => change("deadlineTime", setDeadlineTime)(e.target.value)}
                  />
                )}
              </Field>
              <Field
                id={ids.timeZone}
                label={labels.timeZone}
                hint={t("decisions.new.timeZoneHint")}
                error={errors.timeZone}
              >
                {(control) => (
                  <>
                    <input
                      {...control}
                      type="text"
                      list={`${id}-zones`}
                      value={timeZone}
                      onChange={(e) => change("timeZone", setTimeZone)(e.target.value)}
                      autoComplete="off"
                      spellCheck={false}
                    />
                    <datalist id={`${id}-zones`}>
                      {COMMON_ZONES.map((z) => (
                        <option key={z} value={z} />
                      ))}
                    </datalist>
                  </>
                )}
              </Field>
            </div>
          ) : (
            <div className="form-grid">
              <fieldset
                id={ids.consensus}
                tabIndex={-1}
                className={
                  errors.consensus
                    ? "field checkbox-group field--error form-grid__wide"
                    : "field checkbox-group form-grid__wide"
                }
                aria-describedby={errors.consensus ? `${ids.consensus}-error` : undefined}
              >
                <legend>{labels.consensus}</legend>
                {errors.consensus ? (
                  <p className="field__error" id={`${ids.consensus}-error`}>
                    {errors.consensus}
                  </p>
                ) : null}
                <div className="checkbox-group__options">
                  {(["yes", "no"] as const).map((v) => (
                    <label key={v} className="checkbox" htmlFor={`${ids.consensus}-${v}`}>
                      <input
                        id={`${ids.consensus}-${v}`}
                        type="radio"
                        name={`${id}-consensus`}
                        checked={consensus === v}
                        onChange={() => change("consensus", setConsensus)(v)}
                      />
                      <span>{v === "yes" ? t("decisions.new.consensusYes") : t("decisions.new.consensusNo")}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <AlliesPresentPicker
                id={ids.alliesPresent}
                legend={labels.alliesPresent}
                hint={t("decisions.new.alliesPresentHint")}
                error={errors.alliesPresent}
                value={alliesPresent}
                onChange={change("alliesPresent", setAlliesPresent)}
                date={decisionDate || todayIso()}
              />
            </div>
          )}
        </fieldset>

        <Field id={ids.note} label={labels.note} hint={t("decisions.new.noteHint")} error={errors.note}>
          {(control) => (
            <textarea {...control} rows={3} value={note} onChange={(e) => change("note", setNote)(e.target.value)} />
          )}
        </Field>

        <div className="form__actions form__actions--row">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending
              ? t("decisions.new.sending")
              : procedure === "silence"
                ? t("decisions.new.submitSilence")
                : t("decisions.new.submitMeeting")}
          </button>
          <Link to="/decisions" className="button button--secondary">
            {t("dialog.cancel")}
          </Link>
        </div>
      </form>
    </>
  );
}
