import { useMemo } from "react";
import { useFrameworks, useMilestones, useNations } from "../../api/queries.ts";
import type { Milestone } from "../../api/types.ts";
import { todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useSearchParam } from "../../router/router.tsx";
import { CertaintyFlag } from "../../ui/Certainty.tsx";
import { Cite } from "../../ui/Cite.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { categoryClass, FRAMEWORK_CODES } from "../../ui/frameworks.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { EmptyState, ErrorState, Loading } from "../../ui/States.tsx";

function byYear(milestones: Milestone[]): [string, Milestone[]][] {
  const groups = new Map<string, Milestone[]>();
  for (const m of milestones) {
    const year = m.date.slice(0, 4);
    groups.set(year, [...(groups.get(year) ?? []), m]);
  }
  return [...groups.entries()];
}

/** The policy history as a timeline, filtered by framework. */
export function MilestonesPage() {
  useDocumentTitle(t("milestones.title"));
  const [param, setParam] = useSearchParam("framework");
  const framework =
    param && (FRAMEWORK_CODES as readonly string[]).includes(param.toUpperCase()) ? param.toUpperCase() : undefined;
  const milestones = useMilestones(framework);
  const frameworks = useFrameworks(todayIso());
  const nations = useNations();

  const names = useMemo(
    () => new Map((frameworks.data?.frameworks ?? []).map((f) => [f.code, f.name])),
    [frameworks.data],
  );
  const nationNames = useMemo(
    () => new Map((nations.data?.nations ?? []).map((n) => [n.code, n.name])),
    [nations.data],
  );
  const options = frameworks.data?.frameworks.map((f) => f.code) ?? [...FRAMEWORK_CODES];

  return (
    <>
      <PageHeader title={t("milestones.title")} lead={t("milestones.lead")} />
      <fieldset className="filter-chips">
        <legend>{t("milestones.filterLegend")}</legend>
        <div className="filter-chips__options">
          {["", ...options].map((code) => (
            <label key={code || "all"} className={`filter-chip${(framework ?? "") === code ? " is-selected" : ""}`}>
              <input
                type="radio"
                name="framework"
                value={code}
                checked={(framework ?? "") === code}
                onChange={() => setParam(code || null)}
              />
              {code ? <span className={`swatch swatch--small ${categoryClass(code)}`} aria-hidden="true" /> : null}
              {code ? (names.get(code) ?? code) : t("milestones.all")}
            </label>
          ))}
        </div>
      </fieldset>

      {milestones.isPending ? (
        <Loading />
      ) : milestones.isError ? (
        <ErrorState error={milestones.error} onRetry={() => void milestones.refetch()} />
      ) : milestones.data.milestones.length === 0 ? (
        <EmptyState>{t("milestones.empty")}</EmptyState>
      ) : (
        <>
          <p className="hint" role="status">
            {t("milestones.count", { count: milestones.data.milestones.length })}
          </p>
          <div className="milestones" aria-busy={milestones.isPlaceholderData}>
            {byYear(milestones.data.milestones).map(([year, items]) => (
              <section key={year} className="milestones__year" aria-labelledby={`year-${year}`}>
                <h2 id={`year-${year}`} className="milestones__year-title">
                  {year}
                </h2>
                <ol className="timeline timeline--milestones">
                  {items.map((m) => (
                    <li key={m.id} className="timeline__item timeline__item--milestone">
                      <span className="timeline__icon" aria-hidden="true">
                        ◆
                      </span>
                      <div className="timeline__body">
                        <p className="timeline__meta">
                          <span className="timeline__date">
                            <DateText date={m.date} precision={m.precision} />
                          </span>
                          {m.frameworks.map((f) => (
                            <Link key={f} to={`/frameworks/${f}`} className={`tag ${categoryClass(f)}`}>
                              <span className={`swatch swatch--small ${categoryClass(f)}`} aria-hidden="true" />
                              {names.get(f) ?? f}
                            </Link>
                          ))}
                        </p>
                        <h3 className="timeline__title">{m.title}</h3>
                        <p className="timeline__summary">{m.summary}</p>
                        {m.nations.length > 0 ? (
                          <p className="timeline__nations">
                            <span className="muted">{t("milestones.nations")} </span>
                            {m.nations.map((code, i) => (
                              <span key={code}>
                                {i > 0 ? ", " : null}
                                <Link to={`/partners/${code}`}>{nationNames.get(code) ?? code}</Link>
                              </span>
                            ))}
                          </p>
                        ) : null}
                        {m.certainty !== "confirmed" ? (
                          <p className="timeline__certainty">
                            <CertaintyFlag certainty={m.certainty} note={m.note} />
                          </p>
                        ) : m.note ? (
                          <p className="timeline__note">{m.note}</p>
                        ) : null}
                        <Cite cite={m.cite} />
                      </div>
                    </li>
                  ))}
                </ol>
              </section>
            ))}
          </div>
        </>
      )}
    </>
  );
}
