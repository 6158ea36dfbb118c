import { randomUUID } from "node:crypto";
import { type Db, lockForTransaction } from "../../db/connect.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { createLabelAs, getLabels, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { contributorsToken } from "../operations/recognition-sql.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import {
  isStaff,
  mayOfferForces,
  presentOffer,
  type Requirement,
  selectOffers,
  speaksForNation,
  visibleOffer,
} from "./access.js";
import { computeFill, type LineFill } from "./fill.js";
import {
  type TForceGenerationBoard,
  type TRequirementInput,
  type TRequirementLine,
  ZRequirementInput,
} from "./force-generation.schema.js";

// The statement of requirements: staff write its lines; the board shows the lines a viewer may
// read (in SQL), their fill from every offer, and only the offers the viewer may see.

/**
 * A new line of an operation's statement of requirements (staff, admins), numbered after the
 * last one unless a number is given (CONFLICT if taken). Default label: NATO RESTRICTED
 * releasable to NATO and the operation's recognised contributors (CONTRIB:<op>).
 */
export async function createRequirement(
  db: Db,
  actor: Viewer,
  input: TRequirementInput,
  now: Date,
): Promise<TRequirementLine> {
  await requireRole(db, actor, "requirement.create", STAFF_ROLES, now);
  const parsed = parseInput(ZRequirementInput, input);
  const operation = await db
    .selectFrom("operation")
    .select(["code", "name"])
    .where("code", "=", parsed.operation)
    .executeTakeFirst();
  if (!operation) throw fieldError("operation", `unknown operation '${parsed.operation}'`);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    // Serialises line numbering per operation (PostgreSQL; SQLite has one writer).
    await lockForTransaction(trx, `entente:requirement-lines:${operation.code}`);
    const last = await trx
      .selectFrom("requirement")
      .select((eb) => eb.fn.max("line_number").as("n"))
      .where("operation_code", "=", operation.code)
      .executeTakeFirst();
    const lineNumber = parsed.lineNumber ?? Number(last?.n ?? 0) + 1;
    if (parsed.lineNumber !== undefined) {
      const taken = await trx
        .selectFrom("requirement")
        .select("id")
        .where("operation_code", "=", operation.code)
        .where("line_number", "=", lineNumber)
        .executeTakeFirst();
      if (taken) {
        throw new AppError("CONFLICT", `Line ${lineNumber} of ${operation.code}'s statement of requirements exists`, {
          fields: [{ field: "lineNumber", message: `line ${lineNumber} exists` }],
        });
      }
    }
    const label = await createLabelAs(
      trx,
      actor,
      parsed.label ?? { classification: "NR", releasableTo: ["NATO", contributorsToken(operation.code)] },
      at,
    );
    const row: Requirement = {
      id: randomUUID(),
      operation_code: operation.code,
      line_number: lineNumber,
      capability: parsed.capability,
      quantity: parsed.quantity,
      unit: parsed.unit,
      period_start: parsed.periodStart,
      period_end: parsed.periodEnd,
      location: parsed.location,
      status: "open",
      label_id: label.id,
      created_by: actor.userId ?? "",
      created_at: at,
    };
    await trx.insertInto("requirement").values(row).execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "requirement.create",
        objectType: "requirement",
        objectId: row.id,
        objectLabel: label,
        outcome: "success",
        details: { operation: row.operation_code, lineNumber, capability: row.capability, quantity: row.quantity },
      },
      now,
    );
    const fill = computeFill([{ id: row.id, quantity: row.quantity }], []).lines[0];
    if (fill === undefined) throw new AppError("INTERNAL", "no fill for a new line");
    return presentLine(row, fill, [], true, label);
  });
}

function presentLine(
  row: Requirement,
  fill: LineFill,
  offers: TRequirementLine["offers"],
  canOffer: boolean,
  label: TRequirementLine["label"],
): TRequirementLine {
  return {
    id: row.id,
    operation: row.operation_code,
    lineNumber: row.line_number,
    capability: row.capability,
    quantity: row.quantity,
    unit: row.unit,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    location: row.location,
    status: row.status,
    accepted: fill.accepted,
    pending: fill.pending,
    gap: fill.gap,
    fillRate: fill.fillRate,
    offers,
    canOffer: canOffer && row.status === "open" && fill.gap > 0,
    label,
  };
}

/**
 * An operation's force generation board as `viewer` sees it today: the lines whose label it may
 * read (filtered in SQL), each with its fill from all its offers, the offers the viewer may see
 * (its own nation's; staff: all), and the totals over those lines. NOT_FOUND for an unknown operation.
 */
export async function getForceGenerationBoard(
  db: Db,
  viewer: Viewer,
  operationCode: string,
  now: Date,
): Promise<TForceGenerationBoard> {
  const at = today(now);
  const code = operationCode.trim().toUpperCase();
  const operation = await db
    .selectFrom("operation")
    .select(["code", "name"])
    .where("code", "=", code)
    .where(readableLabel(db, viewer, at, "operation.label_id"))
    .executeTakeFirst();
  if (!operation) throw notFound("operation", operationCode);
  const rows = await db
    .selectFrom("requirement")
    .selectAll()
    .where("requirement.operation_code", "=", operation.code)
    .where(readableLabel(db, viewer, at, "requirement.label_id"))
    .orderBy("requirement.line_number")
    .execute();
  const ids = rows.map((r) => r.id);
  const [sums, visible, labels, mayOffer] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("force_offer")
          .select(["force_offer.requirement_id", "force_offer.status"])
          .select((eb) => eb.fn.sum<number | string>("force_offer.quantity").as("quantity"))
          .where("force_offer.requirement_id", "in", ids)
          .where("force_offer.status", "in", ["offered", "accepted"])
          .groupBy(["force_offer.requirement_id", "force_offer.status"])
          .execute(),
    ids.length === 0
      ? Promise.resolve([])
      : selectOffers(db)
          .where("force_offer.requirement_id", "in", ids)
          .where(visibleOffer(db, viewer, at))
          .orderBy("force_offer.offered_at")
          .orderBy("force_offer.nation_code")
          .orderBy("force_offer.id")
          .execute(),
    getLabels(
      db,
      rows.map((r) => r.label_id),
    ),
    isStaff(viewer)
      ? Promise.resolve(true)
      : speaksForNation(viewer) && viewer.nation !== null
        ? mayOfferForces(db, viewer.nation, operation.code, at)
        : Promise.resolve(false),
  ]);
  const fill = computeFill(
    rows,
    sums.map((s) => ({ requirementId: s.requirement_id, status: s.status, quantity: Number(s.quantity) })),
  );
  const lines = rows.map((row, i) => {
    const lineFill = fill.lines[i];
    const label = labels.get(row.label_id);
    if (lineFill === undefined || label === undefined) throw new AppError("INTERNAL", `line ${row.id} lost its fill`);
    const offers = visible.filter((o) => o.requirement_id === row.id).map((o) => presentOffer(viewer, o, lineFill.gap));
    return presentLine(row, lineFill, offers, mayOffer, label);
  });
  return { operation, lines, totals: fill.totals };
}
