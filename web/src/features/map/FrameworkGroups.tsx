import type { Framework, MapResponse, Nation } from "../../api/types.ts";
import { formatDate } from "../../i18n/dates.ts";
import { intlLocale, t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { categoryClass } from "../../ui/frameworks.ts";

type Props = {
  frameworks: Framework[];
  map: MapResponse;
  byCode: ReadonlyMap<string, Nation>;
  asOf: string;
};

/**
 * Every nation on the date, grouped by framework, each a link to its partner page: the text
 * alternative to the map, and its keyboard route. Small states missing from the map are here.
 */
export function FrameworkGroups({ frameworks, map, byCode, asOf }: Props) {
  const collator = new Intl.Collator(intlLocale());
  return (
    <section className="groups" aria-labelledby="groups-title">
      <h2 id="groups-title">{t("groups.title", { date: formatDate(asOf) })}</h2>
      <p className="section-lead">{t("groups.lead")}</p>
      <div className="groups__grid">
        {frameworks.map((f) => {
          const members = map.nations
            .filter((n) => n.frameworks.includes(f.code))
            .map((n) => ({
              code: n.code,
              name: byCode.get(n.code)?.name ?? n.code,
              suspended: n.suspended.includes(f.code),
            }))
            .sort((a, b) => collator.compare(a.name, b.name));
          const headingId = `group-${f.code}`;
          return (
            <section key={f.code} className={`group ${categoryClass(f.code)}`} aria-labelledby={headingId}>
              <h3 id={headingId} className="group__title">
                <span className={`swatch ${categoryClass(f.code)}`} aria-hidden="true" />
                <span className="group__name">{f.name}</span>
                <span className="group__count">
                  <span aria-hidden="true">{members.length}</span>
                  <span className="visually-hidden">{t("groups.count", { count: members.length })}</span>
                </span>
              </h3>
              {f.includesAllies && f.code !== "NATO" ? <p className="group__note">{t("groups.alliesToo")}</p> : null}
              {members.length === 0 ? (
                <p className="group__empty">{t("groups.empty")}</p>
              ) : (
                <ul className={`group__list${members.length > 12 ? " group__list--columns" : ""}`}>
                  {members.map((m) => (
                    <li key={m.code}>
                      <Link to={`/partners/${m.code}`}>{m.name}</Link>
                      {m.suspended ? <span className="badge badge--suspended">{t("status.suspended")}</span> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          );
        })}
      </div>
    </section>
  );
}
