import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connect.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole, STAFF_ROLES } from "../identity/authorize.js";
import { getLabels, readableLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { today } from "../shared/dates.js";
import { fieldError, parseInput } from "../shared/validation.js";
import {
  type TContribution,
  type TContributionInput,
  type TListContributionsQuery,
  ZContributionInput,
  ZListContributionsQuery,
} from "./operations.schema.js";
import { type DbOrTrx, nationOfField, operationOfField, storeLabel } from "./rules.js";

// What nations contributed to operations: troop snapshots (the placemat) and other kinds
// (funding, projects, medical assistance, equipment, training). Recorded by the staff.

/** Contributions with their operation's and nation's names, readable by `viewer` on `at` (in SQL). */
export function readableContributions(db: DbOrTrx, viewer: Viewer, at: string) {
  return db
    .selectFrom("contribution")
    .innerJoin("operation", "operation.code", "contribution.operation_code")
    .innerJoin("nation", "nation.code", "contribution.nation_code")
    .selectAll("contribution")
    .select(["operation.name as operation_name", "nation.name as nation_name"])
    .where(readableLabel(db, viewer, at, "contribution.label_id"));
}

type ContributionRow = Awaited<ReturnType<ReturnType<typeof readableContributions>["executeTakeFirstOrThrow"]>>;

async function presentAll(db: DbOrTrx, rows: readonly ContributionRow[]): Promise<TContribution[]> {
  const labels = await getLabels(
    db,
    rows.map((r) => r.label_id),
  );
  return rows.map((r) => ({
    id: r.id,
    operation: { code: r.operation_code, name: r.operation_name },
    nation: { code: r.nation_code, name: r.nation_name },
    kind: r.kind,
    asOf: r.as_of,
    troops: r.troops,
    amount: r.amount === null ? null : Number(r.amount),
    currency: r.currency,
    description: r.description,
    cite: r.cite,
    marking: labels.get(r.label_id)?.marking ?? "",
  }));
}

/** Records one contribution (staff, admin). Troops need `troops` (0 records a withdrawal); other kinds refuse it. */
export async function recordContribution(
  db: Db,
  actor: Viewer,
  input: TContributionInput,
  now: Date,
): Promise<TContribution> {
  await requireRole(db, actor, "contribution.record", STAFF_ROLES, now);
  const parsed = parseInput(ZContributionInput, input);
  const operation = await operationOfField(db, parsed.operation);
  const nation = await nationOfField(db, parsed.nation);
  if (parsed.kind === "troops" && parsed.troops === undefined) throw fieldError("troops", "is required for troops");
  if (parsed.kind !== "troops" && parsed.troops !== undefined) {
    throw fieldError("troops", `is only for troops, not ${parsed.kind}`);
  }
  if ((parsed.amount === undefined) !== (parsed.currency === undefined)) {
    throw fieldError(
      parsed.amount === undefined ? "amount" : "currency",
      "an amount needs its currency, and a currency its amount",
    );
  }
  const at = now.toISOString();
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const label = await storeLabel(
      trx,
      actor,
      parsed.label ?? { classification: "NU", releasableTo: ["NATO", nation.code] },
      at,
    );
    await trx
      .insertInto("contribution")
      .values({
        id,
        operation_code: operation.code,
        nation_code: nation.code,
        kind: parsed.kind,
        as_of: parsed.asOf,
        troops: parsed.troops ?? null,
        amount: parsed.amount ?? null,
        currency: parsed.currency ?? null,
        description: parsed.description,
        cite: parsed.cite ?? null,
        label_id: label.id,
        created_by: actor.userId ?? "unknown",
        created_at: at,
      })
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor,
        action: "contribution.record",
        objectType: "contribution",
        objectId: id,
        objectLabel: label,
        outcome: "success",
        details: { operation: operation.code, nation: nation.code, kind: parsed.kind, asOf: parsed.asOf },
      },
      now,
    );
  });
  const row = await readableContributions(db, actor, today(now)).where("contribution.id", "=", id).executeTakeFirst();
  const [view] = row ? await presentAll(db, [row]) : [];
  if (!view) throw fieldError("label", "you could not read the contribution with this label");
  return view;
}

/** The contributions the viewer may read, by operation, date and nation. */
export async function listContributions(
  db: Db,
  viewer: Viewer,
  query: TListContributionsQuery,
  now: Date,
): Promise<TContribution[]> {
  const f = parseInput(ZListContributionsQuery, query);
  const rows = await readableContributions(db, viewer, today(now))
    .$if(f.operation !== undefined, (q) => q.where("contribution.operation_code", "=", f.operation ?? ""))
    .$if(f.nation !== undefined, (q) => q.where("contribution.nation_code", "=", f.nation ?? ""))
    .$if(f.kind !== undefined, (q) => q.where("contribution.kind", "=", f.kind ?? "troops"))
    .orderBy("contribution.operation_code")
    .orderBy("contribution.as_of")
    .orderBy("contribution.nation_code")
    .orderBy("contribution.id")
    .limit(2000)
    .execute();
  return presentAll(db, rows);
}
