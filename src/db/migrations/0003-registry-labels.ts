import type { Kysely } from "kysely";
import { sql } from "kysely";

// Every registry record carries a label. The reference registry (nations, frameworks,
// memberships, milestones, sources) is public by definition: its label is fixed to the PUBLIC
// label by a CHECK, which is what lets its queries skip the read predicate; marking any of it
// otherwise takes a migration that also adds the predicate. Partner areas and partner events
// may be labelled freely and every query returning them applies the read rule.

const PUBLIC_ONLY = ["nation", "framework", "membership", "suspension", "milestone", "source"] as const;
const LABELLED = ["partner_area", "partner_event"] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`insert into label (id, policy_identifier, classification, classification_rank, created_at, review_at)
            values ('public', 'NATO', 'PUBLIC', 0, '2026-11-28T00:00:00.000Z', null)`.execute(db);
  for (const table of PUBLIC_ONLY) {
    await db.schema
      .alterTable(table)
      .addColumn("label_id", "text", (c) => c.notNull().defaultTo("public").check(sql`label_id = 'public'`))
      .execute();
  }
  for (const table of LABELLED) {
    await db.schema
      .alterTable(table)
      .addColumn("label_id", "text", (c) => c.notNull().defaultTo("public"))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [...PUBLIC_ONLY, ...LABELLED]) await db.schema.alterTable(table).dropColumn("label_id").execute();
  await sql`delete from label where id = 'public'`.execute(db);
}
