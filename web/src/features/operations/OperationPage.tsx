import { ApiError } from "../../api/client.ts";
import { isIsoDate, todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useSearchParam } from "../../router/router.tsx";
import { Cite } from "../../ui/Cite.tsx";
import { useDebounced } from "../../ui/hooks.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { hasAnyRole, useMe } from "../auth/session.ts";
import { reportsApi } from "../reports/api.ts";
import { AsOfControl } from "./AsOfControl.tsx";
import { ContributionForm } from "./ContributionForm.tsx";
import { HistoryChart } from "./HistoryChart.tsx";
import { formatPeriod, periodBounds } from "./labels.ts";
import { OfferRecognitionForm } from "./OfferRecognitionForm.tsx";
import { ContributionsTable, RecognitionsTable } from "./OperationTables.tsx";
import { PlacematChart } from "./PlacematChart.tsx";
import { useHistory, useOperation, usePlacemat } from "./queries.ts";
import type { Operation } from "./types.ts";

export const STAFF = ["staff", "admin"] as const;

/** One operation: its mandate, the contributors on a chosen date, their history, recognitions and contributions. */
export function OperationPage({ code }: { code: string }) {
  const operation = useOperation(code);
  useDocumentTitle(
    operation.data
      ? operation.data.name
      : operation.isError
        ? t("operations.notFound.title")
        : t("operations.list.title"),
  );
  if (operation.isPending) return <Loading />;
  if (operation.isError) {
    if (operation.error instanceof ApiError && operation.error.isNotFound) {
      return (
        <NotFound
          title={t("operations.notFound.title")}
          message={t("operations.notFound.message")}
          links={[{ to: "/operations", label: t("operations.list.title") }]}
        />
      );
    }
    return <ErrorState error={operation.error} onRetry={() => void operation.refetch()} />;
  }
  return <OperationView operation={operation.data} />;
}

function OperationView({ operation: op }: { operation: Operation }) {
  const me = useMe();
  const user = me.user;
  const isStaff = hasAnyRole(user, STAFF);
  const mayOffer = isStaff || (hasAnyRole(user, ["partner"]) && Boolean(user?.organisation.nation));
  const { min, max } = periodBounds(op.startDate, op.endDate, todayIso());
  const [param, setParam] = useSearchParam("asOf");
  const fallback = op.active && todayIso() <= max ? todayIso() : max;
  const asOf = param && isIsoDate(param) && param >= min && param <= max ? param : fallback;
  const settled = useDebounced(asOf, 150);
  const placemat = usePlacemat(op.code, settled);
  const history = useHistory(op.code);
  const codeUrl = encodeURIComponent(op.code);

  return (
    <article className="ops-page" aria-labelledby="page-title">
      <p className="breadcrumb">
        <Link to="/operations">{t("operations.list.title")}</Link>
        <span aria-hidden="true"> › </span>
        <span>{op.code}</span>
      </p>
      <PageHeader
        eyebrow={`${op.code} · ${op.theatre}`}
        title={op.name}
        lead={t("operations.period.withState", {
          period: formatPeriod(op.startDate, op.startPrecision, op.endDate, op.endPrecision),
          state: op.active ? t("operations.active") : t("operations.ended"),
        })}
        actions={
          <span className="button-row">
            <Link to={`/operations/${codeUrl}/force-generation`} className="button button--secondary">
              {t("operations.board.link")}
            </Link>
            <a className="button button--secondary" href={reportsApi.operationReportUrl(op.code, "pdf", asOf)} download>
              {t("operations.report.pdf")}
            </a>
            <a
              className="button button--secondary"
              href={reportsApi.operationReportUrl(op.code, "xlsx", asOf)}
              download
            >
              {t("operations.report.xlsx")}
            </a>
          </span>
        }
      />
      <section className="card" aria-labelledby="ops-mandate">
        <h2 id="ops-mandate">{t("operations.mandate")}</h2>
        <p>{op.mandate}</p>
        {op.note ? <p className="muted">{op.note}</p> : null}
        <p>
          <Cite cite={op.cite} />
        </p>
      </section>

      <section className="section" aria-labelledby="ops-placemat">
        <div className="section__head">
          <h2 id="ops-placemat">{t("operations.placemat.title")}</h2>
        </div>
        <p className="section-lead">{t("operations.placemat.lead")}</p>
        <AsOfControl min={min} max={max} date={asOf} onChange={(d) => setParam(d)} />
        <div className="card" aria-busy={placemat.isFetching}>
          {placemat.isPending ? (
            <Loading />
          ) : placemat.isError ? (
            <ErrorState error={placemat.error} onRetry={() => void placemat.refetch()} />
          ) : (
            <PlacematChart placemat={placemat.data} />
          )}
        </div>
      </section>

      <section className="section" aria-labelledby="ops-history">
        <div className="section__head">
          <h2 id="ops-history">{t("operations.history.title")}</h2>
        </div>
        <div className="card">
          {history.isPending ? (
            <Loading />
          ) : history.isError ? (
            <ErrorState error={history.error} onRetry={() => void history.refetch()} />
          ) : (
            <HistoryChart history={history.data} start={op.startDate} end={max} />
          )}
        </div>
      </section>

      <section className="section" aria-labelledby="ops-recognitions">
        <div className="section__head">
          <h2 id="ops-recognitions">{t("operations.recognitions.title")}</h2>
        </div>
        <p className="section-lead">{t("operations.recognitions.lead")}</p>
        {user ? <RecognitionsTable operation={op.code} /> : <p className="muted">{t("operations.loginToSee")}</p>}
        {mayOffer ? <OfferRecognitionForm operation={op.code} askNation={isStaff} /> : null}
      </section>

      <section className="section" aria-labelledby="ops-contributions">
        <div className="section__head">
          <h2 id="ops-contributions">{t("operations.contributions.title")}</h2>
        </div>
        <ContributionsTable operation={op.code} />
        {isStaff ? <ContributionForm operation={op.code} /> : null}
      </section>
    </article>
  );
}
