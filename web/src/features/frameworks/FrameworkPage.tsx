import { useMemo, useState } from "react";
import { ApiError } from "../../api/client.ts";
import { useMembers } from "../../api/queries.ts";
import { formatDate } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { CertaintyFlag } from "../../ui/Certainty.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { categoryClass } from "../../ui/frameworks.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { EmptyState, ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { AsOfField, useAsOfParam } from "./FrameworksPage.tsx";

/** The members of one framework as of a date, with role, since and suspension. */
export function FrameworkPage({ code }: { code: string }) {
  const upper = code.toUpperCase();
  const [asOf, setAsOf] = useAsOfParam();
  const members = useMembers(upper, asOf);
  const [filter, setFilter] = useState("");
  const notFound = members.error instanceof ApiError && members.error.isNotFound;
  useDocumentTitle(members.data?.name ?? (notFound ? t("framework.notFoundTitle") : t("frameworks.title")));

  const shown = useMemo(() => {
    const q = filter.trim().toLocaleLowerCase();
    const list = members.data?.members ?? [];
    return q ? list.filter((m) => m.name.toLocaleLowerCase().includes(q) || m.code.toLowerCase().includes(q)) : list;
  }, [members.data, filter]);

  if (notFound)
    return <NotFound title={t("framework.notFoundTitle")} message={t("framework.notFoundMessage", { code: upper })} />;
  if (members.isPending) return <Loading />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;

  const data = members.data;
  const allies = data.members.filter((m) => m.role === "ally").length;
  const partners = data.count - allies;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/frameworks">{t("nav.frameworks")}</Link>
        <span aria-hidden="true"> / </span>
        <span>{data.framework}</span>
      </p>
      <PageHeader
        eyebrow={
          <>
            <span className={`swatch swatch--small ${categoryClass(data.framework)}`} aria-hidden="true" />{" "}
            {t("framework.eyebrow")}
          </>
        }
        title={data.name}
        lead={t("framework.summary", { date: formatDate(data.asOf), count: data.count, allies, partners })}
        actions={<AsOfField asOf={asOf} onChange={setAsOf} />}
      />
      <section className="section" aria-labelledby="members-title">
        <div className="section__head">
          <h2 id="members-title">{t("framework.membersTitle")}</h2>
          <div className="field field--inline">
            <label htmlFor="member-filter">{t("framework.filterLabel")}</label>
            <input
              id="member-filter"
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              autoComplete="off"
            />
          </div>
        </div>
        <p className="visually-hidden" role="status">
          {filter ? t("framework.filtered", { count: shown.length }) : ""}
        </p>
        {shown.length === 0 ? (
          <EmptyState>{data.count === 0 ? t("framework.noMembers") : t("framework.noMatch")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-busy={members.isPlaceholderData}>
              <caption className="visually-hidden">
                {t("framework.tableCaption", { name: data.name, date: formatDate(data.asOf) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("framework.col.nation")}</th>
                  <th scope="col">{t("framework.col.role")}</th>
                  <th scope="col">{t("framework.col.since")}</th>
                  <th scope="col">{t("framework.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((m) => (
                  <tr key={`${m.code}-${m.role}`}>
                    <th scope="row">
                      <Link to={`/partners/${m.code}`}>{m.name}</Link>
                    </th>
                    <td>
                      <span className={`badge ${m.role === "ally" ? "badge--ally" : "badge--partner"}`}>
                        {m.role === "ally" ? t("role.ally") : t("role.partner")}
                      </span>
                    </td>
                    <td>
                      <DateText date={m.since} precision={m.precision} />
                    </td>
                    <td>
                      <div className="inline-badges">
                        {m.suspended ? (
                          <span className="badge badge--suspended">{t("status.suspended")}</span>
                        ) : (
                          <span className="badge badge--current">{t("status.active")}</span>
                        )}
                        <CertaintyFlag certainty={m.certainty} />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
