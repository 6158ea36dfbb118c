import type { User } from "../../api/types.ts";
import { formatDate, todayIso } from "../../i18n/dates.ts";
import { intlLocale, t } from "../../i18n/index.ts";
import { Link, useLocation } from "../../router/router.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { LabelBadge } from "../../ui/LabelBadge.tsx";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { DataTable, ListState } from "../../ui/States.tsx";
import { RequireAuth } from "../auth/Guards.tsx";
import { hasAnyRole } from "../auth/session.ts";
import { formatName } from "../decisions/labels.ts";
import { isMonth, monthOf, monthRange, monthWeeks, shiftMonth, WEEKDAY_SAMPLES } from "./calendar.ts";
import { levelName, MeetingStatusBadge } from "./labels.tsx";
import { useMeetings } from "./queries.ts";
import type { MeetingSummary } from "./types.ts";

type View = "calendar" | "upcoming" | "past";

/** The meeting calendar (a month at a time, the month in the address) and the upcoming and past lists. */
export function MeetingsPage() {
  useDocumentTitle(t("meetings.list.title"));
  return <RequireAuth title={t("meetings.list.title")}>{(user) => <Meetings user={user} />}</RequireAuth>;
}

function Meetings({ user }: { user: User }) {
  const { search } = useLocation();
  const view: View =
    search.get("view") === "upcoming" ? "upcoming" : search.get("view") === "past" ? "past" : "calendar";
  const monthParam = search.get("month");
  const month = isMonth(monthParam) ? monthParam : monthOf(todayIso());
  const isStaff = hasAnyRole(user, ["staff", "admin"]);
  return (
    <>
      <PageHeader
        title={t("meetings.list.title")}
        lead={t("meetings.list.lead")}
        actions={
          <span className="button-row">
            <Link to="/action-items" className="button button--secondary">
              {t("meetings.items.link")}
            </Link>
            {isStaff ? (
              <Link to="/meetings/new" className="button">
                {t("meetings.plan.link")}
              </Link>
            ) : null}
          </span>
        }
      />
      <nav className="meetings-views" aria-label={t("meetings.views.label")}>
        <ul>
          {(["calendar", "upcoming", "past"] as const).map((v) => (
            <li key={v}>
              <Link
                to={v === "calendar" ? `/meetings?month=${month}` : `/meetings?view=${v}`}
                aria-current={view === v ? "page" : undefined}
                className="meetings-views__link"
              >
                {t(`meetings.views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view === "calendar" ? <MonthCalendar month={month} /> : <MeetingList when={view} />}
    </>
  );
}

function monthTitle(month: string): string {
  return formatDate(`${month}-01`, "month");
}

function MonthCalendar({ month }: { month: string }) {
  const { from, to } = monthRange(month);
  const meetings = useMeetings({ from, to, limit: "500" });
  const byDay = new Map<string, MeetingSummary[]>();
  for (const m of meetings.data?.meetings ?? []) {
    const list = byDay.get(m.meetingDate) ?? [];
    list.push(m);
    byDay.set(m.meetingDate, list);
  }
  const today = todayIso();
  const weekday = (iso: string, style: "short" | "long") =>
    new Intl.DateTimeFormat(intlLocale(), { weekday: style, timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  const prev = shiftMonth(month, -1);
  const next = shiftMonth(month, 1);
  const count = meetings.data?.meetings.length ?? 0;
  return (
    <section className="section meeting-calendar" aria-labelledby="calendar-title">
      <div className="meeting-calendar__head">
        <Link to={`/meetings?month=${prev}`} className="button button--secondary button--small">
          <span aria-hidden="true">← </span>
          {t("meetings.calendar.previous", { month: monthTitle(prev) })}
        </Link>
        <h2 id="calendar-title">{monthTitle(month)}</h2>
        <Link to={`/meetings?month=${next}`} className="button button--secondary button--small">
          {t("meetings.calendar.next", { month: monthTitle(next) })}
          <span aria-hidden="true"> →</span>
        </Link>
      </div>
      <p className="toolbar__count" role="status">
        {meetings.isSuccess ? t("meetings.calendar.count", { count }) : ""}
      </p>
      <ListState query={meetings} isEmpty={false} empty={null}>
        <div className="table-wrap">
          <table className="meeting-calendar__grid" aria-busy={meetings.isFetching}>
            <caption className="visually-hidden">
              {t("meetings.calendar.caption", { month: monthTitle(month) })}
            </caption>
            <thead>
              <tr>
                {WEEKDAY_SAMPLES.map((d) => (
                  <th scope="col" key={d} className="meeting-calendar__weekday">
                    <abbr title={weekday(d, "long")}>{weekday(d, "short")}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {monthWeeks(month).map((week) => (
                <tr key={week.find((d) => d !== null) ?? "empty"}>
                  {week.map((day, i) =>
                    day === null ? (
                      // biome-ignore lint/suspicious/noArrayIndexKey: blank cells have nothing but their place
                      <td key={`blank-${i}`} className="meeting-calendar__cell meeting-calendar__blank" />
                    ) : (
                      <td
                        key={day}
                        className={
                          day === today
                            ? "meeting-calendar__cell meeting-calendar__day meeting-calendar__day--today"
                            : "meeting-calendar__cell meeting-calendar__day"
                        }
                        aria-current={day === today ? "date" : undefined}
                      >
                        <span className="meeting-calendar__date">
                          <span aria-hidden="true">{Number(day.slice(8))}</span>
                          <span className="visually-hidden">{formatDate(day)}</span>
                          {day === today ? (
                            <span className="meeting-calendar__today">{t("meetings.calendar.today")}</span>
                          ) : null}
                        </span>
                        {(byDay.get(day) ?? []).length > 0 ? (
                          <ul className="meeting-calendar__list">
                            {(byDay.get(day) ?? []).map((m) => (
                              <li key={m.id}>
                                <Link to={`/meetings/${encodeURIComponent(m.id)}`}>
                                  <span className="meeting-calendar__time">{m.startsLocal.slice(11, 16)}</span>{" "}
                                  {m.title}
                                </Link>
                                {m.status === "cancelled" ? (
                                  <span className="meeting-calendar__flag"> ({t("meetings.status.cancelled")})</span>
                                ) : null}
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ListState>
    </section>
  );
}

function dayBeforeToday(): string {
  const d = new Date(`${todayIso()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function MeetingList({ when }: { when: "upcoming" | "past" }) {
  const today = todayIso();
  const meetings = useMeetings(
    when === "upcoming" ? { from: today, limit: "200" } : { to: dayBeforeToday(), limit: "200" },
  );
  const rows = [...(meetings.data?.meetings ?? [])].sort((a, b) =>
    when === "upcoming" ? a.startsAt.localeCompare(b.startsAt) : b.startsAt.localeCompare(a.startsAt),
  );
  return (
    <section className="section" aria-labelledby="meeting-list-title">
      <h2 id="meeting-list-title">{t(`meetings.views.${when}`)}</h2>
      <ListState
        query={meetings}
        isEmpty={rows.length === 0}
        empty={when === "upcoming" ? t("meetings.list.noneUpcoming") : t("meetings.list.nonePast")}
      >
        <MeetingTable rows={rows} busy={meetings.isFetching} />
      </ListState>
    </section>
  );
}

export function MeetingTable({ rows, busy }: { rows: MeetingSummary[]; busy?: boolean }) {
  return (
    <DataTable
      caption={t("meetings.list.caption")}
      columns={[
        t("meetings.col.meeting"),
        t("meetings.col.date"),
        t("meetings.col.format"),
        t("meetings.col.participants"),
        t("meetings.col.status"),
        t("meetings.col.marking"),
      ]}
      busy={busy ?? false}
    >
      {rows.map((m) => (
        <tr key={m.id}>
          <th scope="row">
            <Link to={`/meetings/${encodeURIComponent(m.id)}`}>{m.title}</Link>
            <span className="table__sub">{m.place}</span>
          </th>
          <td>
            <DateText date={m.meetingDate} />
            <span className="table__sub">
              {t("meetings.list.time", { time: m.startsLocal.slice(11, 16), zone: m.timeZone })}
            </span>
          </td>
          <td>
            {formatName(m.format)}
            <span className="table__sub">{levelName(m.level)}</span>
          </td>
          <td>{m.participantCount}</td>
          <td>
            <MeetingStatusBadge status={m.status} />
          </td>
          <td>
            <LabelBadge marking={m.marking} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
