import type { ReactNode } from "react";
import { t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import type { Participant, ResolvedParticipants } from "./types.ts";

/** "47 participants: 28 Allies, 15 partners, 4 organisations", the sentence screen readers hear. */
export function countsSentence(p: ResolvedParticipants): string {
  return t("meetings.participants.counts", {
    count: p.count,
    allies: p.allies,
    partners: p.partners,
    organisations: p.organisations,
  });
}

/** The four counts as a small definition list (the sentence above says the same in words). */
export function ParticipantCounts({ participants }: { participants: ResolvedParticipants }) {
  const items: [string, number][] = [
    [t("meetings.participants.allies"), participants.allies],
    [t("meetings.participants.partners"), participants.partners],
    [t("meetings.participants.organisations"), participants.organisations],
    [t("meetings.participants.total"), participants.count],
  ];
  return (
    <dl className="participant-counts">
      {items.map(([label, value]) => (
        <div key={label} className="participant-counts__item">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

type Props = {
  participants: ResolvedParticipants;
  caption: string;
  /** Allies are many and always invited: folded away unless asked for. */
  showAllies?: boolean;
  /** An extra column (staff adjustments, attendance). */
  extra?: { heading: string; render: (p: Participant) => ReactNode };
};

/** Each participant with the reasons it is in the list; removed ones are marked in words. */
export function ParticipantTable({ participants, caption, showAllies = true, extra }: Props) {
  const rows = participants.participants.filter((p) => showAllies || !p.reasons.every((r) => r.kind === "ally"));
  if (rows.length === 0) return <p className="muted">{t("meetings.participants.onlyAllies")}</p>;
  return (
    <div className="table-wrap">
      <table className="table participant-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("meetings.participants.col.participant")}</th>
            <th scope="col">{t("meetings.participants.col.reasons")}</th>
            {extra ? <th scope="col">{extra.heading}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.nation.code} className={p.removed ? "participant-table__removed" : undefined}>
              <th scope="row" className="meetings-row-head">
                <Link to={`/partners/${encodeURIComponent(p.nation.code)}`}>{p.nation.name}</Link>
                <span className="table__sub">
                  {p.nation.code}
                  {p.nation.kind === "organisation" ? ` · ${t("meetings.participants.organisation")}` : ""}
                </span>
                {p.removed ? (
                  <span className="badge badge--suspended">{t("meetings.participants.removed")}</span>
                ) : null}
              </th>
              <td>
                <ul className="reason-list">
                  {p.reasons.map((r) => (
                    <li key={`${r.kind}-${r.value}`}>{r.text}</li>
                  ))}
                </ul>
              </td>
              {extra ? <td>{extra.render(p)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
