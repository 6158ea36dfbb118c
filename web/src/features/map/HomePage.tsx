import { useEffect, useMemo, useRef, useState } from "react";
import { useFrameworks, useMembershipMap, useNations } from "../../api/queries.ts";
import type { Nation } from "../../api/types.ts";
import { formatDate, isIsoDate } from "../../i18n/dates.ts";
import { t } from "../../i18n/index.ts";
import { useSearchParam } from "../../router/router.tsx";
import { useDebounced } from "../../ui/hooks.ts";
import { PageHeader, useDocumentTitle } from "../../ui/Page.tsx";
import { ErrorState, Loading } from "../../ui/States.tsx";
import { DateControl } from "./DateControl.tsx";
import { clampDate, makeScale } from "./dateScale.ts";
import { FrameworkGroups } from "./FrameworkGroups.tsx";
import { Legend } from "./Legend.tsx";
import { WorldMap } from "./WorldMap.tsx";

/** Home: the world coloured by partnership framework as of a date chosen on a slider. */
export function HomePage() {
  useDocumentTitle(t("map.title"));
  const scale = useMemo(() => makeScale(), []);
  const [param, setParam] = useSearchParam("date");
  const fromUrl = param && isIsoDate(param) ? clampDate(scale, param) : scale.today;
  const [date, setDate] = useState(fromUrl);
  // The slider moves freely; the API is asked only once it rests.
  const asOf = useDebounced(date, 250);

  // The settled date goes into the address (?date=) so that a view can be shared; going back or
  // forward to another ?date= moves the slider. `written` tells our own writes from the user's.
  const written = useRef(fromUrl);
  useEffect(() => {
    written.current = asOf;
    setParam(asOf === scale.today ? null : asOf);
  }, [asOf, scale.today, setParam]);
  useEffect(() => {
    if (fromUrl === written.current) return;
    written.current = fromUrl;
    setDate(fromUrl);
  }, [fromUrl]);

  const nations = useNations();
  const map = useMembershipMap(asOf);
  const frameworks = useFrameworks(asOf);

  const { byCode, byNumeric } = useMemo(() => {
    const list = nations.data?.nations ?? [];
    return {
      byCode: new Map<string, Nation>(list.map((n) => [n.code, n])),
      byNumeric: new Map<string, Nation>(list.filter((n) => n.numericCode).map((n) => [n.numericCode as string, n])),
    };
  }, [nations.data]);

  const frameworkNames = useMemo(
    () => new Map((frameworks.data?.frameworks ?? []).map((f) => [f.code, f.name])),
    [frameworks.data],
  );

  const { counts, suspendedCount } = useMemo(() => {
    const c = new Map<string, number>();
    let s = 0;
    for (const n of map.data?.nations ?? []) {
      for (const f of n.frameworks) c.set(f, (c.get(f) ?? 0) + 1);
      if (n.suspended.length > 0) s++;
    }
    return { counts: c, suspendedCount: s };
  }, [map.data]);

  const updating = (map.isFetching && map.isPlaceholderData) || date !== asOf;
  const error = nations.error ?? map.error ?? frameworks.error;
  const ready = nations.data && map.data && frameworks.data;

  return (
    <>
      <PageHeader title={t("map.title")} lead={t("map.lead")} />
      <div className="card map-card">
        <DateControl scale={scale} date={date} onChange={setDate} />
        <div className="map-layout">
          <WorldMap
            map={map.data}
            byNumeric={byNumeric}
            frameworkNames={frameworkNames}
            asOf={map.data?.asOf ?? asOf}
            updating={updating}
          />
          {frameworks.data && map.data ? (
            <Legend frameworks={frameworks.data.frameworks} counts={counts} suspendedCount={suspendedCount} />
          ) : null}
        </div>
        <p className="hint map-card__note">{t("map.smallStatesNote")}</p>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {map.data && !updating
          ? t("map.announce", { date: formatDate(map.data.asOf), count: map.data.nations.length })
          : ""}
      </p>
      {error ? (
        <ErrorState
          error={error}
          onRetry={() => {
            void nations.refetch();
            void map.refetch();
            void frameworks.refetch();
          }}
        />
      ) : ready ? (
        <FrameworkGroups frameworks={frameworks.data.frameworks} map={map.data} byCode={byCode} asOf={map.data.asOf} />
      ) : (
        <Loading />
      )}
    </>
  );
}
