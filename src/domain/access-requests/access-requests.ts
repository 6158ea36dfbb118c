import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import type { AccessRequestTable } from "../../db/schema.js";
import { AppError, isAppError, notFound } from "../../errors.js";
import { findReadableActivity, isUniqueViolation } from "../activities/activities.js";
import { recordAuditEvent } from "../audit/audit.js";
import { isStaff, refuse, requireRole } from "../identity/authorize.js";
import { createLabel, getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { getNation } from "../nations/nations.js";
import { decideAccess } from "../policy/access.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { type TAccessRequest, type TAccessRequestInput, ZAccessRequestInput } from "./access-requests.schema.js";
import { getAccessRequest, mayWithdraw } from "./list-access-requests.js";

// A nation's request to join one activity with the North Atlantic Council's case-by-case
// approval. Filed while the policy engine answers 'council-approval'; the Council's decision
// (the decisions module, through decision-effects.ts) grants or refuses it.

/**
 * The date the activity's audience is judged on: the earliest iteration starting today or later,
 * else the latest iteration, else today.
 */
async function judgedDate(db: Db, activityId: string, now: Date): Promise<string> {
  const iterations = await db
    .selectFrom("iteration")
    .select("start_date")
    .where("activity_id", "=", activityId)
    .orderBy("start_date")
    .execute();
  const upcoming = iterations.find((it) => it.start_date >= today(now));
  return (upcoming ?? iterations[iterations.length - 1])?.start_date ?? today(now);
}

/** The nation a request is filed for: staff name it; a partner's users file for their own (FORBIDDEN otherwise). */
function nationFor(actor: Viewer, requested: string | undefined): string {
  if (isStaff(actor)) {
    if (requested === undefined) throw fieldError("nation", "is required when staff file a request");
    return requested;
  }
  if (actor.nation === null || actor.isAlliance) {
    throw new AppError("FORBIDDEN", "Only a partner nation's users or staff can request access");
  }
  if (requested !== undefined && requested !== actor.nation) {
    throw new AppError("FORBIDDEN", `You can request access for ${actor.nation} only`, { nation: requested });
  }
  return actor.nation;
}

/**
 * Files a request for the Council's approval of `nation`'s access to an activity: a partner's
 * users for their own nation, staff for any. The activity must be readable by the actor
 * (NOT_FOUND otherwise) and the policy engine must answer 'council-approval' for it: INVALID_STATE
 * when it is already open, or when no Council decision can open it under the rules in force.
 * One live request per nation and activity (CONFLICT). Labelled NU releasable to the nation and NATO.
 */
export async function fileAccessRequest(
  db: Db,
  actor: Viewer,
  input: TAccessRequestInput,
  now: Date,
): Promise<TAccessRequest> {
  await requireRole(db, actor, "access-request.create", ["partner", "staff", "admin"], now);
  const parsed = parseInput(ZAccessRequestInput, input);
  const nationCode = nationFor(actor, parsed.nation);
  const nation = await getNation(db, nationCode).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") throw fieldError("nation", `unknown nation '${nationCode}'`);
    throw error;
  });
  const activity = await findReadableActivity(db, actor, parsed.activityId, now);
  const date = await judgedDate(db, activity.id, now);
  const decision = await decideAccess(db, {
    partner: nation.code,
    audience: activity.audience,
    date,
    activityId: activity.id,
  });
  if (decision.outcome === "open") {
    throw new AppError(
      "INVALID_STATE",
      `Activity ${activity.reference} is already open to ${nation.code}: ${decision.explanation}`,
      { outcome: decision.outcome, explanation: decision.explanation },
    );
  }
  if (decision.outcome === "not-open") {
    throw new AppError(
      "INVALID_STATE",
      `Activity ${activity.reference} is not open to ${nation.code}, and no Council decision can open it under the rules in force on ${date}: ${decision.explanation}`,
      { outcome: decision.outcome, explanation: decision.explanation },
    );
  }
  const at = now.toISOString();
  let id: string;
  try {
    id = await db.transaction().execute(async (trx) => {
      const label = await createLabel(trx, { classification: "NU", releasableTo: [nation.code, "NATO"] }, at);
      const row: AccessRequestTable = {
        id: randomUUID(),
        nation_code: nation.code,
        activity_id: activity.id,
        reason: parsed.reason,
        status: "requested",
        decision_id: null,
        label_id: label.id,
        requested_by: actor.userId ?? "",
        created_at: at,
        decided_at: null,
      };
      await trx.insertInto("access_request").values(row).execute();
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "access-request.create",
          objectType: "access-request",
          objectId: row.id,
          objectLabel: label,
          outcome: "success",
          details: { nation: nation.code, activity: activity.reference, date, outcome: decision.outcome },
        },
        now,
      );
      return row.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "CONFLICT",
        `${nation.code} already has a request for access to ${activity.reference} that is requested, before the Council or granted`,
        { nation: nation.code, activityId: activity.id },
      );
    }
    throw error;
  }
  return getAccessRequest(db, actor, id, now);
}

/**
 * Withdraws a request not yet before the Council: staff or the requesting nation's users.
 * NOT_FOUND if the actor may not see it; FORBIDDEN (audited) if they may see but not withdraw
 * it; INVALID_STATE unless it is 'requested' (conditional update: a concurrent decision wins once).
 */
export async function withdrawAccessRequest(db: Db, actor: Viewer, id: string, now: Date): Promise<TAccessRequest> {
  const request = await getAccessRequest(db, actor, id, now);
  if (!mayWithdraw(actor, request.nation.code)) {
    await refuse(
      db,
      actor,
      { action: "access-request.withdraw", objectType: "access-request", objectId: id },
      `Only staff or ${request.nation.code}'s users can withdraw this request`,
      now,
      null,
    );
  }
  const illegal = (status: string) =>
    new AppError(
      "INVALID_STATE",
      `Cannot withdraw the access request for ${request.nation.code} to ${request.activity.reference}: it is ${status}, and only a request that is requested can be withdrawn`,
      { status },
    );
  if (request.status !== "requested") throw illegal(request.status);
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("access_request").select("label_id").where("id", "=", id).executeTakeFirst();
    if (!row) throw notFound("access request", id);
    const result = await trx
      .updateTable("access_request")
      .set({ status: "withdrawn" })
      .where("id", "=", id)
      .where("status", "=", "requested")
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await trx.selectFrom("access_request").select("status").where("id", "=", id).executeTakeFirst();
      throw illegal(current?.status ?? "gone");
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "access-request.withdraw",
        objectType: "access-request",
        objectId: id,
        objectLabel: await getLabel(trx, row.label_id),
        outcome: "success",
        details: { nation: request.nation.code, activity: request.activity.reference, from: "requested" },
      },
      now,
    );
  });
  return getAccessRequest(db, actor, id, now);
}
