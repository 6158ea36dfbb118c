import type { PartnerArea } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Cite } from "../../ui/Cite.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { EmptyState } from "../../ui/States.tsx";

const EXTENT_LEVEL = { exploratory: 1, regular: 2, intensive: 3 } as const;
const extentLabel = (e: PartnerArea["extent"]) =>
  e === "exploratory" ? t("extent.exploratory") : e === "regular" ? t("extent.regular") : t("extent.intensive");

/** The areas of cooperation the partner has chosen, most intensive first. */
export function Areas({ areas }: { areas: PartnerArea[] }) {
  if (areas.length === 0) return <EmptyState>{t("partner.noAreas")}</EmptyState>;
  const sorted = [...areas].sort(
    (a, b) => EXTENT_LEVEL[b.extent] - EXTENT_LEVEL[a.extent] || a.name.localeCompare(b.name),
  );
  return (
    <ul className="areas">
      {sorted.map((a) => (
        <li key={a.code} className="area">
          <div className="area__head">
            <span className="area__name">{a.name}</span>
            <span className={`extent extent--${a.extent}`}>
              <span className="extent__bars" aria-hidden="true">
                {[1, 2, 3].map((n) => (
                  <span key={n} className={n <= EXTENT_LEVEL[a.extent] ? "is-on" : undefined} />
                ))}
              </span>
              {extentLabel(a.extent)}
            </span>
          </div>
          {a.since ? (
            <p className="area__since">
              {t("partner.since")} <DateText date={a.since} />
            </p>
          ) : null}
          {a.note ? <p className="area__note">{a.note}</p> : null}
          <Cite cite={a.cite} />
        </li>
      ))}
    </ul>
  );
}
