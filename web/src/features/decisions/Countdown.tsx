import { useEffect, useState } from "react";
import { intlLocale, t } from "../../i18n/index.ts";

/** The current time, renewed every `intervalMs` while `active`. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

/** Days, hours, minutes and seconds in a span of milliseconds (0 once it is over). */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86_400),
    hours: Math.floor((total % 86_400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

/** "2 days 3 hours 4 minutes 5 seconds", leaving out the leading units that are zero. */
export function formatRemaining(ms: number): string {
  const { days, hours, minutes, seconds } = splitDuration(ms);
  const parts: string[] = [];
  if (days > 0) parts.push(t("decisions.unit.days", { count: days }));
  if (days > 0 || hours > 0) parts.push(t("decisions.unit.hours", { count: hours }));
  if (days > 0 || hours > 0 || minutes > 0) parts.push(t("decisions.unit.minutes", { count: minutes }));
  parts.push(t("decisions.unit.seconds", { count: seconds }));
  return parts.join(" ");
}

/** An ISO 8601 duration for <time dateTime>: "P2DT3H4M5S". */
function isoDuration(ms: number): string {
  const { days, hours, minutes, seconds } = splitDuration(ms);
  return `P${days}DT${hours}H${minutes}M${seconds}S`;
}

/** A moment in a named time zone, with the zone's short name; the raw instant if the zone is unknown. */
export function formatInZone(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    weekday: "short",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat(intlLocale(), timeZone ? { ...options, timeZone } : options).format(d);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(), options).format(d);
  }
}

/** The user's own time zone, as the browser reports it. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

type Deadline = { at: string; timeZone: string };

/**
 * The deadline in the decision's time zone and, when different, in the user's. Both are fixed
 * text; only the countdown beside them ticks.
 */
export function DeadlineText({ deadline }: { deadline: Deadline }) {
  const local = localTimeZone();
  return (
    <span className="silence-deadline">
      <time dateTime={deadline.at}>{formatInZone(deadline.at, deadline.timeZone)}</time>{" "}
      <span className="silence-deadline__zone">({deadline.timeZone})</span>
      {local !== deadline.timeZone ? (
        <span className="silence-deadline__local">
          {t("decisions.deadline.yourTime", { time: formatInZone(deadline.at, local), zone: local })}
        </span>
      ) : null}
    </span>
  );
}

/**
 * Time left until `at`, updated every second. The ticking text is deliberately not a live region
 * (a screen reader would read it every second); only the moment it runs out is announced, once.
 */
export function Countdown({ at, onExpired }: { at: string; onExpired?: () => void }) {
  const end = new Date(at).getTime();
  const now = useNow(Number.isFinite(end) && end > Date.now());
  const left = end - now;
  const expired = left <= 0;
  useEffect(() => {
    if (expired) onExpired?.();
  }, [expired, onExpired]);
  return (
    <span className="countdown">
      {expired ? null : (
        <time className="countdown__time" dateTime={isoDuration(left)}>
          {t("decisions.countdown.left", { time: formatRemaining(left) })}
        </time>
      )}
      <span role="status" className={expired ? "countdown__over" : "visually-hidden"}>
        {expired ? t("decisions.countdown.over") : ""}
      </span>
    </span>
  );
}
