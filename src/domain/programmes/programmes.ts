import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { AppError, notFound } from "../../errors.js";
import { isUniqueViolation } from "../activities/activities.js";
import { recordAuditEvent } from "../audit/audit.js";
import { isStaff, refuse } from "../identity/authorize.js";
import { createLabel, getLabel } from "../labels/labels.js";
import { hasRole, type Viewer } from "../labels/viewer.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { checkContent, programmeSearchText } from "./content.js";
import {
  type TProgrammeContent,
  type TProgrammeInput,
  type TProgrammeRevisionInput,
  ZProgrammeContent,
  ZProgrammeInput,
  ZProgrammeRevisionInput,
} from "./programmes.schema.js";
import { checkPeriod, type DbOrTrx, findReadableProgramme, isPartnerOf, type ProgrammeRow } from "./rules.js";

// Creating a programme and saving its revisions: every version of the content is kept.

/** A refusal of a programme action (who may act depends on the nation, not only the role). */
export function denyAction(db: Db, actor: Viewer, action: string, reason: string, now: Date): Promise<never> {
  return refuse(db, actor, { action, details: { reason } }, `You may not '${action}': ${reason}`, now);
}

async function nationName(db: DbOrTrx, code: string): Promise<string | undefined> {
  const row = await db.selectFrom("nation").select("name").where("code", "=", code).executeTakeFirst();
  return row?.name;
}

/** The content of one revision, parsed (stored JSON is trusted but re-read through the schema). */
export async function readRevisionContent(db: DbOrTrx, programmeId: string, number: number) {
  const row = await db
    .selectFrom("programme_revision")
    .selectAll()
    .where("programme_id", "=", programmeId)
    .where("number", "=", number)
    .executeTakeFirst();
  if (!row) throw notFound("revision", String(number));
  return { ...row, content: ZProgrammeContent.parse(JSON.parse(row.content)) as TProgrammeContent };
}

/**
 * A new programme in draft with revision 1, labelled NATO UNCLASSIFIED releasable to the partner
 * and NATO. The partner's own users (their nation by default) or staff and admins (naming it).
 */
export async function createProgramme(db: Db, actor: Viewer, input: TProgrammeInput, now: Date): Promise<ProgrammeRow> {
  const parsed = parseInput(ZProgrammeInput, input);
  const nation = parsed.nation ?? (hasRole(actor, "partner") ? actor.nation : null);
  if (!isStaff(actor) && !(nation !== null && isPartnerOf(actor, nation))) {
    await denyAction(db, actor, "programme.create", "only the partner's own users and alliance staff", now);
  }
  if (nation === null) throw fieldError("nation", "is required");
  const name = await nationName(db, nation);
  if (name === undefined) throw fieldError("nation", `unknown nation '${nation}'`);
  const type = checkPeriod(parsed.periodStart, parsed.periodEnd);
  await checkContent(db, parsed.content, nation, actor, now);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const label = await createLabel(trx, { classification: "NU", releasableTo: [nation, "NATO"] }, at);
    const row: ProgrammeRow = {
      id: randomUUID(),
      nation_code: nation,
      type,
      title: parsed.title,
      period_start: parsed.periodStart,
      period_end: parsed.periodEnd,
      status: "draft",
      current_revision: 1,
      council_decision_id: null,
      accepted_at: null,
      accepted_by: null,
      superseded_by: null,
      label_id: label.id,
      created_by: actor.userId ?? "",
      created_at: at,
      updated_at: at,
      search_text: programmeSearchText(parsed.title, name, parsed.content),
    };
    await trx.insertInto("programme").values(row).execute();
    await trx
      .insertInto("programme_revision")
      .values({
        programme_id: row.id,
        number: 1,
        title: row.title,
        content: JSON.stringify(parsed.content),
        note: "",
        created_by: row.created_by,
        created_at: at,
      })
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "programme.create",
        objectType: "programme",
        objectId: row.id,
        objectLabel: label,
        outcome: "success",
        details: { nation, type, periodStart: row.period_start, periodEnd: row.period_end },
      },
      now,
    );
    return row;
  });
}

/** Whether `viewer` may save a revision now: draft or consultation, the partner's own users or staff. */
export function canEditProgramme(viewer: Viewer, programme: ProgrammeRow): boolean {
  return (
    (programme.status === "draft" || programme.status === "consultation") &&
    (isStaff(viewer) || isPartnerOf(viewer, programme.nation_code))
  );
}

/**
 * Saves revision n+1 (and the title, if given). INVALID_STATE outside draft and consultation;
 * CONFLICT naming the current revision when `expectedRevision` is stale.
 */
export async function saveProgrammeRevision(
  db: Db,
  actor: Viewer,
  programmeId: string,
  input: TProgrammeRevisionInput,
  now: Date,
): Promise<ProgrammeRow> {
  const parsed = parseInput(ZProgrammeRevisionInput, input);
  const programme = await findReadableProgramme(db, actor, programmeId, now);
  if (!isStaff(actor) && !isPartnerOf(actor, programme.nation_code)) {
    await denyAction(db, actor, "programme.revise", "only the partner's own users and alliance staff", now);
  }
  if (!canEditProgramme(actor, programme)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot revise programme ${programme.title}: it is ${programme.status}; only a draft or a programme in consultation can be revised`,
      { status: programme.status },
    );
  }
  await checkContent(db, parsed.content, programme.nation_code, actor, now);
  const name = (await nationName(db, programme.nation_code)) ?? programme.nation_code;
  const title = parsed.title ?? programme.title;
  const number = parsed.expectedRevision + 1;
  const at = now.toISOString();
  const stale = (current: number) =>
    new AppError(
      "CONFLICT",
      `Programme ${programme.title} was revised meanwhile: the current revision is ${current}, you started from ${parsed.expectedRevision}`,
      { currentRevision: current, expectedRevision: parsed.expectedRevision },
    );
  if (parsed.expectedRevision !== programme.current_revision) throw stale(programme.current_revision);
  try {
    return await db.transaction().execute(async (trx) => {
      // Conditional on the revision and state checked: a concurrent save makes this one CONFLICT.
      const result = await trx
        .updateTable("programme")
        .set({
          current_revision: number,
          title,
          updated_at: at,
          search_text: programmeSearchText(title, name, parsed.content),
        })
        .where("id", "=", programme.id)
        .where("current_revision", "=", parsed.expectedRevision)
        .where("status", "in", ["draft", "consultation"])
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        const now2 = await trx
          .selectFrom("programme")
          .select(["current_revision", "status"])
          .where("id", "=", programme.id)
          .executeTakeFirstOrThrow();
        if (now2.current_revision !== parsed.expectedRevision) throw stale(now2.current_revision);
        throw new AppError("INVALID_STATE", `Cannot revise programme ${programme.title}: it is now ${now2.status}`, {
          status: now2.status,
        });
      }
      await trx
        .insertInto("programme_revision")
        .values({
          programme_id: programme.id,
          number,
          title,
          content: JSON.stringify(parsed.content),
          note: parsed.note,
          created_by: actor.userId ?? "",
          created_at: at,
        })
        .execute();
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "programme.revise",
          objectType: "programme",
          objectId: programme.id,
          objectLabel: await getLabel(trx, programme.label_id),
          outcome: "success",
          details: { revision: number, status: programme.status },
        },
        now,
      );
      return { ...programme, title, current_revision: number, updated_at: at };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw stale(number);
    throw error;
  }
}

/** One revision's title, note and content, if the viewer may see the programme. */
export async function getProgrammeRevision(db: Db, viewer: Viewer, programmeId: string, number: number, now: Date) {
  const programme = await findReadableProgramme(db, viewer, programmeId, now);
  const revision = await readRevisionContent(db, programme.id, number);
  return {
    number: revision.number,
    title: revision.title,
    note: revision.note,
    createdAt: revision.created_at,
    content: revision.content,
  };
}
