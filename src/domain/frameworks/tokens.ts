import { type SqlBool, sql, type Transaction } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError } from "../../errors.js";
import { CONTRIB_PREFIX, recognitionInForceAt } from "../operations/recognition-sql.js";
import { membershipInForceAt } from "./membership-sql.js";

/** Tokens that are not groups: APPROVED stands for "other nations as approved" (case by case). */
export const SPECIAL_TOKENS = { APPROVED: "other nations as approved (case by case)" } as const;

const ALIASES: Record<string, string> = {
  PARTNERSHIPFORPEACE: "PFP",
  CONTACT: "GLOBAL",
};

/**
 * Reads an audience or releasability list as people write it
 * ("NATO, PfP, MD, ICI and other nations as approved") into distinct upper-case tokens.
 */
export function parseTokens(text: string): string[] {
  const normalised = text.replace(/(other\s+nations\s+)?as\s+approved/gi, ",APPROVED,").replace(/\band\b/gi, ",");
  const tokens = normalised
    .split(/[\s,;/+]+/)
    .map((t) => t.trim().toUpperCase())
    .filter((t) => t.length > 0)
    .map((t) => ALIASES[t] ?? t);
  return [...new Set(tokens)];
}

/** `operations`: the codes of CONTRIB:<operation> tokens (an operation's recognised contributors). */
export type ResolvedTokens = { frameworks: string[]; nations: string[]; special: string[]; operations: string[] };

const CONTRIB_TOKEN = /^CONTRIB:([A-Z]{2,12})$/;

/** Sorts tokens into frameworks, nations, contributor groups and special tokens; NOT_FOUND names the first unknown one. */
export async function resolveTokens(db: Db | Transaction<Database>, tokens: string[]): Promise<ResolvedTokens> {
  const syntax = tokens.find((t) => !/^[A-Z]{2,12}$/.test(t) && !CONTRIB_TOKEN.test(t));
  if (syntax !== undefined) {
    throw new AppError(
      "VALIDATION",
      `Invalid input: tokens: '${syntax}' is not a framework, nation or organisation code`,
      {
        fields: [{ field: "tokens", message: `'${syntax}' is not a code` }],
      },
    );
  }
  const special = tokens.filter((t) => t in SPECIAL_TOKENS);
  const contributorTokens = tokens.filter((t) => CONTRIB_TOKEN.test(t));
  const operations = contributorTokens.map((t) => t.slice(CONTRIB_PREFIX.length));
  const knownOperations = new Set(
    operations.length
      ? (await db.selectFrom("operation").select("code").where("code", "in", operations).execute()).map((r) => r.code)
      : [],
  );
  const unknownOperation = contributorTokens.find((t) => !knownOperations.has(t.slice(CONTRIB_PREFIX.length)));
  if (unknownOperation !== undefined) {
    throw new AppError("NOT_FOUND", `Unknown token '${unknownOperation}': no such operation`, {
      token: unknownOperation,
    });
  }
  const rest = tokens.filter((t) => !(t in SPECIAL_TOKENS) && !CONTRIB_TOKEN.test(t));
  const [frameworkRows, nationRows] = rest.length
    ? await Promise.all([
        db.selectFrom("framework").select("code").where("code", "in", rest).execute(),
        db.selectFrom("nation").select("code").where("code", "in", rest).execute(),
      ])
    : [[], []];
  const frameworks = new Set(frameworkRows.map((r) => r.code));
  const nations = new Set(nationRows.map((r) => r.code));
  const unknown = rest.find((t) => !frameworks.has(t) && !nations.has(t));
  if (unknown !== undefined) {
    throw new AppError("NOT_FOUND", `Unknown token '${unknown}': not a framework, nation or organisation code`, {
      token: unknown,
    });
  }
  return {
    frameworks: rest.filter((t) => frameworks.has(t)),
    nations: rest.filter((t) => nations.has(t)),
    special,
    operations,
  };
}

/**
 * The SQL set of nation codes a list of resolved tokens stands for on `asOf`:
 * named nations, members in force of named frameworks, the Allies where a named
 * framework includes them (EAPC), and the recognised contributors of CONTRIB:<operation>.
 * Composable as a subquery: `where('code', 'in', q)`.
 */
export function tokenMembersQuery(db: Db | Transaction<Database>, resolved: ResolvedTokens, asOf: string) {
  const { frameworks, nations, operations } = resolved;
  const fromFrameworks = db
    .selectFrom("membership")
    .select("membership.nation_code as code")
    .where(membershipInForceAt(asOf))
    .where((eb) =>
      frameworks.length === 0
        ? sql<SqlBool>`1 = 0`
        : eb.or([
            eb("membership.framework_code", "in", frameworks),
            eb.and([
              eb("membership.framework_code", "=", "NATO"),
              eb.exists(
                eb
                  .selectFrom("framework")
                  .select("framework.code")
                  .where("framework.code", "in", frameworks)
                  .where("framework.includes_allies", "=", 1),
              ),
            ]),
          ]),
    );
  const named = db
    .selectFrom("nation")
    .select("nation.code as code")
    .where((eb) => (nations.length === 0 ? sql<SqlBool>`1 = 0` : eb("nation.code", "in", nations)));
  const contributors = db
    .selectFrom("contributor_recognition")
    .select("contributor_recognition.nation_code as code")
    .where((eb) =>
      operations.length === 0
        ? sql<SqlBool>`1 = 0`
        : eb.and([eb("contributor_recognition.operation_code", "in", operations), recognitionInForceAt(asOf)(eb)]),
    );
  return fromFrameworks.union(named).union(contributors);
}

/** Expands group tokens to the nations they stand for on `asOf`, sorted by code. */
export async function expandTokens(db: Db | Transaction<Database>, tokens: string[], asOf: string): Promise<string[]> {
  const resolved = await resolveTokens(db, tokens);
  const rows = await tokenMembersQuery(db, resolved, asOf).execute();
  return [...new Set(rows.map((r) => r.code))].sort();
}
