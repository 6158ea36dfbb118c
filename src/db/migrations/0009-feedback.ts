import type { Kysely } from "kysely";
import { sql } from "kysely";

// After an iteration is conducted: attendance per nomination, the feedback questionnaire's
// answers (one submission per nomination, one row per answered question, so the questionnaire
// can gain questions without a migration), and the secret calendar feed URLs. Frozen once shipped.
// Portable: text and integer only, ISO timestamps as text, CHECK constraints for every enumeration.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("attendance")
    .addColumn("nomination_id", "text", (c) => c.primaryKey().references("nomination.id"))
    // Denormalised from the nomination so a report reads one iteration's rows by index.
    .addColumn("iteration_id", "text", (c) => c.notNull().references("iteration.id"))
    .addColumn("attended", "integer", (c) => c.notNull().check(sql`attended in (0,1)`))
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("attendance_iteration_idx").on("attendance").column("iteration_id").execute();

  await db.schema
    .createTable("feedback")
    // The primary key is the rule "one submission per nomination".
    .addColumn("nomination_id", "text", (c) => c.primaryKey().references("nomination.id"))
    .addColumn("iteration_id", "text", (c) => c.notNull().references("iteration.id"))
    .addColumn("questionnaire_version", "integer", (c) => c.notNull().check(sql`questionnaire_version > 0`))
    .addColumn("submitted_by", "text", (c) => c.notNull())
    // Who answered: the nation's point of contact on the participant's behalf, or alliance staff.
    .addColumn("submitted_as", "text", (c) => c.notNull().check(sql`submitted_as in ('partner','staff')`))
    .addColumn("submitted_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("feedback_iteration_idx").on("feedback").column("iteration_id").execute();

  await db.schema
    .createTable("feedback_answer")
    .addColumn("nomination_id", "text", (c) => c.notNull().references("feedback.nomination_id"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("rating", "integer", (c) => c.check(sql`rating between 1 and 5`))
    .addColumn("choice", "integer", (c) => c.check(sql`choice in (0,1)`))
    .addColumn("comment", "text")
    .addPrimaryKeyConstraint("feedback_answer_pk", ["nomination_id", "question_id"])
    // Exactly one kind of answer per row.
    .addCheckConstraint(
      "feedback_answer_one_kind",
      sql`(case when rating is null then 0 else 1 end) + (case when choice is null then 0 else 1 end) + (case when comment is null then 0 else 1 end) = 1`,
    )
    .execute();

  await db.schema
    .createTable("calendar_feed")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('nation','mine')`))
    // SHA-256 of the secret URL token (hashToken): the token itself is shown once and never stored.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("calendar_feed_user_idx").on("calendar_feed").column("user_id").execute();

  // The calendar's "nominations I made" (per iteration), the report's nominations of one
  // iteration, and the feed window (iterations by start date).
  await db.schema
    .createIndex("nomination_created_by_idx")
    .on("nomination")
    .columns(["created_by", "iteration_id"])
    .execute();
  await db.schema
    .createIndex("nomination_iteration_idx")
    .on("nomination")
    .columns(["iteration_id", "status"])
    .execute();
  await db.schema.createIndex("iteration_start_idx").on("iteration").columns(["start_date", "activity_id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("iteration_start_idx").execute();
  await db.schema.dropIndex("nomination_iteration_idx").execute();
  await db.schema.dropIndex("nomination_created_by_idx").execute();
  for (const table of ["calendar_feed", "feedback_answer", "feedback", "attendance"]) {
    await db.schema.dropTable(table).execute();
  }
}
