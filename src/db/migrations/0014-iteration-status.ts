import type { Kysely } from "kysely";
import { sql } from "kysely";

// An iteration's own status: one run of an activity can be cancelled while the others go on (the
// activity's lifecycle covers the whole activity). Frozen once shipped.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("iteration")
    .addColumn("status", "text", (c) =>
      c.notNull().defaultTo("scheduled").check(sql`status in ('scheduled','cancelled')`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("iteration").dropColumn("status").execute();
}
