import { useId } from "react";
import { formatDate } from "../../i18n/dates.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { Link } from "../../router/router.tsx";
import { DataTable } from "../../ui/States.tsx";
import type { Placemat } from "./types.ts";

const ROW = 26;
const GAP = 8;
const LABEL_W = 170;
const BAR_W = 300;
const VALUE_W = 250;

type Row = Placemat["rows"][number];

/** Largest contingents first; recognised contributors without figures last. */
function sortRows(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => (b.troops ?? -1) - (a.troops ?? -1) || a.nation.name.localeCompare(b.nation.name));
}

/**
 * The placemat: troops per nation on a date as a hand-drawn SVG bar chart. Partners' bars are
 * hatched and their names marked "◆", so Allies and partners differ by more than colour; the
 * table below gives the same data to everyone (the chart is summarised in one sentence).
 */
export function PlacematChart({ placemat }: { placemat: Placemat }) {
  const id = useId();
  const rows = sortRows(placemat.rows);
  const top = Math.max(1, ...rows.map((r) => r.troops ?? 0));
  const height = rows.length * (ROW + GAP) + GAP;
  const width = LABEL_W + BAR_W + VALUE_W;
  const date = formatDate(placemat.asOf);
  const partners = rows.filter((r) => !r.ally).length;
  const summary = t("operations.placemat.summary", {
    date,
    nations: placemat.contributingNations,
    total: placemat.totalTroops,
    partners,
  });
  return (
    <figure className="ops-placemat">
      <p className="ops-placemat__total">
        <span className="ops-placemat__number">{formatNumber(placemat.totalTroops)}</span>{" "}
        {t("operations.placemat.totalTroops", { count: placemat.totalTroops, nations: placemat.contributingNations })}
      </p>
      {rows.length > 0 ? (
        <>
          <ul className="ops-legend" aria-hidden="true">
            <li>
              <svg width="18" height="12" className="ops-legend__swatch" aria-hidden="true">
                <rect width="18" height="12" className="ops-bar ops-bar--ally" />
              </svg>
              {t("operations.placemat.allies")}
            </li>
            <li>
              <svg width="18" height="12" className="ops-legend__swatch" aria-hidden="true">
                <rect width="18" height="12" className="ops-bar ops-bar--partner" fill={`url(#${id}-hatch)`} />
              </svg>
              {t("operations.placemat.partnersMark")}
            </li>
          </ul>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a chart wider than a phone scrolls; keyboard users must reach it */}
          <section className="ops-scroll" aria-label={t("operations.placemat.title")} tabIndex={0}>
            <svg
              className="ops-placemat__svg"
              viewBox={`0 0 ${width} ${height}`}
              role="img"
              aria-label={summary}
              preserveAspectRatio="xMinYMin meet"
            >
              <defs>
                <pattern
                  id={`${id}-hatch`}
                  width="6"
                  height="6"
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <rect width="6" height="6" className="ops-hatch__bg" />
                  <line x1="0" y1="0" x2="0" y2="6" className="ops-hatch__line" />
                </pattern>
              </defs>
              {rows.map((r, i) => {
                const y = GAP + i * (ROW + GAP);
                const w = r.troops === null ? 0 : (r.troops / top) * BAR_W;
                const value =
                  r.troops === null
                    ? t("operations.placemat.noFigures")
                    : r.snapshotDate
                      ? t("operations.placemat.valueAsOf", { troops: r.troops, date: formatDate(r.snapshotDate) })
                      : formatNumber(r.troops);
                return (
                  <g key={r.nation.code}>
                    <text
                      className="ops-placemat__label"
                      x={LABEL_W - 8}
                      y={y + ROW / 2}
                      textAnchor="end"
                      dominantBaseline="middle"
                    >
                      {r.ally ? r.nation.name : `◆ ${r.nation.name}`}
                    </text>
                    <rect className="ops-placemat__track" x={LABEL_W} y={y} width={BAR_W} height={ROW} rx="3" />
                    {r.troops !== null ? (
                      <rect
                        className={r.ally ? "ops-bar ops-bar--ally" : "ops-bar ops-bar--partner"}
                        fill={r.ally ? undefined : `url(#${id}-hatch)`}
                        x={LABEL_W}
                        y={y}
                        width={Math.max(w, r.troops > 0 ? 2 : 0)}
                        height={ROW}
                        rx="3"
                      />
                    ) : null}
                    <text
                      className="ops-placemat__value"
                      x={LABEL_W + BAR_W + 8}
                      y={y + ROW / 2}
                      dominantBaseline="middle"
                    >
                      {value}
                    </text>
                  </g>
                );
              })}
            </svg>
          </section>
        </>
      ) : null}
      {/* Announced when the date changes: one sentence, not the whole chart. */}
      <figcaption className="visually-hidden" aria-live="polite">
        {summary}
      </figcaption>
      {rows.length > 0 ? (
        <details className="ops-details">
          <summary>{t("operations.placemat.tableToggle")}</summary>
          <DataTable
            caption={t("operations.placemat.caption", { date })}
            columns={[
              t("operations.col.nation"),
              t("operations.col.standing"),
              t("operations.col.troops"),
              t("operations.col.snapshot"),
              t("operations.col.recognisedFrom"),
            ]}
          >
            {rows.map((r) => (
              <tr key={r.nation.code}>
                <th scope="row">
                  {r.ally ? (
                    r.nation.name
                  ) : (
                    <Link to={`/partners/${encodeURIComponent(r.nation.code)}`}>{r.nation.name}</Link>
                  )}
                </th>
                <td>{r.ally ? t("operations.placemat.ally") : t("operations.placemat.partner")}</td>
                <td className="ops-num">
                  {r.troops === null ? t("operations.placemat.noFigures") : formatNumber(r.troops)}
                </td>
                <td>{r.snapshotDate ? formatDate(r.snapshotDate) : "—"}</td>
                <td>{r.recognisedFrom ? formatDate(r.recognisedFrom) : "—"}</td>
              </tr>
            ))}
          </DataTable>
        </details>
      ) : null}
    </figure>
  );
}
