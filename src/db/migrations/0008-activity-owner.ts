import type { Kysely } from "kysely";

// The organisation that owns an activity (a school, a command, a centre of excellence): its users
// review the nominations of two-step iterations and record attendance. Optional: many owners
// in the menu have no users in Entente. Frozen once shipped.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("activity")
    .addColumn("owner_organisation_id", "text", (c) => c.references("organisation.id"))
    .execute();
  await db.schema
    .createIndex("activity_owner_organisation_idx")
    .on("activity")
    .column("owner_organisation_id")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("activity_owner_organisation_idx").execute();
  await db.schema.alterTable("activity").dropColumn("owner_organisation_id").execute();
}
