import { randomUUID } from "node:crypto";
import { type Expression, type ExpressionBuilder, type SqlBool, sql, type Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError, isAppError, notFound } from "../../errors.js";
import { membershipInForceAt } from "../frameworks/membership-sql.js";
import { expandTokens, resolveTokens } from "../frameworks/tokens.js";
import { CONTRIB_PREFIX, recognitionInForceAt } from "../operations/recognition-sql.js";
import { type TLabel, type TLabelInput, ZLabelInput } from "./labels.schema.js";
import { orderTokens, renderMarking } from "./marking.js";
import { rankOf, type Viewer } from "./viewer.js";

type DbOrTrx = Db | Transaction<Database>;

/**
 * Stores a label. Releasability tokens must be known frameworks, nations or organisations:
 * an unknown one is a VALIDATION error naming `field`.
 */
export async function createLabel(
  trx: DbOrTrx,
  input: TLabelInput,
  createdAt: string,
  field = "label",
): Promise<TLabel> {
  const parsed = ZLabelInput.parse(input);
  const releasableTo = await checkReleasability(trx, parsed.releasableTo, field);
  const id = randomUUID();
  await trx
    .insertInto("label")
    .values({
      id,
      policy_identifier: parsed.policyIdentifier,
      classification: parsed.classification,
      classification_rank: rankOf(parsed.classification),
      created_at: createdAt,
      review_at: parsed.reviewAt ?? null,
    })
    .execute();
  if (releasableTo.length > 0) {
    await trx
      .insertInto("label_releasable")
      .values(releasableTo.map((token) => ({ label_id: id, token })))
      .execute();
  }
  return presentLabel({
    id,
    policyIdentifier: parsed.policyIdentifier,
    classification: parsed.classification,
    releasableTo,
    createdAt,
    reviewAt: parsed.reviewAt ?? null,
  });
}

/**
 * createLabel on a user's behalf: a user may not write a label above its own clearance (it could
 * not read the record it just created). VALIDATION on `<field>.classification`.
 */
export async function createLabelAs(
  trx: DbOrTrx,
  actor: Viewer,
  input: TLabelInput,
  createdAt: string,
  field = "label",
): Promise<TLabel> {
  if (rankOf(input.classification) > actor.clearanceRank) {
    throw new AppError("VALIDATION", `Invalid input: ${field}.classification: is above your own clearance`, {
      fields: [{ field: `${field}.classification`, message: "is above your own clearance" }],
    });
  }
  return createLabel(trx, input, createdAt, field);
}

/** Releasability tokens must be known frameworks, nations or organisations: VALIDATION naming `field` otherwise. */
async function checkReleasability(db: DbOrTrx, tokens: readonly string[], field: string): Promise<string[]> {
  const ordered = orderTokens(tokens);
  try {
    const resolved = await resolveTokens(db, ordered);
    if (resolved.special.length > 0) throw new AppError("NOT_FOUND", `'${resolved.special[0]}' is not releasability`);
  } catch (error) {
    if (isAppError(error)) {
      throw new AppError("VALIDATION", `Invalid input: ${field}.releasableTo: ${error.message}`, {
        fields: [{ field: `${field}.releasableTo`, message: error.message }],
      });
    }
    throw error;
  }
  return ordered;
}

/** A label as it would be stored, with its marking, without storing it (the label editor's preview). */
export async function previewLabel(db: DbOrTrx, input: TLabelInput, createdAt: string): Promise<TLabel> {
  const parsed = ZLabelInput.parse(input);
  const releasableTo = await checkReleasability(db, parsed.releasableTo, "label");
  return presentLabel({
    id: "preview",
    policyIdentifier: parsed.policyIdentifier,
    classification: parsed.classification,
    releasableTo,
    createdAt,
    reviewAt: parsed.reviewAt ?? null,
  });
}

export function presentLabel(label: Omit<TLabel, "marking">): TLabel {
  return { ...label, releasableTo: orderTokens(label.releasableTo), marking: renderMarking(label) };
}

/** Loads labels by id, in one query per table. */
export async function getLabels(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, TLabel>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const [rows, tokens] = await Promise.all([
    db.selectFrom("label").selectAll().where("id", "in", unique).execute(),
    db.selectFrom("label_releasable").selectAll().where("label_id", "in", unique).execute(),
  ]);
  return new Map(
    rows.map((r) => [
      r.id,
      presentLabel({
        id: r.id,
        policyIdentifier: r.policy_identifier,
        classification: r.classification,
        releasableTo: tokens.filter((t) => t.label_id === r.id).map((t) => t.token),
        createdAt: r.created_at,
        reviewAt: r.review_at,
      }),
    ]),
  );
}

export async function getLabel(db: DbOrTrx, id: string): Promise<TLabel> {
  const label = (await getLabels(db, [id])).get(id);
  if (!label) throw notFound("label", id);
  return label;
}

/**
 * THE access decision for one labelled record, as of date `at` (the rules: docs/security.md).
 * 1. The viewer's clearance must cover the classification (PUBLIC needs none).
 * 2. PUBLIC information is readable by everyone.
 * 3. Alliance staff (organisations of the alliance itself) read all alliance material.
 * 4. Anyone else reads it only if their nation is in the releasable-to set, group tokens
 *    expanded by membership in force on `at`.
 */
export async function canRead(
  db: DbOrTrx,
  viewer: Viewer,
  label: Pick<TLabel, "classification" | "releasableTo">,
  at: string,
) {
  const rule = await labelReader(db, label, at, viewer.isAlliance || viewer.nation === null);
  return rule(viewer);
}

/**
 * `canRead` for one label and many viewers (the recipients of a notice): the releasability
 * tokens are expanded once, and only if some viewer could need them.
 */
export async function labelReader(
  db: DbOrTrx,
  label: Pick<TLabel, "classification" | "releasableTo">,
  at: string,
  /** Only viewers without a nation will be asked (the alliance's, the anonymous): nothing to expand. */
  nationless = false,
): Promise<(viewer: Viewer) => boolean> {
  const expand = !nationless && label.classification !== "PUBLIC" && label.releasableTo.length > 0;
  const nations = new Set(expand ? await expandTokens(db, [...label.releasableTo], at) : []);
  return (viewer) => {
    if (rankOf(label.classification) > viewer.clearanceRank) return false;
    if (label.classification === "PUBLIC") return true;
    if (viewer.isAlliance) return true;
    if (viewer.nation === null) return false;
    return nations.has(viewer.nation);
  };
}

/**
 * The same rules as `canRead`, as SQL: the ids of the labels `viewer` may read on `at`.
 * It walks the other way from canRead (the viewer's nation → the tokens it is covered by), so
 * the property test that the two agree checks one against the other.
 */
export function readableLabelIds(db: DbOrTrx, viewer: Viewer, at: string) {
  return db
    .selectFrom("label")
    .select("label.id")
    .where((eb) => labelReadableCondition(eb, db, viewer, at));
}

/**
 * The read rule as a correlated condition on a record's label column, for every list, search,
 * count and export: `.where(readableLabel(db, viewer, at, "document.label_id"))`. Correlated,
 * so a page walks its index and checks each candidate row, rather than materialising every
 * readable label first (docs/performance.md).
 */
export function readableLabel(db: DbOrTrx, viewer: Viewer, at: string, labelColumn: `${string}.label_id`) {
  return (eb: ExpressionBuilder<Database, keyof Database>) =>
    eb.exists(
      db
        .selectFrom("label")
        .select("label.id")
        .where(sql<SqlBool>`label.id = ${sql.ref(labelColumn)}`)
        .where((inner) => labelReadableCondition(inner, db, viewer, at)),
    );
}

function labelReadableCondition(eb: ExpressionBuilder<Database, "label">, db: DbOrTrx, viewer: Viewer, at: string) {
  const nation = viewer.nation;
  const open: Expression<SqlBool>[] = [eb("label.classification", "=", "PUBLIC")];
  if (viewer.isAlliance) open.push(sql<SqlBool>`1 = 1`);
  else if (nation !== null) {
    open.push(
      eb.exists(
        eb
          .selectFrom("label_releasable")
          .select("label_releasable.token")
          .whereRef("label_releasable.label_id", "=", "label.id")
          .where("label_releasable.token", "in", tokensCoveringNation(db, nation, at)),
      ),
    );
  }
  return eb.and([eb("label.classification_rank", "<=", viewer.clearanceRank), eb.or(open)]);
}

/**
 * The releasability tokens that name `nation` on `at`: itself, its frameworks in force, the
 * groups that include the Allies if it is one, and CONTRIB:<operation> for each operation it is
 * a recognised contributor to on `at`.
 */
function tokensCoveringNation(db: DbOrTrx, nation: string, at: string) {
  return db
    .selectFrom("nation")
    .select("nation.code as token")
    .where("nation.code", "=", nation)
    .union(
      db
        .selectFrom("membership")
        .select("membership.framework_code as token")
        .where("membership.nation_code", "=", nation)
        .where(membershipInForceAt(at)),
    )
    .union(
      db
        .selectFrom("framework")
        .select("framework.code as token")
        .where("framework.includes_allies", "=", 1)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("membership")
              .select("membership.id")
              .where("membership.nation_code", "=", nation)
              .where("membership.framework_code", "=", "NATO")
              .where(membershipInForceAt(at)),
          ),
        ),
    )
    .union(
      db
        .selectFrom("contributor_recognition")
        .select(sql<string>`${CONTRIB_PREFIX} || contributor_recognition.operation_code`.as("token"))
        .where("contributor_recognition.nation_code", "=", nation)
        .where(recognitionInForceAt(at)),
    );
}
