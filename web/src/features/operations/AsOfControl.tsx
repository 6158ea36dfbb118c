import { type KeyboardEvent, useId } from "react";
import { formatDate } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { DateField } from "../../ui/DateField.tsx";

const DAY = 86_400_000;
const toDays = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY);
const fromDays = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

type Props = { min: string; max: string; date: string; onChange: (date: string) => void };

/**
 * The "as of" control across an operation's period: a labelled range input stepping by day
 * (arrow keys: one day, Page Up/Page Down: about a month, Home/End: the first/last day) and an
 * exact-date field.
 */
export function AsOfControl({ min, max, date, onChange }: Props) {
  const id = useId();
  const lo = toDays(min);
  const hi = Math.max(toDays(max), lo);
  const value = Math.min(Math.max(toDays(date), lo), hi);
  const go = (n: number) => onChange(fromDays(Math.min(Math.max(n, lo), hi)));

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "PageUp" || event.key === "PageDown") {
      event.preventDefault();
      go(value + (event.key === "PageUp" ? 30 : -30));
    }
  };

  return (
    <div className="date-control ops-asof">
      <div className="date-control__head">
        <label htmlFor={`${id}-range`} className="date-control__label">
          {t("operations.asOf.slider")}
        </label>
        <output htmlFor={`${id}-range`} className="date-control__value" aria-live="off">
          {formatDate(fromDays(value))}
        </output>
      </div>
      <input
        id={`${id}-range`}
        className="date-control__range"
        type="range"
        min={lo}
        max={hi}
        step={1}
        value={value}
        aria-valuetext={formatDate(fromDays(value))}
        aria-describedby={`${id}-help`}
        onChange={(e) => go(Number(e.target.value))}
        onKeyDown={onKeyDown}
      />
      <div className="ops-asof__ends" aria-hidden="true">
        <span>{formatDate(min)}</span>
        <span>{formatDate(fromDays(hi))}</span>
      </div>
      <div className="date-control__foot">
        <p id={`${id}-help`} className="hint">
          {t("operations.asOf.help")}
        </p>
        <div className="date-control__exact">
          <label htmlFor={`${id}-exact`}>{t("operations.asOf.exact")}</label>
          <DateField id={`${id}-exact`} min={min} max={fromDays(hi)} value={fromDays(value)} onCommit={onChange} />
        </div>
      </div>
    </div>
  );
}
