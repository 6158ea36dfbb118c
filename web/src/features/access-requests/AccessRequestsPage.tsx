import { useId, useRef, useState } from "react";
import type { User } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useSearchParam } from "../../router/router.tsx";
import { ConfirmDialog } from "../../ui/Dialog.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, errorMessage, ListState } from "../../ui/States.tsx";
import { useNationName } from "../activities/AccessOutcome.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { statusName as decisionStatusName } from "../decisions/labels.ts";
import { AccessRequestForm } from "./AccessRequestForm.tsx";
import { REQUEST_STATUSES, requestStatusName } from "./labels.ts";
import { useAccessRequests, useWithdrawAccessRequest } from "./queries.ts";
import type { AccessRequest, AccessRequestStatus } from "./types.ts";

/** A partner's requests for case-by-case access, and the form to file one; staff see every nation's. */
export function AccessRequestsPage() {
  useDocumentTitle(t("accessRequests.title"));
  return <RequireAuth title={t("accessRequests.title")}>{(user) => <AccessRequestsView user={user} />}</RequireAuth>;
}

function AccessRequestsView({ user }: { user: User }) {
  const id = useId();
  const nationName = useNationName();
  const [activity] = useSearchParam("activity");
  const [statusParam, setStatus] = useSearchParam("status");
  const status = (REQUEST_STATUSES as readonly string[]).includes(statusParam ?? "")
    ? (statusParam as AccessRequestStatus)
    : undefined;
  const requests = useAccessRequests({ status });
  const rows = requests.data?.requests ?? [];
  const isStaff = hasAnyRole(user, ["staff"]);
  const nation = user.organisation.nation;
  const isPartner = hasAnyRole(user, ["partner"]) && nation !== null;
  const [done, setDone] = useState<AccessRequest | null>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);

  return (
    <>
      <PageHeader
        title={t("accessRequests.title")}
        lead={
          isPartner && nation
            ? t("accessRequests.leadPartner", { nation: nationName(nation) })
            : t("accessRequests.lead")
        }
      />
      {done ? (
        <p className="notice notice--ok" role="status" tabIndex={-1} ref={doneRef}>
          {t("accessRequests.form.done", { reference: done.activity.reference, nation: done.nation.name })}
        </p>
      ) : null}
      {isPartner || isStaff ? (
        <AccessRequestForm
          key={activity ?? ""}
          initialActivity={activity ?? ""}
          askNation={isStaff}
          onDone={(request) => {
            setDone(request);
            window.setTimeout(() => doneRef.current?.focus(), 0);
          }}
        />
      ) : null}

      <section className="section" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{isStaff ? t("accessRequests.listAll") : t("accessRequests.listMine")}</h2>
        <div className="toolbar">
          <div className="field field--inline">
            <label htmlFor={`${id}-status`}>{t("accessRequests.statusFilter")}</label>
            <select
              id={`${id}-status`}
              value={status ?? ""}
              onChange={(e) => setStatus(e.target.value || null, { replace: false, keepScroll: true })}
            >
              <option value="">{t("accessRequests.anyStatus")}</option>
              {REQUEST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {requestStatusName(s)}
                </option>
              ))}
            </select>
          </div>
          <p className="toolbar__count" role="status">
            {requests.isSuccess ? t("accessRequests.count", { count: requests.data.total }) : ""}
          </p>
        </div>
        <ListState query={requests} isEmpty={rows.length === 0} empty={t("accessRequests.empty")}>
          <DataTable
            caption={t("accessRequests.caption")}
            columns={[
              t("accessRequests.col.activity"),
              t("accessRequests.col.nation"),
              t("accessRequests.col.status"),
              t("accessRequests.col.decision"),
            ]}
            actions
            className="access-requests-table"
            busy={requests.isFetching}
          >
            {rows.map((r) => (
              <RequestRow key={r.id} request={r} isStaff={isStaff} />
            ))}
          </DataTable>
        </ListState>
      </section>
    </>
  );
}

function RequestRow({ request: r, isStaff }: { request: AccessRequest; isStaff: boolean }) {
  const withdraw = useWithdrawAccessRequest();
  const [confirming, setConfirming] = useState(false);
  // Staff put a fresh request to the Council; one already before it, or decided, is not put again.
  const canPut = isStaff && r.status === "requested";
  return (
    <tr>
      <th scope="row">
        <Link to={`/activities/${encodeURIComponent(r.activity.id)}`}>{r.activity.title}</Link>
        <span className="table__sub">{r.activity.reference}</span>
        <span className="table__sub">{t("accessRequests.requestedOn", { date: formatDateTime(r.createdAt) })}</span>
        <span className="table__sub access-request__reason">{r.reason}</span>
      </th>
      <td>
        {r.nation.name}
        <span className="table__sub">
          <LabelBadge marking={r.marking} />
        </span>
      </td>
      <td>
        <span className={`badge access-request-status access-request-status--${r.status}`}>
          {requestStatusName(r.status)}
        </span>
        {r.decidedAt ? (
          <span className="table__sub">{t("accessRequests.decidedOn", { date: formatDateTime(r.decidedAt) })}</span>
        ) : null}
      </td>
      <td>
        {r.decision ? (
          <>
            <Link to={`/decisions/${encodeURIComponent(r.decision.id)}`}>{r.decision.reference}</Link>
            <span className="table__sub">{decisionStatusName(r.decision.status)}</span>
            {r.decision.status === "open" && r.decision.deadlineAt ? (
              <span className="table__sub">
                {t("accessRequests.silenceUntil", { time: formatDateTime(r.decision.deadlineAt) })}
              </span>
            ) : null}
          </>
        ) : (
          <span className="muted">{t("accessRequests.noDecision")}</span>
        )}
      </td>
      <td className="table__actions">
        <span className="button-row">
          {canPut ? (
            <Link
              className="button button--small"
              to={`/decisions/new?subjectType=access-request&subjectId=${encodeURIComponent(r.id)}`}
            >
              {t("accessRequests.putToCouncil")}
              <span className="visually-hidden">
                : {r.activity.reference}, {r.nation.name}
              </span>
            </Link>
          ) : null}
          {r.canWithdraw ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                withdraw.reset();
                setConfirming(true);
              }}
            >
              {t("accessRequests.withdraw")}
              <span className="visually-hidden">
                : {r.activity.reference}, {r.nation.name}
              </span>
            </button>
          ) : null}
        </span>
        {withdraw.isError ? (
          <p className="nomination-actions__error" role="alert">
            {errorMessage(withdraw.error)}
          </p>
        ) : null}
        <ConfirmDialog
          open={confirming}
          title={t("accessRequests.withdrawTitle", { reference: r.activity.reference })}
          confirmLabel={t("accessRequests.withdrawConfirm")}
          danger
          busy={withdraw.isPending}
          onConfirm={() => withdraw.mutate(r.id, { onSettled: () => setConfirming(false) })}
          onCancel={() => setConfirming(false)}
        >
          <p>{t("accessRequests.withdrawBody")}</p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
