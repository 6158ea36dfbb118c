import { type MouseEvent, memo, useMemo, useRef, useState } from "react";
import type { MapResponse, Nation } from "../../api/types.ts";
import { formatDate } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { navigate } from "../../router/router.tsx";
import { CATEGORIES, type Category, colourFor } from "../../ui/frameworks.ts";
import { ErrorState, Loading } from "../../ui/States.tsx";
import { MAP_HEIGHT, MAP_WIDTH, type Shape, useAtlas } from "./useAtlas.ts";

type Props = {
  map: MapResponse | undefined;
  /** Nations by ISO 3166 numeric code ("392" → Japan). */
  byNumeric: ReadonlyMap<string, Nation>;
  frameworkNames: ReadonlyMap<string, string>;
  asOf: string;
  updating: boolean;
};

type Tip = { x: number; y: number; title: string; lines: string[] };

type Paint = { category: Category; suspended: boolean } | null;

const classOf = (paint: Paint) =>
  paint === null
    ? "country"
    : `country country--${paint.category.toLowerCase()}${paint.suspended ? " country--suspended" : ""}`;

/** The shapes never change; only their class and fill do, so this layer re-renders cheaply. */
const Countries = memo(function Countries({
  shapes,
  paintOf,
  linkable,
}: {
  shapes: Shape[];
  paintOf: (numericId: string | null) => Paint;
  linkable: (numericId: string | null) => boolean;
}) {
  return (
    <g>
      {shapes.map((s) => {
        const paint = paintOf(s.numericId);
        return (
          <path
            key={s.key}
            d={s.d}
            className={`${classOf(paint)}${linkable(s.numericId) ? " country--link" : ""}`}
            data-id={s.numericId ?? undefined}
          />
        );
      })}
    </g>
  );
});

/**
 * The world map, coloured by framework. Mouse users click a country to open its partner page;
 * the list of nations by framework beside the map is the keyboard and screen-reader equivalent,
 * so the drawing itself is one labelled image.
 */
export function WorldMap({ map, byNumeric, frameworkNames, asOf, updating }: Props) {
  const atlas = useAtlas();
  const wrapper = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);

  const entryByCode = useMemo(() => new Map((map?.nations ?? []).map((n) => [n.code, n])), [map]);

  const paintOf = useMemo(() => {
    return (numericId: string | null): Paint => {
      const nation = numericId ? byNumeric.get(numericId) : undefined;
      const entry = nation ? entryByCode.get(nation.code) : undefined;
      return entry ? colourFor(entry.frameworks, entry.suspended) : null;
    };
  }, [byNumeric, entryByCode]);

  const linkable = useMemo(
    () => (numericId: string | null) => numericId !== null && byNumeric.has(numericId),
    [byNumeric],
  );

  const targetOf = (event: MouseEvent): Nation | null => {
    const id = (event.target as Element).getAttribute?.("data-id");
    return id ? (byNumeric.get(id) ?? null) : null;
  };

  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const nation = targetOf(event);
    if (nation) navigate(`/partners/${nation.code}`);
  };

  const onMove = (event: MouseEvent<SVGSVGElement>) => {
    const nation = targetOf(event);
    const box = wrapper.current?.getBoundingClientRect();
    if (!nation || !box) {
      if (tip) setTip(null);
      return;
    }
    const entry = entryByCode.get(nation.code);
    const lines = entry
      ? entry.frameworks.map((f) => {
          const name = frameworkNames.get(f) ?? f;
          return entry.suspended.includes(f) ? t("map.tooltipSuspended", { name }) : name;
        })
      : [t("map.tooltipNone")];
    setTip({ x: event.clientX - box.left, y: event.clientY - box.top, title: nation.name, lines });
  };

  if (atlas.isPending) {
    return (
      <div className="world-map world-map--placeholder">
        <Loading label={t("map.loadingMap")} />
      </div>
    );
  }
  if (atlas.isError) {
    return (
      <div className="world-map world-map--placeholder">
        <ErrorState error={atlas.error} onRetry={() => void atlas.refetch()} title={t("map.mapError")} />
      </div>
    );
  }

  return (
    <div className="world-map" ref={wrapper}>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the nation lists below the map give the keyboard every link */}
      <svg
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        role="img"
        aria-labelledby="world-map-title world-map-desc"
        onClick={onClick}
        onMouseMove={onMove}
        onMouseLeave={() => setTip(null)}
        className={updating ? "is-updating" : undefined}
      >
        <title id="world-map-title">{t("map.svgTitle", { date: formatDate(asOf) })}</title>
        <desc id="world-map-desc">{t("map.svgDesc")}</desc>
        <defs>
          {CATEGORIES.map((c) => (
            <pattern
              key={c}
              id={`hatch-${c}`}
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="6" height="6" className="hatch-bg" />
              <rect width="3" height="6" className={`hatch-fg hatch-fg--${c.toLowerCase()}`} />
            </pattern>
          ))}
        </defs>
        <Countries shapes={atlas.data} paintOf={paintOf} linkable={linkable} />
      </svg>
      {tip ? (
        <div
          className="map-tip"
          style={{ left: Math.min(tip.x + 14, (wrapper.current?.clientWidth ?? 0) - 220), top: tip.y + 14 }}
          aria-hidden="true"
        >
          <strong>{tip.title}</strong>
          {tip.lines.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </div>
      ) : null}
      {updating ? (
        <p className="map-updating" aria-hidden="true">
          {t("map.updating")}
        </p>
      ) : null}
    </div>
  );
}
