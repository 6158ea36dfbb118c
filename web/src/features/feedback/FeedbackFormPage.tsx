import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { FeedbackSubmission, Question } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import {
  ErrorSummary,
  Field,
  FieldErrorText,
  fieldErrorsOf,
  type SummaryItem,
  useFieldErrors,
} from "../../ui/Field.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, errorMessage, Loading } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { useNominations } from "../nominations/queries.ts";
import { feedbackApi } from "./api.ts";
import { useQuestionnaire } from "./queries.ts";

type Answer = number | boolean | string;

/** The feedback questionnaire for one attended nomination, rendered from the API's questions. */
export function FeedbackFormPage({ iterationId, nominationId }: { iterationId: string; nominationId: string }) {
  useDocumentTitle(t("feedback.title"));
  return (
    <RequireAuth title={t("feedback.title")}>
      {() => <FeedbackForm iterationId={iterationId} nominationId={nominationId} />}
    </RequireAuth>
  );
}

function FeedbackForm({ iterationId, nominationId }: { iterationId: string; nominationId: string }) {
  const id = useId();
  const questionnaire = useQuestionnaire();
  // What the feedback is about, from the caller's own nominations (the form works without it).
  const mine = useNominations({ iteration: iterationId });
  const nomination = mine.data?.nominations.find((n) => n.id === nominationId);
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [missing, setMissing] = useState<{ ids: string[]; attempt: number }>({ ids: [], attempt: 0 });
  const submit = useMutation({
    mutationFn: (submission: FeedbackSubmission) => feedbackApi.submit(nominationId, submission),
  });
  const questions = questionnaire.data?.questions ?? [];
  const toField = (f: string): string | null => {
    const name = f.replace(/^answers\./, "");
    return questions.some((q) => q.id === name) ? name : null;
  };
  const server = useFieldErrors<string>(submit.error, toField);
  const errors: Partial<Record<string, string>> = { ...server.errors };
  for (const q of missing.ids) errors[q] = t("feedback.answerRequired");
  const general =
    submit.error && Object.keys(fieldErrorsOf(submit.error, toField)).length === 0
      ? errorMessage(submit.error)
      : undefined;
  const controlId = (q: Question) =>
    q.kind === "text" ? `${id}-${q.id}` : `${id}-${q.id}-${q.kind === "rating" ? 1 : "yes"}`;
  const summary: SummaryItem[] = questions.flatMap((q) =>
    errors[q.id] ? [{ id: controlId(q), label: q.text, message: errors[q.id] ?? "" }] : [],
  );

  if (questionnaire.isPending) return <Loading />;
  if (questionnaire.isError)
    return <ErrorState error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />;

  const set = (q: Question, value: Answer) => {
    setAnswers((a) => ({ ...a, [q.id]: value }));
    server.edited(q.id);
    if (missing.ids.includes(q.id))
      setMissing({ ids: missing.ids.filter((m) => m !== q.id), attempt: missing.attempt });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const absent = questions.filter((q) => q.required && answers[q.id] === undefined).map((q) => q.id);
    setMissing({ ids: absent, attempt: missing.attempt + 1 });
    if (absent.length > 0) return;
    const body: Record<string, Answer> = {};
    for (const q of questions) {
      const value = answers[q.id];
      if (value === undefined || (typeof value === "string" && value.trim() === "")) continue;
      body[q.id] = value;
    }
    submit.mutate({ answers: body as FeedbackSubmission["answers"] });
  };

  if (submit.isSuccess) {
    return (
      <>
        <PageHeader title={t("feedback.title")} />
        <div className="notice notice--ok" role="status">
          <Icon name="check" />
          <p>
            {t("feedback.thanks")} <Link to="/nominations">{t("feedback.back")}</Link>
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/nominations">{t("nominations.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("feedback.title")}</span>
      </p>
      <PageHeader
        eyebrow={
          nomination
            ? `${nomination.activity.reference} · ${t("iteration.title", { code: nomination.iteration.code })}`
            : undefined
        }
        title={nomination ? t("feedback.titleFor", { title: nomination.activity.title }) : t("feedback.title")}
        lead={
          nomination
            ? `${t("feedback.participant", { name: nomination.name })} ${t("feedback.lead")}`
            : t("feedback.lead")
        }
      />
      <form className="card form feedback-form" onSubmit={onSubmit} noValidate aria-labelledby="page-title">
        <ErrorSummary
          items={summary}
          message={general}
          trigger={submit.error ?? (missing.attempt > 0 && summary.length > 0 ? missing.attempt : null)}
        />
        {questions.map((q) =>
          q.kind === "text" ? (
            <Field
              key={q.id}
              id={controlId(q)}
              label={q.required ? q.text : t("feedback.optional", { question: q.text })}
              hint={q.maxLength ? t("feedback.maxLength", { count: q.maxLength }) : undefined}
              error={errors[q.id]}
            >
              {(control) => (
                <textarea
                  {...control}
                  rows={4}
                  maxLength={q.maxLength ?? undefined}
                  value={typeof answers[q.id] === "string" ? String(answers[q.id]) : ""}
                  onChange={(e) => set(q, e.target.value)}
                />
              )}
            </Field>
          ) : (
            <ChoiceQuestion
              key={q.id}
              question={q}
              baseId={`${id}-${q.id}`}
              value={answers[q.id]}
              error={errors[q.id]}
              onChange={(v) => set(q, v)}
            />
          ),
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={submit.isPending}>
            {submit.isPending ? t("feedback.sending") : t("feedback.submit")}
          </button>
        </div>
      </form>
    </>
  );
}

/** A rating (1–5) or yes/no question as a group of radio buttons: arrow keys move within it. */
function ChoiceQuestion({
  question: q,
  baseId,
  value,
  error,
  onChange,
}: {
  question: Question;
  baseId: string;
  value: Answer | undefined;
  error: string | undefined;
  onChange: (value: Answer) => void;
}) {
  const options: { key: string; value: Answer; label: string }[] =
    q.kind === "rating"
      ? [1, 2, 3, 4, 5].map((n) => ({
          key: String(n),
          value: n,
          label:
            n === 1 && q.scale
              ? t("feedback.ratingLow", { n, words: q.scale.low })
              : n === 5 && q.scale
                ? t("feedback.ratingHigh", { n, words: q.scale.high })
                : String(n),
        }))
      : [
          { key: "yes", value: true, label: t("common.yes") },
          { key: "no", value: false, label: t("common.no") },
        ];
  const hintId = `${baseId}-hint`;
  const errorId = `${baseId}-error`;
  return (
    <fieldset
      className={`field choice${error ? " field--error" : ""}`}
      aria-describedby={
        [q.kind === "rating" ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined
      }
    >
      <legend>{q.required ? q.text : t("feedback.optional", { question: q.text })}</legend>
      {q.kind === "rating" && q.scale ? (
        <p className="field__hint" id={hintId}>
          {t("feedback.scale", { low: q.scale.low, high: q.scale.high })}
        </p>
      ) : null}
      {error ? <FieldErrorText id={errorId} message={error} /> : null}
      <div className={q.kind === "rating" ? "choice__options choice__options--rating" : "choice__options"}>
        {options.map((o) => (
          <label key={o.key} className="choice__option" htmlFor={`${baseId}-${o.key}`}>
            <input
              id={`${baseId}-${o.key}`}
              type="radio"
              name={baseId}
              checked={value === o.value}
              onChange={() => onChange(o.value)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
