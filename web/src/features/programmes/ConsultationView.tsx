import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { FieldErrorText, fieldErrorsOf } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/States.tsx";
import { areaName } from "../activities/labels.ts";
import { programmesApi } from "./api.ts";
import { programmeTypeName } from "./labels.ts";
import { programmeKey } from "./queries.ts";
import type { Programme, ProgrammeComment } from "./types.ts";

/** The programme section by section, each with its comments beside it and, for commenters, a comment form. */
export function ConsultationView({ programme: p }: { programme: Programme }) {
  const itpp = p.type === "itpp";
  const objectiveName = (id: string | null) => {
    const i = p.content.objectives.findIndex((o) => o.id === id);
    return i < 0 ? null : t("programme.objectiveRef", { n: i + 1 });
  };
  const activityOf = (id: string) => p.activities.find((a) => a.id === id);
  return (
    <section className="section" aria-labelledby="programme-content-title">
      <div className="section__head">
        <h2 id="programme-content-title">{t("programme.content")}</h2>
        <p>{p.canComment ? t("programme.contentLeadComment") : t("programme.contentLead")}</p>
      </div>

      <ProgrammeSection programme={p} section="general" heading={t("programme.section.general")}>
        <dl className="facts">
          <div className="facts__wide">
            <dt>{t("programme.titleLabel")}</dt>
            <dd>{p.title}</dd>
          </div>
          <div>
            <dt>{t("programme.type")}</dt>
            <dd>{programmeTypeName(p.type)}</dd>
          </div>
          <div>
            <dt>{t("programme.period")}</dt>
            <dd>
              <DateText date={p.periodStart} /> – <DateText date={p.periodEnd} />
            </dd>
          </div>
        </dl>
      </ProgrammeSection>

      <ProgrammeSection programme={p} section="areas" heading={t("programme.section.areas")}>
        {p.content.areas.length === 0 ? (
          <p className="muted">{t("programme.noAreas")}</p>
        ) : (
          <ul className="tag-list">
            {p.content.areas.map((a) => (
              <li key={a}>
                <span className="tag">{areaName(a)}</span>
              </li>
            ))}
          </ul>
        )}
      </ProgrammeSection>

      <ProgrammeSection
        programme={p}
        section="objectives"
        heading={itpp ? t("programmeForm.objectivesItpp") : t("programmeForm.objectives")}
      >
        {p.content.objectives.length === 0 ? (
          <p className="muted">{t("programme.noObjectives")}</p>
        ) : (
          <ol className="programme-list">
            {p.content.objectives.map((o) => (
              <li key={o.id}>{o.text}</li>
            ))}
          </ol>
        )}
      </ProgrammeSection>

      <ProgrammeSection
        programme={p}
        section="goals"
        heading={itpp ? t("programmeForm.goalsItpp") : t("programmeForm.goals")}
      >
        {p.content.goals.length === 0 ? (
          <p className="muted">{t("programme.noGoals")}</p>
        ) : (
          <ol className="programme-list">
            {p.content.goals.map((g) => {
              const serves = objectiveName(g.objectiveId);
              return (
                <li key={g.id}>
                  {g.text}
                  {serves ? <span className="muted"> ({t("programme.serves", { objective: serves })})</span> : null}
                </li>
              );
            })}
          </ol>
        )}
      </ProgrammeSection>

      <ProgrammeSection
        programme={p}
        section="activities"
        heading={itpp ? t("programmeForm.activitiesItpp") : t("programmeForm.activities")}
      >
        {p.content.activities.length === 0 ? (
          <p className="muted">{t("programme.noActivities")}</p>
        ) : (
          <ul className="programme-list">
            {p.content.activities.map((a) => {
              const menu = activityOf(a.activityId);
              const serves = objectiveName(a.objectiveId);
              return (
                <li key={a.activityId}>
                  {menu ? (
                    <>
                      <span className="activity-card__ref">{menu.reference}</span>{" "}
                      <Link to={`/activities/${encodeURIComponent(menu.id)}`}>{menu.title}</Link>
                    </>
                  ) : (
                    <span className="muted">{t("programme.activityHidden")}</span>
                  )}
                  {" · "}
                  {t("programme.planned", { count: a.plannedParticipants })}
                  {serves ? <span className="muted"> · {t("programme.serves", { objective: serves })}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </ProgrammeSection>

      {p.content.sections.map((s) => (
        <ProgrammeSection key={s.key} programme={p} section={`section:${s.key}`} heading={s.title}>
          {s.text ? <p className="programme-text">{s.text}</p> : <p className="muted">{t("programme.emptySection")}</p>}
        </ProgrammeSection>
      ))}
    </section>
  );
}

function ProgrammeSection({
  programme,
  section,
  heading,
  children,
}: {
  programme: Programme;
  section: string;
  heading: string;
  children: ReactNode;
}) {
  const id = useId();
  const comments = programme.comments.filter((c) => c.section === section);
  return (
    <section className="programme-section" aria-labelledby={`${id}-h`}>
      <div className="programme-section__body">
        <h3 id={`${id}-h`}>{heading}</h3>
        {children}
      </div>
      <aside className="programme-section__comments" aria-label={t("programme.commentsOn", { section: heading })}>
        <h4 className="programme-comments__title">
          {comments.length === 0 ? t("programme.noComments") : t("programme.commentCount", { count: comments.length })}
        </h4>
        {comments.length > 0 ? (
          <ul className="programme-comments">
            {comments.map((c) => (
              <Comment key={c.id} comment={c} current={programme.currentRevision} />
            ))}
          </ul>
        ) : null}
        {programme.canComment ? <CommentForm programmeId={programme.id} section={section} heading={heading} /> : null}
      </aside>
    </section>
  );
}

function Comment({ comment: c, current }: { comment: ProgrammeComment; current: number }) {
  return (
    <li className="programme-comment">
      <p className="programme-comment__meta">
        <strong>{c.author.displayName}</strong> ({c.author.organisation}) ·{" "}
        <time dateTime={c.createdAt}>{formatDateTime(c.createdAt)}</time>
        {c.revision !== current ? <> · {t("programme.onRevision", { n: c.revision })}</> : null}
      </p>
      <p className="programme-text">{c.body}</p>
    </li>
  );
}

function CommentForm({ programmeId, section, heading }: { programmeId: string; section: string; heading: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [body, setBody] = useState("");
  const post = useMutation({
    mutationFn: () => programmesApi.comment(programmeId, { section, body: body.trim() }),
    onSuccess: () => {
      setBody("");
      void queryClient.invalidateQueries({ queryKey: programmeKey(programmeId) });
    },
  });
  const fieldError = fieldErrorsOf(post.error, (f) => (f === "body" ? "body" : null)).body;
  const other = post.isError && !fieldError ? errorMessage(post.error) : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    post.mutate();
  };
  return (
    <form className="programme-comment-form" onSubmit={submit} noValidate>
      <div className={fieldError ? "field field--error" : "field"}>
        <label htmlFor={`${id}-body`}>{t("programme.commentLabel", { section: heading })}</label>
        {fieldError ? <FieldErrorText id={`${id}-error`} message={fieldError} /> : null}
        <textarea
          id={`${id}-body`}
          rows={2}
          value={body}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? `${id}-error` : undefined}
          onChange={(e) => setBody(e.target.value)}
        />
      </div>
      {other ? (
        <p className="notice notice--warn" role="alert">
          {other}
        </p>
      ) : null}
      <div role="status" className="visually-hidden">
        {post.isSuccess ? t("programme.commentPosted") : ""}
      </div>
      <button type="submit" className="button button--small" disabled={post.isPending}>
        {t("programme.commentSubmit")}
        <span className="visually-hidden"> {t("programme.commentOn", { section: heading })}</span>
      </button>
    </form>
  );
}
