import type { Expression, ExpressionBuilder, Selectable, SqlBool, Transaction } from "kysely";
import { sql } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, MeetingTable } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { isStaff } from "../identity/authorize.js";
import { readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";

// What every meetings file shares: the row type, who is staff, and THE rule for seeing a meeting.

export type DbOrTrx = Db | Transaction<Database>;
export type Trx = Transaction<Database>;
export type MeetingRow = Selectable<MeetingTable>;

/**
 * THE rule for seeing a meeting, as SQL on `meeting`: staff see every meeting whose label they may
 * read; anyone else only a meeting their nation is invited to (a meeting_invitation row, so
 * nothing before invitations go out) AND whose label they may read. Composed before any LIMIT.
 */
export function visibleMeeting(db: DbOrTrx, viewer: Viewer, at: string) {
  return (eb: ExpressionBuilder<Database, "meeting">): Expression<SqlBool> => {
    const label = readableLabel(db, viewer, at, "meeting.label_id")(eb);
    if (isStaff(viewer)) return label;
    if (viewer.nation === null) return sql<SqlBool>`1 = 0`;
    const invited = eb.exists(
      eb
        .selectFrom("meeting_invitation")
        .select("meeting_invitation.meeting_id")
        .whereRef("meeting_invitation.meeting_id", "=", "meeting.id")
        .where("meeting_invitation.nation_code", "=", viewer.nation),
    );
    return eb.and([invited, label]);
  };
}

/** The meeting if `viewer` may see it today; NOT_FOUND otherwise, exactly like a missing one. */
export async function findReadableMeeting(db: DbOrTrx, viewer: Viewer, id: string, now: Date): Promise<MeetingRow> {
  const row = await db
    .selectFrom("meeting")
    .selectAll()
    .where("meeting.id", "=", id)
    .where(visibleMeeting(db, viewer, today(now)))
    .executeTakeFirst();
  if (!row) throw notFound("meeting", id);
  return row;
}
