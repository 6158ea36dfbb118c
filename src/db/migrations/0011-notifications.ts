import type { Kysely } from "kysely";
import { sql } from "kysely";

// Notifications: what the system tells a user (in-app) or a person without an account (e-mail
// only, e.g. a nominated participant). Written in the same transaction as the change they report;
// delivery (SMTP or the outbox folder) marks `sent_at` later. Labelled like what they speak of,
// so an inbox never shows a notice its reader may no longer read. Frozen once shipped.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("notification")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recipient_user_id", "text", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("recipient_email", "text", (c) => c.check(sql`recipient_email = lower(recipient_email)`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('activity-invitation','activity-cancelled')`))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("sent_at", "text")
    .addCheckConstraint("notification_recipient", sql`recipient_user_id is not null or recipient_email is not null`)
    .execute();
  await db.schema
    .createIndex("notification_recipient_idx")
    .on("notification")
    .columns(["recipient_user_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("notification_unsent_idx")
    .on("notification")
    .columns(["sent_at", "created_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("notification").execute();
}
