import { useFrameworks } from "../../api/queries.ts";
import type { Framework } from "../../api/types.ts";
import { formatDate, isIsoDate, todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useSearchParam } from "../../router/router.tsx";
import { Cite } from "../../ui/Cite.tsx";
import { DateField } from "../../ui/DateField.tsx";
import { categoryClass } from "../../ui/frameworks.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading } from "../../ui/States.tsx";

export function kindLabel(kind: Framework["kind"]): string {
  return kind === "alliance"
    ? t("framework.kind.alliance")
    : kind === "partnership"
      ? t("framework.kind.partnership")
      : t("framework.kind.dialogue");
}

/** The date a page is "as of": ?asOf= when valid, otherwise today. */
export function useAsOfParam(): [string, (date: string) => void] {
  const [param, setParam] = useSearchParam("asOf");
  const today = todayIso();
  const asOf = param && isIsoDate(param) ? param : today;
  return [asOf, (date) => setParam(date === today ? null : date)];
}

export function AsOfField({ asOf, onChange }: { asOf: string; onChange: (d: string) => void }) {
  return (
    <div className="field field--inline">
      <label htmlFor="as-of">{t("frameworks.asOfLabel")}</label>
      <DateField id="as-of" value={asOf} min="1949-04-04" max={todayIso()} onCommit={onChange} />
    </div>
  );
}

/** Framework cards: name as of the chosen date, description, member count. */
export function FrameworksPage() {
  useDocumentTitle(t("frameworks.title"));
  const [asOf, setAsOf] = useAsOfParam();
  const frameworks = useFrameworks(asOf);

  return (
    <>
      <PageHeader
        title={t("frameworks.title")}
        lead={t("frameworks.lead")}
        actions={<AsOfField asOf={asOf} onChange={setAsOf} />}
      />
      {frameworks.isPending ? (
        <Loading />
      ) : frameworks.isError ? (
        <ErrorState error={frameworks.error} onRetry={() => void frameworks.refetch()} />
      ) : (
        <>
          <p className="hint" aria-live="polite">
            {t("frameworks.showingAsOf", { date: formatDate(frameworks.data.asOf) })}
          </p>
          <ul className="cards" aria-busy={frameworks.isPlaceholderData}>
            {frameworks.data.frameworks.map((f) => (
              <li key={f.code} className={`card fw-card ${categoryClass(f.code)}`}>
                <div className="fw-card__top">
                  <span className="badge badge--muted">{kindLabel(f.kind)}</span>
                  <span className="fw-card__code">{f.code}</span>
                </div>
                <h2 className="fw-card__title">
                  <Link
                    to={`/frameworks/${f.code}${asOf === todayIso() ? "" : `?asOf=${asOf}`}`}
                    className="fw-card__link"
                  >
                    {f.name}
                  </Link>
                </h2>
                {f.name !== f.currentName ? (
                  <p className="fw-card__aka">{t("frameworks.nowCalled", { name: f.currentName })}</p>
                ) : null}
                <p className="fw-card__desc">{f.description}</p>
                <div className="fw-card__foot">
                  <p className="fw-card__count">
                    <span className="fw-card__number">{f.memberCount}</span>{" "}
                    {t("frameworks.members", { count: f.memberCount })}
                  </p>
                  <Cite cite={f.cite} compact />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
