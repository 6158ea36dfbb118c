import type { ReactNode } from "react";
import { ApiError } from "../../api/client.ts";
import { formatDate, formatDateTime, formatPeriodEnd, todayIso } from "../../i18n/dates.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { Link, useSearchParam } from "../../router/router.tsx";
import { DateField } from "../../ui/DateField.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading, NotFound } from "../../ui/States.tsx";
import { areaName } from "../activities/labels.ts";
import { RequireAuth } from "../auth/Guards.tsx";
import { itemStatusName, meetingStatusName } from "../meetings/labels.tsx";
import { HEADQUARTERS, headquartersName, POSTING_ROLES, postingRoleName } from "../operations/labels.ts";
import { PROGRAMME_STATUS_LIST, programmeStatusName } from "../programmes/labels.ts";
import { reportsApi } from "./api.ts";
import { useBriefing } from "./queries.ts";

/** The briefing carries codes as plain strings: named when known, shown as they are otherwise. */
const hqName = (code: string) => {
  const hq = HEADQUARTERS.find((h) => h === code);
  return hq === undefined ? code : headquartersName(hq);
};
const roleName = (code: string) => {
  const role = POSTING_ROLES.find((r) => r === code);
  return role === undefined ? code : postingRoleName(role);
};

import type { Briefing } from "./types.ts";

/** "development-project" → "Development project": API codes shown as words where no name is known. */
function words(code: string): string {
  return areaName(code);
}

function oneOfList<T extends string>(list: readonly T[], value: string): T | null {
  return (list as readonly string[]).includes(value) ? (value as T) : null;
}

const MEETING_STATUSES = ["planning", "format-in-decision", "format-agreed", "invited", "held", "cancelled"] as const;
const ITEM_STATUSES = ["open", "in-progress", "done", "dropped"] as const;

/** One page to brief a minister before a bilateral meeting: print it, or download it as PDF or XLSX. */
export function BriefingPage({ code }: { code: string }) {
  return (
    <RequireAuth title={t("reports.briefing.pageTitle")}>
      {() => <BriefingView code={code.toUpperCase()} />}
    </RequireAuth>
  );
}

function BriefingView({ code }: { code: string }) {
  const [asOfParam, setAsOf] = useSearchParam("asOf");
  const asOf = asOfParam && /^\d{4}-\d{2}-\d{2}$/.test(asOfParam) ? asOfParam : undefined;
  const briefing = useBriefing(code, asOf);
  useDocumentTitle(
    briefing.data
      ? t("reports.briefing.title", { nation: briefing.data.nation.name })
      : t("reports.briefing.pageTitle"),
  );
  if (briefing.isPending) return <Loading />;
  if (briefing.isError) {
    if (briefing.error instanceof ApiError && briefing.error.isNotFound) {
      return (
        <NotFound
          title={t("reports.briefing.notFound")}
          message={t("reports.briefing.notFoundMessage", { code })}
          links={[{ to: "/", label: t("notFound.toMap") }]}
        />
      );
    }
    return <ErrorState error={briefing.error} onRetry={() => void briefing.refetch()} />;
  }
  const b = briefing.data;
  return (
    <article className="briefing" aria-busy={briefing.isFetching}>
      <div className="briefing__controls no-print">
        <p className="briefing__back">
          <Link to={`/partners/${encodeURIComponent(code)}`}>
            {t("reports.briefing.back", { nation: b.nation.name })}
          </Link>
        </p>
        <div className="field briefing__date">
          <label htmlFor="briefing-as-of">{t("reports.briefing.asOf")}</label>
          <DateField
            id="briefing-as-of"
            value={asOf ?? b.asOf}
            max="2100-12-31"
            min="1949-04-04"
            onCommit={(d) => setAsOf(d === todayIso() ? null : d)}
          />
        </div>
        <span className="button-row">
          <a className="button" href={reportsApi.briefingFileUrl(code, "pdf", asOf)} download>
            {t("reports.briefing.pdf")}
          </a>
          <a className="button button--secondary" href={reportsApi.briefingFileUrl(code, "xlsx", asOf)} download>
            {t("reports.briefing.xlsx")}
          </a>
          <button type="button" className="button button--secondary" onClick={() => window.print()}>
            {t("reports.briefing.print")}
          </button>
        </span>
      </div>
      <LabelBadge marking={b.marking} variant="banner" />
      <header className="briefing__header">
        <p className="briefing__eyebrow">{t("reports.briefing.eyebrow")}</p>
        <h1 id="page-title" tabIndex={-1}>
          {t("reports.briefing.title", { nation: b.nation.name })}
        </h1>
        <p className="briefing__meta">
          {t("reports.briefing.asOfText", { date: formatDate(b.asOf) })} ·{" "}
          {t("reports.briefing.generated", { at: formatDateTime(b.generatedAt) })}
        </p>
      </header>
      <BriefingSections b={b} />
      <LabelBadge marking={b.marking} variant="banner" />
    </article>
  );
}

function Section({ id, title, empty, children }: { id: string; title: string; empty: boolean; children: ReactNode }) {
  return (
    <section className="briefing__section" aria-labelledby={`briefing-${id}`}>
      <h2 id={`briefing-${id}`}>{title}</h2>
      {empty ? <p className="muted">{t("reports.briefing.none")}</p> : children}
    </section>
  );
}

function Table({ caption, columns, children }: { caption: string; columns: string[]; children: ReactNode }) {
  return (
    <div className="table-wrap">
      <table className="table table--compact briefing__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

function BriefingSections({ b }: { b: Briefing }) {
  const programmeStatus = b.programme ? oneOfList(PROGRAMME_STATUS_LIST, b.programme.status) : null;
  return (
    <div className="briefing__body">
      <Section id="frameworks" title={t("reports.briefing.frameworks")} empty={b.frameworks.length === 0}>
        <ul className="briefing__list">
          {b.frameworks.map((f) => (
            <li key={f.code}>
              <Link to={`/frameworks/${encodeURIComponent(f.code)}`}>{f.name}</Link>{" "}
              {t("reports.briefing.since", { date: formatDate(f.since) })}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="areas" title={t("reports.briefing.areas")} empty={b.areas.length === 0}>
        <ul className="briefing__list">
          {b.areas.map((a) => (
            <li key={a.code}>
              {a.name} <span className="muted">({words(a.extent)})</span>
            </li>
          ))}
        </ul>
      </Section>
      <Section id="programme" title={t("reports.briefing.programme")} empty={b.programme === null}>
        {b.programme ? (
          <p>
            <Link to={`/programmes/${encodeURIComponent(b.programme.id)}`}>{b.programme.title}</Link> ·{" "}
            {programmeStatus ? programmeStatusName(programmeStatus) : words(b.programme.status)} ·{" "}
            <DateText date={b.programme.periodStart} /> – <DateText date={b.programme.periodEnd} />
          </p>
        ) : null}
      </Section>
      <Section id="recognitions" title={t("reports.briefing.recognitions")} empty={b.recognitions.length === 0}>
        <Table
          caption={t("reports.briefing.recognitions")}
          columns={[t("reports.col.operation"), t("reports.col.status"), t("reports.col.from"), t("reports.col.to")]}
        >
          {b.recognitions.map((r) => (
            <tr key={`${r.operation.code}-${r.recognisedFrom ?? r.status}`}>
              <th scope="row" className="meetings-row-head">
                <Link to={`/operations/${encodeURIComponent(r.operation.code)}`}>{r.operation.name}</Link>
              </th>
              <td>{words(r.status)}</td>
              <td>{r.recognisedFrom ? <DateText date={r.recognisedFrom} /> : "—"}</td>
              <td>{r.recognisedFrom ? formatPeriodEnd(r.recognisedTo) : "—"}</td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section id="contributions" title={t("reports.briefing.contributions")} empty={b.contributions.length === 0}>
        <Table
          caption={t("reports.briefing.contributions")}
          columns={[t("reports.col.operation"), t("reports.col.kind"), t("reports.col.asOf"), t("reports.col.amount")]}
        >
          {b.contributions.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: contributions have no id in the briefing; the order is the API's
            <tr key={i}>
              <th scope="row" className="meetings-row-head">
                {c.operation.name}
                {c.description ? <span className="table__sub">{c.description}</span> : null}
              </th>
              <td>{words(c.kind)}</td>
              <td>
                <DateText date={c.asOf} />
              </td>
              <td className="briefing__number">
                {c.troops !== null
                  ? t("reports.briefing.troops", { count: c.troops })
                  : c.amount !== null
                    ? `${formatNumber(c.amount)} ${c.currency ?? ""}`.trim()
                    : "—"}
              </td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section id="postings" title={t("reports.briefing.postings")} empty={b.postings.length === 0}>
        <Table
          caption={t("reports.briefing.postings")}
          columns={[
            t("reports.col.officer"),
            t("reports.col.headquarters"),
            t("reports.col.role"),
            t("reports.col.period"),
          ]}
        >
          {b.postings.map((p) => (
            <tr key={`${p.officerName}-${p.startDate}`}>
              <th scope="row" className="meetings-row-head">
                {p.officerName}
              </th>
              <td>{hqName(p.headquarters)}</td>
              <td>{roleName(p.role)}</td>
              <td>
                <DateText date={p.startDate} /> – {formatPeriodEnd(p.endDate)}
              </td>
            </tr>
          ))}
        </Table>
      </Section>
      <Section id="meetings" title={t("reports.briefing.meetings")} empty={b.meetings.length === 0}>
        <ul className="briefing__list">
          {b.meetings.map((m) => {
            const status = oneOfList(MEETING_STATUSES, m.status);
            return (
              <li key={m.id}>
                <DateText date={m.meetingDate} />: <Link to={`/meetings/${encodeURIComponent(m.id)}`}>{m.title}</Link>{" "}
                <span className="muted">({status ? meetingStatusName(status) : words(m.status)})</span>
              </li>
            );
          })}
        </ul>
      </Section>
      <Section id="activities" title={t("reports.briefing.activities")} empty={false}>
        <p>
          {t("reports.briefing.participation", {
            nominated: b.activities.nominated,
            confirmed: b.activities.confirmed,
            attended: b.activities.attended,
          })}
        </p>
        {b.activities.recent.length > 0 ? (
          <>
            <h3>{t("reports.briefing.recent")}</h3>
            <ul className="briefing__list">
              {b.activities.recent.map((a) => (
                <li key={`${a.activityId}-${a.startDate}`}>
                  <DateText date={a.startDate} />:{" "}
                  <Link to={`/activities/${encodeURIComponent(a.activityId)}`}>
                    {a.reference} – {a.title}
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Section>
      <Section id="action-items" title={t("reports.briefing.actionItems")} empty={b.openActionItems.length === 0}>
        <Table
          caption={t("reports.briefing.actionItems")}
          columns={[t("reports.col.action"), t("reports.col.due"), t("reports.col.status")]}
        >
          {b.openActionItems.map((a) => {
            const status = oneOfList(ITEM_STATUSES, a.status);
            return (
              <tr key={a.id}>
                <th scope="row" className="meetings-row-head">
                  {a.text}
                </th>
                <td>
                  <DateText date={a.dueDate} />
                </td>
                <td>{status ? itemStatusName(status) : words(a.status)}</td>
              </tr>
            );
          })}
        </Table>
      </Section>
    </div>
  );
}
