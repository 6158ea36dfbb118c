import { type MessageKey, t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { ErrorState, Loading } from "../../ui/States.tsx";
import { useProgrammeProgress } from "./queries.ts";
import type { Programme, ProgrammeProgress } from "./types.ts";

type Row = ProgrammeProgress["objectives"][number]["activities"][number];

const STATUS: Record<Row["status"], MessageKey> = {
  done: "programmeProgress.done",
  planned: "programmeProgress.planned",
  cancelled: "programmeProgress.cancelled",
};

/** Progress per objective and activity: done, planned or cancelled; planned vs nominated vs attended. */
export function ProgressPanel({ programme }: { programme: Programme }) {
  const progress = useProgrammeProgress(programme.id, true);
  return (
    <section className="section" aria-labelledby="programme-progress-title">
      <div className="section__head">
        <h2 id="programme-progress-title">{t("programmeProgress.title")}</h2>
        <p>{t("programmeProgress.lead")}</p>
      </div>
      {progress.isPending ? (
        <Loading />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : progress.data.objectives.length === 0 ? (
        <p className="muted">{t("programmeProgress.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table programme-progress">
            <caption className="visually-hidden">{t("programmeProgress.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("programmeProgress.activity")}</th>
                <th scope="col">{t("programmeProgress.status")}</th>
                <th scope="col" className="programme-num">
                  {t("programmeProgress.plannedCol")}
                </th>
                <th scope="col" className="programme-num">
                  {t("programmeProgress.nominated")}
                </th>
                <th scope="col" className="programme-num">
                  {t("programmeProgress.attended")}
                </th>
              </tr>
            </thead>
            {progress.data.objectives.map((o) => (
              <tbody key={o.id ?? "none"}>
                <tr className="programme-progress__objective">
                  <th scope="rowgroup" colSpan={5}>
                    {o.id === null ? t("programmeProgress.noObjective") : o.text}
                    <span className="programme-progress__totals">
                      {t("programmeProgress.totals", { done: o.done, planned: o.planned, cancelled: o.cancelled })}
                    </span>
                  </th>
                </tr>
                {o.activities.length === 0 ? (
                  <tr>
                    <td colSpan={5} className="muted">
                      {t("programmeProgress.noActivities")}
                    </td>
                  </tr>
                ) : (
                  o.activities.map((a) => (
                    <tr key={a.activityId}>
                      <th scope="row">
                        <span className="activity-card__ref">{a.reference}</span>{" "}
                        <Link to={`/activities/${encodeURIComponent(a.activityId)}`}>{a.title}</Link>
                      </th>
                      <td>
                        <span className={`badge programme-progress-status programme-progress-status--${a.status}`}>
                          {t(STATUS[a.status])}
                        </span>
                      </td>
                      <td className="programme-num">{a.planned}</td>
                      <td className="programme-num">{a.nominated}</td>
                      <td className="programme-num">{a.attended}</td>
                    </tr>
                  ))
                )}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </section>
  );
}
