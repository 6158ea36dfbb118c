import type { Transaction } from "kysely";
import type { Database, RecognitionStatus } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { DecisionInfo, DecisionSubjectHooks } from "../decisions/subject-hooks.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";
import { findRecipients, noticesFor } from "../notifications/recipients.js";
import { today } from "../shared/dates.js";
import type { DbOrTrx } from "./rules.js";

// How the Council's decision moves a recognition case (subject type contributor-recognition).
// Called by the decisions module inside its own transaction: the case's move, its audit event
// and its notices commit with the decision or not at all.

type Trx = Transaction<Database>;

async function loadCase(db: DbOrTrx, id: string) {
  return db
    .selectFrom("contributor_recognition")
    .innerJoin("operation", "operation.code", "contributor_recognition.operation_code")
    .innerJoin("nation", "nation.code", "contributor_recognition.nation_code")
    .selectAll("contributor_recognition")
    .select(["operation.name as operation_name", "nation.name as nation_name"])
    .where("contributor_recognition.id", "=", id)
    .executeTakeFirst();
}

type CaseRow = NonNullable<Awaited<ReturnType<typeof loadCase>>>;

const titleOf = (r: CaseRow) =>
  `Recognition of ${r.nation_name} as a contributor to ${r.operation_name} (${r.operation_code})`;

/** The date the Council's decision took effect: a silence procedure's end (in its zone), or a meeting's date. */
export function adoptionDate(decision: DecisionInfo): string {
  return decision.effectiveDate ?? decision.decisionDate;
}

async function open(trx: Trx, id: string, decision: DecisionInfo, actor: Viewer | null, now: Date) {
  const row = await loadCase(trx, id);
  if (!row) throw notFound("recognition", id);
  if (row.status !== "advised") {
    throw new AppError(
      "INVALID_STATE",
      `Cannot put ${row.nation_name}'s case for ${row.operation_code} to the Council: it is ${row.status}, and only an advised case can be`,
      { status: row.status },
    );
  }
  const result = await trx
    .updateTable("contributor_recognition")
    .set({ status: "in-decision", decision_id: decision.id, updated_at: now.toISOString() })
    .where("id", "=", row.id)
    .where("status", "=", "advised")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError("INVALID_STATE", `Recognition case ${row.id} changed meanwhile`, { status: null });
  }
  await recordAuditEvent(
    trx,
    {
      actor,
      action: "recognition.in-decision",
      objectType: "recognition",
      objectId: row.id,
      objectLabel: await getLabel(trx, row.label_id),
      outcome: "success",
      details: { decision: decision.reference, from: "advised", to: "in-decision" },
    },
    now,
  );
  return { labelId: row.label_id, title: titleOf(row) };
}

/** Where each final outcome leaves the case: adopted recognises, anything else returns it to advised. */
function statusAfter(decision: DecisionInfo): RecognitionStatus {
  if (decision.status === "open") {
    throw new AppError("INVALID_STATE", `Decision ${decision.reference} is still open`, { status: decision.status });
  }
  return decision.status === "adopted" ? "recognised" : "advised";
}

async function close(
  trx: Trx,
  id: string,
  decision: DecisionInfo,
  actor: Viewer | null,
  now: Date,
): Promise<NewNotification[]> {
  const row = await loadCase(trx, id);
  if (!row) throw notFound("recognition", id);
  const to = statusAfter(decision);
  if (row.status !== "in-decision" || row.decision_id !== decision.id) {
    throw new AppError(
      "INVALID_STATE",
      `${titleOf(row)} is not before the Council under decision ${decision.reference}: it is ${row.status}`,
      { status: row.status },
    );
  }
  const from = to === "recognised" ? adoptionDate(decision) : null;
  const result = await trx
    .updateTable("contributor_recognition")
    .set({ status: to, recognised_from: from, updated_at: now.toISOString() })
    .where("id", "=", row.id)
    .where("status", "=", "in-decision")
    .where("decision_id", "=", decision.id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError("INVALID_STATE", `Recognition case ${row.id} changed meanwhile`, { status: null });
  }
  await recordAuditEvent(
    trx,
    {
      actor,
      action: to === "recognised" ? "recognition.recognised" : "recognition.returned",
      objectType: "recognition",
      objectId: row.id,
      objectLabel: await getLabel(trx, row.label_id),
      outcome: "success",
      details: {
        decision: decision.reference,
        outcome: decision.status,
        from: "in-decision",
        to,
        recognisedFrom: from,
      },
    },
    now,
  );
  // A withdrawn procedure is the staff's own move: nothing to tell the nation.
  if (decision.status === "withdrawn") return [];
  const [nationUsers, staff] = await Promise.all([
    findRecipients(trx, { roles: ["partner", "delegation", "staff", "admin"], nations: [row.nation_code] }),
    findRecipients(trx, { roles: ["staff", "admin"], allianceOnly: true }),
  ]);
  const why =
    decision.status === "silence-broken"
      ? `silence was broken${decision.brokenByNation === null ? "" : ` by ${decision.brokenByNation}`}`
      : "the Council reached no consensus";
  const notice =
    to === "recognised"
      ? {
          title: `${titleOf(row)}: recognised`,
          body: `The North Atlantic Council recognised ${row.nation_name} as a contributor to ${row.operation_name} from ${from} (decision ${decision.reference}). ${row.nation_name} now takes part in consultation, planning and force generation for ${row.operation_code}.`,
        }
      : {
          title: `${titleOf(row)}: not decided`,
          body: `Decision ${decision.reference} did not pass (${why}). The case is back with the staff, advised, and may be put to the Council again.`,
        };
  return noticesFor(
    trx,
    [...nationUsers, ...staff],
    {
      kind: "recognition-decided",
      subject: { type: "recognition", id: row.id },
      labelId: row.label_id,
      ...notice,
    },
    today(now),
  );
}

/** The decisions module's hooks for subject type 'contributor-recognition'. */
export const recognitionDecisionHooks: DecisionSubjectHooks = Object.freeze({
  open,
  close,
  title: async (db: DbOrTrx, id: string) => {
    const row = await loadCase(db, id);
    return row ? titleOf(row) : null;
  },
});
