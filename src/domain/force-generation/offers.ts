import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { type Db, engineOf } from "../../db/connect.js";
import type { Database, ForceOfferStatus } from "../../db/schema.js";
import { AppError, isAppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { refuse, requireRole } from "../identity/authorize.js";
import { createLabel, getLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { queueNotifications } from "../notifications/notifications.js";
import { findRecipients, noticesFor } from "../notifications/recipients.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import {
  acceptedOn,
  type ForceOfferAction,
  findReadableRequirement,
  isStaff,
  mayOfferForces,
  presentOffer,
  type Requirement,
  selectOffers,
  speaksForNation,
  visibleOffer,
} from "./access.js";
import {
  type TForceOffer,
  type TForceOfferActionInput,
  type TForceOfferInput,
  ZForceOfferActionInput,
  ZForceOfferInput,
} from "./force-generation.schema.js";

// Offers against requirement lines: a nation offers, the staff accept or decline, the nation (or
// the staff) withdraws. Every write locks its line first, so the accepted total of a line can
// never pass its quantity, even under concurrent accepts.

type Trx = Transaction<Database>;

type Transition = Readonly<{
  from: readonly ForceOfferStatus[];
  to: ForceOfferStatus;
  by: "staff" | "nation-or-staff";
}>;

/** THE offer workflow: every legal move, from which states, to which state, by whom. */
export const OFFER_TRANSITIONS: Readonly<Record<ForceOfferAction, Transition>> = {
  accept: { from: ["offered"], to: "accepted", by: "staff" },
  decline: { from: ["offered"], to: "declined", by: "staff" },
  withdraw: { from: ["offered"], to: "withdrawn", by: "nation-or-staff" },
};

/** The line's row lock (PostgreSQL), re-read: the state every offer and accept on it decides from. */
async function lockRequirement(trx: Trx, id: string): Promise<Requirement> {
  const query = trx.selectFrom("requirement").selectAll().where("id", "=", id);
  return (engineOf(trx) === "postgres" ? query.forUpdate() : query).executeTakeFirstOrThrow();
}

/** Which nation the offer is for, and whether `actor` may make it; refusals are audited. */
async function offeringNation(
  db: Db,
  actor: Viewer,
  requested: string | undefined,
  line: Requirement,
  date: string,
  now: Date,
): Promise<string> {
  const event = { action: "force-offer.create", objectType: "requirement", objectId: line.id };
  if (isStaff(actor)) {
    if (requested === undefined) throw fieldError("nation", "staff must name the offering nation");
    const known = await db.selectFrom("nation").select("code").where("code", "=", requested).executeTakeFirst();
    if (!known) throw fieldError("nation", `unknown nation '${requested}'`);
    if (!(await mayOfferForces(db, requested, line.operation_code, date))) {
      throw fieldError(
        "nation",
        `${requested} is neither an Ally nor a recognised contributor to ${line.operation_code} on ${date}`,
      );
    }
    return requested;
  }
  if (!speaksForNation(actor) || actor.nation === null) {
    return refuse(db, actor, event, "Only an Ally's delegation or a contributing partner may offer forces", now);
  }
  if (requested !== undefined && requested !== actor.nation) {
    return refuse(
      db,
      actor,
      { ...event, details: { nation: requested } },
      `You may offer forces for ${actor.nation} only`,
      now,
    );
  }
  if (!(await mayOfferForces(db, actor.nation, line.operation_code, date))) {
    return refuse(
      db,
      actor,
      { ...event, details: { nation: actor.nation, date } },
      `${actor.nation} is neither an Ally nor a recognised contributor to ${line.operation_code} on ${date}`,
      now,
    );
  }
  return actor.nation;
}

/**
 * A nation's offer against a line: by an Ally's delegation or a partner recognised for the
 * operation on the offer date (for its own nation), or by staff for any such nation. The line
 * must be open and the quantity must fit its remaining gap (VALIDATION on `quantity`). Label:
 * NATO RESTRICTED releasable to NATO and the offering nation.
 */
export async function offerForces(db: Db, actor: Viewer, input: TForceOfferInput, now: Date): Promise<TForceOffer> {
  if (actor.userId === null) await requireRole(db, actor, "force-offer.create", ["staff"], now);
  const parsed = parseInput(ZForceOfferInput, input);
  const date = today(now);
  const line = await findReadableRequirement(db, actor, parsed.requirementId, date);
  const nation = await offeringNation(db, actor, parsed.nation, line, date, now);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const locked = await lockRequirement(trx, line.id);
    if (locked.status !== "open") {
      throw new AppError(
        "INVALID_STATE",
        `Line ${locked.line_number} of ${locked.operation_code} is ${locked.status}: it takes no offers`,
        { status: locked.status },
      );
    }
    const accepted = await acceptedOn(trx, locked.id);
    const gap = locked.quantity - accepted;
    if (parsed.quantity > gap) {
      throw fieldError(
        "quantity",
        `${parsed.quantity} exceeds the remaining gap of line ${locked.line_number}: ${locked.quantity} required − ${accepted} accepted = ${gap}`,
        { quantity: locked.quantity, accepted, gap },
      );
    }
    const label = await createLabel(trx, { classification: "NR", releasableTo: ["NATO", nation] }, at);
    const id = randomUUID();
    await trx
      .insertInto("force_offer")
      .values({
        id,
        requirement_id: locked.id,
        nation_code: nation,
        quantity: parsed.quantity,
        status: "offered",
        note: parsed.note,
        label_id: label.id,
        offered_by: actor.userId ?? "",
        offered_at: at,
        decided_by: null,
        decided_at: null,
      })
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "force-offer.create",
        objectType: "force-offer",
        objectId: id,
        objectLabel: label,
        outcome: "success",
        details: { operation: locked.operation_code, line: locked.line_number, nation, quantity: parsed.quantity },
      },
      now,
    );
    const row = await selectOffers(trx).where("force_offer.id", "=", id).executeTakeFirstOrThrow();
    return presentOffer(actor, row, gap);
  });
}

/** The offer if `actor` may see it (visibleOffer, and its line's label); NOT_FOUND otherwise. */
async function findVisibleOffer(db: Db, actor: Viewer, id: string, date: string) {
  const offer = await selectOffers(db)
    .where("force_offer.id", "=", id)
    .where(visibleOffer(db, actor, date))
    .executeTakeFirst();
  if (!offer) throw notFound("force offer", id);
  try {
    return { offer, line: await findReadableRequirement(db, actor, offer.requirement_id, date) };
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") throw notFound("force offer", id);
    throw error;
  }
}

/**
 * Moves an offer by one action of OFFER_TRANSITIONS. NOT_FOUND if the actor may not see it;
 * INVALID_STATE if the action is illegal from its state, or if accepting it would take the
 * line's accepted total past its quantity; FORBIDDEN (audited) for the wrong actor. The update is
 * conditional on the state checked, under the line's lock. Tells the offering nation's users.
 */
export async function actOnForceOffer(
  db: Db,
  actor: Viewer,
  id: string,
  input: TForceOfferActionInput,
  now: Date,
): Promise<TForceOffer> {
  const parsed = parseInput(ZForceOfferActionInput, input);
  const transition = OFFER_TRANSITIONS[parsed.action];
  const date = today(now);
  const { offer, line } = await findVisibleOffer(db, actor, id, date);
  const action = `force-offer.${parsed.action}`;
  if (!transition.from.includes(offer.status)) {
    throw new AppError(
      "INVALID_STATE",
      `Cannot ${parsed.action} ${offer.nation_code}'s offer on line ${line.line_number}: it is ${offer.status}, and '${parsed.action}' applies only to an offer that is ${transition.from.join(" or ")}`,
      { status: offer.status, action: parsed.action, allowedFrom: transition.from },
    );
  }
  if (transition.by === "staff") await requireRole(db, actor, action, ["staff", "admin"], now);
  else if (!isStaff(actor) && !(speaksForNation(actor) && actor.nation === offer.nation_code)) {
    await refuse(
      db,
      actor,
      { action, objectType: "force-offer", objectId: id },
      "Only the offering nation or the staff may withdraw an offer",
      now,
    );
  }
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const locked = await lockRequirement(trx, line.id);
    if (parsed.action === "accept" && locked.status !== "open") {
      throw new AppError(
        "INVALID_STATE",
        `Line ${locked.line_number} of ${locked.operation_code} is ${locked.status}: no offer can be accepted against it`,
        { status: locked.status },
      );
    }
    const accepted = await acceptedOn(trx, locked.id);
    if (parsed.action === "accept" && accepted + offer.quantity > locked.quantity) {
      throw new AppError(
        "INVALID_STATE",
        `Cannot accept ${offer.nation_code}'s offer of ${offer.quantity}: line ${locked.line_number} requires ${locked.quantity} and ${accepted} are accepted, leaving ${locked.quantity - accepted}`,
        { quantity: locked.quantity, accepted, gap: locked.quantity - accepted, offered: offer.quantity },
      );
    }
    const result = await trx
      .updateTable("force_offer")
      .set({ status: transition.to, decided_by: actor.userId, decided_at: at })
      .where("id", "=", offer.id)
      .where("status", "=", offer.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      const current = await trx
        .selectFrom("force_offer")
        .select("status")
        .where("id", "=", offer.id)
        .executeTakeFirst();
      throw new AppError(
        "INVALID_STATE",
        `Cannot ${parsed.action} ${offer.nation_code}'s offer on line ${locked.line_number}: it changed meanwhile and is now ${current?.status ?? "gone"}`,
        { status: current?.status ?? null, action: parsed.action },
      );
    }
    const label = await getLabel(trx, offer.label_id);
    // The nation is told when someone else decided for it (an accept, a decline, a staff withdrawal).
    const byTheNation = !isStaff(actor) && actor.nation === offer.nation_code;
    const notices = byTheNation
      ? []
      : await noticesFor(
          trx,
          await findRecipients(trx, { roles: ["delegation", "partner"], nations: [offer.nation_code] }),
          {
            kind: "force-offer-decided",
            subject: { type: "force-generation", id: locked.operation_code },
            title: `${locked.operation_code} line ${locked.line_number}: your offer of ${offer.quantity} was ${transition.to}`,
            body: `${offer.nation_code}'s offer of ${offer.quantity} against line ${locked.line_number} (${locked.capability}) was ${transition.to}.${parsed.note === "" ? "" : ` Note: ${parsed.note}`}`,
            labelId: label.id,
          },
          date,
        );
    await queueNotifications(trx, notices, now);
    await recordAuditEvent(
      trx,
      {
        actor,
        action,
        objectType: "force-offer",
        objectId: offer.id,
        objectLabel: label,
        outcome: "success",
        details: {
          operation: locked.operation_code,
          line: locked.line_number,
          nation: offer.nation_code,
          quantity: offer.quantity,
          from: offer.status,
          to: transition.to,
          note: parsed.note,
          notices: notices.length,
        },
      },
      now,
    );
    const gap = locked.quantity - accepted - (transition.to === "accepted" ? offer.quantity : 0);
    const row = await selectOffers(trx).where("force_offer.id", "=", offer.id).executeTakeFirstOrThrow();
    return presentOffer(actor, row, gap);
  });
}
