import type { Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { type NewNotification, queueNotifications } from "../notifications/notifications.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { noticesToDelegations, noticesToPartner, noticesToStaff } from "./notices.js";
import { denyAction } from "./programmes.js";
import { PROGRAMME_ACTIONS, type TProgrammeAction, ZProgrammeAction } from "./programmes.schema.js";
import {
  findReadableProgramme,
  hasOpenProcedure,
  mayAct,
  PROGRAMME_TRANSITIONS,
  type ProgrammeRow,
  programmeTitle,
} from "./rules.js";

// Moves a programme by one action of PROGRAMME_TRANSITIONS: state, role, Council conditions,
// conditional update, audit event and notices, in that order.

type Trx = Transaction<Database>;

/** Why an action is refused by the Council's state (procedure open, already adopted, not yet adopted), or null. */
function councilObstacle(action: TProgrammeAction, programme: ProgrammeRow, procedureOpen: boolean): string | null {
  const t = PROGRAMME_TRANSITIONS[action];
  if (t.notWhileProcedureOpen === true && procedureOpen) return "a Council procedure is open on it";
  if (t.notOnceAdopted === true && programme.council_decision_id !== null) return "the Council has adopted it";
  if (t.onlyOnceAdopted === true && programme.council_decision_id === null) return "the Council has not adopted it";
  return null;
}

/** The actions `viewer` may take on the programme now: exactly what transitionProgramme would accept. */
export function allowedActionsFor(viewer: Viewer, programme: ProgrammeRow, procedureOpen: boolean): TProgrammeAction[] {
  return PROGRAMME_ACTIONS.filter((action) => {
    const t = PROGRAMME_TRANSITIONS[action];
    return (
      t.from.includes(programme.status) &&
      mayAct(viewer, t.by, programme.nation_code) &&
      councilObstacle(action, programme, procedureOpen) === null
    );
  });
}

async function noticesFor(
  trx: Trx,
  action: TProgrammeAction,
  programme: ProgrammeRow,
  title: string,
  at: string,
): Promise<NewNotification[]> {
  switch (action) {
    case "submit":
      return [
        ...(await noticesToStaff(
          trx,
          programme,
          "programme-submitted",
          `${title}: submitted to the Council`,
          `${programme.nation_code} has submitted ${title} to the Council.`,
          at,
        )),
        ...(await noticesToDelegations(
          trx,
          programme,
          "programme-submitted",
          `${title}: submitted to the Council`,
          `${programme.nation_code} has submitted ${title} to the Council for its decision.`,
          at,
        )),
      ];
    case "accept":
      return noticesToPartner(trx, programme, "programme-status", `${title} is agreed`, `${title} is agreed.`, at);
    case "enter-into-force":
      return noticesToPartner(trx, programme, "programme-status", `${title} is in force`, `${title} is in force.`, at);
    case "return-to-consultation":
      return noticesToPartner(
        trx,
        programme,
        "programme-status",
        `${title}: back in consultation`,
        `${title} was returned to consultation and can be revised.`,
        at,
      );
    default:
      return [];
  }
}

/** The partner's previous programme in force or under review becomes superseded by `programme`. */
async function supersedePrevious(trx: Trx, actor: Viewer, programme: ProgrammeRow, now: Date): Promise<void> {
  const at = now.toISOString();
  const previous = await trx
    .selectFrom("programme")
    .selectAll()
    .where("nation_code", "=", programme.nation_code)
    .where("id", "<>", programme.id)
    .where("status", "in", ["in-force", "under-review"])
    .orderBy("id")
    .execute();
  for (const old of previous) {
    await trx
      .updateTable("programme")
      .set({ status: "superseded", superseded_by: programme.id, updated_at: at })
      .where("id", "=", old.id)
      .where("status", "=", old.status)
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "programme.supersede",
        objectType: "programme",
        objectId: old.id,
        objectLabel: await getLabel(trx, old.label_id),
        outcome: "success",
        details: { from: old.status, to: "superseded", supersededBy: programme.id },
      },
      now,
    );
  }
}

/**
 * Moves a programme by one action. NOT_FOUND if the viewer cannot see it; INVALID_STATE if the
 * action does not apply to its state (or the Council's state forbids it); FORBIDDEN (audited)
 * for the wrong actor. The update is conditional on the state checked, so of two concurrent
 * moves only one succeeds.
 */
export async function transitionProgramme(
  db: Db,
  actor: Viewer,
  programmeId: string,
  action: TProgrammeAction,
  now: Date,
): Promise<ProgrammeRow> {
  const checked = parseInput(ZProgrammeAction, action);
  const t = PROGRAMME_TRANSITIONS[checked];
  const programme = await findReadableProgramme(db, actor, programmeId, now);
  if (!t.from.includes(programme.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot ${checked} programme ${programme.title}: it is ${programme.status}; '${checked}' applies only to a programme that is ${t.from.join(" or ")}`,
      { status: programme.status, action: checked, allowedFrom: t.from },
    );
  }
  if (!mayAct(actor, t.by, programme.nation_code)) {
    const who = t.by.map((b) => (b === "staff" ? "alliance staff" : `${programme.nation_code}'s own users`));
    await denyAction(db, actor, `programme.${checked}`, `only ${who.join(" or ")}`, now);
  }
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const obstacle = councilObstacle(checked, programme, await hasOpenProcedure(trx, programme.id));
    if (obstacle !== null) {
      throw new AppError("INVALID_STATE", `Cannot ${checked} programme ${programme.title}: ${obstacle}`, {
        status: programme.status,
        action: checked,
      });
    }
    const accepted = checked === "accept" ? { accepted_at: at, accepted_by: actor.userId } : {};
    const result = await trx
      .updateTable("programme")
      .set({ status: t.to, updated_at: at, ...accepted })
      .where("id", "=", programme.id)
      .where("status", "=", programme.status)
      .where((eb) =>
        programme.council_decision_id === null
          ? eb("council_decision_id", "is", null)
          : eb("council_decision_id", "=", programme.council_decision_id),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await trx
        .selectFrom("programme")
        .select("status")
        .where("id", "=", programme.id)
        .executeTakeFirst();
      throw new AppError(
        "INVALID_STATE",
        `Cannot ${checked} programme ${programme.title}: it changed meanwhile and is now ${current?.status ?? "gone"}`,
        { status: current?.status ?? null, action: checked },
      );
    }
    const moved: ProgrammeRow = { ...programme, status: t.to, updated_at: at, ...accepted };
    if (checked === "enter-into-force") await supersedePrevious(trx, actor, moved, now);
    const notices = await noticesFor(trx, checked, moved, await programmeTitle(trx, moved), today(now));
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action: `programme.${checked}`,
        objectType: "programme",
        objectId: programme.id,
        objectLabel: await getLabel(trx, programme.label_id),
        outcome: "success",
        details: { from: programme.status, to: t.to, notices: notices.length },
      },
      now,
    );
    return moved;
  });
}
