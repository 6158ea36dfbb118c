import type { Kysely } from "kysely";
import { sql } from "kysely";

// Programmes and decisions: partner programmes with their revisions and comments, the Council's
// decisions (in a meeting or by silence procedure), case-by-case access requests, a lease for
// scheduled work shared by app instances, and e-mail delivery state for notifications (whose
// kinds grow, so the table is rebuilt: SQLite cannot alter a CHECK). Frozen once shipped.

const NOTIFICATION_KINDS = [
  "activity-invitation",
  "activity-cancelled",
  "programme-commented",
  "programme-submitted",
  "programme-agreed",
  "programme-status",
  "silence-opened",
  "silence-deadline-approaching",
  "decision-ended",
  "access-request-decided",
];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(","));

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("app_user").addColumn("email", "text").execute();

  await db.schema
    .createTable("decision")
    .addColumn("id", "text", (c) => c.primaryKey())
    // The document reference, e.g. C-M(2012)0014.
    .addColumn("reference", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull().check(sql`body in ('NAC','PPC')`))
    .addColumn("format", "text", (c) =>
      c.notNull().check(sql`format in ('allies-only','allies-plus-one','allies-plus-n','eapc','md','ici')`),
    )
    .addColumn("procedure", "text", (c) => c.notNull().check(sql`procedure in ('meeting','silence')`))
    .addColumn("subject_type", "text", (c) =>
      c
        .notNull()
        .check(
          sql`subject_type in ('programme','access-request','contributor-recognition','meeting-format','free-text')`,
        ),
    )
    .addColumn("subject_id", "text")
    .addColumn("subject_text", "text", (c) => c.notNull().defaultTo(""))
    // The Allies as of this date take the decision (and only they may break silence).
    .addColumn("decision_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('open','adopted','silence-broken','not-adopted','withdrawn')`),
    )
    // Silence procedure: the deadline as an instant (UTC ISO) and as written (local time + zone).
    .addColumn("deadline_at", "text")
    .addColumn("deadline_local", "text")
    .addColumn("deadline_zone", "text")
    .addColumn("reminder_sent_at", "text")
    .addColumn("broken_by_nation", "text", (c) => c.references("nation.code"))
    .addColumn("broken_by_user_id", "text", (c) => c.references("app_user.id"))
    .addColumn("broken_reason", "text")
    .addColumn("broken_at", "text")
    .addColumn("outcome_note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("closed_at", "text")
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addCheckConstraint("decision_silence_deadline", sql`procedure <> 'silence' or deadline_at is not null`)
    .execute();
  await db.schema.createIndex("decision_due_idx").on("decision").columns(["status", "deadline_at"]).execute();
  await db.schema.createIndex("decision_subject_idx").on("decision").columns(["subject_type", "subject_id"]).execute();
  await db.schema.createIndex("decision_created_idx").on("decision").columns(["created_at", "id"]).execute();
  // At most one open procedure per subject.
  await sql`create unique index decision_open_subject_idx on decision (subject_type, subject_id) where status = 'open' and subject_id is not null`.execute(
    db,
  );

  // Allies + 1 / Allies + n: the partners and organisations in the format (they attend; they never decide).
  await db.schema
    .createTable("decision_participant")
    .addColumn("decision_id", "text", (c) => c.notNull().references("decision.id").onDelete("cascade"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addPrimaryKeyConstraint("decision_participant_pk", ["decision_id", "nation_code"])
    .execute();

  // In a meeting: the Allies present when consensus was (or was not) reached.
  await db.schema
    .createTable("decision_ally_present")
    .addColumn("decision_id", "text", (c) => c.notNull().references("decision.id").onDelete("cascade"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addPrimaryKeyConstraint("decision_ally_present_pk", ["decision_id", "nation_code"])
    .execute();

  await db.schema
    .createTable("programme")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('annual-work-programme','ipcp','itpp')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .check(
          sql`status in ('draft','consultation','submitted','agreed','in-force','under-review','completed','superseded','withdrawn')`,
        ),
    )
    .addColumn("current_revision", "integer", (c) => c.notNull().defaultTo(1))
    // The Council's adopting decision, and the partner's acceptance: together they make it agreed.
    .addColumn("council_decision_id", "text", (c) => c.references("decision.id"))
    .addColumn("accepted_at", "text")
    .addColumn("accepted_by", "text")
    .addColumn("superseded_by", "text")
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addCheckConstraint("programme_period", sql`period_start <= period_end`)
    .execute();
  await db.schema
    .createIndex("programme_nation_idx")
    .on("programme")
    .columns(["nation_code", "period_start"])
    .execute();
  await db.schema.createIndex("programme_status_idx").on("programme").columns(["status", "updated_at"]).execute();

  // Every saved version of a programme's content (JSON), kept for the consultation's diffs.
  await db.schema
    .createTable("programme_revision")
    .addColumn("programme_id", "text", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("number", "integer", (c) => c.notNull().check(sql`number >= 1`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("programme_revision_pk", ["programme_id", "number"])
    .execute();

  // Comments beside a section of one revision.
  await db.schema
    .createTable("programme_comment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("programme.id").onDelete("cascade"))
    .addColumn("revision_number", "integer", (c) => c.notNull())
    .addColumn("section", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("author_user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("programme_comment_idx")
    .on("programme_comment")
    .columns(["programme_id", "created_at"])
    .execute();

  await db.schema
    .createTable("access_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("activity_id", "text", (c) => c.notNull().references("activity.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('requested','in-decision','granted','refused','withdrawn')`),
    )
    .addColumn("decision_id", "text", (c) => c.references("decision.id"))
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .execute();
  // One live request per nation and activity.
  await sql`create unique index access_request_live_idx on access_request (nation_code, activity_id) where status in ('requested','in-decision','granted')`.execute(
    db,
  );

  // Scheduled work shared by app instances: whoever holds an unexpired lease runs the job.
  await db.schema
    .createTable("job_lease")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();

  // Rebuild notification with the new kinds and delivery state.
  await db.schema
    .createTable("notification_next")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recipient_user_id", "text", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("recipient_email", "text", (c) => c.check(sql`recipient_email = lower(recipient_email)`))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in (${inList(NOTIFICATION_KINDS)})`))
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("sent_at", "text")
    // pending: to be e-mailed (retried until sent); sent; inbox-only: no e-mail address to send to.
    .addColumn("delivery", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`delivery in ('pending','sent','inbox-only')`),
    )
    .addColumn("delivery_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text")
    .addColumn("last_error", "text")
    .addCheckConstraint("notification_recipient", sql`recipient_user_id is not null or recipient_email is not null`)
    .execute();
  await sql`insert into notification_next (id, recipient_user_id, recipient_email, kind, subject_type, subject_id, title, body, label_id, created_at, read_at, sent_at, delivery)
    select id, recipient_user_id, recipient_email, kind, subject_type, subject_id, title, body, label_id, created_at, read_at, sent_at,
      case when sent_at is not null then 'sent' else 'pending' end
    from notification`.execute(db);
  await db.schema.dropTable("notification").execute();
  await db.schema.alterTable("notification_next").renameTo("notification").execute();
  await db.schema
    .createIndex("notification_recipient_idx")
    .on("notification")
    .columns(["recipient_user_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("notification_delivery_idx")
    .on("notification")
    .columns(["delivery", "next_attempt_at"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // The rebuilt notification table stays (its extra kinds and delivery columns are harmless).
  await db.schema.dropTable("job_lease").execute();
  await db.schema.dropTable("access_request").execute();
  await db.schema.dropTable("programme_comment").execute();
  await db.schema.dropTable("programme_revision").execute();
  await db.schema.dropTable("programme").execute();
  await db.schema.dropTable("decision_ally_present").execute();
  await db.schema.dropTable("decision_participant").execute();
  await db.schema.dropTable("decision").execute();
  await db.schema.alterTable("app_user").dropColumn("email").execute();
}
