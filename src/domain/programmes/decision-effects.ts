import type { Transaction } from "kysely";
import type { Database } from "../../db/schema.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import type { DecisionInfo, DecisionSubjectHooks } from "../decisions/subject-hooks.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import type { NewNotification } from "../notifications/notifications.js";
import { today } from "../shared/dates.js";
import { noticesToPartner } from "./notices.js";
import { hasOpenProcedure, type ProgrammeRow, programmeTitle } from "./rules.js";

// How the Council's decision moves a programme. Called by the decisions module inside its own
// transaction: the programme's change, its audit event and the notices commit with the decision.

type Trx = Transaction<Database>;

async function loadProgramme(trx: Trx, id: string): Promise<ProgrammeRow> {
  const row = await trx.selectFrom("programme").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("programme", id);
  return row;
}

async function open(trx: Trx, programmeId: string, decision: DecisionInfo, _actor: Viewer | null, _now: Date) {
  const programme = await loadProgramme(trx, programmeId);
  if (programme.status !== "submitted") {
    throw new AppError(
      "INVALID_STATE",
      `Cannot put programme ${programme.title} to the Council: it is ${programme.status}; only a submitted programme can be decided`,
      { status: programme.status, decision: decision.reference },
    );
  }
  if (programme.council_decision_id !== null) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot put programme ${programme.title} to the Council: the Council has already adopted it`,
      { status: programme.status, councilDecisionId: programme.council_decision_id },
    );
  }
  // The decisions module may insert its own row before calling: only another open procedure counts.
  if (await hasOpenProcedure(trx, programme.id, decision.id)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot put programme ${programme.title} to the Council: a procedure on it is already open`,
      { status: programme.status },
    );
  }
  return { labelId: programme.label_id, title: await programmeTitle(trx, programme) };
}

async function close(
  trx: Trx,
  programmeId: string,
  decision: DecisionInfo,
  actor: Viewer | null,
  now: Date,
): Promise<NewNotification[]> {
  const programme = await loadProgramme(trx, programmeId);
  if (decision.status === "withdrawn" || decision.status === "open") return [];
  const at = now.toISOString();
  const title = await programmeTitle(trx, programme);
  const adopted = decision.status === "adopted";
  // Both outcomes apply only to a programme still before the Council (submitted, not yet adopted).
  const result = await trx
    .updateTable("programme")
    .set(adopted ? { council_decision_id: decision.id, updated_at: at } : { status: "consultation", updated_at: at })
    .where("id", "=", programme.id)
    .where("status", "=", "submitted")
    .where("council_decision_id", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot apply decision ${decision.reference} to programme ${programme.title}: it is ${programme.status}${programme.council_decision_id === null ? "" : " and already adopted"}`,
      { status: programme.status },
    );
  }
  const to = adopted ? "submitted" : "consultation";
  await recordAuditEvent(
    trx,
    {
      actor,
      action: adopted ? "programme.council-adopted" : "programme.council-returned",
      objectType: "programme",
      objectId: programme.id,
      objectLabel: await getLabel(trx, programme.label_id),
      outcome: "success",
      details: {
        decision: decision.reference,
        outcome: decision.status,
        from: programme.status,
        to,
        brokenBy: decision.brokenByNation,
      },
    },
    now,
  );
  const why =
    decision.status === "silence-broken"
      ? `silence was broken${decision.brokenByNation === null ? "" : ` by ${decision.brokenByNation}`}`
      : "the Council reached no consensus";
  return adopted
    ? noticesToPartner(
        trx,
        programme,
        "programme-agreed",
        `${title}: adopted by the Council`,
        `The Council adopted ${title} (decision ${decision.reference}). Accept it to make it agreed.`,
        today(now),
      )
    : noticesToPartner(
        trx,
        programme,
        "programme-status",
        `${title}: returned to consultation`,
        `Decision ${decision.reference} did not pass (${why}). The programme is back in consultation and can be revised.`,
        today(now),
      );
}

async function title(db: Parameters<DecisionSubjectHooks["title"]>[0], id: string): Promise<string | null> {
  const row = await db.selectFrom("programme").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? programmeTitle(db, row) : null;
}

/** The programme's side of a Council decision (see DecisionSubjectHooks). */
export const programmeDecisionHooks: DecisionSubjectHooks = Object.freeze({ open, close, title });
