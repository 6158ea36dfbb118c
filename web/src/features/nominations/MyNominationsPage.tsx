import { useId } from "react";
import type { NominationStatus, User } from "../../api/types.ts";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useSearchParam } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ListState } from "../../ui/States.tsx";
import { useNationName } from "../activities/AccessOutcome.tsx";
import { MENU_STAFF, NOMINATION_STATUSES, nominationStatusName } from "../activities/labels.ts";
import { NominationActions } from "../activities/NominationActions.tsx";
import { NominationStatusBadge } from "../activities/NominationStatusBadge.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { CalendarFeeds } from "../feedback/CalendarFeeds.tsx";
import { useNominations } from "./queries.ts";

/** "My nominations" for a partner POC; the review list for owners and staff (?status=pending-owner). */
export function MyNominationsPage() {
  useDocumentTitle(t("nominations.title"));
  return <RequireAuth title={t("nominations.title")}>{(user) => <NominationsView user={user} />}</RequireAuth>;
}

function NominationsView({ user }: { user: User }) {
  const id = useId();
  const [statusParam, setStatus] = useSearchParam("status");
  const status = (NOMINATION_STATUSES as string[]).includes(statusParam ?? "")
    ? (statusParam as NominationStatus)
    : undefined;
  const nominations = useNominations({ status });
  const nationName = useNationName();
  const isPartner = hasAnyRole(user, ["partner"]) && user.organisation.nation !== null;
  const reviews = !isPartner || hasAnyRole(user, MENU_STAFF);
  const rows = nominations.data?.nominations ?? [];
  const today = todayIso();

  return (
    <>
      <PageHeader
        title={t("nominations.title")}
        lead={
          isPartner
            ? t("nominations.leadPartner", { nation: nationName(user.organisation.nation ?? "") })
            : t("nominations.leadOwner")
        }
      />
      <div className="toolbar">
        <div className="field field--inline">
          <label htmlFor={`${id}-status`}>{t("nominations.statusFilter")}</label>
          <select
            id={`${id}-status`}
            value={status ?? ""}
            onChange={(e) => setStatus(e.target.value || null, { replace: false, keepScroll: true })}
          >
            <option value="">{t("nominations.anyStatus")}</option>
            {NOMINATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {nominationStatusName(s)}
              </option>
            ))}
          </select>
        </div>
        {reviews && status !== "pending-owner" ? (
          <Link to="/nominations?status=pending-owner">{t("nominations.toReview")}</Link>
        ) : null}
        <p className="toolbar__count" role="status">
          {nominations.isSuccess ? t("nominations.count", { count: rows.length }) : ""}
        </p>
      </div>
      <ListState
        query={nominations}
        isEmpty={rows.length === 0}
        empty={
          status ? t("nominations.noneWithStatus", { status: nominationStatusName(status) }) : t("nominations.empty")
        }
      >
        <DataTable
          caption={t("nominations.caption")}
          columns={[t("nominations.col.activity"), t("nominations.col.participant"), t("nominations.col.status")]}
          actions
          className="nominations-table"
          busy={nominations.isFetching}
        >
          {rows.map((n) => (
            <tr key={n.id}>
              <th scope="row">
                <Link to={`/activities/${encodeURIComponent(n.activity.id)}`}>{n.activity.title}</Link>
                <span className="table__sub">
                  {n.activity.reference} · {t("iteration.title", { code: n.iteration.code })}
                </span>
                <span className="table__sub">
                  <DateText date={n.iteration.startDate} /> – <DateText date={n.iteration.endDate} />,{" "}
                  {t("activity.place", { city: n.iteration.city, country: n.iteration.countryCode })}
                </span>
              </th>
              <td>
                {n.name}
                <span className="table__sub">
                  {n.rank} · {nationName(n.nation)}
                </span>
                <span className="table__sub">{n.email}</span>
              </td>
              <td>
                <NominationStatusBadge status={n.status} position={n.waitlistPosition} />
              </td>
              <td className="table__actions">
                <NominationActions
                  nomination={n}
                  activityId={n.activity.id}
                  canReview={reviews}
                  canWithdraw={n.iteration.startDate > today}
                >
                  {n.attended === true && !n.feedbackSubmitted ? (
                    <Link
                      className="button button--secondary button--small"
                      to={`/iterations/${encodeURIComponent(n.iterationId)}/feedback/${encodeURIComponent(n.id)}`}
                    >
                      {t("nominations.giveFeedback")}
                      <span className="visually-hidden"> {n.name}</span>
                    </Link>
                  ) : null}
                </NominationActions>
              </td>
            </tr>
          ))}
        </DataTable>
      </ListState>
      <CalendarFeeds />
    </>
  );
}
