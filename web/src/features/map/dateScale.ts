import { todayIso } from "../../i18n/dates.ts";

// The map's date slider steps by month from January 1994 (the launch of the Partnership for
// Peace) to the current month. Step i is the first day of its month, except the last step,
// which is today.

export const START_YEAR = 1994;

export type DateScale = { readonly max: number; readonly today: string };

export function makeScale(today: string = todayIso()): DateScale {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return { max: (year - START_YEAR) * 12 + (month - 1), today };
}

export function dateAt(scale: DateScale, index: number): string {
  const i = Math.max(0, Math.min(scale.max, Math.round(index)));
  if (i === scale.max) return scale.today;
  const year = START_YEAR + Math.floor(i / 12);
  const month = (i % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}-01`;
}

export function indexOf(scale: DateScale, date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const i = (year - START_YEAR) * 12 + (month - 1);
  return Math.max(0, Math.min(scale.max, i));
}

/** Clamps a date into the slider's range. */
export function clampDate(scale: DateScale, date: string): string {
  if (date < `${START_YEAR}-01-01`) return `${START_YEAR}-01-01`;
  if (date > scale.today) return scale.today;
  return date;
}

/** Years to label under the slider: 1994 and every fifth year, plus the current year. */
export function tickYears(scale: DateScale): number[] {
  const last = Number(scale.today.slice(0, 4));
  const years = [START_YEAR];
  for (let y = 2000; y <= last; y += 5) if (last - y >= 3) years.push(y);
  years.push(last);
  return years;
}
