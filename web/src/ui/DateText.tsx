import type { Precision } from "../api/types.ts";
import { formatDate } from "../i18n/dates.ts";

/** A <time> element showing a date no more precisely than it is known. */
export function DateText({ date, precision = "day" }: { date: string; precision?: Precision }) {
  const machine =
    precision === "year" ? date.slice(0, 4) : precision === "month" ? date.slice(0, 7) : date.slice(0, 10);
  return <time dateTime={machine}>{formatDate(date, precision)}</time>;
}
