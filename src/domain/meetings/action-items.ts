import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { isStaff, requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import { findRecipients, noticesFor } from "../notifications/recipients.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { getMeeting } from "./meetings.js";
import {
  type TActionItem,
  type TActionItemInput,
  type TActionItemUpdate,
  type TListActionItemsQuery,
  type TMeeting,
  ZActionItemInput,
  ZActionItemUpdate,
  ZListActionItemsQuery,
} from "./meetings.schema.js";
import { type DbOrTrx, findReadableMeeting, visibleMeeting } from "./rules.js";

// Action items decided at a meeting: an owner nation or organisation, a due date, a status,
// followed up on a list. Seen by whoever sees the meeting. Overdue: open or in progress, due before today.

const OPEN_STATUSES = ["open", "in-progress"];

function actionItemQuery(db: DbOrTrx) {
  return db
    .selectFrom("action_item")
    .innerJoin("meeting", "meeting.id", "action_item.meeting_id")
    .innerJoin("nation", "nation.code", "action_item.owner_code")
    .select([
      "action_item.id",
      "action_item.agenda_item_id",
      "action_item.text",
      "action_item.due_date",
      "action_item.status",
      "action_item.updated_at",
      "meeting.id as meeting_id",
      "meeting.title as meeting_title",
      "meeting.meeting_date",
      "nation.code as owner_code",
      "nation.name as owner_name",
      "nation.kind as owner_kind",
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof actionItemQuery>["execute"]>>[number];

function presentActionItem(r: Row, now: Date): TActionItem {
  return {
    id: r.id,
    meeting: { id: r.meeting_id, title: r.meeting_title, meetingDate: r.meeting_date },
    agendaItemId: r.agenda_item_id,
    text: r.text,
    owner: { code: r.owner_code, name: r.owner_name, kind: r.owner_kind },
    dueDate: r.due_date,
    status: r.status,
    overdue: OPEN_STATUSES.includes(r.status) && r.due_date < today(now),
    updatedAt: r.updated_at,
  };
}

/** A meeting's action items (the caller has checked the meeting is visible). */
export async function listActionItemsOfMeeting(db: DbOrTrx, meetingId: string, now: Date): Promise<TActionItem[]> {
  const rows = await actionItemQuery(db)
    .where("action_item.meeting_id", "=", meetingId)
    .orderBy("action_item.due_date")
    .orderBy("action_item.id")
    .execute();
  return rows.map((r) => presentActionItem(r, now));
}

/** Adds an action item (staff); the owner's users are told (action-item-assigned). */
export async function addActionItem(
  db: Db,
  actor: Viewer,
  meetingId: string,
  input: TActionItemInput,
  now: Date,
): Promise<TMeeting> {
  const meeting = await findReadableMeeting(db, actor, meetingId, now);
  await requireRole(db, actor, "meeting.action-item", STAFF_ROLES, now);
  const parsed = parseInput(ZActionItemInput, input);
  const owner = await db
    .selectFrom("nation")
    .select(["code", "name"])
    .where("code", "=", parsed.owner)
    .executeTakeFirst();
  if (!owner) throw fieldError("owner", `'${parsed.owner}' is not a known nation or organisation code`);
  if (parsed.agendaItemId !== undefined) {
    const item = await db
      .selectFrom("agenda_item")
      .select("id")
      .where("id", "=", parsed.agendaItemId)
      .where("meeting_id", "=", meeting.id)
      .executeTakeFirst();
    if (!item) throw fieldError("agendaItemId", `'${parsed.agendaItemId}' is not an item of this meeting's agenda`);
  }
  if (meeting.status === "cancelled") {
    throw new AppError("INVALID_STATE", `Cannot add action items to ${meeting.title}: it is cancelled`, {
      status: meeting.status,
    });
  }
  const id = randomUUID();
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("action_item")
      .values({
        id,
        meeting_id: meeting.id,
        agenda_item_id: parsed.agendaItemId ?? null,
        text: parsed.text,
        owner_code: owner.code,
        due_date: parsed.dueDate,
        status: "open",
        created_by: actor.userId ?? "",
        created_at: at,
        updated_at: at,
      })
      .execute();
    // Only an invited owner sees the meeting; anyone else must not learn of it through a notice.
    const ownerInvited = await trx
      .selectFrom("meeting_invitation")
      .select("nation_code")
      .where("meeting_id", "=", meeting.id)
      .where("nation_code", "=", owner.code)
      .executeTakeFirst();
    const recipients = ownerInvited
      ? await findRecipients(trx, { roles: ["partner", "delegation", "hq", "analyst"], nations: [owner.code] })
      : [];
    const notices = await noticesFor(
      trx,
      recipients,
      {
        kind: "action-item-assigned",
        subject: { type: "action-item", id },
        title: `Action item for ${owner.name}: due ${parsed.dueDate}`,
        body: `${meeting.title}: ${parsed.text}`,
        labelId: meeting.label_id,
      },
      today(now),
    );
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "action-item.create",
        objectType: "action-item",
        objectId: id,
        objectLabel: await getLabel(trx, meeting.label_id),
        outcome: "success",
        details: { meeting: meeting.id, owner: owner.code, dueDate: parsed.dueDate, notices: notices.length },
      },
      now,
    );
  });
  return getMeeting(db, actor, meeting.id, now);
}

/**
 * Updates an action item: staff any field; the owner nation's own users its status only
 * (FORBIDDEN otherwise). NOT_FOUND if the viewer does not see the meeting.
 */
export async function updateActionItem(
  db: Db,
  actor: Viewer,
  id: string,
  input: TActionItemUpdate,
  now: Date,
): Promise<TActionItem> {
  const item = await db.selectFrom("action_item").selectAll().where("id", "=", id).executeTakeFirst();
  if (!item) throw notFound("action item", id);
  let meeting: Awaited<ReturnType<typeof findReadableMeeting>>;
  try {
    meeting = await findReadableMeeting(db, actor, item.meeting_id, now);
  } catch {
    throw notFound("action item", id);
  }
  const parsed = parseInput(ZActionItemUpdate, input);
  const onlyStatus = parsed.text === undefined && parsed.dueDate === undefined;
  if (!(isStaff(actor) || (onlyStatus && actor.userId !== null && actor.nation === item.owner_code))) {
    await requireRole(db, actor, "action-item.update", STAFF_ROLES, now);
  }
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("action_item")
      .set({
        status: parsed.status ?? item.status,
        due_date: parsed.dueDate ?? item.due_date,
        text: parsed.text ?? item.text,
        updated_at: at,
      })
      .where("id", "=", item.id)
      .where("updated_at", "=", item.updated_at)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("INVALID_STATE", "The action item changed meanwhile; reload it and try again");
    }
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "action-item.update",
        objectType: "action-item",
        objectId: item.id,
        objectLabel: await getLabel(trx, meeting.label_id),
        outcome: "success",
        details: { from: item.status, ...parsed },
      },
      now,
    );
  });
  const row = await actionItemQuery(db).where("action_item.id", "=", item.id).executeTakeFirstOrThrow();
  return presentActionItem(row, now);
}

/** Action items of the meetings `viewer` sees (visibility in SQL), by due date; filters status, owner, dueBy. */
export async function listActionItems(
  db: Db,
  viewer: Viewer,
  query: TListActionItemsQuery,
  now: Date,
): Promise<TActionItem[]> {
  const f = parseInput(ZListActionItemsQuery, query);
  const rows = await actionItemQuery(db)
    .where(visibleMeeting(db, viewer, today(now)))
    .$if(f.status !== undefined, (q) => q.where("action_item.status", "=", f.status ?? "open"))
    .$if(f.owner !== undefined, (q) => q.where("action_item.owner_code", "=", f.owner ?? ""))
    .$if(f.dueBy !== undefined, (q) => q.where("action_item.due_date", "<=", f.dueBy ?? ""))
    .orderBy("action_item.due_date")
    .orderBy("action_item.id")
    .limit(1000)
    .execute();
  return rows.map((r) => presentActionItem(r, now));
}
