import { fieldError } from "../shared/validation.js";

// Wall-clock times in IANA time zones, converted with Intl only (no time-zone library).
//
// Daylight saving time: a local time that happens twice (clocks go back, e.g. 02:30 on the last
// Sunday of October in Brussels) is read as its FIRST occurrence, the earlier instant, so a
// deadline never falls later than anyone reading it could believe. A local time that does not
// exist (clocks go forward, e.g. 02:30 on the last Sunday of March) is refused with VALIDATION on
// deadline.time rather than silently moved: a deadline is a formal commitment, and staff should
// pick a time that exists.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (an IANA name such as Europe/Brussels, or UTC). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at `instantMs`, as milliseconds of the same fields read as UTC. */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? "0");
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
}

/**
 * The UTC instant of a wall-clock time in a zone. Field names in errors are `field`.timeZone and
 * `field`.time. Ambiguous times give the earlier instant; non-existent times are VALIDATION.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string, field = "deadline"): Date {
  if (!isKnownTimeZone(timeZone)) {
    throw fieldError(`${field}.timeZone`, `unknown time zone '${timeZone}' (use an IANA name such as Europe/Brussels)`);
  }
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm, ss] = time.split(":").map(Number);
  const local = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, ss ?? 0);
  // The offsets in force around that day (a zone changes offset at most once within two days):
  // each gives a candidate instant, valid if it reads back as the same wall-clock time.
  const day = 86_400_000;
  const offsets = new Set([local - day, local, local + day].map((at) => wallClockMs(at, timeZone) - at));
  const candidates = [...offsets]
    .map((offset) => local - offset)
    .filter((instant) => wallClockMs(instant, timeZone) === local)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) {
    throw fieldError(
      `${field}.time`,
      `${date} ${time} does not exist in ${timeZone} (the clocks go forward then); choose another time`,
    );
  }
  return new Date(first);
}

/** "2012-03-16 17:00" in the zone (seconds only when not zero). */
export function formatInZone(instant: Date | string, timeZone: string): string {
  const ms = typeof instant === "string" ? Date.parse(instant) : instant.getTime();
  const iso = new Date(wallClockMs(ms, timeZone)).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds === "00" ? "" : `:${seconds}`}`;
}

/** The local time as stored in decision.deadline_local: "2012-03-16T17:00:00". */
export function localTimeText(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}`;
}
