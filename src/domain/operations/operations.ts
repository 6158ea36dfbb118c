import type { Db } from "../../db/connect.js";
import { notFound } from "../../errors.js";
import { readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { type TOperation, type TOperationSummary, ZAsOfQuery } from "./operations.schema.js";
import { contributorsToken } from "./recognition-sql.js";
import { type OperationRow, requireOperation, runsOn } from "./rules.js";

// NATO-led operations: public reference data loaded from the seed (data/seed/operations.yaml).

function presentSummary(row: OperationRow, asOf: string): TOperationSummary {
  return {
    code: row.code,
    name: row.name,
    theatre: row.theatre,
    startDate: row.start_date,
    startPrecision: row.start_precision,
    endDate: row.end_date,
    endPrecision: row.end_precision,
    active: runsOn(row, asOf),
  };
}

/** Every operation the viewer may read, in the seed's order; `active` as of `asOf` (today by default). */
export async function listOperations(
  db: Db,
  viewer: Viewer,
  query: { asOf?: string | undefined },
  now: Date,
): Promise<TOperationSummary[]> {
  const parsed = parseInput(ZAsOfQuery, query);
  const asOf = parsed.asOf ?? today(now);
  const rows = await db
    .selectFrom("operation")
    .selectAll()
    .where(readableLabel(db, viewer, today(now), "operation.label_id"))
    .orderBy("sort_order")
    .orderBy("start_date")
    .orderBy("code")
    .execute();
  return rows.map((r) => presentSummary(r, asOf));
}

/** One operation with its mandate, source and contributors' token; NOT_FOUND for an unknown code. */
export async function getOperation(db: Db, viewer: Viewer, code: string, now: Date): Promise<TOperation> {
  const row = await requireOperation(db, code);
  const readable = await db
    .selectFrom("operation")
    .select("code")
    .where("code", "=", row.code)
    .where(readableLabel(db, viewer, today(now), "operation.label_id"))
    .executeTakeFirst();
  // A hidden operation answers like a missing one.
  if (!readable) throw notFound("operation", row.code);
  const source = await db.selectFrom("source").select("url").where("id", "=", row.cite).executeTakeFirst();
  return {
    ...presentSummary(row, today(now)),
    mandate: row.mandate,
    note: row.note,
    cite: row.cite,
    citeUrl: source?.url ?? null,
    contributorsToken: contributorsToken(row.code),
  };
}
