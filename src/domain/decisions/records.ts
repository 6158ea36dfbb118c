import type { Selectable, Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, DecisionTable } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import type { DecisionInfo } from "./subject-hooks.js";
import { formatInZone } from "./time-zones.js";

// Reading decision rows under the label rule, and what the other modules are told of them.

type DbOrTrx = Db | Transaction<Database>;
export type DecisionRow = Selectable<DecisionTable>;

/** The decision if `viewer` may read its label today; NOT_FOUND otherwise (hidden is missing). */
export async function findReadableDecision(db: DbOrTrx, viewer: Viewer, id: string, now: Date): Promise<DecisionRow> {
  const row = await db
    .selectFrom("decision")
    .selectAll()
    .where("decision.id", "=", id)
    .where(readableLabel(db, viewer, today(now), "decision.label_id"))
    .executeTakeFirst();
  if (!row) throw notFound("decision", id);
  return row;
}

export function decisionInfo(row: DecisionRow): DecisionInfo {
  return {
    id: row.id,
    reference: row.reference,
    procedure: row.procedure,
    status: row.status,
    decisionDate: row.decision_date,
    closedAt: row.closed_at,
    effectiveDate: effectiveDateOf(row),
    brokenByNation: row.broken_by_nation,
  };
}

function effectiveDateOf(row: DecisionRow): string | null {
  if (row.closed_at === null) return null;
  if (row.procedure !== "silence") return row.decision_date;
  return formatInZone(row.closed_at, row.deadline_zone ?? "UTC").slice(0, 10);
}

/** "2012-03-16 17:00 Europe/Brussels": an instant as the deadline's zone writes it. */
export function deadlineText(row: DecisionRow, instant: string | null = row.deadline_at): string {
  const zone = row.deadline_zone ?? "UTC";
  return instant === null ? "" : `${formatInZone(instant, zone)} ${zone}`;
}
