import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { isUniqueViolation } from "../activities/activities.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { createLabel, getLabel } from "../labels/labels.js";
import type { TLabel, TLabelInput } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import { searchTextOf } from "../search/text-search.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { listAlliesAt } from "./allies.js";
import { type TDecisionInput, ZDecisionInput } from "./decisions.schema.js";
import { decisionNotices } from "./notices.js";
import { type DecisionRow, deadlineText, decisionInfo } from "./records.js";
import { closeSubject, subjectHooksFor } from "./subjects.js";
import { localTimeText, zonedTimeToInstant } from "./time-zones.js";

type Trx = Transaction<Database>;
type Parsed = ReturnType<typeof ZDecisionInput.parse>;
type FieldProblem = { field: string; message: string };

/** NATO UNCLASSIFIED, releasable to the Allies: the label of a decision that has no other. */
const defaultLabel = (): TLabelInput => ({ classification: "NU", releasableTo: ["NATO"] });

function validationOf(problems: readonly FieldProblem[]): AppError {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
  return new AppError("VALIDATION", `Invalid input: ${summary}`, { fields: problems });
}

/**
 * The rules a schema cannot state: procedure-specific fields, the format's participants (known,
 * and not Allies on the decision date), the Allies present, the subject's id or text, the deadline
 * in the future. All problems are reported at once.
 */
async function checkDecisionInput(db: Db, parsed: Parsed, decisionDate: string, now: Date) {
  const problems: FieldProblem[] = [];
  const allies = new Set(await listAlliesAt(db, decisionDate));
  let deadlineAt: Date | null = null;
  if (parsed.procedure === "silence") {
    if (parsed.deadline === undefined)
      problems.push({ field: "deadline", message: "is required for a silence procedure" });
    if (parsed.meeting !== undefined)
      problems.push({ field: "meeting", message: "applies only to procedure 'meeting'" });
  } else {
    if (parsed.meeting === undefined)
      problems.push({ field: "meeting", message: "is required for a decision in a meeting" });
    if (parsed.deadline !== undefined)
      problems.push({ field: "deadline", message: "applies only to procedure 'silence'" });
  }
  if (parsed.procedure === "silence" && parsed.deadline !== undefined) {
    try {
      const { date, time, timeZone } = parsed.deadline;
      deadlineAt = zonedTimeToInstant(date, time, timeZone, "deadline");
      if (deadlineAt.getTime() <= now.getTime()) {
        problems.push({ field: "deadline", message: `must be after now (${now.toISOString()})` });
      }
    } catch (error) {
      if (error instanceof AppError && Array.isArray(error.details?.fields)) {
        problems.push(...(error.details.fields as FieldProblem[]));
      } else throw error;
    }
  }
  const participants = [...new Set(parsed.participants)];
  if (parsed.format === "allies-plus-one" && participants.length !== 1) {
    problems.push({ field: "participants", message: "Allies + 1 needs exactly one participant" });
  }
  if (parsed.format === "allies-plus-n" && participants.length < 1) {
    problems.push({ field: "participants", message: "Allies + n needs at least one participant" });
  }
  if (parsed.format === "allies-only" && participants.length > 0) {
    problems.push({ field: "participants", message: "a decision in the Allies-only format has no participants" });
  }
  if (participants.length > 0) {
    const known = await db.selectFrom("nation").select("code").where("code", "in", participants).execute();
    const unknown = participants.filter((p) => !known.some((k) => k.code === p));
    if (unknown.length > 0)
      problems.push({ field: "participants", message: `unknown nation or organisation ${unknown.join(", ")}` });
    const asAllies = participants.filter((p) => allies.has(p));
    if (asAllies.length > 0) {
      problems.push({
        field: "participants",
        message: `${asAllies.join(", ")} ${asAllies.length === 1 ? "was an Ally" : "were Allies"} on ${decisionDate}: participants are partners and organisations, never Allies`,
      });
    }
  }
  const present = [...new Set(parsed.meeting?.alliesPresent ?? [])];
  const notAllies = present.filter((p) => !allies.has(p));
  if (notAllies.length > 0) {
    problems.push({
      field: "meeting.alliesPresent",
      message: `${notAllies.join(", ")} not an Ally on ${decisionDate}`,
    });
  }
  const linked = subjectHooksFor(parsed.subject.type) !== null;
  if (linked && parsed.subject.id === undefined) {
    problems.push({ field: "subject.id", message: `is required for a ${parsed.subject.type} subject` });
  }
  if (!linked && (parsed.subject.text ?? "") === "") {
    problems.push({ field: "subject.text", message: `is required for a ${parsed.subject.type} subject` });
  }
  if (!linked && parsed.subject.id !== undefined) {
    problems.push({
      field: "subject.id",
      message: `a ${parsed.subject.type} subject is described in text, not linked`,
    });
  }
  if (problems.length > 0) throw validationOf(problems);
  return { deadlineAt, participants, present };
}

/** Drops a label nothing refers to (the provisional one replaced by the subject's). */
async function dropLabel(trx: Trx, labelId: string) {
  await trx.deleteFrom("label_releasable").where("label_id", "=", labelId).execute();
  await trx.deleteFrom("label").where("id", "=", labelId).execute();
}

/**
 * Opens a silence procedure (status open until its deadline) or records a decision taken in a
 * meeting (adopted on consensus, not-adopted otherwise), in one transaction with the subject's
 * move, the audit event and the notices. Staff and admins only.
 */
export async function openDecision(db: Db, actor: Viewer, input: TDecisionInput, now: Date): Promise<DecisionRow> {
  await requireRole(db, actor, "decision.open", STAFF_ROLES, now);
  const parsed = parseInput(ZDecisionInput, input);
  const decisionDate = parsed.decisionDate ?? today(now);
  const { deadlineAt, participants, present } = await checkDecisionInput(db, parsed, decisionDate, now);
  const hooks = subjectHooksFor(parsed.subject.type);
  const at = now.toISOString();
  const subjectText = parsed.subject.text ?? "";
  try {
    return await db.transaction().execute(async (trx) => {
      // The subject may write the decision's id (a foreign key), so the row comes first, with
      // the input label or a provisional default that the subject's label then replaces.
      const provisional = await createLabel(trx, parsed.label ?? defaultLabel(), at, "label");
      const row: DecisionRow = {
        id: randomUUID(),
        reference: parsed.reference,
        title: parsed.title,
        body: parsed.body,
        format: parsed.format,
        procedure: parsed.procedure,
        subject_type: parsed.subject.type,
        subject_id: hooks === null ? null : (parsed.subject.id ?? null),
        subject_text: subjectText,
        decision_date: decisionDate,
        status: "open",
        deadline_at: deadlineAt?.toISOString() ?? null,
        deadline_local: parsed.deadline ? localTimeText(parsed.deadline.date, parsed.deadline.time) : null,
        deadline_zone: parsed.deadline?.timeZone ?? null,
        reminder_sent_at: null,
        broken_by_nation: null,
        broken_by_user_id: null,
        broken_reason: null,
        broken_at: null,
        outcome_note: parsed.note,
        closed_at: null,
        label_id: provisional.id,
        created_by: actor.username ?? actor.userId ?? "unknown",
        created_at: at,
        search_text: searchTextOf(parsed.reference, parsed.title, subjectText),
      };
      await trx.insertInto("decision").values(row).execute();
      let label: TLabel = provisional;
      if (hooks !== null && row.subject_id !== null) {
        const subject = await hooks.open(trx, row.subject_id, decisionInfo(row), actor, now);
        row.search_text = searchTextOf(row.reference, row.title, subjectText, subject.title);
        if (parsed.label === undefined) {
          row.label_id = subject.labelId;
          label = await getLabel(trx, subject.labelId);
        }
        await trx
          .updateTable("decision")
          .set({ label_id: row.label_id, search_text: row.search_text })
          .where("id", "=", row.id)
          .execute();
        if (row.label_id !== provisional.id) await dropLabel(trx, provisional.id);
      }
      if (participants.length > 0) {
        await trx
          .insertInto("decision_participant")
          .values(participants.map((nation_code) => ({ decision_id: row.id, nation_code })))
          .execute();
      }
      if (parsed.procedure === "meeting") return recordMeetingOutcome(trx, actor, row, parsed, present, label, now);
      const notices = await decisionNotices(
        trx,
        row,
        "silence-opened",
        {
          title: `Silence procedure opened: ${row.reference} ${row.title}`,
          body: `The silence procedure on ${row.reference} "${row.title}" runs until ${deadlineText(row)}. An Ally's delegation may break silence with a formal objection before then; otherwise the decision is adopted.`,
        },
        { delegations: true, staff: true },
        now,
      );
      await queueNotifications(trx, notices, now);
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "decision.open",
          objectType: "decision",
          objectId: row.id,
          objectLabel: label,
          outcome: "success",
          details: {
            reference: row.reference,
            procedure: row.procedure,
            subject: { type: row.subject_type, id: row.subject_id },
            deadlineAt: row.deadline_at,
            notices: notices.length,
          },
        },
        now,
      );
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw await conflictOf(db, parsed);
    throw error;
  }
}

/** CONFLICT naming what collided: the reference, or the subject's open procedure. */
async function conflictOf(db: Db, parsed: Parsed): Promise<AppError> {
  const sameReference = await db
    .selectFrom("decision")
    .select("id")
    .where("reference", "=", parsed.reference)
    .executeTakeFirst();
  if (sameReference) {
    return new AppError("CONFLICT", `A decision with reference ${parsed.reference} already exists`, {
      field: "reference",
      reference: parsed.reference,
    });
  }
  const open = await db
    .selectFrom("decision")
    .select("reference")
    .where("subject_type", "=", parsed.subject.type)
    .where("subject_id", "=", parsed.subject.id ?? "")
    .where("status", "=", "open")
    .executeTakeFirst();
  return new AppError(
    "CONFLICT",
    `The ${parsed.subject.type} is already before the Council${open ? ` (decision ${open.reference} is open)` : ""}: at most one open procedure per subject`,
    { field: "subject.id", subject: parsed.subject },
  );
}

/** A meeting's outcome, recorded at once: the Allies present, the final status, the subject's move. */
async function recordMeetingOutcome(
  trx: Trx,
  actor: Viewer,
  row: DecisionRow,
  parsed: Parsed,
  present: readonly string[],
  label: TLabel,
  now: Date,
): Promise<DecisionRow> {
  if (present.length > 0) {
    await trx
      .insertInto("decision_ally_present")
      .values(present.map((nation_code) => ({ decision_id: row.id, nation_code })))
      .execute();
  }
  const closed: DecisionRow = {
    ...row,
    status: parsed.meeting?.consensus === true ? "adopted" : "not-adopted",
    closed_at: now.toISOString(),
  };
  await trx
    .updateTable("decision")
    .set({ status: closed.status, closed_at: closed.closed_at })
    .where("id", "=", row.id)
    .execute();
  const subjectNotices = await closeSubject(trx, closed, actor, now);
  const notices = [
    ...subjectNotices,
    ...(await decisionNotices(
      trx,
      closed,
      "decision-ended",
      {
        title: `${closed.reference} ${closed.title}: ${closed.status === "adopted" ? "adopted" : "not adopted"}`,
        body: `${closed.body} ${closed.status === "adopted" ? "reached consensus on" : "did not reach consensus on"} ${closed.reference} "${closed.title}" in a meeting, ${present.length} Allies present.`,
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
      action: "decision.record",
      objectType: "decision",
      objectId: closed.id,
      objectLabel: label,
      outcome: "success",
      details: {
        reference: closed.reference,
        procedure: "meeting",
        status: closed.status,
        alliesPresent: present,
        subject: { type: closed.subject_type, id: closed.subject_id },
        notices: notices.length,
      },
    },
    now,
  );
  return closed;
}
