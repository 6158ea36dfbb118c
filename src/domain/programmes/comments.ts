import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { isStaff } from "../identity/authorize.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { noticesToPartner, noticesToStaff } from "./notices.js";
import { denyAction } from "./programmes.js";
import { type TProgrammeComment, type TProgrammeCommentInput, ZProgrammeCommentInput } from "./programmes.schema.js";
import { type DbOrTrx, findReadableProgramme, isPartnerOf, type ProgrammeRow, programmeTitle } from "./rules.js";

// Comments beside a section of one revision: the consultation's conversation.

/** Staff comment in consultation and while submitted; the partner's own users in consultation. */
export function canCommentOn(viewer: Viewer, programme: ProgrammeRow): boolean {
  if (isStaff(viewer)) return programme.status === "consultation" || programme.status === "submitted";
  return isPartnerOf(viewer, programme.nation_code) && programme.status === "consultation";
}

/** A programme's comments, oldest first, with their authors. */
export async function listComments(db: DbOrTrx, programmeId: string): Promise<TProgrammeComment[]> {
  const rows = await db
    .selectFrom("programme_comment")
    .innerJoin("app_user", "app_user.id", "programme_comment.author_user_id")
    .innerJoin("organisation", "organisation.id", "app_user.organisation_id")
    .select([
      "programme_comment.id",
      "programme_comment.revision_number",
      "programme_comment.section",
      "programme_comment.body",
      "programme_comment.created_at",
      "app_user.id as user_id",
      "app_user.username",
      "app_user.display_name",
      "organisation.name as organisation",
    ])
    .where("programme_comment.programme_id", "=", programmeId)
    .orderBy("programme_comment.created_at")
    .orderBy("programme_comment.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision_number,
    section: r.section,
    body: r.body,
    author: { id: r.user_id, username: r.username, displayName: r.display_name, organisation: r.organisation },
    createdAt: r.created_at,
  }));
}

/** Adds a comment beside a section of a revision (the current one by default) and tells the other side. */
export async function addProgrammeComment(
  db: Db,
  actor: Viewer,
  programmeId: string,
  input: TProgrammeCommentInput,
  now: Date,
): Promise<TProgrammeComment> {
  const parsed = parseInput(ZProgrammeCommentInput, input);
  const programme = await findReadableProgramme(db, actor, programmeId, now);
  const staff = isStaff(actor);
  if (!staff && !isPartnerOf(actor, programme.nation_code)) {
    await denyAction(db, actor, "programme.comment", "only alliance staff and the partner's own users", now);
  }
  if (!canCommentOn(actor, programme)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot comment on programme ${programme.title}: it is ${programme.status}; comments are taken in consultation${staff ? " and while submitted" : ""}`,
      { status: programme.status },
    );
  }
  const revision = parsed.revision ?? programme.current_revision;
  if (revision > programme.current_revision) {
    throw fieldError("revision", `no revision ${revision}: the current revision is ${programme.current_revision}`);
  }
  const at = now.toISOString();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("programme_comment")
      .values({
        id,
        programme_id: programme.id,
        revision_number: revision,
        section: parsed.section,
        body: parsed.body,
        author_user_id: actor.userId ?? "",
        created_at: at,
      })
      .execute();
    const title = await programmeTitle(trx, programme);
    const subject = `${title}: a comment on ${parsed.section}`;
    const body = `${actor.username ?? "Someone"} commented on ${parsed.section} of revision ${revision}.`;
    const notices = staff
      ? await noticesToPartner(trx, programme, "programme-commented", subject, body, today(now))
      : await noticesToStaff(trx, programme, "programme-commented", subject, body, today(now));
    await queueNotifications(
      trx,
      notices.filter((n) => !("userId" in n.recipient) || n.recipient.userId !== actor.userId),
      now,
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "programme.comment",
        objectType: "programme",
        objectId: programme.id,
        objectLabel: await getLabel(trx, programme.label_id),
        outcome: "success",
        details: { comment: id, revision, section: parsed.section },
      },
      now,
    );
  });
  const created = (await listComments(db, programme.id)).find((c) => c.id === id);
  if (!created) throw new AppError("INTERNAL", "The comment was not saved");
  return created;
}
