import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/connect.js";
import type { DecisionStatus } from "../../src/db/schema.js";
import { accessRequestDecisionHooks } from "../../src/domain/access-requests/decision-effects.js";
import type { DecisionInfo } from "../../src/domain/decisions/subject-hooks.js";
import { createLabel } from "../../src/domain/labels/labels.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import { queueNotifications } from "../../src/domain/notifications/notifications.js";

// Drives an access request through a Council decision without the decisions module: a decision
// row inserted directly, the subject hooks called as the decisions module calls them.

let sequence = 0;

export type TestDecision = { id: string; reference: string; info: DecisionInfo };

/** Opens a decision (in a meeting) on the request: inserts the row and runs the open hook. */
export async function openRequestDecision(
  db: Db,
  requestId: string,
  now: Date,
  actor: Viewer | null = null,
): Promise<TestDecision> {
  sequence += 1;
  const at = now.toISOString();
  const id = randomUUID();
  const reference = `C-M(${at.slice(0, 4)})${String(900 + sequence).padStart(4, "0")}`;
  const info: DecisionInfo = {
    id,
    reference,
    procedure: "meeting",
    status: "open",
    decisionDate: at.slice(0, 10),
    closedAt: null,
    effectiveDate: null,
    brokenByNation: null,
  };
  await db.transaction().execute(async (trx) => {
    const label = await createLabel(trx, { classification: "NU", releasableTo: ["NATO"] }, at);
    await trx
      .insertInto("decision")
      .values({
        id,
        reference,
        title: "pending",
        body: "NAC",
        format: "allies-only",
        procedure: "meeting",
        subject_type: "access-request",
        subject_id: requestId,
        decision_date: info.decisionDate,
        status: "open",
        deadline_at: null,
        deadline_local: null,
        deadline_zone: null,
        reminder_sent_at: null,
        broken_by_nation: null,
        broken_by_user_id: null,
        broken_reason: null,
        broken_at: null,
        closed_at: null,
        label_id: label.id,
        created_by: actor?.userId ?? "test",
        created_at: at,
      })
      .execute();
    const opened = await accessRequestDecisionHooks.open(trx, requestId, info, actor, now);
    await trx.updateTable("decision").set({ title: opened.title }).where("id", "=", id).execute();
  });
  return { id, reference, info };
}

/** Ends the decision with `status` and runs the close hook; returns the number of notices queued. */
export async function closeRequestDecision(
  db: Db,
  requestId: string,
  decision: TestDecision,
  status: Exclude<DecisionStatus, "open">,
  now: Date,
  actor: Viewer | null = null,
): Promise<number> {
  const closedAt = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx.updateTable("decision").set({ status, closed_at: closedAt }).where("id", "=", decision.id).execute();
    const notices = await accessRequestDecisionHooks.close(
      trx,
      requestId,
      { ...decision.info, status, closedAt },
      actor,
      now,
    );
    return queueNotifications(trx, notices, now);
  });
}

/** The Council grants the request: a decision opened and adopted at `now`. */
export async function grantRequest(db: Db, requestId: string, now: Date): Promise<TestDecision> {
  const decision = await openRequestDecision(db, requestId, now);
  await closeRequestDecision(db, requestId, decision, "adopted", now);
  return decision;
}

/**
 * A request in `status` with a decision in `decisionStatus`, inserted directly (no filing checks):
 * for properties over many grants. Returns the decision's reference and closing date.
 */
export async function insertDecidedRequest(
  db: Db,
  nation: string,
  activityId: string,
  status: "granted" | "refused" | "requested",
  decisionStatus: Exclude<DecisionStatus, "open">,
  now: Date,
): Promise<{ requestId: string; decisionId: string; reference: string; date: string }> {
  sequence += 1;
  const at = now.toISOString();
  const requestId = randomUUID();
  const decisionId = randomUUID();
  const reference = `C-M(${at.slice(0, 4)})${String(sequence).padStart(4, "0")}-P`;
  await db.transaction().execute(async (trx) => {
    const label = await createLabel(trx, { classification: "NU", releasableTo: [nation, "NATO"] }, at);
    await trx
      .insertInto("decision")
      .values({
        id: decisionId,
        reference,
        title: "property",
        body: "NAC",
        format: "allies-only",
        procedure: "meeting",
        subject_type: "access-request",
        subject_id: requestId,
        decision_date: at.slice(0, 10),
        status: decisionStatus,
        deadline_at: null,
        deadline_local: null,
        deadline_zone: null,
        reminder_sent_at: null,
        broken_by_nation: null,
        broken_by_user_id: null,
        broken_reason: null,
        broken_at: null,
        closed_at: at,
        label_id: label.id,
        created_by: "test",
        created_at: at,
      })
      .execute();
    await trx
      .insertInto("access_request")
      .values({
        id: requestId,
        nation_code: nation,
        activity_id: activityId,
        reason: "property",
        status,
        decision_id: decisionId,
        label_id: label.id,
        requested_by: "test",
        created_at: at,
        decided_at: status === "requested" ? null : at,
      })
      .execute();
  });
  return { requestId, decisionId, reference, date: at.slice(0, 10) };
}

/** Removes every access request and decision on access requests (between property runs). */
export async function clearAccessRequests(db: Db): Promise<void> {
  await db.deleteFrom("access_request").execute();
  await db.deleteFrom("decision").where("subject_type", "=", "access-request").execute();
}
