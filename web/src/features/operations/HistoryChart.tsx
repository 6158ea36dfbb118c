import { formatDate } from "../../i18n/dates.ts";
import { formatNumber, t } from "../../i18n/index.ts";
import { DataTable } from "../../ui/States.tsx";
import type { ContributionHistory } from "./types.ts";

const W = 640;
const H = 260;
const PAD = { left: 68, right: 16, top: 12, bottom: 28 };
/** Colours and dash patterns together: series differ by more than colour. */
const COLOURS = ["#0b4f8a", "#c8551b", "#12906a", "#7b3f9e", "#8a4b00", "#00838f", "#a3261a", "#3d4a5c"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3"];

const DAY = 86_400_000;
const days = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;

export const seriesStyle = (i: number) => ({
  stroke: COLOURS[i % COLOURS.length] ?? "#17202c",
  dash: DASHES[i % DASHES.length] ?? "",
});

/** Round "nice" axis steps: 1, 2, 5 × 10^n. */
function niceStep(max: number, ticks: number): number {
  const raw = Math.max(1, max / ticks);
  const pow = 10 ** Math.floor(Math.log10(raw));
  const unit = raw / pow;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * pow;
}

type Props = { history: ContributionHistory; start: string; end: string };

/**
 * Troops per nation over time as a step chart (a figure holds until the next snapshot), drawn as
 * SVG with a legend; the chart is summarised in a sentence and the snapshots are in a table.
 */
export function HistoryChart({ history, start, end }: Props) {
  const series = history.series.filter((s) => s.points.length > 0);
  if (series.length === 0) return <p className="state state--empty">{t("operations.history.empty")}</p>;
  const lastPoint = [start, ...series.flatMap((s) => s.points.map((p) => p.asOf))].sort().at(-1) ?? start;
  const x0 = days(start);
  const x1 = Math.max(days(end > lastPoint ? end : lastPoint), x0 + 1);
  const maxTroops = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.troops)));
  const step = niceStep(maxTroops, 4);
  const yTop = Math.ceil(maxTroops / step) * step;
  const sx = (iso: string) => PAD.left + ((days(iso) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const sy = (n: number) => PAD.top + (1 - n / yTop) * (H - PAD.top - PAD.bottom);
  const xEnd = W - PAD.right;
  const yTicks: number[] = [];
  for (let v = 0; v <= yTop; v += step) yTicks.push(v);
  const firstYear = Number(start.slice(0, 4));
  const lastYear = Number((end > lastPoint ? end : lastPoint).slice(0, 4));
  const every = Math.max(1, Math.ceil((lastYear - firstYear) / 8));
  const years: number[] = [];
  for (let y = firstYear + 1; y <= lastYear; y += every) years.push(y);

  const summary = t("operations.history.summary", {
    nations: series.length,
    from: formatDate(start),
    to: formatDate(end),
    max: maxTroops,
  });

  return (
    <figure className="ops-history">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a chart wider than a phone scrolls; keyboard users must reach it */}
      <section className="ops-scroll" aria-label={t("operations.history.title")} tabIndex={0}>
        <svg className="ops-history__svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
          {yTicks.map((v) => (
            <g key={v}>
              <line className="ops-grid" x1={PAD.left} x2={xEnd} y1={sy(v)} y2={sy(v)} />
              <text className="ops-axis" x={PAD.left - 6} y={sy(v)} textAnchor="end" dominantBaseline="middle">
                {formatNumber(v)}
              </text>
            </g>
          ))}
          {years.map((y) => {
            const x = sx(`${y}-01-01`);
            return (
              <text key={y} className="ops-axis" x={x} y={H - 8} textAnchor="middle">
                {y}
              </text>
            );
          })}
          {series.map((s, i) => {
            const { stroke, dash } = seriesStyle(i);
            const pts = [...s.points].sort((a, b) => a.asOf.localeCompare(b.asOf));
            let d = "";
            pts.forEach((p, k) => {
              d += k === 0 ? `M${sx(p.asOf)},${sy(p.troops)}` : `H${sx(p.asOf)}V${sy(p.troops)}`;
            });
            d += `H${xEnd}`;
            return (
              <g key={s.nation.code}>
                <path d={d} fill="none" stroke={stroke} strokeWidth="2" strokeDasharray={dash || undefined} />
                {pts.map((p) => (
                  <circle key={p.asOf} cx={sx(p.asOf)} cy={sy(p.troops)} r="3" fill={stroke} />
                ))}
              </g>
            );
          })}
        </svg>
      </section>
      <ul className="ops-legend ops-legend--series" aria-hidden="true">
        {series.map((s, i) => {
          const { stroke, dash } = seriesStyle(i);
          return (
            <li key={s.nation.code}>
              <svg width="28" height="10" className="ops-legend__swatch" aria-hidden="true">
                <line
                  x1="0"
                  x2="28"
                  y1="5"
                  y2="5"
                  stroke={stroke}
                  strokeWidth="3"
                  strokeDasharray={dash || undefined}
                />
              </svg>
              {s.nation.name}
            </li>
          );
        })}
      </ul>
      <figcaption className="visually-hidden">{summary}</figcaption>
      <details className="ops-details">
        <summary>{t("operations.history.tableToggle")}</summary>
        <DataTable
          caption={t("operations.history.caption")}
          columns={[t("operations.col.nation"), t("operations.col.snapshot"), t("operations.col.troops")]}
        >
          {series.flatMap((s) =>
            [...s.points]
              .sort((a, b) => a.asOf.localeCompare(b.asOf))
              .map((p) => (
                <tr key={`${s.nation.code}-${p.asOf}`}>
                  <th scope="row">{s.nation.name}</th>
                  <td>{formatDate(p.asOf)}</td>
                  <td className="ops-num">{formatNumber(p.troops)}</td>
                </tr>
              )),
          )}
        </DataTable>
      </details>
    </figure>
  );
}
