import type { Notification, User } from "../../api/types.ts";
import { type MessageKey, t } from "../../i18n/index.ts";
import { Link, useSearchParam } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ListState } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { useInbox, useMarkRead } from "./queries.ts";

const KIND_KEYS: Record<Notification["kind"], MessageKey> = {
  "activity-invitation": "inbox.kind.invitation",
  "activity-cancelled": "inbox.kind.cancelled",
  "programme-commented": "decisions.inbox.programmeCommented",
  "programme-submitted": "decisions.inbox.programmeSubmitted",
  "programme-agreed": "decisions.inbox.programmeAgreed",
  "programme-status": "decisions.inbox.programmeStatus",
  "silence-opened": "decisions.inbox.silenceOpened",
  "silence-deadline-approaching": "decisions.inbox.silenceDeadline",
  "decision-ended": "decisions.inbox.decisionEnded",
  "access-request-decided": "decisions.inbox.accessRequestDecided",
  "meeting-invitation": "meetings.inbox.invitation",
  "meeting-changed": "meetings.inbox.changed",
  "action-item-assigned": "meetings.inbox.actionItem",
  "recognition-decided": "operations.inbox.recognitionDecided",
  "force-offer-decided": "operations.inbox.forceOfferDecided",
};

/** The page a notice is about, by its subject; null for a subject with no page. */
function subjectHref(n: Notification): string | null {
  const id = encodeURIComponent(n.subjectId);
  switch (n.subjectType) {
    case "activity":
      return `/activities/${id}`;
    case "programme":
      return `/programmes/${id}`;
    case "decision":
      return `/decisions/${id}`;
    case "access-request":
      return "/access-requests";
    case "meeting":
      return `/meetings/${id}`;
    case "action-item":
      return "/action-items";
    case "recognition":
      return `/recognitions/${id}`;
    case "force-generation":
      return `/operations/${id}/force-generation`;
    default:
      return null;
  }
}

/** The user's notifications: activities published or cancelled, programmes, silence procedures, access requests. */
export function InboxPage() {
  useDocumentTitle(t("inbox.title"));
  return <RequireAuth title={t("inbox.title")}>{(user) => <InboxView user={user} />}</RequireAuth>;
}

function InboxView(_: { user: User }) {
  const [show, setShow] = useSearchParam("show");
  const unreadOnly = show !== "all";
  const inbox = useInbox(unreadOnly);
  const items = inbox.data?.notifications ?? [];
  return (
    <>
      <PageHeader title={t("inbox.title")} lead={t("decisions.inbox.lead")} />
      <p className="toolbar">
        {unreadOnly ? (
          <button type="button" className="button button--secondary button--small" onClick={() => setShow("all")}>
            {t("inbox.showAll")}
          </button>
        ) : (
          <button type="button" className="button button--secondary button--small" onClick={() => setShow(null)}>
            {t("inbox.showUnread")}
          </button>
        )}
      </p>
      <p className="muted" aria-live="polite">
        {t("inbox.unreadCount", { count: inbox.data?.unreadCount ?? 0 })}
      </p>
      <ListState
        query={inbox}
        isEmpty={items.length === 0}
        empty={unreadOnly ? t("inbox.emptyUnread") : t("inbox.empty")}
      >
        <ul className="inbox">
          {items.map((n) => (
            <InboxItem key={n.id} notification={n} />
          ))}
        </ul>
      </ListState>
    </>
  );
}

function InboxItem({ notification: n }: { notification: Notification }) {
  const markRead = useMarkRead();
  const headingId = `notice-${n.id}`;
  const href = subjectHref(n);
  return (
    <li className={n.readAt ? "inbox__item" : "inbox__item inbox__item--unread"} aria-labelledby={headingId}>
      <h2 id={headingId} className="inbox__title">
        {href ? <Link to={href}>{n.title}</Link> : n.title}
      </h2>
      <p className="inbox__meta">
        {t(KIND_KEYS[n.kind])} · <DateText date={n.createdAt.slice(0, 10)} />
        {n.readAt ? ` · ${t("inbox.read")}` : null}
      </p>
      <p>{n.body}</p>
      {n.readAt ? null : (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={markRead.isPending}
          onClick={() => markRead.mutate(n.id)}
        >
          {t("inbox.markRead")}
          <span className="visually-hidden">: {n.title}</span>
        </button>
      )}
    </li>
  );
}
