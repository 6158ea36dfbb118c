import type { Transaction } from "kysely";
import { type Db, lockForTransaction } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import type { SeedFiles } from "./read-seed-files.js";

export type SeedReport = Record<string, number>;

const REFERENCE_TABLES = [
  "partner_event",
  "partner_area",
  "area",
  "policy_rule_audience",
  "policy_rule_framework",
  "policy_rule",
  "milestone_nation",
  "milestone_framework",
  "milestone",
  "suspension",
  "membership",
  "framework_name",
  "framework",
  "nation",
  "source",
] as const;

/**
 * Replaces the reference data (registry, memberships, milestones, rules) with `data`, in one
 * transaction: a failure leaves the previous data as it was.
 */
export async function loadSeedData(db: Db, data: SeedFiles): Promise<SeedReport> {
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, SEED_LOCK);
    return replaceReferenceData(trx, data);
  });
}

/**
 * Loads the demo data only into an empty database; reports whether it did. Safe when several
 * instances start at once against one PostgreSQL database: exactly one of them loads.
 */
export async function ensureSeedData(db: Db, data: () => SeedFiles): Promise<SeedReport | null> {
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, SEED_LOCK);
    const existing = await trx.selectFrom("nation").select("code").limit(1).executeTakeFirst();
    return existing ? null : replaceReferenceData(trx, data());
  });
}

const SEED_LOCK = "entente:reference-data";

async function replaceReferenceData(trx: Transaction<Database>, data: SeedFiles): Promise<SeedReport> {
  for (const table of REFERENCE_TABLES) await trx.deleteFrom(table).execute();
  const rows = buildRows(data);
  const report: SeedReport = {};
  for (const table of [...REFERENCE_TABLES].reverse()) {
    const tableRows = rows[table];
    for (let i = 0; i < tableRows.length; i += 200) {
      // Chunks keep each statement under both engines' bound-parameter limits.
      await trx
        .insertInto(table)
        .values(tableRows.slice(i, i + 200) as never)
        .execute();
    }
    report[table] = tableRows.length;
  }
  report.operation = await upsertOperations(trx, data);
  return report;
}

/**
 * Operations are updated in place rather than replaced: recognitions, contributions and
 * postings refer to them, and the seed never removes one.
 */
async function upsertOperations(trx: Transaction<Database>, data: SeedFiles): Promise<number> {
  for (const [i, o] of data.operations.entries()) {
    const row = {
      name: o.name,
      theatre: o.theatre,
      mandate: o.mandate,
      start_date: o.start,
      start_precision: o.startPrecision,
      end_date: o.end ?? null,
      end_precision: o.end === undefined ? null : o.endPrecision,
      cite: o.cite,
      note: o.note ?? null,
      sort_order: i,
    };
    await trx
      .insertInto("operation")
      .values({ code: o.code, ...row })
      .onConflict((oc) => oc.column("code").doUpdateSet(row))
      .execute();
  }
  return data.operations.length;
}

function buildRows(data: SeedFiles) {
  const membershipRows = data.memberships.flatMap((group) =>
    group.members.map((m) => ({
      id: `${group.framework}:${m.nation}:${m.from}`,
      framework_code: group.framework,
      nation_code: m.nation,
      valid_from: m.from,
      valid_from_precision: m.fromPrecision,
      valid_to: m.to ?? null,
      cite: m.cite,
      certainty: m.certainty,
      note: m.note ?? null,
      suspensions: m.suspensions,
    })),
  );
  return {
    source: data.sources.map((s) => ({
      id: s.id,
      url: s.url,
      title: s.title,
      reliability: s.reliability,
      note: s.note ?? null,
    })),
    nation: [
      ...data.nations.map((n) => ({ code: n.code, numeric_code: n.numeric, name: n.name, kind: "state", cite: null })),
      ...data.organisations.map((o) => ({
        code: o.code,
        numeric_code: null,
        name: o.name,
        kind: "organisation",
        cite: o.cite,
      })),
    ],
    framework: data.frameworks.map((f, i) => ({
      code: f.code,
      name: f.name,
      kind: f.kind,
      member_title: f.memberTitle,
      includes_allies: f.includesAllies ? 1 : 0,
      description: f.description,
      sort_order: i,
      cite: f.cite,
    })),
    framework_name: data.frameworks.flatMap((f) =>
      f.names.map((n) => ({
        framework_code: f.code,
        name: n.name,
        member_title: n.memberTitle,
        valid_from: n.from,
        valid_to: n.to ?? null,
        cite: n.cite,
      })),
    ),
    membership: membershipRows.map(({ suspensions: _s, ...row }) => row),
    suspension: membershipRows.flatMap((m) =>
      m.suspensions.map((s) => ({
        id: `${m.id}:${s.from}`,
        membership_id: m.id,
        valid_from: s.from,
        valid_to: s.to ?? null,
        cite: s.cite,
        certainty: s.certainty,
        note: s.note ?? null,
      })),
    ),
    milestone: data.milestones.map((m) => ({
      id: m.id,
      date: m.date,
      precision: m.precision,
      title: m.title,
      summary: m.summary,
      cite: m.cite,
      certainty: m.certainty,
      note: m.note ?? null,
    })),
    milestone_framework: data.milestones.flatMap((m) =>
      m.frameworks.map((f) => ({ milestone_id: m.id, framework_code: f })),
    ),
    milestone_nation: data.milestones.flatMap((m) => m.nations.map((n) => ({ milestone_id: m.id, nation_code: n }))),
    policy_rule: data.policyRules.map((r) => ({
      id: r.id,
      name: r.name,
      valid_from: r.from,
      valid_from_precision: r.fromPrecision,
      valid_to: r.to ?? null,
      priority: r.priority,
      partner_scope: r.partnerScope.kind,
      outcome: r.outcome,
      summary: r.summary,
      milestone_id: r.milestone ?? null,
      cite: r.cite,
    })),
    policy_rule_framework: data.policyRules.flatMap((r) =>
      r.partnerScope.kind === "member-of"
        ? r.partnerScope.frameworks.map((f) => ({ rule_id: r.id, framework_code: f }))
        : [],
    ),
    policy_rule_audience: data.policyRules.flatMap((r) =>
      (r.audienceAny ?? []).map((t) => ({ rule_id: r.id, token: t })),
    ),
    area: data.areas.map((a) => ({ code: a.code, name: a.name })),
    partner_area: data.partnerAreas.map((a) => ({
      nation_code: a.nation,
      area_code: a.area,
      extent: a.extent,
      since: a.since ?? null,
      cite: a.cite,
      note: a.note ?? null,
    })),
    partner_event: data.partnerEvents.map((e, i) => ({
      id: `${e.nation}:${e.date}:${i}`,
      nation_code: e.nation,
      date: e.date,
      precision: e.precision,
      title: e.title,
      cite: e.cite,
      certainty: e.certainty,
      note: e.note ?? null,
    })),
  } satisfies Record<(typeof REFERENCE_TABLES)[number], unknown[]>;
}
