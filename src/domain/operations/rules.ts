import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { isStaff as hasStaffRole } from "../identity/authorize.js";
import { createLabelAs } from "../labels/labels.js";
import type { TLabel, TLabelInput } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";
import { fieldError } from "../shared/validation.js";

// What the operations module's files share: roles, dates, lookups of operations and nations.

export type DbOrTrx = Db | Transaction<Database>;

/** A staff user (not a nationless CLI actor: records here name their author), as requireRole demands. */
export const isStaff = (viewer: Viewer) => viewer.userId !== null && hasStaffRole(viewer);

/** A nation's own user (its mission or delegation) speaking for `nation`. */
export const speaksFor = (viewer: Viewer, nation: string) =>
  viewer.userId !== null &&
  viewer.nation === nation &&
  (viewer.roles.includes("partner") || viewer.roles.includes("delegation"));

export async function findOperationRow(db: DbOrTrx, code: string) {
  return db.selectFrom("operation").selectAll().where("code", "=", code.toUpperCase()).executeTakeFirst();
}

export type OperationRow = NonNullable<Awaited<ReturnType<typeof findOperationRow>>>;

/** The operation, or NOT_FOUND (operations are public reference data). */
export async function requireOperation(db: DbOrTrx, code: string): Promise<OperationRow> {
  const row = await findOperationRow(db, code);
  if (!row) throw notFound("operation", code.toUpperCase());
  return row;
}

/** The operation named by an input field, or VALIDATION naming the field. */
export async function operationOfField(db: DbOrTrx, code: string, field = "operation"): Promise<OperationRow> {
  const row = await findOperationRow(db, code);
  if (!row) throw fieldError(field, `unknown operation '${code}'`);
  return row;
}

/** The nation named by an input field ({code, name}), or VALIDATION naming the field. */
export async function nationOfField(db: DbOrTrx, code: string, field = "nation") {
  const row = await db.selectFrom("nation").select(["code", "name"]).where("code", "=", code).executeTakeFirst();
  if (!row) throw fieldError(field, `unknown nation '${code}'`);
  return row;
}

/** Whether the operation runs on `date` (its end is exclusive). */
export const runsOn = (op: Pick<OperationRow, "start_date" | "end_date">, date: string) =>
  op.start_date <= date && (op.end_date === null || date < op.end_date);

/** Stores the input label or the default, refusing one above the actor's clearance (VALIDATION on label.classification). */
export async function storeLabel(trx: DbOrTrx, actor: Viewer, input: TLabelInput, at: string): Promise<TLabel> {
  return createLabelAs(trx, actor, input, at, "label");
}
