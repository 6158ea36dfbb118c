import { t } from "../../i18n/index.ts";

/** A fill rate as a bar AND as text ("75 %"); the bar is decoration, the text carries the value. */
export function FillBar({ rate }: { rate: number }) {
  const pct = Math.round(Math.min(Math.max(rate, 0), 1) * 100);
  return (
    <span className="ops-fill">
      <span className="ops-fill__track" aria-hidden="true">
        <span
          className={pct >= 100 ? "ops-fill__bar ops-fill__bar--full" : "ops-fill__bar"}
          style={{ width: `${pct}%` }}
        />
      </span>
      <span className="ops-fill__text">{t("operations.board.percent", { pct })}</span>
    </span>
  );
}
