import type { Db } from "../../db/connect.js";
import { recordAuditEvent } from "../audit/audit.js";
import { getLabel } from "../labels/labels.js";
import { queueNotifications } from "../notifications/notifications.js";
import { decisionNotices } from "./notices.js";
import { type DecisionRow, deadlineText } from "./records.js";
import { closeSubject } from "./subjects.js";

// Deadlines of silence procedures: adoption when the deadline passes without objection, and the
// reminder a day before. Each decision is processed in its own transaction by a conditional
// update, so a decision already processed (by this or another instance, or ended by an
// objection) is skipped, and running again changes nothing.

export const REMINDER_MS = 24 * 60 * 60 * 1000;

export type DeadlineLog = { error(message: string, error: unknown): void };

const consoleLog: DeadlineLog = { error: (message, error) => console.error(message, error) };

/** Adopts one decision at its deadline; false if it was no longer open and due (someone else ended it). */
export async function adoptAtDeadline(db: Db, decisionId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("decision").selectAll().where("id", "=", decisionId).executeTakeFirst();
    if (row?.status !== "open" || row.deadline_at === null || row.deadline_at > at) return false;
    // closed_at is the deadline: silence was kept until then, whenever the scheduler noticed.
    const result = await trx
      .updateTable("decision")
      .set({ status: "adopted", closed_at: row.deadline_at })
      .where("id", "=", decisionId)
      .where("status", "=", "open")
      .where("procedure", "=", "silence")
      .where("deadline_at", "<=", at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const adopted: DecisionRow = { ...row, status: "adopted", closed_at: row.deadline_at };
    const subjectNotices = await closeSubject(trx, adopted, null, now);
    const notices = [
      ...subjectNotices,
      ...(await decisionNotices(
        trx,
        adopted,
        "decision-ended",
        {
          title: `${adopted.reference} ${adopted.title}: adopted by silence procedure`,
          body: `No Ally broke silence on ${adopted.reference} "${adopted.title}" before ${deadlineText(adopted)}: the decision is adopted.`,
        },
        { delegations: true, staff: true },
        now,
      )),
    ];
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor: null,
        action: "decision.adopt",
        objectType: "decision",
        objectId: adopted.id,
        objectLabel: await getLabel(trx, adopted.label_id),
        outcome: "success",
        details: { reference: adopted.reference, deadlineAt: adopted.deadline_at, notices: notices.length },
      },
      now,
    );
    return true;
  });
}

/** Sends the 24-hour reminder of one open procedure, once; false if already sent or no longer due. */
export async function remindBeforeDeadline(db: Db, decisionId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const horizon = new Date(now.getTime() + REMINDER_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("decision")
      .set({ reminder_sent_at: at })
      .where("id", "=", decisionId)
      .where("status", "=", "open")
      .where("procedure", "=", "silence")
      .where("reminder_sent_at", "is", null)
      .where("deadline_at", ">", at)
      .where("deadline_at", "<=", horizon)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const row = await trx.selectFrom("decision").selectAll().where("id", "=", decisionId).executeTakeFirstOrThrow();
    // Only the delegations: while the procedure is open nobody has objected (one objection ends it).
    const notices = await decisionNotices(
      trx,
      row,
      "silence-deadline-approaching",
      {
        title: `Silence procedure ends soon: ${row.reference} ${row.title}`,
        body: `The silence procedure on ${row.reference} "${row.title}" ends at ${deadlineText(row)}. Break silence before then if your nation objects.`,
      },
      { delegations: true, staff: false },
      now,
    );
    await queueNotifications(trx, notices, now);
    return true;
  });
}

export type DeadlineRun = { adopted: string[]; reminded: string[] };

/**
 * Processes every due deadline: adopts open procedures whose deadline is at or before `now`,
 * reminds those ending within 24 hours. One transaction per decision: a subject that fails is
 * logged and retried on the next run, and does not block the others.
 */
export async function processDueDecisions(db: Db, now: Date, log: DeadlineLog = consoleLog): Promise<DeadlineRun> {
  const at = now.toISOString();
  const horizon = new Date(now.getTime() + REMINDER_MS).toISOString();
  const due = await db
    .selectFrom("decision")
    .select(["id", "reference"])
    .where("status", "=", "open")
    .where("procedure", "=", "silence")
    .where("deadline_at", "<=", at)
    .orderBy("deadline_at")
    .orderBy("id")
    .execute();
  const adopted: string[] = [];
  for (const decision of due) {
    try {
      if (await adoptAtDeadline(db, decision.id, now)) adopted.push(decision.reference);
    } catch (error) {
      log.error(`Could not adopt decision ${decision.reference} at its deadline; will retry`, error);
    }
  }
  const approaching = await db
    .selectFrom("decision")
    .select(["id", "reference"])
    .where("status", "=", "open")
    .where("procedure", "=", "silence")
    .where("reminder_sent_at", "is", null)
    .where("deadline_at", ">", at)
    .where("deadline_at", "<=", horizon)
    .orderBy("deadline_at")
    .orderBy("id")
    .execute();
  const reminded: string[] = [];
  for (const decision of approaching) {
    try {
      if (await remindBeforeDeadline(db, decision.id, now)) reminded.push(decision.reference);
    } catch (error) {
      log.error(`Could not send the deadline reminder of decision ${decision.reference}; will retry`, error);
    }
  }
  return { adopted, reminded };
}
