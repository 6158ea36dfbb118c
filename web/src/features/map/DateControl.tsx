import { type KeyboardEvent, useId } from "react";
import { formatDate } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { DateField } from "../../ui/DateField.tsx";
import { type DateScale, dateAt, indexOf, START_YEAR, tickYears } from "./dateScale.ts";

type Props = { scale: DateScale; date: string; onChange: (date: string) => void };

/**
 * The "as of" control: a labelled range input stepping by month (arrow keys: one month,
 * Page Up/Page Down: one year, Home/End: 1994/today) and an exact-date field.
 */
export function DateControl({ scale, date, onChange }: Props) {
  const id = useId();
  const index = indexOf(scale, date);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "PageUp" || event.key === "PageDown") {
      event.preventDefault();
      onChange(dateAt(scale, index + (event.key === "PageUp" ? 12 : -12)));
    }
  };

  const ticks = tickYears(scale);

  return (
    <div className="date-control">
      <div className="date-control__head">
        <label htmlFor={`${id}-range`} className="date-control__label">
          {t("map.sliderLabel")}
        </label>
        <output htmlFor={`${id}-range`} className="date-control__value" aria-live="off">
          {formatDate(date)}
        </output>
      </div>
      <input
        id={`${id}-range`}
        className="date-control__range"
        type="range"
        min={0}
        max={scale.max}
        step={1}
        value={index}
        aria-valuetext={formatDate(date)}
        aria-describedby={`${id}-help`}
        onChange={(e) => onChange(dateAt(scale, Number(e.target.value)))}
        onKeyDown={onKeyDown}
      />
      <div className="date-control__ticks" aria-hidden="true">
        {ticks.map((y) => (
          <span key={y} style={{ left: `${(indexOf(scale, `${y}-01-01`) / scale.max) * 100}%` }}>
            {y}
          </span>
        ))}
      </div>
      <div className="date-control__foot">
        <p id={`${id}-help`} className="hint">
          {t("map.sliderHelp")}
        </p>
        <div className="date-control__exact">
          <label htmlFor={`${id}-exact`}>{t("map.exactDate")}</label>
          <DateField
            id={`${id}-exact`}
            min={`${START_YEAR}-01-01`}
            max={scale.today}
            value={date}
            onCommit={onChange}
          />
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => onChange(scale.today)}
            disabled={date === scale.today}
          >
            {t("map.today")}
          </button>
        </div>
      </div>
    </div>
  );
}
