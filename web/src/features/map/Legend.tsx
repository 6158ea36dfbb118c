import type { Framework } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { categoryClass } from "../../ui/frameworks.ts";

type Props = {
  frameworks: Framework[];
  counts: ReadonlyMap<string, number>;
  suspendedCount: number;
};

/** What each colour means, with how many nations each framework had on the date. */
export function Legend({ frameworks, counts, suspendedCount }: Props) {
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" className="legend__title">
        {t("legend.title")}
      </h2>
      <ul className="legend__list">
        {frameworks.map((f) => {
          const count = counts.get(f.code) ?? 0;
          return (
            <li key={f.code} className="legend__item">
              <span className={`swatch ${categoryClass(f.code)}`} aria-hidden="true" />
              <span className="legend__name">{f.name}</span>
              <span className="legend__count">
                {f.code === "NATO" ? t("legend.allies", { count }) : t("legend.partners", { count })}
              </span>
            </li>
          );
        })}
        <li className="legend__item legend__item--extra">
          <span className="swatch swatch--hatched" aria-hidden="true" />
          <span className="legend__name">{t("legend.suspended")}</span>
          <span className="legend__count">{t("legend.nations", { count: suspendedCount })}</span>
        </li>
        <li className="legend__item legend__item--extra">
          <span className="swatch fw-none" aria-hidden="true" />
          <span className="legend__name">{t("legend.none")}</span>
        </li>
      </ul>
      <p className="legend__note">{t("legend.priority")}</p>
    </section>
  );
}
