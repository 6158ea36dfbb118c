import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { ApiError } from "../../api/client.ts";
import type { User } from "../../api/types.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, errorMessage, Loading, NotFound } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { BreakSilenceForm } from "./BreakSilenceForm.tsx";
import { Countdown, DeadlineText } from "./Countdown.tsx";
import { bodyName, formatName, procedureName } from "./labels.ts";
import { decisionKey, useBreakSilence, useDecision, useWithdrawDecision } from "./queries.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { SubjectLink } from "./SubjectLink.tsx";
import type { Decision } from "./types.ts";
import { WithdrawDecision } from "./WithdrawDecision.tsx";

/** One decision: what, who, how, and its outcome; an Ally's delegation may break silence here. */
export function DecisionPage({ id }: { id: string }) {
  return <RequireAuth title={t("decisions.page.title")}>{(user) => <DecisionView id={id} user={user} />}</RequireAuth>;
}

function DecisionView({ id, user }: { id: string; user: User }) {
  const decision = useDecision(id);
  useDocumentTitle(decision.data ? decision.data.reference : t("decisions.page.title"));
  if (decision.isPending) return <Loading />;
  if (decision.isError) {
    if (decision.error instanceof ApiError && decision.error.isNotFound) {
      return (
        <NotFound
          title={t("decisions.page.notFound")}
          message={t("decisions.page.notFoundMessage")}
          links={[{ to: "/decisions", label: t("decisions.register.title") }]}
        />
      );
    }
    return <ErrorState error={decision.error} onRetry={() => void decision.refetch()} />;
  }
  return <DecisionDetail decision={decision.data} user={user} />;
}

function nationList(nations: { code: string; name: string }[]): string {
  return nations.map((n) => n.name).join(", ");
}

function DecisionDetail({ decision: d, user }: { decision: Decision; user: User }) {
  const queryClient = useQueryClient();
  // At the deadline the server adopts the decision; ask again for its outcome.
  const onExpired = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: decisionKey(d.id) });
  }, [queryClient, d.id]);
  const isOpen = d.status === "open";
  // After this user's objection is recorded the form goes away: focus moves to the outcome.
  const objection = useBreakSilence(d.id);
  const withdraw = useWithdrawDecision(d.id);
  const brokenHere = objection.isSuccess && d.status === "silence-broken";
  useEffect(() => {
    if (brokenHere) document.getElementById("decision-outcome-title")?.focus();
  }, [brokenHere]);
  return (
    <article className="decision-page">
      <LabelBadge label={d.label} variant="banner" />
      <PageHeader
        eyebrow={
          <>
            <Link to="/decisions">{t("decisions.register.title")}</Link> · {d.reference}
          </>
        }
        title={d.title}
        lead={<StatusBadge status={d.status} />}
      />
      <section className="card decision-outcome" aria-labelledby="decision-outcome-title">
        <h2 id="decision-outcome-title" tabIndex={-1}>
          {t("decisions.page.outcome")}
        </h2>
        {objection.isError ? (
          <div className="notice notice--warn" role="alert">
            <p>
              <strong>{t("decisions.break.failed")}</strong> {errorMessage(objection.error)}
            </p>
          </div>
        ) : null}
        {withdraw.isError ? (
          <div className="notice notice--warn" role="alert">
            <p>
              <strong>{t("decisions.withdraw.failed")}</strong> {errorMessage(withdraw.error)}
            </p>
          </div>
        ) : null}
        {brokenHere ? (
          <p className="notice notice--ok" role="status">
            {t("decisions.break.done")}
          </p>
        ) : null}
        <p className="decision-outcome__text">{d.outcomeText}</p>
        {isOpen && d.deadline ? (
          <p className="decision-outcome__countdown">
            <Countdown at={d.deadline.at} onExpired={onExpired} />
          </p>
        ) : null}
        {d.brokenBy ? (
          <div className="decision-outcome__objection">
            <h3>{t("decisions.page.brokenBy", { nation: d.brokenBy.nation.name })}</h3>
            <p className="muted">
              <time dateTime={d.brokenBy.at}>{formatDateTime(d.brokenBy.at)}</time>
            </p>
            <blockquote className="decision-outcome__reason">
              <p>{d.brokenBy.reason}</p>
            </blockquote>
          </div>
        ) : null}
      </section>

      <section className="section" aria-labelledby="decision-facts-title">
        <h2 id="decision-facts-title">{t("decisions.page.facts")}</h2>
        <dl className="facts card">
          <div>
            <dt>{t("decisions.field.reference")}</dt>
            <dd>{d.reference}</dd>
          </div>
          <div>
            <dt>{t("decisions.field.body")}</dt>
            <dd>{bodyName(d.body)}</dd>
          </div>
          <div>
            <dt>{t("decisions.field.format")}</dt>
            <dd>
              {formatName(d.format)}
              {d.participants.length > 0 ? (
                <span className="table__sub">
                  {t("decisions.page.participants", { nations: nationList(d.participants) })}
                </span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t("decisions.field.procedure")}</dt>
            <dd>{procedureName(d.procedure)}</dd>
          </div>
          <div className="facts__wide">
            <dt>{t("decisions.field.subject")}</dt>
            <dd>
              <SubjectLink subject={d.subject} />
              {d.subject.text && d.subject.text !== d.subject.title ? (
                <span className="table__sub">{d.subject.text}</span>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t("decisions.field.decisionDate")}</dt>
            <dd>
              <DateText date={d.decisionDate} />
            </dd>
          </div>
          <div>
            <dt>{t("decisions.field.alliesCount")}</dt>
            <dd>{t("decisions.page.alliesCount", { count: d.alliesCount })}</dd>
          </div>
          {d.deadline ? (
            <div className="facts__wide">
              <dt>{t("decisions.field.deadline")}</dt>
              <dd>
                <DeadlineText deadline={d.deadline} />
              </dd>
            </div>
          ) : null}
          {d.closedAt ? (
            <div>
              <dt>{t("decisions.field.closedAt")}</dt>
              <dd>
                <time dateTime={d.closedAt}>{formatDateTime(d.closedAt)}</time>
              </dd>
            </div>
          ) : null}
          {d.procedure === "meeting" ? (
            <div className="facts__wide">
              <dt>{t("decisions.field.alliesPresent")}</dt>
              <dd>
                {d.alliesPresent.length > 0
                  ? `${t("decisions.page.alliesPresentCount", { count: d.alliesPresent.length })}: ${nationList(d.alliesPresent)}`
                  : t("decisions.page.noneRecorded")}
              </dd>
            </div>
          ) : null}
          {d.note ? (
            <div className="facts__wide">
              <dt>{t("decisions.field.note")}</dt>
              <dd className="decision-note">{d.note}</dd>
            </div>
          ) : null}
          <div className="facts__wide">
            <dt>{t("decisions.field.marking")}</dt>
            <dd>
              <LabelBadge label={d.label} />
            </dd>
          </div>
        </dl>
      </section>

      {d.canObject ? <BreakSilenceForm decision={d} nation={user.organisation.nation} objection={objection} /> : null}
      {d.canWithdraw ? <WithdrawDecision decision={d} withdraw={withdraw} /> : null}
      <LabelBadge label={d.label} variant="banner" />
    </article>
  );
}
