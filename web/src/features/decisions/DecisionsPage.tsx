import { type FormEvent, useEffect, useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ListState } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import type { DecisionQuery } from "./api.ts";
import {
  BODIES,
  bodyName,
  formatName,
  oneOf,
  PROCEDURES,
  procedureName,
  STATUSES,
  SUBJECT_TYPES,
  statusName,
  subjectTypeName,
} from "./labels.ts";
import { useDecisions } from "./queries.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { SubjectLink } from "./SubjectLink.tsx";

const PAGE_SIZE = 50;
/** The filters the register keeps in its address, so a search can be shared and Back undoes it. */
const FILTER_NAMES = ["q", "status", "procedure", "subjectType", "body", "from", "to"] as const;
type FilterName = (typeof FILTER_NAMES)[number];
type Filters = Record<FilterName, string>;

function filtersFromSearch(search: URLSearchParams): Filters {
  const get = (name: FilterName) => search.get(name) ?? "";
  return {
    q: get("q"),
    status: oneOf(STATUSES, search.get("status")) ?? "",
    procedure: oneOf(PROCEDURES, search.get("procedure")) ?? "",
    subjectType: oneOf(SUBJECT_TYPES, search.get("subjectType")) ?? "",
    body: oneOf(BODIES, search.get("body")) ?? "",
    from: /^\d{4}-\d{2}-\d{2}$/.test(get("from")) ? get("from") : "",
    to: /^\d{4}-\d{2}-\d{2}$/.test(get("to")) ? get("to") : "",
  };
}

function registerHref(filters: Filters, offset = 0): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) if (filters[name].trim()) params.set(name, filters[name].trim());
  if (offset > 0) params.set("offset", String(offset));
  const qs = params.toString();
  return qs ? `/decisions?${qs}` : "/decisions";
}

/** The decision register: every decision the viewer may read, searchable and filtered. */
export function DecisionsPage() {
  useDocumentTitle(t("decisions.register.title"));
  return (
    <RequireAuth title={t("decisions.register.title")}>
      {(user) => <Register isStaff={hasAnyRole(user, ["staff"])} />}
    </RequireAuth>
  );
}

function Register({ isStaff }: { isStaff: boolean }) {
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const offset = Math.max(0, Number.parseInt(search.get("offset") ?? "0", 10) || 0);
  const query: DecisionQuery = { limit: String(PAGE_SIZE), offset: offset ? String(offset) : undefined };
  for (const name of FILTER_NAMES) if (filters[name]) query[name] = filters[name];
  const decisions = useDecisions(query);
  const rows = decisions.data?.decisions ?? [];
  const total = decisions.data?.total ?? 0;
  const filtered = FILTER_NAMES.some((name) => filters[name] !== "");

  return (
    <>
      <PageHeader
        title={t("decisions.register.title")}
        lead={t("decisions.register.lead")}
        actions={
          <span className="button-row">
            <Link to="/decisions/open" className="button button--secondary">
              {t("decisions.open.link")}
            </Link>
            {isStaff ? (
              <Link to="/decisions/new" className="button">
                {t("decisions.new.link")}
              </Link>
            ) : null}
          </span>
        }
      />
      <FilterForm initial={filters} />
      <p className="toolbar__count" role="status">
        {decisions.isSuccess
          ? filters.q
            ? t("decisions.register.countFor", { count: total, q: filters.q })
            : t("decisions.register.count", { count: total })
          : ""}
      </p>
      <ListState
        query={decisions}
        isEmpty={rows.length === 0}
        empty={
          <>
            {filtered ? t("decisions.register.noMatch") : t("decisions.register.empty")}{" "}
            {filtered ? <Link to="/decisions">{t("decisions.filter.clear")}</Link> : null}
          </>
        }
      >
        <DataTable
          caption={t("decisions.register.caption")}
          columns={[
            t("decisions.col.reference"),
            t("decisions.col.body"),
            t("decisions.col.procedure"),
            t("decisions.col.subject"),
            t("decisions.col.date"),
            t("decisions.col.outcome"),
            t("decisions.col.marking"),
          ]}
          className="decisions-table"
          busy={decisions.isFetching}
        >
          {rows.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <Link to={`/decisions/${encodeURIComponent(d.id)}`} className="decisions-table__ref">
                  {d.reference}
                </Link>
                <span className="table__sub">{d.title}</span>
              </th>
              <td>
                {bodyName(d.body)}
                <span className="table__sub">{formatName(d.format)}</span>
              </td>
              <td>{procedureName(d.procedure)}</td>
              <td>
                <SubjectLink subject={d.subject} />
              </td>
              <td>
                <DateText date={d.decisionDate} />
              </td>
              <td>
                <StatusBadge status={d.status} />
                <span className="table__sub">{d.outcomeText}</span>
              </td>
              <td>
                <LabelBadge marking={d.marking} />
              </td>
            </tr>
          ))}
        </DataTable>
        <Pager filters={filters} offset={offset} total={total} shown={rows.length} />
      </ListState>
    </>
  );
}

function Pager({ filters, offset, total, shown }: { filters: Filters; offset: number; total: number; shown: number }) {
  if (offset === 0 && shown >= total) return null;
  return (
    <nav className="decisions-pager" aria-label={t("decisions.pager.label")}>
      <p className="muted">{t("decisions.pager.range", { from: offset + 1, to: offset + shown, count: total })}</p>
      <span className="button-row">
        {offset > 0 ? (
          <Link
            className="button button--secondary button--small"
            to={registerHref(filters, Math.max(0, offset - PAGE_SIZE))}
          >
            {t("decisions.pager.previous")}
          </Link>
        ) : null}
        {offset + shown < total ? (
          <Link className="button button--secondary button--small" to={registerHref(filters, offset + PAGE_SIZE)}>
            {t("decisions.pager.next")}
          </Link>
        ) : null}
      </span>
    </nav>
  );
}

/** Search and filters, applied together; a new search is a new history entry. */
function FilterForm({ initial }: { initial: Filters }) {
  const id = useId();
  const [f, setF] = useState<Filters>(initial);
  const signature = JSON.stringify(initial);
  // A new address (Back, a shared link) puts its filters back in the form.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for `initial`
  useEffect(() => setF(initial), [signature]);
  const set = (name: FilterName) => (value: string) => setF((prev) => ({ ...prev, [name]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    navigate(registerHref(f), { keepScroll: true });
  };
  const select = (name: FilterName, label: string, values: readonly string[], nameOf: (v: string) => string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} value={f[name]} onChange={(e) => set(name)(e.target.value)}>
        <option value="">{t("decisions.filter.any")}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {nameOf(v)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <search>
      <form className="card filters" onSubmit={onSubmit} aria-label={t("decisions.filter.title")}>
        <div className="field decisions-filters__q">
          <label htmlFor={`${id}-q`}>{t("decisions.filter.q")}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={f.q}
            onChange={(e) => set("q")(e.target.value)}
            aria-describedby={`${id}-q-hint`}
            autoComplete="off"
          />
          <p className="field__hint" id={`${id}-q-hint`}>
            {t("decisions.filter.qHint")}
          </p>
        </div>
        <div className="filters__grid decisions-filters">
          {select("status", t("decisions.filter.status"), STATUSES, (v) => statusName(v as (typeof STATUSES)[number]))}
          {select("procedure", t("decisions.filter.procedure"), PROCEDURES, (v) =>
            procedureName(v as (typeof PROCEDURES)[number]),
          )}
          {select("subjectType", t("decisions.filter.subjectType"), SUBJECT_TYPES, (v) =>
            subjectTypeName(v as (typeof SUBJECT_TYPES)[number]),
          )}
          {select("body", t("decisions.filter.body"), BODIES, (v) => bodyName(v as (typeof BODIES)[number]))}
          <div className="field">
            <label htmlFor={`${id}-from`}>{t("decisions.filter.from")}</label>
            <input id={`${id}-from`} type="date" value={f.from} onChange={(e) => set("from")(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t("decisions.filter.to")}</label>
            <input
              id={`${id}-to`}
              type="date"
              value={f.to}
              min={f.from || undefined}
              onChange={(e) => set("to")(e.target.value)}
            />
          </div>
        </div>
        <div className="form__actions form__actions--row">
          <button type="submit" className="button">
            {t("decisions.filter.apply")}
          </button>
          <Link to="/decisions" className="button button--secondary">
            {t("decisions.filter.clear")}
          </Link>
        </div>
      </form>
    </search>
  );
}
