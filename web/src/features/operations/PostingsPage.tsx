import { useId } from "react";
import type { User } from "../../api/types.ts";
import { formatDate, isIsoDate, todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link, useLocation, useSearchParam } from "../../router/router.tsx";
import { Field } from "../../ui/Field.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ListState } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { HEADQUARTERS, headquartersName, lastDay, postingRoleName } from "./labels.ts";
import { NationSelect } from "./NationSelect.tsx";
import { EndPostingButton, PostingForm } from "./PostingForm.tsx";
import { usePostings } from "./queries.ts";
import type { Headquarters, Posting } from "./types.ts";

const STAFF = ["staff", "admin"] as const;

/** Liaison officers and partner representatives posted to headquarters, current or past. */
export function PostingsPage() {
  useDocumentTitle(t("operations.postings.title"));
  return <RequireAuth title={t("operations.postings.title")}>{(user) => <Postings user={user} />}</RequireAuth>;
}

function Postings({ user }: { user: User }) {
  const id = useId();
  const { search } = useLocation();
  const [, setNation] = useSearchParam("nation");
  const [, setHq] = useSearchParam("headquarters");
  const [, setDate] = useSearchParam("date");
  const [, setPast] = useSearchParam("past");
  const [, setGroup] = useSearchParam("group");
  const nation = search.get("nation") ?? "";
  const hqParam = search.get("headquarters") ?? "";
  const headquarters = (HEADQUARTERS as readonly string[]).includes(hqParam) ? (hqParam as Headquarters) : undefined;
  const dateParam = search.get("date") ?? "";
  const date = isIsoDate(dateParam) ? dateParam : todayIso();
  const past = search.get("past") === "1";
  const group = search.get("group") === "nation" ? "nation" : "headquarters";

  const postings = usePostings({
    ...(nation ? { nation } : {}),
    ...(headquarters ? { headquarters } : {}),
    ...(past ? {} : { asOf: date }),
  });
  const rows = postings.data?.postings ?? [];
  const isStaff = hasAnyRole(user, STAFF);
  const myNation = user.organisation.nation ?? null;
  const mayPost = isStaff || myNation !== null;
  const mayEnd = (p: Posting) => (isStaff || p.nation.code === myNation) && p.endDate === null;

  const groups = new Map<string, { title: string; rows: Posting[] }>();
  for (const p of rows) {
    const key = group === "nation" ? p.nation.code : p.headquarters;
    const title = group === "nation" ? p.nation.name : headquartersName(p.headquarters);
    const g = groups.get(key) ?? { title, rows: [] };
    g.rows.push(p);
    groups.set(key, g);
  }
  const sorted = [...groups.entries()].sort((a, b) => a[1].title.localeCompare(b[1].title));

  return (
    <>
      <PageHeader
        title={t("operations.postings.title")}
        lead={t("operations.postings.lead")}
        actions={
          <Link to="/operations" className="button button--secondary">
            {t("operations.list.title")}
          </Link>
        }
      />
      <form
        className="card filters ops-filters"
        aria-label={t("operations.postings.filters")}
        onSubmit={(e) => e.preventDefault()}
      >
        <Field id={`${id}-nation`} label={t("operations.form.nation")}>
          {(control) => (
            <NationSelect control={control} value={nation} onChange={(v) => setNation(v || null)} allowAll />
          )}
        </Field>
        <Field id={`${id}-hq`} label={t("operations.col.headquarters")}>
          {(control) => (
            <select {...control} value={headquarters ?? ""} onChange={(e) => setHq(e.target.value || null)}>
              <option value="">{t("operations.filter.allHeadquarters")}</option>
              {HEADQUARTERS.map((h) => (
                <option key={h} value={h}>
                  {headquartersName(h)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${id}-date`} label={t("operations.postings.date")}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={date}
              disabled={past}
              onChange={(e) =>
                isIsoDate(e.target.value) && setDate(e.target.value === todayIso() ? null : e.target.value)
              }
            />
          )}
        </Field>
        <Field id={`${id}-group`} label={t("operations.postings.groupBy")}>
          {(control) => (
            <select
              {...control}
              value={group}
              onChange={(e) => setGroup(e.target.value === "nation" ? "nation" : null)}
            >
              <option value="headquarters">{t("operations.col.headquarters")}</option>
              <option value="nation">{t("operations.col.nation")}</option>
            </select>
          )}
        </Field>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={past} onChange={(e) => setPast(e.target.checked ? "1" : null)} />
            <span>{t("operations.postings.includePast")}</span>
          </label>
        </div>
      </form>
      <p className="toolbar__count" role="status">
        {postings.isSuccess
          ? past
            ? t("operations.postings.countAll", { count: rows.length })
            : t("operations.postings.countOn", { count: rows.length, date: formatDate(date) })
          : ""}
      </p>
      <ListState query={postings} isEmpty={rows.length === 0} empty={t("operations.postings.empty")}>
        {sorted.map(([key, g]) => (
          <section key={key} className="section" aria-labelledby={`${id}-${key}`}>
            <h2 id={`${id}-${key}`} className="ops-group-title">
              {g.title} <span className="muted">({g.rows.length})</span>
            </h2>
            <DataTable
              caption={g.title}
              columns={[
                t("operations.col.officer"),
                group === "nation" ? t("operations.col.headquarters") : t("operations.col.nation"),
                t("operations.col.role"),
                t("operations.col.operation"),
                t("operations.col.period"),
                t("operations.col.marking"),
              ]}
              actions={mayPost}
            >
              {g.rows.map((p) => {
                const to = lastDay(p.endDate);
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      {p.officerName}
                      {p.note ? <span className="table__sub">{p.note}</span> : null}
                    </th>
                    <td>{group === "nation" ? headquartersName(p.headquarters) : p.nation.name}</td>
                    <td>{postingRoleName(p.role)}</td>
                    <td>
                      {p.operation ? (
                        <Link to={`/operations/${encodeURIComponent(p.operation.code)}`}>{p.operation.code}</Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      {t("operations.period.range", {
                        from: formatDate(p.startDate),
                        to: to ? formatDate(to) : t("operations.period.open"),
                      })}
                      <span className="table__sub">
                        {p.current ? (
                          <span className="badge badge--current">{t("operations.postings.current")}</span>
                        ) : (
                          <span className="badge badge--muted">{t("operations.postings.notCurrent")}</span>
                        )}
                      </span>
                    </td>
                    <td>
                      <LabelBadge marking={p.marking} />
                    </td>
                    {mayPost ? <td>{mayEnd(p) ? <EndPostingButton posting={p} /> : null}</td> : null}
                  </tr>
                );
              })}
            </DataTable>
          </section>
        ))}
      </ListState>
      {mayPost ? <PostingForm fixedNation={isStaff ? null : myNation} /> : null}
    </>
  );
}
