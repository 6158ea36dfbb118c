import { type FormEvent, useEffect, useId, useState } from "react";
import { useNations } from "../../api/queries.ts";
import type { User } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ListState } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { oneOf } from "../decisions/labels.ts";
import { ActionItemTable } from "./ActionItemTable.tsx";
import { ITEM_STATUSES, itemStatusName } from "./labels.tsx";
import { useActionItems } from "./queries.ts";

type Filters = { status: string; owner: string; dueBy: string };

function filtersFrom(search: URLSearchParams): Filters {
  const dueBy = search.get("dueBy") ?? "";
  return {
    status: oneOf(ITEM_STATUSES, search.get("status")) ?? "",
    owner: (search.get("owner") ?? "").toUpperCase(),
    dueBy: /^\d{4}-\d{2}-\d{2}$/.test(dueBy) ? dueBy : "",
  };
}

function hrefOf(f: Filters): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) params.set(k, v);
  const qs = params.toString();
  return qs ? `/action-items?${qs}` : "/action-items";
}

/** The follow-up list: every action item the user may see, filtered by status, owner and due date. */
export function ActionItemsPage() {
  useDocumentTitle(t("meetings.items.title"));
  return <RequireAuth title={t("meetings.items.title")}>{(user) => <ActionItems user={user} />}</RequireAuth>;
}

function ActionItems({ user }: { user: User }) {
  const { search } = useLocation();
  const filters = filtersFrom(search);
  const items = useActionItems({
    status: filters.status || undefined,
    owner: filters.owner || undefined,
    dueBy: filters.dueBy || undefined,
  });
  const rows = [...(items.data?.actionItems ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueDate.localeCompare(b.dueDate),
  );
  const overdue = rows.filter((r) => r.overdue).length;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/meetings">{t("meetings.list.title")}</Link>}
        title={t("meetings.items.title")}
        lead={t("meetings.items.lead")}
      />
      <FilterForm initial={filters} />
      <p className="toolbar__count" role="status">
        {items.isSuccess ? t("meetings.items.count", { count: rows.length, overdue }) : ""}
      </p>
      <ListState
        query={items}
        isEmpty={rows.length === 0}
        empty={
          <>
            {filtered ? t("meetings.items.noMatch") : t("meetings.items.empty")}{" "}
            {filtered ? <Link to="/action-items">{t("meetings.filter.clear")}</Link> : null}
          </>
        }
      >
        <ActionItemTable
          items={rows}
          canUpdate={hasAnyRole(user, ["staff", "admin"])}
          showMeeting
          busy={items.isFetching}
        />
      </ListState>
    </>
  );
}

function FilterForm({ initial }: { initial: Filters }) {
  const id = useId();
  const nations = useNations();
  const [f, setF] = useState<Filters>(initial);
  const signature = JSON.stringify(initial);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for `initial`
  useEffect(() => setF(initial), [signature]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefOf(f), { keepScroll: true });
  };
  return (
    <search>
      <form className="card filters" onSubmit={onSubmit} aria-label={t("meetings.filter.title")}>
        <div className="filters__grid action-items-filters">
          <div className="field">
            <label htmlFor={`${id}-status`}>{t("meetings.filter.status")}</label>
            <select id={`${id}-status`} value={f.status} onChange={(e) => setF({ ...f, status: e.target.value })}>
              <option value="">{t("meetings.filter.any")}</option>
              {ITEM_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {itemStatusName(s)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-owner`}>{t("meetings.filter.owner")}</label>
            <select id={`${id}-owner`} value={f.owner} onChange={(e) => setF({ ...f, owner: e.target.value })}>
              <option value="">{t("meetings.filter.any")}</option>
              {(nations.data?.nations ?? []).map((n) => (
                <option key={n.code} value={n.code}>
                  {n.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-due`}>{t("meetings.filter.dueBy")}</label>
            <input
              id={`${id}-due`}
              type="date"
              value={f.dueBy}
              onChange={(e) => setF({ ...f, dueBy: e.target.value })}
            />
          </div>
        </div>
        <div className="form__actions form__actions--row">
          <button type="submit" className="button">
            {t("meetings.filter.apply")}
          </button>
          <Link to="/action-items" className="button button--secondary">
            {t("meetings.filter.clear")}
          </Link>
        </div>
      </form>
    </search>
  );
}
