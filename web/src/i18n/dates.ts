import type { Precision } from "../api/types.ts";
import { intlLocale, t } from "./index.ts";

// Dates are ISO YYYY-MM-DD strings. They are shown no more precisely than they are known:
// year → "1998", month → "February 1995", day → "14 April 2011".

const OPTIONS: Record<Precision, Intl.DateTimeFormatOptions> = {
  year: { year: "numeric", timeZone: "UTC" },
  month: { year: "numeric", month: "long", timeZone: "UTC" },
  day: { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" },
};

function toUtcDate(iso: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  const d = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function formatDate(iso: string, precision: Precision = "day"): string {
  const d = toUtcDate(iso);
  if (!d) return iso;
  return new Intl.DateTimeFormat(intlLocale(), OPTIONS[precision]).format(d);
}

/** The day before an ISO date: periods are half-open, so `validTo` is the first day outside. */
export function dayBefore(iso: string): string {
  const d = toUtcDate(iso);
  if (!d) return iso;
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The last day of a half-open period [from, to), shown inclusively. */
export function formatPeriodEnd(validTo: string | null): string {
  return validTo === null ? t("period.ongoing") : formatDate(dayBefore(validTo));
}

/** Today in the user's time zone, as YYYY-MM-DD. */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = toUtcDate(value);
  return d !== null && d.toISOString().slice(0, 10) === value;
}

/** A timestamp as "28 Nov 2026, 14:05" (local time), or in UTC with seconds for the audit trail. */
export function formatDateTime(iso: string, options: { utc?: boolean; seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(), {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    ...(options.seconds ? { second: "2-digit" } : {}),
    ...(options.utc ? { timeZone: "UTC" } : {}),
  }).format(d);
}

/** A size in bytes as people read it: "94 bytes", "12.5 KB", "3.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return t("size.bytes", { count: bytes });
  const kb = bytes / 1024;
  const one = (n: number) => new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: 1 }).format(n);
  if (kb < 1024) return t("size.kb", { n: one(kb) });
  return t("size.mb", { n: one(kb / 1024) });
}
