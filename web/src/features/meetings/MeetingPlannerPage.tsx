import { type FormEvent, useId, useState } from "react";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate } from "../../router/router.tsx";
import { ErrorSummary, Field, fieldErrorsOf, type SummaryItem, useFieldErrors } from "../../ui/Field.tsx";
import { useDebounced } from "../../ui/hooks.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { BODIES, bodyName, FORMATS, formatName } from "../decisions/labels.ts";
import { COMMON_ZONES, DEFAULT_ZONE } from "../decisions/new-decision-fields.ts";
import type { DecisionBody, DecisionFormat } from "../decisions/types.ts";
import { meetingsApi } from "./api.ts";
import { CriteriaBuilder, type CriterionRow } from "./CriteriaBuilder.tsx";
import { LEVELS, levelName } from "./labels.tsx";
import { countsSentence, ParticipantCounts, ParticipantTable } from "./ParticipantList.tsx";
import { useMeetingChange, useResolvedParticipants } from "./queries.ts";
import type { MeetingInput, MeetingLevel, ResolveParticipantsInput } from "./types.ts";

const FIELDS = [
  "title",
  "topic",
  "body",
  "level",
  "format",
  "date",
  "time",
  "timeZone",
  "duration",
  "place",
  "criteria",
] as const;
type FieldName = (typeof FIELDS)[number];

function toField(apiField: string): FieldName | null {
  if (apiField === "start.date" || apiField === "start") return "date";
  if (apiField === "start.time") return "time";
  if (apiField === "start.timeZone") return "timeZone";
  if (apiField === "durationMinutes") return "duration";
  if (apiField.startsWith("criteria")) return "criteria";
  return (FIELDS as readonly string[]).includes(apiField) ? (apiField as FieldName) : null;
}

/** Staff plan a meeting: its facts and the criteria that choose its participants, previewed live. */
export function MeetingPlannerPage() {
  useDocumentTitle(t("meetings.plan.title"));
  return (
    <RequireAuth roles={["staff", "admin"]} title={t("meetings.plan.title")}>
      {() => <Planner />}
    </RequireAuth>
  );
}

function Planner() {
  const id = useId();
  const [title, setTitle] = useState("");
  const [topic, setTopic] = useState("");
  const [body, setBody] = useState<DecisionBody>("NAC");
  const [level, setLevel] = useState<MeetingLevel>("ambassadors");
  const [format, setFormat] = useState<DecisionFormat>("allies-plus-n");
  const [date, setDate] = useState(todayIso());
  const [time, setTime] = useState("10:00");
  const [timeZone, setTimeZone] = useState(DEFAULT_ZONE);
  const [duration, setDuration] = useState("120");
  const [place, setPlace] = useState("NATO Headquarters, Brussels");
  const [rows, setRows] = useState<CriterionRow[]>([]);
  const create = useMeetingChange((input: MeetingInput) => meetingsApi.create(input));
  const server = useFieldErrors<FieldName>(create.error, toField);
  const errors = server.errors;
  const general =
    create.error && Object.keys(fieldErrorsOf(create.error, toField)).length === 0
      ? errorMessage(create.error)
      : undefined;

  const criteria = rows.filter((r) => r.value !== "").map((r) => ({ kind: r.kind, value: r.value }));
  const preview: ResolveParticipantsInput | null = /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? { date, format, criteria: format === "allies-only" ? [] : criteria }
    : null;
  const settled = useDebounced(JSON.stringify(preview), 400);
  const resolved = useResolvedParticipants(
    settled === "null" ? null : (JSON.parse(settled) as ResolveParticipantsInput),
  );

  const ids = Object.fromEntries(FIELDS.map((f) => [f, `${id}-${f}`])) as Record<FieldName, string>;
  const labels: Record<FieldName, string> = {
    title: t("meetings.field.title"),
    topic: t("meetings.field.topic"),
    body: t("meetings.field.body"),
    level: t("meetings.field.level"),
    format: t("meetings.field.format"),
    date: t("meetings.field.date"),
    time: t("meetings.field.time"),
    timeZone: t("meetings.field.timeZone"),
    duration: t("meetings.field.duration"),
    place: t("meetings.field.place"),
    criteria: t("meetings.criteria.legend"),
  };
  const summary: SummaryItem[] = FIELDS.flatMap((f) => {
    const message = errors[f];
    return message ? [{ id: ids[f], label: labels[f], message }] : [];
  });
  const change =
    <V,>(field: FieldName, set: (v: V) => void) =>
    (v: V) => {
      set(v);
      server.edited(field);
    };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number.parseInt(duration, 10);
    const input: MeetingInput = {
      title: title.trim(),
      topic: topic.trim(),
      body,
      level,
      format,
      start: { date, time, timeZone },
      durationMinutes: Number.isFinite(minutes) ? minutes : 0,
      place: place.trim(),
      criteria: format === "allies-only" ? [] : criteria,
    };
    create.mutate(input, { onSuccess: (m) => navigate(`/meetings/${encodeURIComponent(m.id)}`) });
  };

  const text = (f: "title" | "place", value: string, set: (v: string) => void) => (
    <Field id={ids[f]} label={labels[f]} error={errors[f]}>
      {(control) => <input {...control} type="text" value={value} onChange={(e) => change(f, set)(e.target.value)} />}
    </Field>
  );

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/meetings">{t("meetings.list.title")}</Link>}
        title={t("meetings.plan.title")}
        lead={t("meetings.plan.lead")}
      />
      <div className="meeting-planner">
        <form className="card form meeting-planner__form" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-h`}>
          <h2 id={`${id}-h`}>{t("meetings.plan.formTitle")}</h2>
          <ErrorSummary items={summary} message={general} trigger={create.error} />
          <div className="form-grid">
            <div className="form-grid__wide">{text("title", title, setTitle)}</div>
            <div className="form-grid__wide">
              <Field id={ids.topic} label={labels.topic} error={errors.topic}>
                {(control) => (
                  <textarea
                    {...control}
                    rows={3}
                    value={topic}
                    onChange={(e) => change("topic", setTopic)(e.target.value)}
                  />
                )}
              </Field>
            </div>
            <Field id={ids.body} label={labels.body} error={errors.body}>
              {(control) => (
                <select
                  {...control}
                  value={body}
                  onChange={(e) => change("body", setBody)(e.target.value as DecisionBody)}
                >
                  {BODIES.map((b) => (
                    <option key={b} value={b}>
                      {bodyName(b)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={ids.level} label={labels.level} error={errors.level}>
              {(control) => (
                <select
                  {...control}
                  value={level}
                  onChange={(e) => change("level", setLevel)(e.target.value as MeetingLevel)}
                >
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {levelName(l)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="form-grid__wide">
              <Field id={ids.format} label={labels.format} hint={t("meetings.field.formatHint")} error={errors.format}>
                {(control) => (
                  <select
                    {...control}
                    value={format}
                    onChange={(e) => change("format", setFormat)(e.target.value as DecisionFormat)}
                  >
                    {FORMATS.map((f) => (
                      <option key={f} value={f}>
                        {formatName(f)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field id={ids.date} label={labels.date} error={errors.date}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={date}
                  onChange={(e) => change("date", setDate)(e.target.value)}
                />
              )}
            </Field>
            <Field id={ids.time} label={labels.time} error={errors.time}>
              {(control) => (
                <input
                  {...control}
                  type="time"
                  value={time}
                  onChange={(e) => change("time", setTime)(e.target.value)}
                />
              )}
            </Field>
            <Field
              id={ids.timeZone}
              label={labels.timeZone}
              hint={t("meetings.field.timeZoneHint")}
              error={errors.timeZone}
            >
              {(control) => (
                <>
                  <input
                    {...control}
                    type="text"
                    list={`${id}-zones`}
                    value={timeZone}
                    autoComplete="off"
                    onChange={(e) => change("timeZone", setTimeZone)(e.target.value)}
                  />
                  <datalist id={`${id}-zones`}>
                    {COMMON_ZONES.map((z) => (
                      <option key={z} value={z} />
                    ))}
                  </datalist>
                </>
              )}
            </Field>
            <Field id={ids.duration} label={labels.duration} error={errors.duration}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={15}
                  max={4320}
                  step={15}
                  className="input--short"
                  value={duration}
                  onChange={(e) => change("duration", setDuration)(e.target.value)}
                />
              )}
            </Field>
            <div className="form-grid__wide">{text("place", place, setPlace)}</div>
          </div>
          {format === "allies-only" ? (
            <p className="notice notice--info">{t("meetings.criteria.alliesOnly")}</p>
          ) : (
            <CriteriaBuilder
              rows={rows}
              onChange={change("criteria", setRows)}
              date={/^\d{4}-\d{2}-\d{2}$/.test(date) ? date : todayIso()}
              error={errors.criteria}
              errorId={ids.criteria}
            />
          )}
          <div className="form__actions form__actions--row form__actions--end">
            <Link to="/meetings" className="button button--secondary">
              {t("meetings.plan.cancel")}
            </Link>
            <button type="submit" className="button" disabled={create.isPending}>
              {create.isPending ? t("meetings.plan.creating") : t("meetings.plan.submit")}
            </button>
          </div>
        </form>
        <section className="card meeting-preview" aria-labelledby={`${id}-preview`}>
          <h2 id={`${id}-preview`}>{t("meetings.preview.title")}</h2>
          <p className="section-lead">{t("meetings.preview.lead")}</p>
          <div aria-live="polite" className="meeting-preview__status">
            {resolved.isError ? (
              <p className="field__error">{errorMessage(resolved.error)}</p>
            ) : resolved.data ? (
              <p>
                <strong>{countsSentence(resolved.data)}</strong>
              </p>
            ) : (
              <p className="muted">{t("state.loading")}</p>
            )}
          </div>
          {resolved.data ? (
            <div aria-busy={resolved.isFetching}>
              <ParticipantCounts participants={resolved.data} />
              <ParticipantTable
                participants={resolved.data}
                caption={t("meetings.preview.caption")}
                showAllies={false}
              />
              <p className="hint">{t("meetings.preview.alliesFolded", { count: resolved.data.allies })}</p>
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
