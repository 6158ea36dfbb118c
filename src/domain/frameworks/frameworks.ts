import type { Db } from "../../db/connect.js";
import { notFound } from "../../errors.js";
import { isWithin } from "../shared/dates.js";
import type { TFramework, TMapResponse, TMember, TMembership, TMembersResponse } from "./frameworks.schema.js";
import { membershipActiveAt, membershipSuspendedAt } from "./membership-sql.js";

export type FrameworkNaming = (code: string, date: string) => { name: string; memberTitle: string };

/** How each framework and its members were called on any date ("Contact Countries" before 2011). */
export async function loadFrameworkNaming(db: Db): Promise<FrameworkNaming> {
  const [frameworks, names] = await Promise.all([
    db.selectFrom("framework").select(["code", "name", "member_title"]).execute(),
    db.selectFrom("framework_name").selectAll().execute(),
  ]);
  return (code, date) => {
    const period = names.find((n) => n.framework_code === code && isWithin(date, n.valid_from, n.valid_to));
    const framework = frameworks.find((f) => f.code === code);
    return {
      name: period?.name ?? framework?.name ?? code,
      memberTitle: period?.member_title ?? framework?.member_title ?? code,
    };
  };
}

/** All frameworks in display order, each named as of `asOf` with its member count then (suspended members count, as in member lists). */
export async function listFrameworks(db: Db, asOf: string): Promise<TFramework[]> {
  const [frameworks, names, naming, counts, allies] = await Promise.all([
    db.selectFrom("framework").selectAll().orderBy("sort_order").execute(),
    db.selectFrom("framework_name").selectAll().orderBy("valid_from").execute(),
    loadFrameworkNaming(db),
    db
      .selectFrom("membership")
      .select(["framework_code", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where(membershipActiveAt(asOf))
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
      name: naming(f.code, asOf).name,
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
    .where(membershipActiveAt(asOf))
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
  const [framework, naming] = await Promise.all([
    db.selectFrom("framework").select(["code", "includes_allies"]).where("code", "=", code).executeTakeFirst(),
    loadFrameworkNaming(db),
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
  return { framework: code, name: naming(code, asOf).name, asOf, count: members.length, members };
}

/** Every membership a nation has ever held, oldest first, with suspensions and period names. */
export async function listNationMemberships(db: Db, nationCode: string): Promise<TMembership[]> {
  const [rows, suspensions, naming] = await Promise.all([
    db.selectFrom("membership").selectAll().where("nation_code", "=", nationCode).orderBy("valid_from").execute(),
    db
      .selectFrom("suspension")
      .innerJoin("membership", "membership.id", "suspension.membership_id")
      .selectAll("suspension")
      .where("membership.nation_code", "=", nationCode)
      .orderBy("suspension.valid_from")
      .execute(),
    loadFrameworkNaming(db),
  ]);
  return rows.map((m) => ({
    framework: m.framework_code,
    frameworkName: naming(m.framework_code, m.valid_from).name,
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
