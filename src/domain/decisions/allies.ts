import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { membershipInForceAt } from "../frameworks/membership-sql.js";
import type { Viewer } from "../labels/viewer.js";

// The Allies as of a date: nations whose NATO membership is in force then (active, not
// suspended). Only they take a decision, and only their delegations may break silence.

type DbOrTrx = Db | Transaction<Database>;

export const ALLIANCE_FRAMEWORK = "NATO";

/** The Allies' codes on `date`, sorted. */
export async function listAlliesAt(db: DbOrTrx, date: string): Promise<string[]> {
  const rows = await db
    .selectFrom("membership")
    .select("membership.nation_code")
    .distinct()
    .where("membership.framework_code", "=", ALLIANCE_FRAMEWORK)
    .where(membershipInForceAt(date))
    .orderBy("membership.nation_code")
    .execute();
  return rows.map((r) => r.nation_code);
}

export async function isAllyAt(db: DbOrTrx, nation: string, date: string): Promise<boolean> {
  const row = await db
    .selectFrom("membership")
    .select("membership.id")
    .where("membership.framework_code", "=", ALLIANCE_FRAMEWORK)
    .where("membership.nation_code", "=", nation)
    .where(membershipInForceAt(date))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Why `viewer` may not break silence on a decision of `decisionDate`, or null if it may: a user
 * with role 'delegation' in a delegation (organisation kind) of a nation that was an Ally then.
 */
export async function objectionRefusal(db: DbOrTrx, viewer: Viewer, decisionDate: string): Promise<string | null> {
  if (!viewer.roles.includes("delegation") || viewer.organisation === null || viewer.nation === null) {
    return "Only an Ally's delegation can break silence";
  }
  const organisation = await db
    .selectFrom("organisation")
    .select(["kind", "nation_code"])
    .where("name", "=", viewer.organisation)
    .executeTakeFirst();
  if (organisation === undefined || organisation.kind !== "delegation" || organisation.nation_code !== viewer.nation) {
    return "Only an Ally's delegation can break silence";
  }
  if (!(await isAllyAt(db, viewer.nation, decisionDate))) {
    return `${viewer.nation} was not an Ally on ${decisionDate}, the decision date: only the Allies as of that date take this decision`;
  }
  return null;
}
