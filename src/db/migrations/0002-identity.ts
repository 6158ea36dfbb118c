import type { Kysely } from "kysely";
import { sql } from "kysely";

// Identity, confidentiality labels, audit trail and documents. Frozen once shipped.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("organisation")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('alliance-staff','command','delegation','mission','international-organisation')`),
    )
    // null: the organisation is the alliance's own (International Staff, commands).
    .addColumn("nation_code", "text", (c) => c.references("nation.code"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("app_user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("username", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisation.id"))
    .addColumn("clearance", "text", (c) => c.notNull().check(sql`clearance in ('NU','NR','NC','NS')`))
    .addColumn("is_poc", "integer", (c) => c.notNull().defaultTo(0).check(sql`is_poc in (0,1)`))
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("disabled", "integer", (c) => c.notNull().defaultTo(0).check(sql`disabled in (0,1)`))
    .addColumn("totp_secret", "text")
    .addColumn("totp_enabled", "integer", (c) => c.notNull().defaultTo(0).check(sql`totp_enabled in (0,1)`))
    .addColumn("totp_last_step", "integer")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("app_user_organisation_idx").on("app_user").column("organisation_id").execute();

  await db.schema
    .createTable("user_role")
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('admin','staff','delegation','partner','hq','auditor','analyst')`),
    )
    .addPrimaryKeyConstraint("user_role_pk", ["user_id", "role"])
    .execute();

  await db.schema
    .createTable("recovery_code")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema.createIndex("recovery_code_user_idx").on("recovery_code").column("user_id").execute();

  await db.schema
    .createTable("user_session")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_seen_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    // 0 while the second factor is still owed; the session then grants nothing else.
    .addColumn("mfa_verified", "integer", (c) => c.notNull().check(sql`mfa_verified in (0,1)`))
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("user_session_user_idx").on("user_session").column("user_id").execute();

  await db.schema
    .createTable("api_token")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("last_used_at", "text")
    .addColumn("revoked_at", "text")
    .execute();

  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .execute();

  await db.schema
    .createTable("label")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("policy_identifier", "text", (c) => c.notNull())
    .addColumn("classification", "text", (c) =>
      c.notNull().check(sql`classification in ('PUBLIC','NU','NR','NC','NS')`),
    )
    .addColumn("classification_rank", "integer", (c) => c.notNull().check(sql`classification_rank between 0 and 4`))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("review_at", "text")
    .execute();
  await db.schema
    .createTable("label_releasable")
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id").onDelete("cascade"))
    .addColumn("token", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("label_releasable_pk", ["label_id", "token"])
    .execute();
  await db.schema
    .createIndex("label_releasable_token_idx")
    .on("label_releasable")
    .columns(["token", "label_id"])
    .execute();

  await db.schema
    .createTable("audit_event")
    .addColumn("seq", "integer", (c) => c.primaryKey())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_username", "text")
    .addColumn("actor_nation", "text")
    .addColumn("actor_organisation", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("object_type", "text")
    .addColumn("object_id", "text")
    .addColumn("object_label", "text")
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('success','denied','invalid')`))
    .addColumn("details", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_event_at_idx").on("audit_event").column("at").execute();

  await db.schema
    .createTable("document")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("document_date", "text", (c) => c.notNull())
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("document_date_idx").on("document").columns(["document_date", "id"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "document",
    "audit_event",
    "label_releasable",
    "label",
    "login_throttle",
    "api_token",
    "user_session",
    "recovery_code",
    "user_role",
    "app_user",
    "organisation",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
