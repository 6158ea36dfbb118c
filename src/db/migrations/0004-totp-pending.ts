import type { Kysely } from "kysely";

// A TOTP secret being enrolled is kept apart from the active one until a code confirms it, so
// restarting enrolment never switches the current second factor off.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("app_user").addColumn("totp_pending_secret", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("app_user").dropColumn("totp_pending_secret").execute();
}
