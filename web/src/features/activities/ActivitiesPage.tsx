import { type FormEvent, useEffect, useId, useState } from "react";
import type { ActivitySummary, FacetCount } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Link, navigate, useLocation } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { EmptyState, ErrorState, Loading } from "../../ui/States.tsx";
import { hasAnyRole, useMe } from "../auth/session.ts";
import { AccessOutcome } from "./AccessOutcome.tsx";
import { activitiesApi } from "./api.ts";
import { type ActivityFilters, filtersFromSearch, hasFilters, menuHref } from "./filters.ts";
import { areaName, kindName, MENU_STAFF } from "./labels.ts";
import { useActivities } from "./queries.ts";
import { SeatsLeft } from "./SeatsLeft.tsx";

/** The cooperation menu: search, facets with counts, filters, results, export of the current view. */
export function ActivitiesPage() {
  useDocumentTitle(t("menu.title"));
  const me = useMe();
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const activities = useActivities(filters);
  const rows = activities.data?.pages.flatMap((p) => p.activities) ?? [];
  const facets = activities.data?.pages[0]?.facets ?? { area: [], kind: [] };
  const isStaff = hasAnyRole(me.user, MENU_STAFF);
  const countId = useId();

  return (
    <>
      <PageHeader
        title={t("menu.title")}
        lead={t("menu.lead")}
        actions={
          isStaff ? (
            <span className="button-row">
              <Link to="/activities/new" className="button">
                {t("menu.propose")}
              </Link>
              <Link to="/activities/import" className="button button--secondary">
                <Icon name="upload" />
                {t("menu.import")}
              </Link>
            </span>
          ) : null
        }
      />
      <SearchBox filters={filters} countId={countId} />
      <div className="menu-layout">
        <aside className="menu-layout__side" aria-labelledby="menu-filters-title">
          <h2 id="menu-filters-title" className="menu-side__title">
            {t("menu.filtersTitle")}
          </h2>
          <Facet title={t("menu.facet.area")} name="area" counts={facets.area} filters={filters} label={areaName} />
          <Facet title={t("menu.facet.kind")} name="kind" counts={facets.kind} filters={filters} label={kindName} />
          <FilterForm filters={filters} nation={me.user?.organisation.nation ?? null} />
        </aside>
        <section className="menu-layout__results" aria-labelledby="menu-results-title">
          <div className="menu-results__head">
            <h2 id="menu-results-title">{t("menu.resultsTitle")}</h2>
            <p className="toolbar__count" id={countId} role="status">
              {activities.isSuccess
                ? `${filters.q ? t("menu.countFor", { count: rows.length, q: filters.q }) : t("menu.count", { count: rows.length })}${activities.hasNextPage ? ` ${t("menu.more")}` : ""}`
                : ""}
            </p>
            <ExportLinks filters={filters} />
          </div>
          {activities.isPending ? (
            <Loading label={t("menu.loading")} />
          ) : activities.isError && rows.length === 0 ? (
            <ErrorState error={activities.error} onRetry={() => void activities.refetch()} />
          ) : rows.length === 0 ? (
            <EmptyState>
              {hasFilters(filters) ? t("menu.noMatch") : t("menu.empty")}{" "}
              {hasFilters(filters) ? <Link to="/activities">{t("menu.clearAll")}</Link> : null}
            </EmptyState>
          ) : (
            <>
              <ul className="activity-list" aria-busy={activities.isFetching}>
                {rows.map((a) => (
                  <ActivityCard key={a.id} activity={a} nation={me.user?.organisation.nation ?? null} />
                ))}
              </ul>
              {activities.isFetchNextPageError ? (
                <ErrorState error={activities.error} onRetry={() => void activities.fetchNextPage()} />
              ) : null}
              {activities.hasNextPage ? (
                <div className="load-more">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => void activities.fetchNextPage()}
                    disabled={activities.isFetchingNextPage}
                  >
                    {activities.isFetchingNextPage ? t("state.loading") : t("menu.loadMore")}
                  </button>
                </div>
              ) : null}
            </>
          )}
        </section>
      </div>
    </>
  );
}

/** The search box: a new search is a new history entry, so Back returns to the previous one. */
function SearchBox({ filters, countId }: { filters: ActivityFilters; countId: string }) {
  const id = useId();
  const [draft, setDraft] = useState(filters.q ?? "");
  // A new address (Back, a shared link) puts its words back in the box.
  useEffect(() => setDraft(filters.q ?? ""), [filters.q]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    navigate(menuHref({ ...filters, q: draft.trim() || undefined }), { keepScroll: true });
  };
  return (
    <search>
      <form className="toolbar menu-search" onSubmit={onSubmit}>
        <div className="field field--inline toolbar__search">
          <label htmlFor={`${id}-q`}>{t("menu.searchLabel")}</label>
          <div className="search-input">
            <Icon name="search" className="search-input__icon" />
            <input
              id={`${id}-q`}
              type="search"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              placeholder={t("menu.searchPlaceholder")}
              aria-describedby={countId}
              autoComplete="off"
            />
          </div>
          <button type="submit" className="button">
            {t("menu.search")}
          </button>
        </div>
      </form>
    </search>
  );
}

/** One facet: each value is a link that adds (or, when chosen, removes) the filter, with its count. */
function Facet({
  title,
  name,
  counts,
  filters,
  label,
}: {
  title: string;
  name: "area" | "kind";
  counts: FacetCount[];
  filters: ActivityFilters;
  label: (value: string) => string;
}) {
  const id = useId();
  const chosen = filters[name];
  // The chosen value stays listed even when the current page of counts no longer has it.
  const values = chosen && !counts.some((c) => c.value === chosen) ? [{ value: chosen, count: 0 }, ...counts] : counts;
  return (
    <nav className="facet" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="facet__title">
        {title}
      </h3>
      {values.length === 0 ? (
        <p className="muted facet__empty">{t("menu.facet.none")}</p>
      ) : (
        <ul className="facet__list">
          {values.map((c) => {
            const selected = c.value === chosen;
            const href = menuHref({ ...filters, [name]: selected ? undefined : c.value });
            return (
              <li key={c.value}>
                <Link
                  to={href}
                  className={selected ? "facet__link is-selected" : "facet__link"}
                  aria-current={selected ? "true" : undefined}
                >
                  <span className="facet__box" aria-hidden="true">
                    {selected ? <Icon name="check" /> : null}
                  </span>
                  <span className="facet__name">{label(c.value)}</span>
                  <span className="facet__count">
                    <span className="visually-hidden">, </span>
                    {t("menu.facet.count", { count: c.count })}
                  </span>
                  {selected ? <span className="visually-hidden"> {t("menu.facet.selected")}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </nav>
  );
}

/** Dates, language, owner and open seats: applied together with one button. */
function FilterForm({ filters, nation }: { filters: ActivityFilters; nation: string | null }) {
  const id = useId();
  const [from, setFrom] = useState(filters.from ?? "");
  const [to, setTo] = useState(filters.to ?? "");
  const [language, setLanguage] = useState(filters.language ?? "");
  const [owner, setOwner] = useState(filters.owner ?? "");
  const [openSeats, setOpenSeats] = useState(filters.openSeats === true);
  const [openToMe, setOpenToMe] = useState(filters.openToMe === true);
  useEffect(() => {
    setFrom(filters.from ?? "");
    setTo(filters.to ?? "");
    setLanguage(filters.language ?? "");
    setOwner(filters.owner ?? "");
    setOpenSeats(filters.openSeats === true);
    setOpenToMe(filters.openToMe === true);
  }, [filters.from, filters.to, filters.language, filters.owner, filters.openSeats, filters.openToMe]);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    navigate(
      menuHref({
        ...filters,
        from: from || undefined,
        to: to || undefined,
        language: language.trim() || undefined,
        owner: owner.trim() || undefined,
        openSeats: openSeats || undefined,
        openToMe: openToMe || undefined,
      }),
      { keepScroll: true },
    );
  };
  return (
    <form className="facet menu-filters" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="facet__title">
        {t("menu.filter.more")}
      </h3>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t("menu.filter.from")}</label>
        <input id={`${id}-from`} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t("menu.filter.to")}</label>
        <input id={`${id}-to`} type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t("menu.filter.language")}</label>
        <input id={`${id}-language`} type="text" value={language} onChange={(e) => setLanguage(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>{t("menu.filter.owner")}</label>
        <input id={`${id}-owner`} type="text" value={owner} onChange={(e) => setOwner(e.target.value)} />
      </div>
      <div className="field">
        <label className="checkbox" htmlFor={`${id}-open`}>
          <input
            id={`${id}-open`}
            type="checkbox"
            checked={openSeats}
            onChange={(e) => setOpenSeats(e.target.checked)}
          />
          <span>{t("menu.filter.openSeats")}</span>
        </label>
      </div>
      {nation !== null ? (
        <div className="field">
          <label className="checkbox" htmlFor={`${id}-open-to-me`}>
            <input
              id={`${id}-open-to-me`}
              type="checkbox"
              checked={openToMe}
              onChange={(e) => setOpenToMe(e.target.checked)}
            />
            <span>{t("menu.filter.openToMe")}</span>
          </label>
        </div>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button--small">
          {t("menu.filter.apply")}
        </button>
        {hasFilters(filters) ? (
          <Link to="/activities" className="button button--secondary button--small">
            {t("menu.clearAll")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}

/** CSV and Excel downloads of exactly the filtered view. */
function ExportLinks({ filters }: { filters: ActivityFilters }) {
  return (
    <p className="menu-export">
      <a className="download-link" href={activitiesApi.exportUrl("csv", filters)} download>
        <Icon name="download" />
        <span>{t("menu.exportCsv")}</span>
      </a>
      <a className="download-link" href={activitiesApi.exportUrl("xlsx", filters)} download>
        <Icon name="download" />
        <span>{t("menu.exportXlsx")}</span>
      </a>
    </p>
  );
}

function ActivityCard({ activity: a, nation }: { activity: ActivitySummary; nation: string | null }) {
  const next = a.nextIteration;
  return (
    <li className="card activity-card">
      <div className="activity-card__top">
        <h3 className="activity-card__title">
          <Link to={`/activities/${encodeURIComponent(a.id)}`}>{a.title}</Link>
        </h3>
        <LabelBadge label={a.label} />
      </div>
      <p className="activity-card__meta">
        <span className="activity-card__ref">{a.reference}</span>
        <span aria-hidden="true"> · </span>
        <span>{kindName(a.kind)}</span>
        <span aria-hidden="true"> · </span>
        <span>{a.owner}</span>
      </p>
      {next ? (
        <p className="activity-card__next">
          <span className="activity-card__label">{t("menu.next")}</span> <DateText date={next.startDate} /> –{" "}
          <DateText date={next.endDate} />
          {", "}
          {t("activity.place", { city: next.city, country: next.countryCode })}
          {" · "}
          <SeatsLeft left={next.seatsLeft} seats={next.seats} />
        </p>
      ) : (
        <p className="activity-card__next muted">{t("menu.noIterations")}</p>
      )}
      {a.openToMyNation ? <AccessOutcome access={a.openToMyNation} nation={nation} activityId={a.id} compact /> : null}
    </li>
  );
}
