import type { Kysely } from "kysely";

// Indexes the cooperation menu needs at e-PRIME scale (docs/performance.md, "Cooperation menu
// at e-PRIME scale"), found with EXPLAIN on both engines over 10,000 activities and 150,000
// nominations:
// - nomination (iteration_id, status): the activity page's waitlist lengths, an iteration's
//   nominations and the participation report read nominations by iteration; the only index
//   that led with iteration_id was partial (active statuses), which SQLite did not use for
//   `status = 'waitlisted'`, so each activity page scanned every nomination (~0.5 s).
// - activity_area (area_code, activity_id): the area filter and facet start from the area;
//   the primary key leads with activity_id.
// - activity (kind, status, reference): the kind filter within the visible statuses, in page order.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex("activity_area_area_idx")
    .on("activity_area")
    .columns(["area_code", "activity_id"])
    .execute();
  await db.schema
    .createIndex("activity_kind_status_idx")
    .on("activity")
    .columns(["kind", "status", "reference"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ["activity_kind_status_idx", "activity_area_area_idx"]) {
    await db.schema.dropIndex(index).execute();
  }
}
