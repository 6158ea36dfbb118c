import type { Kysely } from "kysely";

// The rest of an activity's catalogue entry as e-PRIME's menu shows it: aim and objectives, fees
// (free text: "650 EUR per participant", "none"), and the point of contact. Frozen once shipped.

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ["aim", "fees", "point_of_contact"]) {
    await db.schema
      .alterTable("activity")
      .addColumn(column, "text", (c) => c.notNull().defaultTo(""))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ["aim", "fees", "point_of_contact"]) {
    await db.schema.alterTable("activity").dropColumn(column).execute();
  }
}
