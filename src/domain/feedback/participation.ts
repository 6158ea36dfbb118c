import { type ExpressionBuilder, sql } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, NominationStatus } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { visibleActivity } from "../activities/activities.js";
import { hasRole, type Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import {
  type TParticipationCounts,
  type TParticipationQuery,
  type TParticipationReport,
  ZParticipationQuery,
} from "./feedback.schema.js";

type Eb = ExpressionBuilder<Database, "nomination" | "iteration" | "activity" | "attendance">;

/** Who may read a nation's participation: staff, analysts and admins any nation; a nation's own users their own. */
function mayRead(viewer: Viewer, nation: string): boolean {
  if (viewer.userId === null) return false;
  return hasRole(viewer, "staff", "admin", "analyst") || viewer.nation === nation;
}

/** The counted columns, as aggregates over nomination ⟕ attendance: the same in both queries. */
function counts(eb: Eb) {
  const byStatus = (status: NominationStatus) =>
    eb.fn.count("nomination.id").filterWhere("nomination.status", "=", status);
  return [
    eb.fn.count("nomination.id").as("nominations"),
    byStatus("confirmed").as("confirmed"),
    byStatus("waitlisted").as("waitlisted"),
    byStatus("pending-owner").as("pendingOwner"),
    byStatus("withdrawn").as("withdrawn"),
    byStatus("declined").as("declined"),
    eb.fn.count("attendance.nomination_id").filterWhere("attendance.attended", "=", 1).as("attended"),
  ] as const;
}

type RawCounts = Record<keyof TParticipationCounts, string | number | bigint>;

function toCounts(r: RawCounts): TParticipationCounts {
  return {
    nominations: Number(r.nominations),
    confirmed: Number(r.confirmed),
    waitlisted: Number(r.waitlisted),
    pendingOwner: Number(r.pendingOwner),
    withdrawn: Number(r.withdrawn),
    declined: Number(r.declined),
    attended: Number(r.attended),
  };
}

/**
 * A partner's participation in the cooperation menu, by iteration start date in [from, to]:
 * per (year, area of cooperation, activity kind) and per iteration, counting nominations by
 * status, attendance and activities. Two aggregate queries, each composing the activity
 * visibility rule (visibleActivity) for the viewer in SQL, so an activity the viewer may not
 * see counts nowhere. A partner reads its own nation only; others' are NOT_FOUND.
 * Indexes: nomination(nation_code, iteration_id) finds the nation's rows; the rest are key joins.
 */
export async function getPartnerParticipation(
  db: Db,
  viewer: Viewer,
  nationCode: string,
  query: TParticipationQuery,
  now: Date,
): Promise<TParticipationReport> {
  const nation = nationCode.toUpperCase();
  if (!mayRead(viewer, nation)) throw notFound("nation", nation);
  const { from, to } = parseInput(ZParticipationQuery, query);
  const known = await db.selectFrom("nation").select("code").where("code", "=", nation).executeTakeFirst();
  if (!known) throw notFound("nation", nation);
  const at = today(now);

  const base = () => {
    let q = db
      .selectFrom("nomination")
      .innerJoin("iteration", "iteration.id", "nomination.iteration_id")
      .innerJoin("activity", "activity.id", "iteration.activity_id")
      .leftJoin("attendance", "attendance.nomination_id", "nomination.id")
      .where("nomination.nation_code", "=", nation)
      .where(visibleActivity(db, viewer, at));
    if (from !== undefined) q = q.where("iteration.start_date", ">=", from);
    if (to !== undefined) q = q.where("iteration.start_date", "<=", to);
    return q;
  };
  const year = sql<string>`substr(iteration.start_date, 1, 4)`;

  const [cells, iterations] = await Promise.all([
    base()
      .leftJoin("activity_area", "activity_area.activity_id", "activity.id")
      .select((eb) => [
        year.as("year"),
        "activity_area.area_code as area",
        "activity.kind",
        ...counts(eb),
        eb.fn.count("activity.id").distinct().as("activities"),
      ])
      .groupBy([year, "activity_area.area_code", "activity.kind"])
      .execute(),
    base()
      .select((eb) => [
        "iteration.id as iterationId",
        "iteration.code",
        "iteration.start_date",
        "iteration.end_date",
        "activity.id as activityId",
        "activity.reference",
        "activity.title",
        "activity.kind",
        "activity.status",
        ...counts(eb),
      ])
      .groupBy([
        "iteration.id",
        "iteration.code",
        "iteration.start_date",
        "iteration.end_date",
        "activity.id",
        "activity.reference",
        "activity.title",
        "activity.kind",
        "activity.status",
      ])
      .orderBy("iteration.start_date", "desc")
      .orderBy("activity.reference")
      .orderBy("iteration.code")
      .execute(),
  ]);

  const perIteration = iterations.map((r) => ({
    iterationId: r.iterationId,
    code: r.code,
    startDate: r.start_date,
    endDate: r.end_date,
    activityId: r.activityId,
    reference: r.reference,
    title: r.title,
    kind: r.kind,
    status: r.status,
    ...toCounts(r),
  }));
  // Totals from the per-iteration rows: each nomination is in exactly one of them.
  const totals = perIteration.reduce(
    (sum, r) => {
      for (const key of Object.keys(sum) as (keyof TParticipationCounts)[]) sum[key] += r[key];
      return sum;
    },
    { nominations: 0, confirmed: 0, waitlisted: 0, pendingOwner: 0, withdrawn: 0, declined: 0, attended: 0 },
  );
  const breakdown = cells
    .map((r) => ({ year: r.year, area: r.area, kind: r.kind, ...toCounts(r), activities: Number(r.activities) }))
    .sort(
      (a, b) =>
        b.year.localeCompare(a.year) || (a.area ?? "").localeCompare(b.area ?? "") || a.kind.localeCompare(b.kind),
    );
  return {
    nation,
    from: from ?? null,
    to: to ?? null,
    totals: {
      ...totals,
      activities: new Set(perIteration.map((r) => r.activityId)).size,
      iterations: perIteration.length,
    },
    breakdown,
    iterations: perIteration,
  };
}
