import type { Kysely } from "kysely";
import { sql } from "kysely";

// The Cooperation menu: activities, their iterations and the nations' nominations. Frozen once shipped.
// Portable: text and integer only, ISO dates as text, CHECK constraints for every enumeration.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("activity")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('course','exercise','workshop','conference','seminar','strategic-level-training','information-exchange','intelligence-exchange','technology-exchange','joint-operation-support')`,
        ),
    )
    .addColumn("description", "text", (c) => c.notNull())
    // As written ("NATO, PfP, MD, ICI and other nations as approved"); read with parseTokens.
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("required_clearance", "text", (c) => c.notNull().check(sql`required_clearance in ('NU','NR','NC','NS')`))
    .addColumn("language", "text", (c) => c.notNull())
    // STANAG 6001 level.
    .addColumn("language_level", "integer", (c) => c.notNull().check(sql`language_level between 0 and 5`))
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('proposed','approved','published','nominations-open','nominations-closed','conducted','feedback-collected','archived','cancelled')`,
        ),
    )
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("activity_status_idx").on("activity").columns(["status", "reference"]).execute();

  await db.schema
    .createTable("activity_area")
    .addColumn("activity_id", "text", (c) => c.notNull().references("activity.id").onDelete("cascade"))
    .addColumn("area_code", "text", (c) => c.notNull().references("area.code"))
    .addPrimaryKeyConstraint("activity_area_pk", ["activity_id", "area_code"])
    .execute();

  await db.schema
    .createTable("iteration")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activity.id"))
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("end_date", "text", (c) => c.notNull())
    .addColumn("city", "text", (c) => c.notNull())
    .addColumn("country_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("seats", "integer", (c) => c.notNull().check(sql`seats > 0`))
    .addColumn("confirmed_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("nomination_deadline", "text", (c) => c.notNull())
    .addColumn("two_step", "integer", (c) => c.notNull().defaultTo(0).check(sql`two_step in (0,1)`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("iteration_code_unique", ["activity_id", "code"])
    .addCheckConstraint("iteration_seats_taken", sql`confirmed_count >= 0 and confirmed_count <= seats`)
    .addCheckConstraint("iteration_dates", sql`start_date <= end_date`)
    .execute();

  await db.schema
    .createTable("nomination")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("iteration_id", "text", (c) => c.notNull().references("iteration.id"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("participant_name", "text", (c) => c.notNull())
    .addColumn("participant_email", "text", (c) => c.notNull().check(sql`participant_email = lower(participant_email)`))
    .addColumn("rank", "text", (c) => c.notNull())
    .addColumn("clearance", "text", (c) => c.notNull().check(sql`clearance in ('NU','NR','NC','NS')`))
    .addColumn("language_level", "integer", (c) => c.notNull().check(sql`language_level between 0 and 5`))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('confirmed','waitlisted','pending-owner','withdrawn','declined')`),
    )
    .addColumn("waitlist_position", "integer")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // A position exactly when waitlisted.
    .addCheckConstraint(
      "nomination_waitlist_position",
      sql`(status = 'waitlisted' and waitlist_position is not null) or (status <> 'waitlisted' and waitlist_position is null)`,
    )
    .execute();
  // One active nomination per participant per iteration.
  await db.schema
    .createIndex("nomination_active_participant_unique")
    .on("nomination")
    .columns(["iteration_id", "participant_email"])
    .unique()
    .where(sql.ref("status"), "in", sql`('confirmed','waitlisted','pending-owner')`)
    .execute();
  // One nomination per waitlist position.
  await db.schema
    .createIndex("nomination_waitlist_position_unique")
    .on("nomination")
    .columns(["iteration_id", "waitlist_position"])
    .unique()
    .where(sql.ref("waitlist_position"), "is not", null)
    .execute();
  await db.schema
    .createIndex("nomination_nation_idx")
    .on("nomination")
    .columns(["nation_code", "iteration_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["nomination", "iteration", "activity_area", "activity"]) {
    await db.schema.dropTable(table).execute();
  }
}
