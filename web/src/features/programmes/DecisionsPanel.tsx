import { formatDateTime } from "../../i18n/dates.ts";
import { type MessageKey, t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DataTable } from "../../ui/States.tsx";
import { hasAnyRole, useMe } from "../auth/session.ts";
import type { Programme } from "./types.ts";

type DecisionRef = Programme["decisions"][number];

const STATUS: Record<DecisionRef["status"], MessageKey> = {
  open: "programmeDecision.open",
  adopted: "programmeDecision.adopted",
  "silence-broken": "programmeDecision.silenceBroken",
  "not-adopted": "programmeDecision.notAdopted",
  withdrawn: "programmeDecision.withdrawn",
};

const PROCEDURE: Record<DecisionRef["procedure"], MessageKey> = {
  meeting: "programmeDecision.meeting",
  silence: "programmeDecision.silence",
};

/** The Council's decisions on the programme: the open procedure (with its deadline) and past ones. */
export function DecisionsPanel({ programme: p }: { programme: Programme }) {
  const all = [...p.decisions];
  if (p.councilDecision && !all.some((d) => d.id === p.councilDecision?.id)) all.unshift(p.councilDecision);
  const open = all.find((d) => d.status === "open");
  const { user } = useMe();
  // Staff put a submitted programme to the Council (a silence procedure or a meeting decision).
  const mayPutToCouncil =
    hasAnyRole(user, ["staff", "admin"]) && p.status === "submitted" && !open && p.councilDecision === null;
  return (
    <section className="section" aria-labelledby="programme-decisions-title">
      <div className="section__head">
        <h2 id="programme-decisions-title">{t("programme.decisions")}</h2>
        {mayPutToCouncil ? (
          <Link
            className="button button--secondary"
            to={`/decisions/new?subjectType=programme&subjectId=${encodeURIComponent(p.id)}`}
          >
            {t("programmeDecision.putToCouncil")}
          </Link>
        ) : null}
      </div>
      {open ? (
        <div className="notice notice--info programme-open-decision">
          <p>
            {t("programmeDecision.openNotice", {
              reference: open.reference,
              procedure: t(PROCEDURE[open.procedure]),
            })}{" "}
            {open.deadlineAt ? (
              <>
                {t("programmeDecision.deadline")}{" "}
                <time dateTime={open.deadlineAt}>
                  <strong>{formatDateTime(open.deadlineAt)}</strong>
                </time>
                .{" "}
              </>
            ) : null}
            <Link to={`/decisions/${encodeURIComponent(open.id)}`}>{t("programmeDecision.openLink")}</Link>
          </p>
        </div>
      ) : null}
      {all.length === 0 ? (
        <p className="muted">{t("programmeDecision.none")}</p>
      ) : (
        <DataTable
          caption={t("programme.decisions")}
          columns={[
            t("programmeDecision.reference"),
            t("programmeDecision.procedure"),
            t("programmeDecision.status"),
            t("programmeDecision.when"),
            t("programmeDecision.outcome"),
          ]}
        >
          {all.map((d) => (
            <tr key={d.id}>
              <td>
                <Link to={`/decisions/${encodeURIComponent(d.id)}`}>{d.reference}</Link>
                {p.councilDecision?.id === d.id ? (
                  <span className="badge badge--current programme-rev__current">{t("programmeDecision.council")}</span>
                ) : null}
              </td>
              <td>{t(PROCEDURE[d.procedure])}</td>
              <td>
                <span className={`badge programme-decision programme-decision--${d.status}`}>
                  {t(STATUS[d.status])}
                </span>
              </td>
              <td className="nowrap">
                {d.closedAt ? (
                  <>
                    {t("programmeDecision.closed")} <time dateTime={d.closedAt}>{formatDateTime(d.closedAt)}</time>
                  </>
                ) : d.deadlineAt ? (
                  <>
                    {t("programmeDecision.deadline")}{" "}
                    <time dateTime={d.deadlineAt}>{formatDateTime(d.deadlineAt)}</time>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>{d.outcomeText || <span className="muted">—</span>}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
