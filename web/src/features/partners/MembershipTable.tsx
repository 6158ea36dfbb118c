import type { Membership } from "../../api/types.ts";
import { formatDate, formatPeriodEnd, todayIso } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { CertaintyFlag } from "../../ui/Certainty.tsx";
import { Cite } from "../../ui/Cite.tsx";
import { DateText } from "../../ui/DateText.tsx";
import { categoryClass } from "../../ui/frameworks.ts";

function isCurrent(m: Membership, today: string): boolean {
  return m.validFrom <= today && (m.validTo === null || today < m.validTo);
}

function activeSuspension(m: Membership, today: string) {
  return m.suspensions.find((s) => s.validFrom <= today && (s.validTo === null || today < s.validTo));
}

/** Every membership the nation has held: framework, from, to, status with suspensions, certainty. */
export function MembershipTable({
  memberships,
  nameNow,
}: {
  memberships: Membership[];
  nameNow: ReadonlyMap<string, string>;
}) {
  const today = todayIso();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t("partner.membershipsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("partner.col.framework")}</th>
            <th scope="col">{t("partner.col.from")}</th>
            <th scope="col">{t("partner.col.to")}</th>
            <th scope="col">{t("partner.col.status")}</th>
            <th scope="col">{t("partner.col.source")}</th>
          </tr>
        </thead>
        <tbody>
          {memberships.map((m) => {
            const current = isCurrent(m, today);
            const suspension = current ? activeSuspension(m, today) : undefined;
            return (
              <tr key={`${m.framework}-${m.validFrom}`}>
                <th scope="row">
                  <span className={`swatch swatch--small ${categoryClass(m.framework)}`} aria-hidden="true" />
                  <Link to={`/frameworks/${m.framework}`}>{m.frameworkName}</Link>
                  {nameNow.get(m.framework) && nameNow.get(m.framework) !== m.frameworkName ? (
                    <span className="table__sub">
                      {t("partner.nowCalled", { name: nameNow.get(m.framework) ?? "" })}
                    </span>
                  ) : null}
                </th>
                <td>
                  <DateText date={m.validFrom} precision={m.precision} />
                </td>
                <td>
                  {m.validTo === null ? (
                    <span className="muted">{t("period.ongoing")}</span>
                  ) : (
                    formatPeriodEnd(m.validTo)
                  )}
                </td>
                <td>
                  <div className="stack-xs">
                    <span className="inline-badges">
                      {suspension ? (
                        <span className="badge badge--suspended">{t("status.suspended")}</span>
                      ) : current ? (
                        <span className="badge badge--current">{t("status.current")}</span>
                      ) : (
                        <span className="badge badge--muted">{t("status.ended")}</span>
                      )}
                      {m.certainty !== "confirmed" ? <CertaintyFlag certainty={m.certainty} /> : null}
                    </span>
                    {m.suspensions.map((s) => (
                      <span key={s.validFrom} className="suspension">
                        {s.validTo === null
                          ? t("partner.suspendedSince", { date: formatDate(s.validFrom) })
                          : t("partner.suspendedBetween", {
                              from: formatDate(s.validFrom),
                              to: formatPeriodEnd(s.validTo),
                            })}
                        <CertaintyFlag certainty={s.certainty} note={s.note} />
                        {s.certainty === "confirmed" && s.note ? <span className="note">{s.note}</span> : null}
                      </span>
                    ))}
                    {m.note ? <span className="note">{m.note}</span> : null}
                  </div>
                </td>
                <td>
                  <Cite cite={m.cite} compact />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
