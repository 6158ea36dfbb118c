import type { ExpressionBuilder, Selectable, Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database, ForceOfferStatus, RequirementTable } from "../../db/schema.js";
import { notFound } from "../../errors.js";
import { isAllyAt } from "../decisions/allies.js";
import { isStaff as hasStaffRole } from "../identity/authorize.js";
import { readableLabel } from "../labels/labels.js";
import { hasRole, type Viewer } from "../labels/viewer.js";
import { recognitionInForceAt } from "../operations/recognition-sql.js";
import type { FORCE_OFFER_ACTIONS, TForceOffer } from "./force-generation.schema.js";

// Who sees and who may offer in force generation: the rules requirements.ts and offers.ts share.

export type DbOrTrx = Db | Transaction<Database>;
export type Requirement = Selectable<RequirementTable>;
export type ForceOfferAction = (typeof FORCE_OFFER_ACTIONS)[number];

/** A staff user (not a CLI actor without a user: offers name who decided), as requireRole demands. */
export const isStaff = (viewer: Viewer) => viewer.userId !== null && hasStaffRole(viewer);

/** A user who speaks for its nation here: an Ally's delegation or a partner's mission. */
export const speaksForNation = (viewer: Viewer) =>
  viewer.userId !== null && viewer.nation !== null && hasRole(viewer, "delegation", "partner");

/**
 * THE rule for seeing an offer, as SQL on `force_offer`: its label is readable on `at`, and a
 * nation's user sees only its own nation's offers (the label's NATO token would otherwise show
 * the Allies each other's offers). Alliance staff see every offer within their labels.
 */
export function visibleOffer(db: DbOrTrx, viewer: Viewer, at: string) {
  return (eb: ExpressionBuilder<Database, "force_offer">) => {
    const label = readableLabel(db, viewer, at, "force_offer.label_id")(eb);
    if (viewer.isAlliance) return label;
    return eb.and([label, eb("force_offer.nation_code", "=", viewer.nation ?? "")]);
  };
}

/** The line if `viewer` may read its label on `at`; NOT_FOUND otherwise, exactly like a missing one. */
export async function findReadableRequirement(db: DbOrTrx, viewer: Viewer, id: string, at: string) {
  const row = await db
    .selectFrom("requirement")
    .selectAll()
    .where("requirement.id", "=", id)
    .where(readableLabel(db, viewer, at, "requirement.label_id"))
    .executeTakeFirst();
  if (!row) throw notFound("requirement", id);
  return row;
}

/** May `nation` offer forces to `operation` on `date`: an Ally then, or a recognised contributor then. */
export async function mayOfferForces(db: DbOrTrx, nation: string, operation: string, date: string) {
  if (await isAllyAt(db, nation, date)) return true;
  const recognition = await db
    .selectFrom("contributor_recognition")
    .select("contributor_recognition.id")
    .where("contributor_recognition.operation_code", "=", operation)
    .where("contributor_recognition.nation_code", "=", nation)
    .where(recognitionInForceAt(date))
    .executeTakeFirst();
  return recognition !== undefined;
}

/** The accepted total of a line, from the database (inside the line's lock when it matters). */
export async function acceptedOn(db: DbOrTrx, requirementId: string): Promise<number> {
  const row = await db
    .selectFrom("force_offer")
    .select((eb) => eb.fn.sum<number | string | null>("force_offer.quantity").as("total"))
    .where("force_offer.requirement_id", "=", requirementId)
    .where("force_offer.status", "=", "accepted")
    .executeTakeFirstOrThrow();
  return Number(row.total ?? 0);
}

export type OfferRow = Readonly<{
  id: string;
  requirement_id: string;
  nation_code: string;
  nation_name: string;
  quantity: number;
  status: ForceOfferStatus;
  note: string;
  offered_at: string;
  decided_at: string | null;
}>;

/** The moves `viewer` may make on an offer now; accept only while it still fits the line's gap. */
export function offerActionsFor(viewer: Viewer, offer: OfferRow, gap: number): ForceOfferAction[] {
  if (offer.status !== "offered") return [];
  const actions: ForceOfferAction[] = [];
  if (isStaff(viewer)) {
    if (offer.quantity <= gap) actions.push("accept");
    actions.push("decline");
  }
  if (isStaff(viewer) || (speaksForNation(viewer) && viewer.nation === offer.nation_code)) actions.push("withdraw");
  return actions;
}

export function presentOffer(viewer: Viewer, offer: OfferRow, gap: number): TForceOffer {
  return {
    id: offer.id,
    requirementId: offer.requirement_id,
    nation: { code: offer.nation_code, name: offer.nation_name },
    quantity: offer.quantity,
    status: offer.status,
    note: offer.note,
    offeredAt: offer.offered_at,
    decidedAt: offer.decided_at,
    actions: offerActionsFor(viewer, offer, gap),
  };
}

/** Offers with their nation's name, for presenting. */
export function selectOffers(db: DbOrTrx) {
  return db
    .selectFrom("force_offer")
    .innerJoin("nation", "nation.code", "force_offer.nation_code")
    .select([
      "force_offer.id",
      "force_offer.requirement_id",
      "force_offer.nation_code",
      "nation.name as nation_name",
      "force_offer.quantity",
      "force_offer.status",
      "force_offer.note",
      "force_offer.offered_at",
      "force_offer.decided_at",
      "force_offer.label_id",
    ]);
}
