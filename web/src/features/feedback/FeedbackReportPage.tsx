import { ApiError } from "../../api/client.ts";
import type { FeedbackReport } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { BarChart } from "../../ui/charts/BarChart.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { useNationName } from "../activities/AccessOutcome.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { useFeedbackReport } from "./queries.ts";

type QuestionResult = FeedbackReport["questions"][number];

/** An iteration's aggregated feedback: means, distributions, yes/no, comments, nations. */
export function FeedbackReportPage({ iterationId }: { iterationId: string }) {
  useDocumentTitle(t("report.title"));
  return <RequireAuth title={t("report.title")}>{() => <Report iterationId={iterationId} />}</RequireAuth>;
}

function Report({ iterationId }: { iterationId: string }) {
  const report = useFeedbackReport(iterationId);
  const nationName = useNationName();
  if (report.isPending) return <Loading />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.isNotFound) {
      return (
        <NotFound
          title={t("report.notFoundTitle")}
          message={t("report.notFoundMessage")}
          links={[{ to: "/activities", label: t("activity.backToMenu") }]}
        />
      );
    }
    return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  }
  const r = report.data;
  return (
    <article className="report" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/activities">{t("menu.title")}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/activities/${encodeURIComponent(r.activity.id)}`}>{r.activity.reference}</Link>
        <span aria-hidden="true"> › </span>
        <span>{t("report.title")}</span>
      </p>
      <LabelBadge label={r.label} variant="banner" />
      <PageHeader
        eyebrow={`${r.activity.reference} · ${t("iteration.title", { code: r.iteration.code })}`}
        title={t("report.heading", { title: r.activity.title })}
        lead={
          <>
            <DateText date={r.iteration.startDate} /> – <DateText date={r.iteration.endDate} />,{" "}
            {t("activity.place", { city: r.iteration.city, country: r.iteration.countryCode })}
          </>
        }
      />
      <dl className="facts report__summary card">
        <div>
          <dt>{t("report.attended")}</dt>
          <dd>{r.attended}</dd>
        </div>
        <div>
          <dt>{t("report.responses")}</dt>
          <dd>{r.responses}</dd>
        </div>
        <div>
          <dt>{t("report.rate")}</dt>
          <dd>
            {r.responseRate === null
              ? t("report.noRate")
              : t("report.percent", { n: Math.round(r.responseRate * 100) })}
          </dd>
        </div>
      </dl>
      {r.commentsWithheld ? <p className="notice notice--info">{t("report.commentsWithheld")}</p> : null}
      <div className="report__questions">
        {r.questions.map((q) => (
          <QuestionCard key={q.id} result={q} />
        ))}
      </div>
      <section className="section" aria-labelledby="report-nations">
        <h2 id="report-nations">{t("report.nationsTitle")}</h2>
        {r.nations.length === 0 ? (
          <p className="state state--empty">{t("report.noNations")}</p>
        ) : (
          <DataTable
            caption={t("report.nationsTitle")}
            columns={[
              t("report.col.nation"),
              t("report.col.confirmed"),
              t("report.col.attended"),
              t("report.col.responses"),
            ]}
          >
            {r.nations.map((n) => (
              <tr key={n.nation}>
                <th scope="row">{nationName(n.nation)}</th>
                <td>{n.confirmed}</td>
                <td>{n.attended}</td>
                <td>{n.responses}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
    </article>
  );
}

function QuestionCard({ result: q }: { result: QuestionResult }) {
  const headingId = `report-q-${q.id}`;
  return (
    <section className="card report__question" aria-labelledby={headingId}>
      <h2 id={headingId}>{q.text}</h2>
      {q.kind === "rating" ? (
        <>
          <p className="report__mean">
            {q.mean === null
              ? t("report.noResponses")
              : t("report.mean", { mean: q.mean.toFixed(2), count: q.responses })}
          </p>
          {q.responses > 0 ? (
            <BarChart
              title={t("report.distribution", { question: q.text })}
              description={t("report.distributionDesc", {
                count: q.responses,
                mean: q.mean === null ? "" : q.mean.toFixed(2),
              })}
              bars={q.distribution.map((d) => ({ label: t("report.ratingValue", { n: d.value }), value: d.count }))}
              labelHeading={t("report.col.rating")}
              valueHeading={t("report.col.answers")}
              max={q.responses}
            />
          ) : null}
        </>
      ) : q.kind === "yes-no" ? (
        q.yes + q.no === 0 ? (
          <p className="report__mean">{t("report.noResponses")}</p>
        ) : (
          <BarChart
            title={q.text}
            description={t("report.yesNoDesc", { yes: q.yes, no: q.no })}
            bars={[
              { label: t("common.yes"), value: q.yes },
              { label: t("common.no"), value: q.no },
            ]}
            labelHeading={t("report.col.answer")}
            valueHeading={t("report.col.answers")}
            max={q.yes + q.no}
          />
        )
      ) : q.comments === null ? (
        <p className="muted">{t("report.withheld")}</p>
      ) : q.comments.length === 0 ? (
        <p className="muted">{t("report.noComments")}</p>
      ) : (
        <ul className="report__comments">
          {q.comments.map((c, i) => (
            // Comments are anonymised and may repeat, so their position is their identity.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={i}>
              <blockquote>{c}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
