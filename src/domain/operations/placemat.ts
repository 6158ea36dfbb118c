import type { Db } from "../../db/connect.js";
import { listAlliesAt } from "../decisions/allies.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { readableContributions } from "./contributions.js";
import { type TContributionHistory, type TPlacemat, ZAsOfQuery } from "./operations.schema.js";
import { recognitionInForceAt } from "./recognition-sql.js";
import { visibleRecognition } from "./recognitions.js";
import { requireOperation, runsOn } from "./rules.js";

// The placemat (who contributes what to an operation on a date) and its history over time,
// from the troop snapshots and recognitions the viewer may read (filtered in SQL).

type PlacematRow = TPlacemat["rows"][number];

/**
 * The contributors on `asOf` (today by default): per nation its latest readable troop snapshot on
 * or before the date (a 0 snapshot removes it), within the operation's period, plus the nations
 * recognised then (and whose case the viewer may read) without a snapshot (troops null).
 */
export async function getPlacemat(
  db: Db,
  viewer: Viewer,
  code: string,
  query: { asOf?: string | undefined },
  now: Date,
): Promise<TPlacemat> {
  const operation = await requireOperation(db, code);
  const asOf = parseInput(ZAsOfQuery, query).asOf ?? today(now);
  const at = today(now);
  const active = runsOn(operation, asOf);
  const head = { operation: { code: operation.code, name: operation.name }, asOf, active };
  if (!active) return { ...head, rows: [], totalTroops: 0, contributingNations: 0 };
  const [snapshots, recognitions, allies] = await Promise.all([
    readableContributions(db, viewer, at)
      .where("contribution.operation_code", "=", operation.code)
      .where("contribution.kind", "=", "troops")
      .where("contribution.as_of", ">=", operation.start_date)
      .where("contribution.as_of", "<=", asOf)
      .orderBy("contribution.as_of")
      .orderBy("contribution.created_at")
      .orderBy("contribution.id")
      .execute(),
    db
      .selectFrom("contributor_recognition")
      .innerJoin("nation", "nation.code", "contributor_recognition.nation_code")
      .select(["contributor_recognition.nation_code", "contributor_recognition.recognised_from", "nation.name"])
      .where("contributor_recognition.operation_code", "=", operation.code)
      .where(recognitionInForceAt(asOf))
      // The same rule as the recognitions list: another partner never learns of a nation's case.
      .where(visibleRecognition(db, viewer, at))
      .execute(),
    listAlliesAt(db, asOf),
  ]);
  const allySet = new Set(allies);
  const recognisedFrom = new Map(recognitions.map((r) => [r.nation_code, r.recognised_from]));
  // Ordered by date, so the last snapshot per nation wins.
  const latest = new Map<string, (typeof snapshots)[number]>();
  for (const s of snapshots) latest.set(s.nation_code, s);
  const rows: PlacematRow[] = [];
  for (const s of latest.values()) {
    if ((s.troops ?? 0) === 0) continue;
    rows.push({
      nation: { code: s.nation_code, name: s.nation_name },
      troops: s.troops,
      snapshotDate: s.as_of,
      ally: allySet.has(s.nation_code),
      recognisedFrom: recognisedFrom.get(s.nation_code) ?? null,
      cite: s.cite,
    });
  }
  for (const r of recognitions) {
    if (latest.has(r.nation_code)) continue;
    rows.push({
      nation: { code: r.nation_code, name: r.name },
      troops: null,
      snapshotDate: null,
      ally: allySet.has(r.nation_code),
      recognisedFrom: r.recognised_from,
      cite: null,
    });
  }
  rows.sort((a, b) => (b.troops ?? -1) - (a.troops ?? -1) || a.nation.code.localeCompare(b.nation.code));
  return {
    ...head,
    rows,
    totalTroops: rows.reduce((sum, r) => sum + (r.troops ?? 0), 0),
    contributingNations: rows.length,
  };
}

/** Troop numbers over time: the readable snapshots as one series per nation (by code), dates ascending. */
export async function getContributionHistory(
  db: Db,
  viewer: Viewer,
  code: string,
  now: Date,
): Promise<TContributionHistory> {
  const operation = await requireOperation(db, code);
  const snapshots = await readableContributions(db, viewer, today(now))
    .where("contribution.operation_code", "=", operation.code)
    .where("contribution.kind", "=", "troops")
    .orderBy("contribution.nation_code")
    .orderBy("contribution.as_of")
    .orderBy("contribution.created_at")
    .orderBy("contribution.id")
    .execute();
  const series = new Map<string, TContributionHistory["series"][number]>();
  for (const s of snapshots) {
    const entry = series.get(s.nation_code) ?? { nation: { code: s.nation_code, name: s.nation_name }, points: [] };
    const last = entry.points.at(-1);
    // Two snapshots of one day: the later record stands.
    if (last !== undefined && last.asOf === s.as_of) last.troops = s.troops ?? 0;
    else entry.points.push({ asOf: s.as_of, troops: s.troops ?? 0 });
    series.set(s.nation_code, entry);
  }
  return {
    operation: { code: operation.code, name: operation.name },
    dates: [...new Set(snapshots.map((s) => s.as_of))].sort(),
    series: [...series.values()],
  };
}
