import type { Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { DecisionInfo, DecisionSubjectHooks } from "../decisions/subject-hooks.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";
import { FORMAT_DECISION_MOVES } from "./workflow.js";

// How the Council's decision on a meeting's format moves the meeting. Called by the decisions
// module inside its own transaction: the meeting's change and its audit event commit with it.

type Trx = Transaction<Database>;

async function loadMeeting(trx: Trx, id: string) {
  const row = await trx.selectFrom("meeting").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("meeting", id);
  return row;
}

async function open(trx: Trx, meetingId: string, decision: DecisionInfo, actor: Viewer | null, now: Date) {
  const meeting = await loadMeeting(trx, meetingId);
  const move = FORMAT_DECISION_MOVES.open;
  if (meeting.format === "allies-only") {
    throw new AppError("INVALID_STATE", `Meeting ${meeting.title} is Allies only: its format needs no decision`, {
      format: meeting.format,
    });
  }
  const result = await trx
    .updateTable("meeting")
    .set({ status: move.to, format_decision_id: decision.id, updated_at: now.toISOString() })
    .where("id", "=", meeting.id)
    .where("status", "=", move.from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot put the format of ${meeting.title} to the Council: it is ${meeting.status}; only a meeting in planning can be`,
      { status: meeting.status },
    );
  }
  const label = await getLabel(trx, meeting.label_id);
  await recordAuditEvent(
    trx,
    {
      actor,
      action: "meeting.format-to-council",
      objectType: "meeting",
      objectId: meeting.id,
      objectLabel: label,
      outcome: "success",
      details: { decision: decision.reference, from: move.from, to: move.to },
    },
    now,
  );
  return { labelId: meeting.label_id, title: `Format of ${meeting.title} (${meeting.format})` };
}

async function close(
  trx: Trx,
  meetingId: string,
  decision: DecisionInfo,
  actor: Viewer | null,
  now: Date,
): Promise<NewNotification[]> {
  if (decision.status === "open") return [];
  const meeting = await loadMeeting(trx, meetingId);
  const move = decision.status === "adopted" ? FORMAT_DECISION_MOVES.adopted : FORMAT_DECISION_MOVES.returned;
  // A meeting cancelled meanwhile, or decided by another procedure, keeps its state.
  const result = await trx
    .updateTable("meeting")
    .set({ status: move.to, updated_at: now.toISOString() })
    .where("id", "=", meeting.id)
    .where("status", "=", move.from)
    .where("format_decision_id", "=", decision.id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return [];
  await recordAuditEvent(
    trx,
    {
      actor,
      action: decision.status === "adopted" ? "meeting.format-agreed" : "meeting.format-returned",
      objectType: "meeting",
      objectId: meeting.id,
      objectLabel: await getLabel(trx, meeting.label_id),
      outcome: "success",
      details: {
        decision: decision.reference,
        outcome: decision.status,
        from: move.from,
        to: move.to,
        brokenBy: decision.brokenByNation,
      },
    },
    now,
  );
  return [];
}

async function title(db: Parameters<DecisionSubjectHooks["title"]>[0], id: string): Promise<string | null> {
  const row = await db.selectFrom("meeting").select(["title", "format"]).where("id", "=", id).executeTakeFirst();
  return row ? `Format of ${row.title} (${row.format})` : null;
}

/** The meeting's side of a Council decision on its format (see DecisionSubjectHooks). */
export const meetingFormatDecisionHooks: DecisionSubjectHooks = Object.freeze({ open, close, title });
