import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { getLabel, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { getMeeting } from "./meetings.js";
import {
  type TAgendaItemInput,
  type TAgendaItemUpdate,
  type TAttendanceInput,
  type TMeeting,
  ZAgendaItemInput,
  ZAgendaItemUpdate,
  ZAttendanceInput,
} from "./meetings.schema.js";
import { findReadableMeeting, type MeetingRow, type Trx } from "./rules.js";

// The agenda (items, each with documents that keep their own labels) and attendance. Staff only.

async function staffMeeting(db: Db, actor: Viewer, meetingId: string, action: string, now: Date) {
  const meeting = await findReadableMeeting(db, actor, meetingId, now);
  await requireRole(db, actor, action, STAFF_ROLES, now);
  if (meeting.status === "cancelled") {
    throw new AppError("INVALID_STATE", `Cannot change ${meeting.title}: it is cancelled`, { status: meeting.status });
  }
  return meeting;
}

/** Documents must exist and be readable by the actor: VALIDATION on `documentIds.N` otherwise. */
async function checkDocuments(db: Db, actor: Viewer, ids: readonly string[], now: Date): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db
    .selectFrom("document")
    .select("document.id")
    .where("document.id", "in", unique)
    .where(readableLabel(db, actor, today(now), "document.label_id"))
    .execute();
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw fieldError(`documentIds.${missing}`, `unknown document '${ids[missing]}'`);
  return unique;
}

async function checkOperation(db: Db, code: string | undefined) {
  if (code === undefined) return null;
  const row = await db.selectFrom("operation").select("code").where("code", "=", code).executeTakeFirst();
  if (!row) throw fieldError("operation", `'${code}' is not a known operation code`);
  return row.code;
}

async function itemIds(trx: Trx, meetingId: string, except?: string): Promise<string[]> {
  const rows = await trx
    .selectFrom("agenda_item")
    .select("id")
    .where("meeting_id", "=", meetingId)
    .$if(except !== undefined, (q) => q.where("id", "!=", except ?? ""))
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Numbers the items 1..n in the given order. */
async function renumber(trx: Trx, ids: readonly string[]) {
  for (const [i, id] of ids.entries()) {
    await trx
      .updateTable("agenda_item")
      .set({ position: i + 1 })
      .where("id", "=", id)
      .execute();
  }
}

async function writeDocuments(trx: Trx, itemId: string, documentIds: readonly string[]) {
  await trx.deleteFrom("agenda_document").where("agenda_item_id", "=", itemId).execute();
  if (documentIds.length > 0) {
    await trx
      .insertInto("agenda_document")
      .values(documentIds.map((document_id) => ({ agenda_item_id: itemId, document_id })))
      .execute();
  }
}

async function audit(
  trx: Trx,
  actor: Viewer,
  meeting: MeetingRow,
  action: string,
  details: Record<string, unknown>,
  now: Date,
) {
  await trx.updateTable("meeting").set({ updated_at: now.toISOString() }).where("id", "=", meeting.id).execute();
  await recordAuditEvent(
    trx,
    {
      actor,
      action,
      objectType: "meeting",
      objectId: meeting.id,
      objectLabel: await getLabel(trx, meeting.label_id),
      outcome: "success",
      details,
    },
    now,
  );
}

export async function addAgendaItem(
  db: Db,
  actor: Viewer,
  meetingId: string,
  input: TAgendaItemInput,
  now: Date,
): Promise<TMeeting> {
  const meeting = await staffMeeting(db, actor, meetingId, "meeting.agenda", now);
  const parsed = parseInput(ZAgendaItemInput, input);
  const documents = await checkDocuments(db, actor, parsed.documentIds, now);
  const operation = await checkOperation(db, parsed.operation);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const ids = await itemIds(trx, meeting.id);
    await trx
      .insertInto("agenda_item")
      .values({
        id,
        meeting_id: meeting.id,
        position: ids.length + 1,
        title: parsed.title,
        description: parsed.description,
        operation_code: operation,
        outcome: "",
      })
      .execute();
    const at = Math.min(parsed.position ?? ids.length + 1, ids.length + 1) - 1;
    await renumber(trx, [...ids.slice(0, at), id, ...ids.slice(at)]);
    await writeDocuments(trx, id, documents);
    await audit(trx, actor, meeting, "meeting.agenda-add", { item: id, title: parsed.title, documents }, now);
  });
  return getMeeting(db, actor, meeting.id, now);
}

async function findItem(db: Db, meetingId: string, itemId: string) {
  const item = await db
    .selectFrom("agenda_item")
    .selectAll()
    .where("id", "=", itemId)
    .where("meeting_id", "=", meetingId)
    .executeTakeFirst();
  if (!item) throw notFound("agenda item", itemId);
  return item;
}

export async function updateAgendaItem(
  db: Db,
  actor: Viewer,
  meetingId: string,
  itemId: string,
  input: TAgendaItemUpdate,
  now: Date,
): Promise<TMeeting> {
  const meeting = await staffMeeting(db, actor, meetingId, "meeting.agenda", now);
  const item = await findItem(db, meeting.id, itemId);
  const parsed = parseInput(ZAgendaItemUpdate, input);
  const documents =
    parsed.documentIds === undefined ? undefined : await checkDocuments(db, actor, parsed.documentIds, now);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("agenda_item")
      .set({
        title: parsed.title ?? item.title,
        description: parsed.description ?? item.description,
        outcome: parsed.outcome ?? item.outcome,
      })
      .where("id", "=", item.id)
      .execute();
    if (parsed.position !== undefined) {
      const ids = await itemIds(trx, meeting.id, item.id);
      const at = Math.min(parsed.position, ids.length + 1) - 1;
      await renumber(trx, [...ids.slice(0, at), item.id, ...ids.slice(at)]);
    }
    if (documents !== undefined) await writeDocuments(trx, item.id, documents);
    await audit(trx, actor, meeting, "meeting.agenda-update", { item: item.id, fields: Object.keys(parsed) }, now);
  });
  return getMeeting(db, actor, meeting.id, now);
}

export async function removeAgendaItem(
  db: Db,
  actor: Viewer,
  meetingId: string,
  itemId: string,
  now: Date,
): Promise<TMeeting> {
  const meeting = await staffMeeting(db, actor, meetingId, "meeting.agenda", now);
  const item = await findItem(db, meeting.id, itemId);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("agenda_document").where("agenda_item_id", "=", item.id).execute();
    await trx.updateTable("action_item").set({ agenda_item_id: null }).where("agenda_item_id", "=", item.id).execute();
    await trx.deleteFrom("agenda_item").where("id", "=", item.id).execute();
    await renumber(trx, await itemIds(trx, meeting.id));
    await audit(trx, actor, meeting, "meeting.agenda-remove", { item: item.id, title: item.title }, now);
  });
  return getMeeting(db, actor, meeting.id, now);
}

/** Who attended (staff), once invitations are out: each row's nation must be invited (VALIDATION on `rows.N.nation`). */
export async function recordMeetingAttendance(
  db: Db,
  actor: Viewer,
  meetingId: string,
  input: TAttendanceInput,
  now: Date,
): Promise<TMeeting> {
  const meeting = await staffMeeting(db, actor, meetingId, "meeting.attendance", now);
  const parsed = parseInput(ZAttendanceInput, input);
  if (meeting.status !== "invited" && meeting.status !== "held") {
    throw new AppError(
      "INVALID_STATE",
      `Cannot record attendance at ${meeting.title}: it is ${meeting.status}; invitations must have gone out`,
      { status: meeting.status },
    );
  }
  const invited = new Set(
    (
      await db.selectFrom("meeting_invitation").select("nation_code").where("meeting_id", "=", meeting.id).execute()
    ).map((r) => r.nation_code),
  );
  const stranger = parsed.rows.findIndex((r) => !invited.has(r.nation));
  if (stranger >= 0) {
    throw fieldError(`rows.${stranger}.nation`, `${parsed.rows[stranger]?.nation} is not invited to this meeting`);
  }
  await db.transaction().execute(async (trx) => {
    for (const r of parsed.rows) {
      await trx
        .updateTable("meeting_invitation")
        .set({ attended: r.attended ? 1 : 0, representative: r.representative ?? null })
        .where("meeting_id", "=", meeting.id)
        .where("nation_code", "=", r.nation)
        .execute();
    }
    await audit(trx, actor, meeting, "meeting.attendance", { rows: parsed.rows.length }, now);
  });
  return getMeeting(db, actor, meeting.id, now);
}
