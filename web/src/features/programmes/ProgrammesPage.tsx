import { type FormEvent, useEffect, useId, useState } from "react";
import { t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ListState } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { type ProgrammeFilters, programmesApi } from "./api.ts";
import {
  PROGRAMME_AUTHORS,
  PROGRAMME_STATUS_LIST,
  PROGRAMME_TYPE_LIST,
  programmeStatusName,
  programmeTypeShort,
} from "./labels.ts";
import { StatusBadge } from "./ProgrammeBits.tsx";
import { useProgrammes } from "./queries.ts";
import type { ProgrammeStatus, ProgrammeType } from "./types.ts";

function filtersFrom(search: URLSearchParams): ProgrammeFilters {
  const q = search.get("q")?.trim();
  const status = search.get("status");
  const type = search.get("type");
  return {
    q: q || undefined,
    status: PROGRAMME_STATUS_LIST.find((s) => s === status),
    type: PROGRAMME_TYPE_LIST.find((x) => x === type),
  };
}

function listHref(f: ProgrammeFilters): string {
  const params = new URLSearchParams();
  if (f.q) params.set("q", f.q);
  if (f.status) params.set("status", f.status);
  if (f.type) params.set("type", f.type);
  const qs = params.toString();
  return qs ? `/programmes?${qs}` : "/programmes";
}

/** Partner programmes the viewer may see: search, status and type filters, counts, export. */
export function ProgrammesPage(_props: { id?: string }) {
  useDocumentTitle(t("programmes.title"));
  return (
    <RequireAuth title={t("programmes.title")}>
      {(user) => <ProgrammesList canCreate={hasAnyRole(user, PROGRAMME_AUTHORS)} />}
    </RequireAuth>
  );
}

function ProgrammesList({ canCreate }: { canCreate: boolean }) {
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const list = useProgrammes(filters);
  const countId = useId();
  const rows = list.data?.programmes ?? [];
  const filtered = Boolean(filters.q || filters.status || filters.type);
  return (
    <>
      <PageHeader
        title={t("programmes.title")}
        lead={t("programmes.lead")}
        actions={
          canCreate ? (
            <Link to="/programmes/new" className="button">
              {t("programmes.new")}
            </Link>
          ) : null
        }
      />
      <Filters filters={filters} countId={countId} />
      <StatusSummary filters={filters} byStatus={list.data?.byStatus ?? {}} />
      <div className="menu-results__head">
        <h2 id="programmes-results">{t("programmes.results")}</h2>
        <p className="toolbar__count" id={countId} role="status">
          {list.isSuccess ? t("programmes.count", { count: list.data.total }) : ""}
        </p>
        <p className="menu-export">
          <a className="download-link" href={programmesApi.exportUrl(filters)} download>
            <Icon name="download" />
            <span>{t("programmes.exportCsv")}</span>
          </a>
        </p>
      </div>
      <ListState
        query={list}
        isEmpty={rows.length === 0}
        empty={
          <>
            {filtered ? t("programmes.noMatch") : t("programmes.empty")}{" "}
            {filtered ? <Link to="/programmes">{t("programmes.clear")}</Link> : null}
          </>
        }
      >
        <DataTable
          caption={t("programmes.caption")}
          busy={list.isFetching}
          columns={[
            t("programmes.col.partner"),
            t("programmes.col.type"),
            t("programmes.col.title"),
            t("programmes.col.period"),
            t("programmes.col.status"),
            t("programmes.col.revision"),
            t("programmes.col.updated"),
          ]}
        >
          {rows.map((p) => (
            <tr key={p.id}>
              <td>{p.nation.name}</td>
              <td>{programmeTypeShort(p.type)}</td>
              <td>
                <Link to={`/programmes/${encodeURIComponent(p.id)}`}>{p.title}</Link>
              </td>
              <td className="nowrap">
                <DateText date={p.periodStart} /> – <DateText date={p.periodEnd} />
              </td>
              <td>
                <StatusBadge status={p.status} />
              </td>
              <td>{p.currentRevision}</td>
              <td className="nowrap">
                <DateText date={p.updatedAt} />
              </td>
            </tr>
          ))}
        </DataTable>
      </ListState>
    </>
  );
}

/** Search words, status and type: applied together; a new search is a new history entry. */
function Filters({ filters, countId }: { filters: ProgrammeFilters; countId: string }) {
  const id = useId();
  const [q, setQ] = useState(filters.q ?? "");
  const [status, setStatus] = useState<string>(filters.status ?? "");
  const [type, setType] = useState<string>(filters.type ?? "");
  useEffect(() => {
    setQ(filters.q ?? "");
    setStatus(filters.status ?? "");
    setType(filters.type ?? "");
  }, [filters.q, filters.status, filters.type]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(
      listHref({
        q: q.trim() || undefined,
        status: PROGRAMME_STATUS_LIST.find((s) => s === status),
        type: PROGRAMME_TYPE_LIST.find((x) => x === type),
      }),
      { keepScroll: true },
    );
  };
  return (
    <search>
      <form className="toolbar programme-filters" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t("programmes.search")}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            autoComplete="off"
            aria-describedby={countId}
            onChange={(e) => setQ(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("programmes.status")}</label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value as ProgrammeStatus | "")}
          >
            <option value="">{t("programmes.any")}</option>
            {PROGRAMME_STATUS_LIST.map((s) => (
              <option key={s} value={s}>
                {programmeStatusName(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t("programmes.type")}</label>
          <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as ProgrammeType | "")}>
            <option value="">{t("programmes.any")}</option>
            {PROGRAMME_TYPE_LIST.map((x) => (
              <option key={x} value={x}>
                {programmeTypeShort(x)}
              </option>
            ))}
          </select>
        </div>
        <div className="button-row">
          <button type="submit" className="button">
            {t("programmes.apply")}
          </button>
        </div>
      </form>
    </search>
  );
}

/** Counts per status for the current search: each a link that filters by (or clears) that status. */
function StatusSummary({ filters, byStatus }: { filters: ProgrammeFilters; byStatus: Record<string, number> }) {
  const present = PROGRAMME_STATUS_LIST.filter((s) => (byStatus[s] ?? 0) > 0 || s === filters.status);
  if (present.length === 0) return null;
  return (
    <nav className="programme-summary" aria-label={t("programmes.byStatus")}>
      <ul className="tag-list">
        {present.map((s) => {
          const selected = filters.status === s;
          return (
            <li key={s}>
              <Link
                className={selected ? "tag is-selected" : "tag"}
                to={listHref({ ...filters, status: selected ? undefined : s })}
                aria-current={selected ? "true" : undefined}
              >
                {t("programmes.statusCount", { status: programmeStatusName(s), count: byStatus[s] ?? 0 })}
                {selected ? <span className="visually-hidden"> {t("programmes.selected")}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
