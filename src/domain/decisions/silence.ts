import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { refuse } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import { parseInput } from "../shared/validation.js";
import { objectionRefusal } from "./allies.js";
import { type TObjectionInput, ZObjectionInput } from "./decisions.schema.js";
import { decisionNotices } from "./notices.js";
import { type DecisionRow, deadlineText, findReadableDecision } from "./records.js";
import { closeSubject } from "./subjects.js";

type DbOrTrx = Db | Transaction<Database>;

// Breaking silence: one Ally's formal objection before the deadline ends the procedure at once.

async function nationName(db: DbOrTrx, code: string | null): Promise<string> {
  if (code === null) return "an Ally";
  const row = await db.selectFrom("nation").select("name").where("code", "=", code).executeTakeFirst();
  return row?.name ?? code;
}

/** Why a procedure no longer takes objections: INVALID_STATE with what happened to it. */
async function endedError(db: DbOrTrx, row: DecisionRow, now: Date): Promise<AppError> {
  if (row.status === "silence-broken") {
    return new AppError(
      "INVALID_STATE",
      `Silence already broken by ${await nationName(db, row.broken_by_nation)} at ${deadlineText(row, row.broken_at)}`,
      { status: row.status, brokenBy: row.broken_by_nation, brokenAt: row.broken_at },
    );
  }
  if (row.status === "withdrawn") {
    return new AppError("INVALID_STATE", `The procedure on ${row.reference} was withdrawn`, { status: row.status });
  }
  if (row.status === "open" && row.deadline_at !== null && row.deadline_at > now.toISOString()) {
    return new AppError("INVALID_STATE", `The procedure on ${row.reference} changed meanwhile`, { status: row.status });
  }
  return new AppError("INVALID_STATE", `The silence procedure ended at ${deadlineText(row)}; silence was kept`, {
    status: row.status,
    deadlineAt: row.deadline_at,
  });
}

/**
 * A delegation's formal objection: the procedure ends as "silence broken by <nation>", the
 * subject returns to its previous step. NOT_FOUND if the viewer may not read the decision;
 * FORBIDDEN (audited) unless the viewer speaks for an Ally as of the decision date;
 * INVALID_STATE at or after the deadline, or if another objection won (one conditional update
 * decides between racing objections and the scheduler).
 */
export async function breakSilence(
  db: Db,
  actor: Viewer,
  decisionId: string,
  input: TObjectionInput,
  now: Date,
): Promise<DecisionRow> {
  const decision = await findReadableDecision(db, actor, decisionId, now);
  const refusal = await objectionRefusal(db, actor, decision.decision_date);
  if (refusal !== null) {
    await refuse(
      db,
      actor,
      {
        action: "decision.break-silence",
        objectType: "decision",
        objectId: decision.id,
        details: { reference: decision.reference, reason: refusal },
      },
      refusal,
      now,
    );
  }
  const { reason } = parseInput(ZObjectionInput, input);
  if (decision.procedure !== "silence") {
    throw new AppError(
      "INVALID_STATE",
      `Decision ${decision.reference} was taken in a meeting: there is no silence to break`,
      {
        procedure: decision.procedure,
      },
    );
  }
  const at = now.toISOString();
  if (decision.status !== "open" || decision.deadline_at === null || at >= decision.deadline_at) {
    throw await endedError(db, decision, now);
  }
  const nation = actor.nation ?? "";
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("decision")
      .set({
        status: "silence-broken",
        broken_by_nation: nation,
        broken_by_user_id: actor.userId,
        broken_reason: reason,
        broken_at: at,
        closed_at: at,
      })
      .where("id", "=", decision.id)
      .where("status", "=", "open")
      .where("deadline_at", ">", at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await trx
        .selectFrom("decision")
        .selectAll()
        .where("id", "=", decision.id)
        .executeTakeFirstOrThrow();
      throw await endedError(trx, current, now);
    }
    const broken: DecisionRow = {
      ...decision,
      status: "silence-broken",
      broken_by_nation: nation,
      broken_by_user_id: actor.userId,
      broken_reason: reason,
      broken_at: at,
      closed_at: at,
    };
    const subjectNotices = await closeSubject(trx, broken, actor, now);
    const name = await nationName(trx, nation);
    const notices = [
      ...subjectNotices,
      ...(await decisionNotices(
        trx,
        broken,
        "decision-ended",
        {
          title: `${broken.reference} ${broken.title}: silence broken by ${name}`,
          body: `${name} broke silence on ${broken.reference} "${broken.title}" at ${deadlineText(broken, at)}. Reason: ${reason}`,
        },
        { delegations: true, staff: true },
        now,
      )),
    ];
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "decision.break-silence",
        objectType: "decision",
        objectId: broken.id,
        objectLabel: await getLabel(trx, broken.label_id),
        outcome: "success",
        details: { reference: broken.reference, nation, reason, notices: notices.length },
      },
      now,
    );
    return broken;
  });
}
