import { randomUUID } from "node:crypto";
import type { Expression, ExpressionBuilder, Selectable, SqlBool, Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { ActivityStatus, ActivityTable, Database, IterationTable } from "../../db/schema.js";
import { AppError, isAppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { parseTokens, resolveTokens } from "../frameworks/tokens.js";
import { isStaff, requireRole } from "../identity/authorize.js";
import { createLabel, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { indexText, searchTextOf } from "../search/text-search.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import { type TActivityInput, type TIterationInput, ZActivityInput, ZIterationInput } from "./activities.schema.js";

type DbOrTrx = Db | Transaction<Database>;
export type Activity = Selectable<ActivityTable>;
export type Iteration = Selectable<IterationTable>;

/** What a partner (anyone but staff, admins and the owner) sees of the menu: published or later, never cancelled. */
export const PUBLIC_STATUSES: readonly ActivityStatus[] = [
  "published",
  "nominations-open",
  "nominations-closed",
  "conducted",
  "feedback-collected",
  "archived",
];

/** The states before `conducted`: an activity can be cancelled, and its fields edited, in any of them. */
export const BEFORE_CONDUCTED: readonly ActivityStatus[] = [
  "proposed",
  "approved",
  "published",
  "nominations-open",
  "nominations-closed",
];

/** The states in which an activity accepts new iterations (addIteration, imports). */
export const ACCEPTS_ITERATIONS: readonly ActivityStatus[] = ["proposed", "approved", "published", "nominations-open"];

/**
 * THE rule for seeing an activity, as SQL on `activity`: its label is readable by the viewer on
 * `at`, and it is past approval (PUBLIC_STATUSES) unless the viewer is staff or belongs to the
 * owner organisation. Every listing, page, export and feed composes it before any LIMIT.
 */
export function visibleActivity(db: DbOrTrx, viewer: Viewer, at: string) {
  return (eb: ExpressionBuilder<Database, "activity">): Expression<SqlBool> => {
    const label = readableLabel(db, viewer, at, "activity.label_id")(eb);
    if (isStaff(viewer)) return label;
    const byStatus = eb("activity.status", "in", PUBLIC_STATUSES);
    const status =
      viewer.organisation === null
        ? byStatus
        : eb.or([
            byStatus,
            eb(
              "activity.owner_organisation_id",
              "in",
              eb
                .selectFrom("organisation")
                .select("organisation.id")
                .where("organisation.name", "=", viewer.organisation),
            ),
          ]);
    return eb.and([label, status]);
  };
}

/** Whether `viewer` speaks for the activity's owner organisation (reviews nominations, records attendance). */
export async function isActivityOwner(db: DbOrTrx, viewer: Viewer, activity: Activity): Promise<boolean> {
  if (activity.owner_organisation_id === null || viewer.organisation === null || viewer.userId === null) return false;
  const org = await db
    .selectFrom("organisation")
    .select("id")
    .where("id", "=", activity.owner_organisation_id)
    .where("name", "=", viewer.organisation)
    .executeTakeFirst();
  return org !== undefined;
}

/** The activity if `viewer` may see it today (visibleActivity); NOT_FOUND otherwise (a hidden record does not exist). */
export async function findReadableActivity(db: DbOrTrx, viewer: Viewer, activityId: string, now: Date) {
  const row = await db
    .selectFrom("activity")
    .selectAll()
    .where("activity.id", "=", activityId)
    .where(visibleActivity(db, viewer, today(now)))
    .executeTakeFirst();
  if (!row) throw notFound("activity", activityId);
  return row;
}

/** The iteration and its activity, if the activity is readable by `viewer`; NOT_FOUND otherwise. */
export async function findReadableIteration(db: DbOrTrx, viewer: Viewer, iterationId: string, now: Date) {
  const iteration = await db.selectFrom("iteration").selectAll().where("id", "=", iterationId).executeTakeFirst();
  if (!iteration) throw notFound("iteration", iterationId);
  try {
    const activity = await findReadableActivity(db, viewer, iteration.activity_id, now);
    return { iteration, activity };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") throw notFound("iteration", iterationId);
    throw error;
  }
}

/** PostgreSQL unique violation (23505) or SQLite's UNIQUE constraint failure. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code } = error as { code?: unknown };
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

/**
 * Checks what an activity input refers to: the audience's tokens, the areas of cooperation and
 * the owner organisation (by name). VALIDATION naming the field otherwise. Returns the areas
 * without repeats and the owner organisation's id.
 */
export async function checkActivityReferences(
  db: DbOrTrx,
  parsed: { audience: string; areas: readonly string[]; ownerOrganisation?: string | undefined },
): Promise<{ areas: string[]; ownerOrganisationId: string | null }> {
  try {
    await resolveTokens(db, parseTokens(parsed.audience));
  } catch (error) {
    if (isAppError(error)) throw fieldError("audience", error.message);
    throw error;
  }
  const areas = [...new Set(parsed.areas)];
  if (areas.length > 0) {
    const known = await db.selectFrom("area").select("code").where("code", "in", areas).execute();
    const unknown = areas.find((a) => !known.some((k) => k.code === a));
    if (unknown !== undefined) throw fieldError("areas", `unknown area '${unknown}'`);
  }
  let ownerOrganisationId: string | null = null;
  if (parsed.ownerOrganisation !== undefined) {
    const org = await db
      .selectFrom("organisation")
      .select("id")
      .where("name", "=", parsed.ownerOrganisation)
      .executeTakeFirst();
    if (!org) throw fieldError("ownerOrganisation", `unknown organisation '${parsed.ownerOrganisation}'`);
    ownerOrganisationId = org.id;
  }
  return { areas, ownerOrganisationId };
}

/** A new activity in status `proposed`, with its label, areas and one audit event. Staff and admins only. */
export async function createActivity(db: Db, actor: Viewer, input: TActivityInput, now: Date): Promise<Activity> {
  await requireRole(db, actor, "activity.create", ["staff", "admin"], now);
  const parsed = parseInput(ZActivityInput, input);
  const { areas, ownerOrganisationId } = await checkActivityReferences(db, parsed);
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      const label = await createLabel(trx, parsed.label, at);
      const row: Activity = {
        id: randomUUID(),
        reference: parsed.reference,
        owner: parsed.owner,
        owner_organisation_id: ownerOrganisationId,
        title: parsed.title,
        kind: parsed.kind,
        description: parsed.description,
        aim: parsed.aim,
        fees: parsed.fees,
        point_of_contact: parsed.pointOfContact,
        audience: parsed.audience,
        required_clearance: parsed.requiredClearance,
        language: parsed.language,
        language_level: parsed.languageLevel,
        label_id: label.id,
        status: "proposed",
        created_at: at,
        updated_at: at,
        search_text: searchTextOf(parsed.reference, parsed.title, parsed.description, parsed.aim, parsed.owner),
      };
      await trx.insertInto("activity").values(row).execute();
      await indexText(trx, "activity", row.id, row.search_text);
      if (areas.length > 0) {
        await trx
          .insertInto("activity_area")
          .values(areas.map((area_code) => ({ activity_id: row.id, area_code })))
          .execute();
      }
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "activity.create",
          objectType: "activity",
          objectId: row.id,
          objectLabel: label,
          outcome: "success",
          details: { reference: row.reference },
        },
        now,
      );
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `An activity with reference '${parsed.reference}' already exists`, {
        reference: parsed.reference,
      });
    }
    throw error;
  }
}

/** A new iteration (one run of the activity: dates, place, seats). Staff and admins; not once conducted or cancelled. */
export async function addIteration(
  db: Db,
  actor: Viewer,
  activityId: string,
  input: TIterationInput,
  now: Date,
): Promise<Iteration> {
  await requireRole(db, actor, "iteration.create", ["staff", "admin"], now);
  const parsed = parseInput(ZIterationInput, input);
  const activity = await findReadableActivity(db, actor, activityId, now);
  if (!ACCEPTS_ITERATIONS.includes(activity.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot add an iteration to activity ${activity.reference}: it is ${activity.status}`,
      { status: activity.status },
    );
  }
  const country = await db
    .selectFrom("nation")
    .select("code")
    .where("code", "=", parsed.countryCode)
    .executeTakeFirst();
  if (!country) {
    throw new AppError("VALIDATION", `Invalid input: countryCode: unknown nation '${parsed.countryCode}'`, {
      fields: [{ field: "countryCode", message: `unknown nation '${parsed.countryCode}'` }],
    });
  }
  const row: Iteration = {
    id: randomUUID(),
    activity_id: activity.id,
    code: parsed.code,
    start_date: parsed.startDate,
    end_date: parsed.endDate,
    city: parsed.city,
    country_code: parsed.countryCode,
    seats: parsed.seats,
    confirmed_count: 0,
    nomination_deadline: parsed.nominationDeadline,
    two_step: parsed.twoStep ? 1 : 0,
    created_at: now.toISOString(),
    status: "scheduled",
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("iteration").values(row).execute();
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "iteration.create",
          objectType: "iteration",
          objectId: row.id,
          outcome: "success",
          details: { activity: activity.reference, code: row.code, seats: row.seats },
        },
        now,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("CONFLICT", `Activity ${activity.reference} already has an iteration '${parsed.code}'`, {
        code: parsed.code,
      });
    }
    throw error;
  }
  return row;
}
