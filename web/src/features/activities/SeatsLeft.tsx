import { t } from "../../i18n/index.ts";

/** "12 of 30 seats left", marked when none are left (the words say it, not only the colour). */
export function SeatsLeft({ left, seats }: { left: number; seats: number }) {
  return (
    <span className={left > 0 ? "seats" : "seats seats--full"}>
      {t("seats.left", { left, count: seats })}
      {left > 0 ? null : <span className="seats__full"> {t("seats.full")}</span>}
    </span>
  );
}
