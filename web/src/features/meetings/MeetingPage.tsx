import { useId, useState } from "react";
import { ApiError } from "../../api/client.ts";
import type { User } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, errorMessage, Loading, NotFound } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { bodyName, STATUSES as DECISION_STATUSES, formatName, oneOf, statusName } from "../decisions/labels.ts";
import { ActionItemsSection } from "./ActionItemsSection.tsx";
import { AgendaSection } from "./AgendaSection.tsx";
import { AttendanceSection } from "./AttendanceSection.tsx";
import { meetingsApi } from "./api.ts";
import { formatLocalStart, levelName, MeetingStatusBadge, meetingActionName } from "./labels.tsx";
import { OutcomeSection } from "./OutcomeSection.tsx";
import { ParticipantsSection } from "./ParticipantsSection.tsx";
import { useMeeting, useMeetingChange } from "./queries.ts";
import type { Meeting, MeetingAction } from "./types.ts";

/** One meeting: its facts, participants, format decision, agenda, attendance, outcome and action items. */
export function MeetingPage({ id }: { id: string }) {
  return <RequireAuth title={t("meetings.page.title")}>{(user) => <MeetingView id={id} user={user} />}</RequireAuth>;
}

function MeetingView({ id, user }: { id: string; user: User }) {
  const meeting = useMeeting(id);
  useDocumentTitle(meeting.data ? meeting.data.title : t("meetings.page.title"));
  if (meeting.isPending) return <Loading />;
  if (meeting.isError) {
    if (meeting.error instanceof ApiError && meeting.error.isNotFound) {
      return (
        <NotFound
          title={t("meetings.page.notFound")}
          message={t("meetings.page.notFoundMessage")}
          links={[{ to: "/meetings", label: t("meetings.list.title") }]}
        />
      );
    }
    return <ErrorState error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  return <MeetingDetail meeting={meeting.data} isStaff={hasAnyRole(user, ["staff", "admin"])} />;
}

function MeetingDetail({ meeting: m, isStaff }: { meeting: Meeting; isStaff: boolean }) {
  const invited = m.status === "invited" || m.status === "held";
  return (
    <article className="meeting-page">
      <LabelBadge label={m.label} variant="banner" />
      <PageHeader
        eyebrow={<Link to="/meetings">{t("meetings.list.title")}</Link>}
        title={m.title}
        lead={<MeetingStatusBadge status={m.status} />}
        actions={
          <a href={meetingsApi.icsUrl(m.id)} className="button button--secondary" download>
            {t("meetings.page.ics")}
          </a>
        }
      />
      <section className="section" aria-labelledby="meeting-facts-title">
        <h2 id="meeting-facts-title">{t("meetings.page.facts")}</h2>
        <dl className="facts card meeting-facts">
          <div>
            <dt>{t("meetings.field.body")}</dt>
            <dd>{bodyName(m.body)}</dd>
          </div>
          <div>
            <dt>{t("meetings.field.level")}</dt>
            <dd>{levelName(m.level)}</dd>
          </div>
          <div>
            <dt>{t("meetings.field.format")}</dt>
            <dd>{formatName(m.format)}</dd>
          </div>
          <div>
            <dt>{t("meetings.field.start")}</dt>
            <dd>
              <time dateTime={m.startsAt}>{formatLocalStart(m.startsLocal, m.timeZone)}</time>
              <span className="table__sub">{t("meetings.page.duration", { count: m.durationMinutes })}</span>
            </dd>
          </div>
          <div>
            <dt>{t("meetings.field.place")}</dt>
            <dd>{m.place}</dd>
          </div>
          <div>
            <dt>{t("meetings.field.status")}</dt>
            <dd>
              <MeetingStatusBadge status={m.status} />
            </dd>
          </div>
          {m.topic ? (
            <div className="facts__wide">
              <dt>{t("meetings.field.topic")}</dt>
              <dd className="meeting-topic">{m.topic}</dd>
            </div>
          ) : null}
          <div className="facts__wide">
            <dt>{t("meetings.field.marking")}</dt>
            <dd>
              <LabelBadge label={m.label} />
            </dd>
          </div>
        </dl>
      </section>
      <FormatDecision meeting={m} isStaff={isStaff} />
      {isStaff ? <MeetingActions meeting={m} /> : null}
      <ParticipantsSection meeting={m} isStaff={isStaff} />
      <AgendaSection meeting={m} isStaff={isStaff} />
      {invited && isStaff ? <AttendanceSection meeting={m} /> : null}
      <OutcomeSection meeting={m} isStaff={isStaff} />
      <ActionItemsSection meeting={m} isStaff={isStaff} />
      <LabelBadge label={m.label} variant="banner" />
    </article>
  );
}

function decisionStatusWords(status: string): string {
  const known = oneOf(DECISION_STATUSES, status);
  return known ? statusName(known) : status;
}

/** The Allies' agreement to the format: its decision, or the way to put it to the Council. */
function FormatDecision({ meeting: m, isStaff }: { meeting: Meeting; isStaff: boolean }) {
  if (!m.formatNeedsDecision) {
    return (
      <section className="section" aria-labelledby="format-title">
        <h2 id="format-title">{t("meetings.format.title")}</h2>
        <p>{t("meetings.format.notNeeded")}</p>
      </section>
    );
  }
  return (
    <section className="section" aria-labelledby="format-title">
      <h2 id="format-title">{t("meetings.format.title")}</h2>
      {m.formatDecision ? (
        <p>
          {t("meetings.format.decision")}{" "}
          <Link to={`/decisions/${encodeURIComponent(m.formatDecision.id)}`}>{m.formatDecision.reference}</Link>
          {" · "}
          <span className="badge badge--muted">
            {t("meetings.format.status", { status: decisionStatusWords(m.formatDecision.status) })}
          </span>
        </p>
      ) : (
        <p>{t("meetings.format.none")}</p>
      )}
      {isStaff && m.canPutFormatToCouncil ? (
        <p>
          <Link
            to={`/decisions/new?subjectType=meeting-format&subjectId=${encodeURIComponent(m.id)}`}
            className="button"
          >
            {t("meetings.format.put")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

const CONFIRM_BODY: Record<
  MeetingAction,
  "meetings.confirm.sendInvitations" | "meetings.confirm.recordHeld" | "meetings.confirm.cancel"
> = {
  "send-invitations": "meetings.confirm.sendInvitations",
  "record-held": "meetings.confirm.recordHeld",
  cancel: "meetings.confirm.cancel",
};

/** The workflow moves the API allows now; each cannot be undone, so each is confirmed first. */
function MeetingActions({ meeting: m }: { meeting: Meeting }) {
  const id = useId();
  const [pending, setPending] = useState<MeetingAction | null>(null);
  const [note, setNote] = useState("");
  const act = useMeetingChange((action: MeetingAction) => meetingsApi.act(m.id, { action, note: note.trim() }));
  return (
    <section className="section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} tabIndex={-1}>
        {t("meetings.actions.title")}
      </h2>
      {m.actions.length === 0 ? <p className="muted">{t("meetings.actions.none")}</p> : null}
      {act.isError ? (
        <div className="notice notice--warn" role="alert">
          <p>
            <strong>{t("meetings.actions.failed")}</strong> {errorMessage(act.error)}
          </p>
        </div>
      ) : null}
      {act.isSuccess ? (
        <p className="notice notice--ok" role="status">
          {t("meetings.actions.done")}
        </p>
      ) : null}
      <span className="button-row">
        {m.actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === "cancel" ? "button button--danger-outline" : "button"}
            onClick={() => {
              act.reset();
              setNote("");
              setPending(a);
            }}
          >
            {meetingActionName(a)}
          </button>
        ))}
      </span>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t("meetings.confirm.title", { action: meetingActionName(pending) }) : ""}
        confirmLabel={pending ? meetingActionName(pending) : ""}
        danger={pending === "cancel"}
        busy={act.isPending}
        onConfirm={() => {
          if (!pending) return;
          act.mutate(pending, {
            onSettled: () => setPending(null),
            // The button that opened the dialog may be gone now: focus goes to the section's heading.
            onSuccess: () => window.setTimeout(() => document.getElementById(`${id}-title`)?.focus(), 0),
          });
        }}
        onCancel={() => setPending(null)}
      >
        {pending ? <p>{t(CONFIRM_BODY[pending], { count: m.participants.count })}</p> : null}
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("meetings.actions.note")}</label>
          <textarea id={`${id}-note`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
      </ConfirmDialog>
    </section>
  );
}
