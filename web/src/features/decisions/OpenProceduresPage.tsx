import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { User } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ListState } from "../../ui/States.tsx";
import { useNationName } from "../activities/AccessOutcome.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { Countdown, DeadlineText } from "./Countdown.tsx";
import { bodyName, formatName } from "./labels.ts";
import { DECISIONS_KEY, useDecision, useDecisions } from "./queries.ts";
import { SubjectLink } from "./SubjectLink.tsx";
import type { DecisionSummary } from "./types.ts";

/** A delegation's decision inbox: the silence procedures still running, soonest deadline first. */
export function OpenProceduresPage() {
  useDocumentTitle(t("decisions.open.title"));
  return <RequireAuth title={t("decisions.open.title")}>{(user) => <OpenProcedures user={user} />}</RequireAuth>;
}

function OpenProcedures({ user }: { user: User }) {
  const decisions = useDecisions({ status: "open", procedure: "silence", limit: "200" });
  const nationName = useNationName();
  const rows = [...(decisions.data?.decisions ?? [])].sort((a, b) =>
    (a.deadline?.at ?? "").localeCompare(b.deadline?.at ?? ""),
  );
  // Only an Ally's delegation acts on a procedure; partners never take part in the decision.
  const nation = hasAnyRole(user, ["delegation"]) ? user.organisation.nation : null;
  return (
    <>
      <PageHeader
        title={t("decisions.open.title")}
        lead={nation ? t("decisions.open.leadFor", { nation: nationName(nation) }) : t("decisions.open.lead")}
        actions={
          <Link to="/decisions" className="button button--secondary">
            {t("decisions.register.link")}
          </Link>
        }
      />
      <p className="toolbar__count" role="status">
        {decisions.isSuccess ? t("decisions.open.count", { count: rows.length }) : ""}
      </p>
      <ListState query={decisions} isEmpty={rows.length === 0} empty={t("decisions.open.empty")}>
        <ul className="silence-list">
          {rows.map((d) => (
            <OpenProcedure key={d.id} decision={d} />
          ))}
        </ul>
      </ListState>
    </>
  );
}

function OpenProcedure({ decision: d }: { decision: DecisionSummary }) {
  const queryClient = useQueryClient();
  // The summary does not say whether this viewer may object; the decision itself does.
  const detail = useDecision(d.id);
  const headingId = `procedure-${d.id}`;
  const href = `/decisions/${encodeURIComponent(d.id)}`;
  const onExpired = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: DECISIONS_KEY });
  }, [queryClient]);
  return (
    <li className="silence-item card" aria-labelledby={headingId}>
      <div className="silence-item__head">
        <h2 id={headingId} className="silence-item__title">
          <Link to={href}>
            <span className="silence-item__ref">{d.reference}</span> {d.title}
          </Link>
        </h2>
        <LabelBadge marking={d.marking} />
      </div>
      <dl className="facts silence-item__facts">
        <div>
          <dt>{t("decisions.field.body")}</dt>
          <dd>
            {bodyName(d.body)}, {formatName(d.format)}
          </dd>
        </div>
        <div>
          <dt>{t("decisions.field.subject")}</dt>
          <dd>
            <SubjectLink subject={d.subject} />
          </dd>
        </div>
        <div>
          <dt>{t("decisions.field.decisionDate")}</dt>
          <dd>
            <DateText date={d.decisionDate} />
          </dd>
        </div>
        {d.deadline ? (
          <div>
            <dt>{t("decisions.field.deadline")}</dt>
            <dd>
              <DeadlineText deadline={d.deadline} />
            </dd>
          </div>
        ) : null}
      </dl>
      {d.deadline ? (
        <p className="silence-item__countdown">
          <Countdown at={d.deadline.at} onExpired={onExpired} />
        </p>
      ) : null}
      {detail.data?.canObject ? (
        <p>
          <Link to={`${href}#break-silence`} className="button button--danger-outline">
            {t("decisions.break.action")}
            <span className="visually-hidden">: {d.reference}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}
