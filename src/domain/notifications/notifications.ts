import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, NotificationKind } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import {
  type TListNotificationsQuery,
  type TNotificationView,
  ZListNotificationsQuery,
} from "./notifications.schema.js";

// Notifications are written by the change they report, in its transaction (so a notice exists
// exactly when the change committed); delivery by e-mail happens after commit and sets sent_at.

export type NewNotification = {
  recipient: { userId: string } | { email: string };
  kind: NotificationKind;
  subject: { type: string; id: string };
  title: string;
  body: string;
  labelId: string;
};

/** Queues notices in the caller's transaction. */
export async function queueNotifications(
  trx: Transaction<Database>,
  notices: readonly NewNotification[],
  now: Date,
): Promise<number> {
  if (notices.length === 0) return 0;
  const at = now.toISOString();
  const rows = notices.map((n) => ({
    id: randomUUID(),
    recipient_user_id: "userId" in n.recipient ? n.recipient.userId : null,
    recipient_email: "email" in n.recipient ? n.recipient.email.toLowerCase() : null,
    kind: n.kind,
    subject_type: n.subject.type,
    subject_id: n.subject.id,
    title: n.title,
    body: n.body,
    label_id: n.labelId,
    created_at: at,
    read_at: null,
    sent_at: null,
  }));
  // Chunks keep each statement under both engines' bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto("notification")
      .values(rows.slice(i, i + 500))
      .execute();
  }
  return rows.length;
}

/** The viewer's inbox, newest first: only notices whose label the viewer may read today. */
export async function listNotifications(db: Db, viewer: Viewer, query: TListNotificationsQuery, now: Date) {
  if (viewer.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first");
  const f = parseInput(ZListNotificationsQuery, query);
  const at = today(now);
  const mine = db
    .selectFrom("notification")
    .where("notification.recipient_user_id", "=", viewer.userId)
    .where(readableLabel(db, viewer, at, "notification.label_id"));
  const [rows, unread] = await Promise.all([
    mine
      .selectAll()
      .$if(f.unread === true, (q) => q.where("notification.read_at", "is", null))
      .$if(f.unread === false, (q) => q.where("notification.read_at", "is not", null))
      .orderBy("notification.created_at", "desc")
      .orderBy("notification.id")
      .limit(f.limit)
      .execute(),
    mine
      .select((eb) => eb.fn.countAll().as("n"))
      .where("notification.read_at", "is", null)
      .executeTakeFirst(),
  ]);
  return {
    notifications: rows.map(
      (r): TNotificationView => ({
        id: r.id,
        kind: r.kind,
        subjectType: r.subject_type,
        subjectId: r.subject_id,
        title: r.title,
        body: r.body,
        createdAt: r.created_at,
        readAt: r.read_at,
      }),
    ),
    unreadCount: Number(unread?.n ?? 0),
  };
}

/** Marks one of the viewer's notices read (idempotent). Someone else's notice is NOT_FOUND. */
export async function markNotificationRead(db: Db, viewer: Viewer, id: string, now: Date): Promise<void> {
  if (viewer.userId === null) throw new AppError("UNAUTHENTICATED", "Log in first");
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("notification")
      .select(["id", "read_at"])
      .where("id", "=", id)
      .where("recipient_user_id", "=", viewer.userId)
      .where(readableLabel(trx, viewer, at.slice(0, 10), "notification.label_id"))
      .executeTakeFirst();
    if (!row) throw notFound("notification", id);
    if (row.read_at !== null) return;
    await trx.updateTable("notification").set({ read_at: at }).where("id", "=", id).execute();
    await recordAuditEvent(
      trx,
      { actor: viewer, action: "notification.read", objectType: "notification", objectId: id, outcome: "success" },
      now,
    );
  });
}
