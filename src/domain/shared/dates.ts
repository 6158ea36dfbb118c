import { z } from "zod";

export type Precision = "day" | "month" | "year";

/** True for a real calendar date written YYYY-MM-DD (rejects 2011-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const ZIsoDate = z
  .string()
  .max(10, "must be a date written YYYY-MM-DD")
  .refine(isIsoDate, "must be a real date written YYYY-MM-DD");

/** The UTC calendar day of an instant, YYYY-MM-DD: "today" for date-based rules (memberships, labels). */
export const today = (now: Date): string => now.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Renders a date no more precisely than the sources know it. */
export function formatDate(date: string, precision: Precision = "day"): string {
  if (precision === "year") return date.slice(0, 4);
  if (precision === "month") return date.slice(0, 7);
  return date;
}

/** A half-open period [from, to) shown with its last day inclusive, e.g. "1998-2011-04-14". */
export function formatPeriod(from: string, precision: Precision, to: string | null): string {
  const start = formatDate(from, precision);
  return to === null ? `${start} onwards` : `${start}-${addDays(to, -1)}`;
}

/** Whether `date` falls in the half-open period [from, to). */
export function isWithin(date: string, from: string, to: string | null): boolean {
  return from <= date && (to === null || date < to);
}
