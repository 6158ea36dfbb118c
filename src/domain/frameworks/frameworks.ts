import type { Db } from "../../db/connect.js";
import { notFound } from "../../errors.js";
import { isWithin } from "../shared/dates.js";
import type { TFramework, TMapResponse, TMember, TMembership, TMembersResponse } from "./frameworks.schema.js";
import { membershipActiveAt, membershipInForceAt, membershipSuspendedAt } from "./membership-sql.js";

type NameRow = { framework_code: string; name: string; valid_from: string; valid_to: string | null };

/** The name a framework bore on `asOf` ("Contact Countries" before the 2011 reform). */
function nameAt(names: NameRow[], fallback: string, asOf: string): string {
  return names.find((n) => isWithin(asOf, n.valid_from, n.valid_to))?.name ?? fallback;
}

/** All frameworks in display order, each named as of `asOf` with its member count then. */
export async function listFrameworks(db: Db, asOf: string): Promise<TFramework[]> {
  const [frameworks, names, counts, allies] = await Promise.all([
    db.selectFrom("framework").selectAll().orderBy("sort_order").execute(),
    db.selectFrom("framework_name").selectAll().orderBy("valid_from").execute(),
    db
      .selectFrom("membership")
      .select(["framework_code", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where(membershipInForceAt(asOf))
      .groupBy("framework_code")
      .execute(),
    countAllies(db, asOf),
  ]);
  const countOf = new Map(counts.map((c) => [c.framework_code, Number(c.n)]));
  return frameworks.map((f) => {
    const own = names.filter((n) => n.framework_code === f.code);
    const isAllianceIncluded = f.includes_allies === 1 && f.code !== "NATO";
    return {
      code: f.code,
      name: nameAt(own, f.name, asOf),
      currentName: f.name,
      kind: f.kind,
      includesAllies: f.includes_allies === 1,
      description: f.description,
      cite: f.cite,
      names: own.map((n) => ({ name: n.name, validFrom: n.valid_from, validTo: n.valid_to })),
      memberCount: (countOf.get(f.code) ?? 0) + (isAllianceIncluded ? allies : 0),
    };
  });
}

async function countAllies(db: Db, asOf: string): Promise<number> {
  const row = await db
    .selectFrom("membership")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("framework_code", "=", "NATO")
    .where(membershipInForceAt(asOf))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function getFramework(db: Db, code: string, asOf: string): Promise<TFramework> {
  const framework = (await listFrameworks(db, asOf)).find((f) => f.code === code);
  if (!framework) throw notFound("framework", code);
  return framework;
}

/**
 * Members of a framework on `asOf`: its own members (suspended ones flagged, not dropped), and
 * for a framework that includes the Allies (EAPC), the Allies as well.
 */
export async function listFrameworkMembers(db: Db, code: string, asOf: string): Promise<TMembersResponse> {
  const [framework, names] = await Promise.all([
    db.selectFrom("framework").select(["code", "name", "includes_allies"]).where("code", "=", code).executeTakeFirst(),
    db.selectFrom("framework_name").selectAll().where("framework_code", "=", code).execute(),
  ]);
  if (!framework) throw notFound("framework", code);
  const frameworkCodes = framework.includes_allies === 1 && code !== "NATO" ? [code, "NATO"] : [code];
  const rows = await db
    .selectFrom("membership")
    .innerJoin("nation", "nation.code", "membership.nation_code")
    .select((eb) => [
      "nation.code",
      "nation.name",
      "nation.kind",
      "membership.framework_code",
      "membership.valid_from",
      "membership.valid_from_precision",
      "membership.certainty",
      "membership.cite",
      membershipSuspendedAt(asOf)(eb).as("suspended"),
    ])
    .where("membership.framework_code", "in", frameworkCodes)
    .where(membershipActiveAt(asOf))
    .orderBy("nation.name")
    .execute();
  const members: TMember[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    kind: r.kind,
    role: r.framework_code === "NATO" ? "ally" : "partner",
    since: r.valid_from,
    precision: r.valid_from_precision,
    certainty: r.certainty,
    suspended: Boolean(r.suspended),
    cite: r.cite,
  }));
  return { framework: code, name: nameAt(names, framework.name, asOf), asOf, count: members.length, members };
}

/** Every membership a nation has ever held, oldest first, with suspensions and period names. */
export async function listNationMemberships(db: Db, nationCode: string): Promise<TMembership[]> {
  const [rows, suspensions, names, frameworks] = await Promise.all([
    db.selectFrom("membership").selectAll().where("nation_code", "=", nationCode).orderBy("valid_from").execute(),
    db
      .selectFrom("suspension")
      .innerJoin("membership", "membership.id", "suspension.membership_id")
      .selectAll("suspension")
      .where("membership.nation_code", "=", nationCode)
      .orderBy("suspension.valid_from")
      .execute(),
    db.selectFrom("framework_name").selectAll().execute(),
    db.selectFrom("framework").select(["code", "name"]).execute(),
  ]);
  const frameworkName = new Map(frameworks.map((f) => [f.code, f.name]));
  return rows.map((m) => ({
    framework: m.framework_code,
    frameworkName: nameAt(
      names.filter((n) => n.framework_code === m.framework_code),
      frameworkName.get(m.framework_code) ?? m.framework_code,
      m.valid_from,
    ),
    validFrom: m.valid_from,
    precision: m.valid_from_precision,
    validTo: m.valid_to,
    certainty: m.certainty,
    note: m.note,
    cite: m.cite,
    suspensions: suspensions
      .filter((s) => s.membership_id === m.id)
      .map((s) => ({
        validFrom: s.valid_from,
        validTo: s.valid_to,
        certainty: s.certainty,
        note: s.note,
        cite: s.cite,
      })),
  }));
}

/** For the map: each nation with a membership on `asOf`, its frameworks, and which are suspended. */
export async function getMembershipMap(db: Db, asOf: string): Promise<TMapResponse> {
  const rows = await db
    .selectFrom("membership")
    .innerJoin("framework", "framework.code", "membership.framework_code")
    .select((eb) => [
      "membership.nation_code",
      "membership.framework_code",
      membershipSuspendedAt(asOf)(eb).as("suspended"),
    ])
    .where(membershipActiveAt(asOf))
    .orderBy("membership.nation_code")
    .orderBy("framework.sort_order")
    .execute();
  const byNation = new Map<string, { code: string; frameworks: string[]; suspended: string[] }>();
  for (const r of rows) {
    const entry = byNation.get(r.nation_code) ?? { code: r.nation_code, frameworks: [], suspended: [] };
    entry.frameworks.push(r.framework_code);
    if (r.suspended) entry.suspended.push(r.framework_code);
    byNation.set(r.nation_code, entry);
  }
  return { asOf, nations: [...byNation.values()] };
}
