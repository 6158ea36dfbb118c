import type { Kysely } from "kysely";
import { sql } from "kysely";

// Frozen: migrations never import domain code, and run unchanged on SQLite and PostgreSQL.
// Only portable types: text, integer. Dates are ISO text, compared as strings.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("source")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("reliability", "text", (c) => c.notNull().check(sql`reliability in ('primary','secondary','weak')`))
    .addColumn("note", "text")
    .execute();

  await db.schema
    .createTable("nation")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("numeric_code", "text")
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('state','organisation')`))
    .addColumn("cite", "text")
    .execute();
  await db.schema.createIndex("nation_numeric_code_idx").on("nation").column("numeric_code").execute();

  await db.schema
    .createTable("framework")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('alliance','partnership','dialogue')`))
    .addColumn("member_title", "text", (c) => c.notNull())
    .addColumn("includes_allies", "integer", (c) => c.notNull().check(sql`includes_allies in (0,1)`))
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("sort_order", "integer", (c) => c.notNull())
    .addColumn("cite", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("framework_name")
    .addColumn("framework_code", "text", (c) => c.notNull().references("framework.code"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("member_title", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .addColumn("cite", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("framework_name_pk", ["framework_code", "valid_from"])
    .execute();

  await db.schema
    .createTable("membership")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("framework_code", "text", (c) => c.notNull().references("framework.code"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_from_precision", "text", (c) =>
      c.notNull().check(sql`valid_from_precision in ('day','month','year')`),
    )
    .addColumn("valid_to", "text")
    .addColumn("cite", "text", (c) => c.notNull())
    .addColumn("certainty", "text", (c) => c.notNull().check(sql`certainty in ('confirmed','uncertain','disputed')`))
    .addColumn("note", "text")
    .addCheckConstraint("membership_period_ck", sql`valid_to is null or valid_to > valid_from`)
    .execute();
  await db.schema
    .createIndex("membership_framework_idx")
    .on("membership")
    .columns(["framework_code", "valid_from"])
    .execute();
  await db.schema
    .createIndex("membership_nation_idx")
    .on("membership")
    .columns(["nation_code", "valid_from"])
    .execute();

  await db.schema
    .createTable("suspension")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("membership_id", "text", (c) => c.notNull().references("membership.id").onDelete("cascade"))
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .addColumn("cite", "text", (c) => c.notNull())
    .addColumn("certainty", "text", (c) => c.notNull().check(sql`certainty in ('confirmed','uncertain','disputed')`))
    .addColumn("note", "text")
    .addCheckConstraint("suspension_period_ck", sql`valid_to is null or valid_to > valid_from`)
    .execute();
  await db.schema.createIndex("suspension_membership_idx").on("suspension").column("membership_id").execute();

  await db.schema
    .createTable("milestone")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("precision", "text", (c) => c.notNull().check(sql`precision in ('day','month','year')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("cite", "text", (c) => c.notNull())
    .addColumn("certainty", "text", (c) => c.notNull().check(sql`certainty in ('confirmed','uncertain','disputed')`))
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createTable("milestone_framework")
    .addColumn("milestone_id", "text", (c) => c.notNull().references("milestone.id").onDelete("cascade"))
    .addColumn("framework_code", "text", (c) => c.notNull().references("framework.code"))
    .addPrimaryKeyConstraint("milestone_framework_pk", ["milestone_id", "framework_code"])
    .execute();
  await db.schema
    .createTable("milestone_nation")
    .addColumn("milestone_id", "text", (c) => c.notNull().references("milestone.id").onDelete("cascade"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addPrimaryKeyConstraint("milestone_nation_pk", ["milestone_id", "nation_code"])
    .execute();

  await db.schema
    .createTable("policy_rule")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_from_precision", "text", (c) =>
      c.notNull().check(sql`valid_from_precision in ('day','month','year')`),
    )
    .addColumn("valid_to", "text")
    .addColumn("priority", "integer", (c) => c.notNull())
    .addColumn("partner_scope", "text", (c) =>
      c.notNull().check(sql`partner_scope in ('audience-member','member-of','any-nation')`),
    )
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('open','council-approval','not-open')`))
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("milestone_id", "text", (c) => c.references("milestone.id"))
    .addColumn("cite", "text", (c) => c.notNull())
    .addCheckConstraint("policy_rule_period_ck", sql`valid_to is null or valid_to > valid_from`)
    .execute();
  await db.schema
    .createTable("policy_rule_framework")
    .addColumn("rule_id", "text", (c) => c.notNull().references("policy_rule.id").onDelete("cascade"))
    .addColumn("framework_code", "text", (c) => c.notNull().references("framework.code"))
    .addPrimaryKeyConstraint("policy_rule_framework_pk", ["rule_id", "framework_code"])
    .execute();
  await db.schema
    .createTable("policy_rule_audience")
    .addColumn("rule_id", "text", (c) => c.notNull().references("policy_rule.id").onDelete("cascade"))
    .addColumn("token", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("policy_rule_audience_pk", ["rule_id", "token"])
    .execute();

  await db.schema
    .createTable("area")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("partner_area")
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("area_code", "text", (c) => c.notNull().references("area.code"))
    .addColumn("extent", "text", (c) => c.notNull().check(sql`extent in ('exploratory','regular','intensive')`))
    .addColumn("since", "text")
    .addColumn("cite", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addPrimaryKeyConstraint("partner_area_pk", ["nation_code", "area_code"])
    .execute();

  await db.schema
    .createTable("partner_event")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("precision", "text", (c) => c.notNull().check(sql`precision in ('day','month','year')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("cite", "text", (c) => c.notNull())
    .addColumn("certainty", "text", (c) => c.notNull().check(sql`certainty in ('confirmed','uncertain','disputed')`))
    .addColumn("note", "text")
    .execute();
  await db.schema
    .createIndex("partner_event_nation_idx")
    .on("partner_event")
    .columns(["nation_code", "date"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
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
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
