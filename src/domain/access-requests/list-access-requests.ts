import type { Expression, ExpressionBuilder, SqlBool, Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { isStaff } from "../identity/authorize.js";
import { getLabels, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import {
  type TAccessRequest,
  type TAccessRequestList,
  type TListAccessRequestsQuery,
  ZListAccessRequestsQuery,
} from "./access-requests.schema.js";

type DbOrTrx = Db | Transaction<Database>;
type Eb = ExpressionBuilder<Database, "access_request" | "activity">;

/**
 * THE rule for seeing an access request, as SQL: its label (NU releasable to the nation and
 * NATO) and the activity's label are readable by the viewer on `at`; a partner nation's users
 * see their own nation's requests only. Staff read all; Allies' delegations what the labels
 * release to them. Every list, count and page composes it before any LIMIT.
 */
export function visibleAccessRequest(db: DbOrTrx, viewer: Viewer, at: string) {
  return (eb: Eb): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [
      readableLabel(db, viewer, at, "access_request.label_id")(eb),
      readableLabel(db, viewer, at, "activity.label_id")(eb),
    ];
    if (!isStaff(viewer) && !viewer.isAlliance && viewer.roles.includes("partner")) {
      all.push(eb("access_request.nation_code", "=", viewer.nation ?? ""));
    }
    return eb.and(all);
  };
}

/** Whether `viewer` may withdraw a request of `nation`: staff, or the requesting nation's own users. */
export function mayWithdraw(viewer: Viewer, nation: string): boolean {
  if (viewer.userId === null) return false;
  return isStaff(viewer) || (!viewer.isAlliance && viewer.nation === nation);
}

function baseQuery(db: DbOrTrx, viewer: Viewer, at: string) {
  return db
    .selectFrom("access_request")
    .innerJoin("nation", "nation.code", "access_request.nation_code")
    .innerJoin("activity", "activity.id", "access_request.activity_id")
    .leftJoin("decision", "decision.id", "access_request.decision_id")
    .where(visibleAccessRequest(db, viewer, at));
}

function selectColumns(db: DbOrTrx, viewer: Viewer, at: string) {
  return baseQuery(db, viewer, at).select([
    "access_request.id",
    "access_request.nation_code",
    "nation.name as nation_name",
    "access_request.activity_id",
    "activity.reference",
    "activity.title",
    "access_request.reason",
    "access_request.status",
    "access_request.label_id",
    "access_request.created_at",
    "access_request.decided_at",
    "decision.id as decision_id",
    "decision.reference as decision_reference",
    "decision.status as decision_status",
    "decision.closed_at as decision_closed_at",
    "decision.deadline_at as decision_deadline_at",
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectColumns>["executeTakeFirstOrThrow"]>>;

async function present(db: DbOrTrx, viewer: Viewer, rows: Row[]): Promise<TAccessRequest[]> {
  const labels = await getLabels(db, [...new Set(rows.map((r) => r.label_id))]);
  return rows.map((r) => ({
    id: r.id,
    nation: { code: r.nation_code, name: r.nation_name },
    activity: { id: r.activity_id, reference: r.reference, title: r.title },
    reason: r.reason,
    status: r.status,
    decision:
      r.decision_id === null || r.decision_reference === null || r.decision_status === null
        ? null
        : {
            id: r.decision_id,
            reference: r.decision_reference,
            status: r.decision_status,
            closedAt: r.decision_closed_at,
            deadlineAt: r.decision_deadline_at,
          },
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    marking: labels.get(r.label_id)?.marking ?? "",
    canWithdraw: r.status === "requested" && mayWithdraw(viewer, r.nation_code),
  }));
}

const requireLoggedIn = (viewer: Viewer) => {
  if (viewer.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first");
};

/** The access requests `viewer` may see, newest first, filtered; label rules in SQL before LIMIT and count. */
export async function listAccessRequests(
  db: Db,
  viewer: Viewer,
  query: TListAccessRequestsQuery,
  now: Date,
): Promise<TAccessRequestList> {
  requireLoggedIn(viewer);
  const f = parseInput(ZListAccessRequestsQuery, query);
  const at = today(now);
  const filters = (eb: Eb): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    if (f.status !== undefined) all.push(eb("access_request.status", "=", f.status));
    if (f.activityId !== undefined) all.push(eb("access_request.activity_id", "=", f.activityId));
    if (f.nation !== undefined) all.push(eb("access_request.nation_code", "=", f.nation));
    return eb.and(all);
  };
  const [rows, total] = await Promise.all([
    selectColumns(db, viewer, at)
      .where(filters)
      .orderBy("access_request.created_at", "desc")
      .orderBy("access_request.id")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    baseQuery(db, viewer, at)
      .where(filters)
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst(),
  ]);
  return { requests: await present(db, viewer, rows), total: Number(total?.n ?? 0) };
}

/** One access request if `viewer` may see it; NOT_FOUND otherwise (a hidden request does not exist). */
export async function getAccessRequest(db: DbOrTrx, viewer: Viewer, id: string, now: Date): Promise<TAccessRequest> {
  requireLoggedIn(viewer);
  const row = await selectColumns(db, viewer, today(now)).where("access_request.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("access request", id);
  const [presented] = await present(db, viewer, [row]);
  if (!presented) throw notFound("access request", id);
  return presented;
}
