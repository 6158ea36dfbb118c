import { useId } from "react";
import { formatNumber } from "../../i18n/index.ts";

export type Bar = { label: string; value: number };

type Props = {
  /** What the chart shows; also the caption of the table that repeats it. */
  title: string;
  /** A sentence summing up the chart for screen readers (the table gives every value). */
  description: string;
  bars: Bar[];
  /** The column headings of the table alternative. */
  labelHeading: string;
  valueHeading: string;
  /** The top of the scale; by default the largest value. */
  max?: number;
};

const ROW = 28;
const GAP = 8;
const LABEL_W = 150;
const BAR_W = 300;
const VALUE_W = 56;

/**
 * A horizontal bar chart drawn as SVG, with every value written next to its bar and the same
 * data as a table (hidden visually, read by screen readers), so nothing depends on seeing bars.
 */
export function BarChart({ title, description, bars, labelHeading, valueHeading, max }: Props) {
  const id = useId();
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = bars.length * (ROW + GAP) + GAP;
  const width = LABEL_W + BAR_W + VALUE_W;
  return (
    <figure className="bar-chart">
      <svg
        className="bar-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((b, i) => {
          const y = GAP + i * (ROW + GAP);
          const w = (b.value / top) * BAR_W;
          return (
            <g key={b.label}>
              <text
                className="bar-chart__label"
                x={LABEL_W - 8}
                y={y + ROW / 2}
                textAnchor="end"
                dominantBaseline="middle"
              >
                {b.label}
              </text>
              <rect className="bar-chart__track" x={LABEL_W} y={y} width={BAR_W} height={ROW} rx="3" />
              <rect
                className="bar-chart__bar"
                x={LABEL_W}
                y={y}
                width={Math.max(w, b.value > 0 ? 2 : 0)}
                height={ROW}
                rx="3"
              />
              <text className="bar-chart__value" x={LABEL_W + BAR_W + 8} y={y + ROW / 2} dominantBaseline="middle">
                {formatNumber(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col">{valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.label}>
                <th scope="row">{b.label}</th>
                <td>{formatNumber(b.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
