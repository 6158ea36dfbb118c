import type { Kysely } from "kysely";
import { sql } from "kysely";

// Meetings and operations: NATO-led operations with their non-NATO contributors (recognised by
// the Council), contributions (troop snapshots and other kinds), force generation (statement of
// requirements lines and offers), liaison officer postings, and meetings in flexible formats
// (criteria, adjustments, invitations, agenda, attendance, action items). The notification table
// is rebuilt once more, this time without a CHECK on its kinds: kinds are a TypeScript union
// validated by the code, so new kinds no longer need a table rebuild. Frozen once shipped.

const PRECISION = sql`('day','month','year')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("operation")
    // A short code, e.g. ISAF; usable in the releasability token CONTRIB:<code>.
    .addColumn("code", "text", (c) => c.primaryKey().check(sql`length(code) between 2 and 12`))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("theatre", "text", (c) => c.notNull())
    .addColumn("mandate", "text", (c) => c.notNull())
    .addColumn("start_date", "text", (c) => c.notNull())
    .addColumn("start_precision", "text", (c) => c.notNull().check(sql`start_precision in ${PRECISION}`))
    // Exclusive, like membership.valid_to; null while ongoing.
    .addColumn("end_date", "text")
    .addColumn("end_precision", "text", (c) => c.check(sql`end_precision is null or end_precision in ${PRECISION}`))
    .addColumn("cite", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    // Operations are public reference data, like frameworks.
    .addColumn("label_id", "text", (c) => c.notNull().defaultTo("public").references("label.id"))
    .addCheckConstraint("operation_period", sql`end_date is null or start_date < end_date`)
    .execute();

  // A non-NATO nation's way to being a recognised contributor: offer, political-military advice,
  // the Council's decision; recognised from the decision's date until recognised_to (exclusive).
  await db.schema
    .createTable("contributor_recognition")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("operation_code", "text", (c) => c.notNull().references("operation.code"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('offered','advised','in-decision','recognised','declined','withdrawn','ended')`),
    )
    .addColumn("offer", "text", (c) => c.notNull())
    .addColumn("offered_on", "text", (c) => c.notNull())
    .addColumn("advice", "text")
    .addColumn("advised_by", "text", (c) => c.references("app_user.id"))
    .addColumn("advised_at", "text")
    .addColumn("decision_id", "text", (c) => c.references("decision.id"))
    .addColumn("recognised_from", "text")
    .addColumn("recognised_to", "text")
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addCheckConstraint(
      "recognition_dates",
      sql`(status not in ('recognised','ended') or recognised_from is not null) and (recognised_to is null or recognised_from < recognised_to)`,
    )
    .execute();
  // One live case per nation and operation; ended or refused ones may be followed by a new offer.
  await db.schema
    .createIndex("recognition_live_idx")
    .on("contributor_recognition")
    .columns(["operation_code", "nation_code"])
    .unique()
    .where(sql.ref("status"), "in", ["offered", "advised", "in-decision", "recognised"])
    .execute();
  await db.schema
    .createIndex("recognition_nation_idx")
    .on("contributor_recognition")
    .columns(["nation_code", "status"])
    .execute();

  await db.schema
    .createTable("contribution")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("operation_code", "text", (c) => c.notNull().references("operation.code"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("kind", "text", (c) =>
      c.notNull().check(sql`kind in ('troops','funding','development-project','medical','equipment','training')`),
    )
    // Troops: the snapshot's date (the placemat's "as of"); other kinds: the date of the contribution.
    .addColumn("as_of", "text", (c) => c.notNull())
    .addColumn("troops", "integer", (c) => c.check(sql`troops is null or troops >= 0`))
    .addColumn("amount", "integer", (c) => c.check(sql`amount is null or amount >= 0`))
    .addColumn("currency", "text")
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // Where the figure comes from (a URL or a source id), shown beside it.
    .addColumn("cite", "text")
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("contribution_troops", sql`(kind = 'troops') = (troops is not null)`)
    .addCheckConstraint("contribution_amount", sql`(amount is null) = (currency is null)`)
    .execute();
  await db.schema
    .createIndex("contribution_operation_idx")
    .on("contribution")
    .columns(["operation_code", "kind", "nation_code", "as_of"])
    .execute();
  await db.schema.createIndex("contribution_nation_idx").on("contribution").columns(["nation_code", "as_of"]).execute();

  // Force generation: the statement of requirements (CJSOR) lines, and nations' offers against them.
  await db.schema
    .createTable("requirement")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("operation_code", "text", (c) => c.notNull().references("operation.code"))
    .addColumn("line_number", "integer", (c) => c.notNull().check(sql`line_number >= 1`))
    .addColumn("capability", "text", (c) => c.notNull())
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity >= 1`))
    .addColumn("unit", "text", (c) => c.notNull().defaultTo("personnel"))
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("location", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open','closed')`))
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("requirement_line_unique", ["operation_code", "line_number"])
    .addCheckConstraint("requirement_period", sql`period_start <= period_end`)
    .execute();

  await db.schema
    .createTable("force_offer")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("requirement_id", "text", (c) => c.notNull().references("requirement.id"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("quantity", "integer", (c) => c.notNull().check(sql`quantity >= 1`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('offered','accepted','declined','withdrawn')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("offered_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("offered_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.references("app_user.id"))
    .addColumn("decided_at", "text")
    .execute();
  await db.schema
    .createIndex("force_offer_requirement_idx")
    .on("force_offer")
    .columns(["requirement_id", "status"])
    .execute();

  await db.schema
    .createTable("posting")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("officer_name", "text", (c) => c.notNull())
    .addColumn("headquarters", "text", (c) =>
      c
        .notNull()
        .check(sql`headquarters in ('SHAPE','NATO-HQ','ISAF-HQ','KFOR-HQ','JFC-BRUNSSUM','JFC-NAPLES','MARCOM','ICC')`),
    )
    .addColumn("role", "text", (c) =>
      c.notNull().check(sql`role in ('liaison-officer','partner-representative','staff-officer')`),
    )
    .addColumn("operation_code", "text", (c) => c.references("operation.code"))
    .addColumn("start_date", "text", (c) => c.notNull())
    // Exclusive; null while posted.
    .addColumn("end_date", "text")
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addCheckConstraint("posting_period", sql`end_date is null or start_date < end_date`)
    .execute();
  await db.schema.createIndex("posting_nation_idx").on("posting").columns(["nation_code", "start_date"]).execute();
  await db.schema
    .createIndex("posting_headquarters_idx")
    .on("posting")
    .columns(["headquarters", "start_date"])
    .execute();

  await db.schema
    .createTable("meeting")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("topic", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull().check(sql`body in ('NAC','PPC')`))
    .addColumn("level", "text", (c) =>
      c.notNull().check(sql`level in ('ambassadors','ministers','heads-of-state-and-government')`),
    )
    .addColumn("format", "text", (c) =>
      c.notNull().check(sql`format in ('allies-only','allies-plus-one','allies-plus-n','eapc','md','ici')`),
    )
    // The start as an instant (UTC ISO) and as written (local date-time + IANA zone).
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("starts_local", "text", (c) => c.notNull())
    .addColumn("time_zone", "text", (c) => c.notNull())
    // The local date: participants are resolved as of this date.
    .addColumn("meeting_date", "text", (c) => c.notNull())
    .addColumn("duration_minutes", "integer", (c) => c.notNull().check(sql`duration_minutes between 15 and 4320`))
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('planning','format-in-decision','format-agreed','invited','held','cancelled')`),
    )
    .addColumn("format_decision_id", "text", (c) => c.references("decision.id"))
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema.createIndex("meeting_starts_idx").on("meeting").columns(["starts_at", "id"]).execute();

  // Who is invited, by rule: members of a framework, contributors to an operation, partners
  // working in an area, or one named nation or organisation. Resolved as of meeting_date.
  await db.schema
    .createTable("meeting_criterion")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('framework','contributors','area','nation')`))
    .addColumn("value", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_criterion_pk", ["meeting_id", "kind", "value"])
    .execute();

  // The staff's adjustments to the resolved list: add someone the criteria miss, remove someone.
  await db.schema
    .createTable("meeting_adjustment")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('add','remove')`))
    .addColumn("note", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("adjusted_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("adjusted_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("meeting_adjustment_pk", ["meeting_id", "nation_code"])
    .execute();

  // The participant list frozen when invitations go out, with the reasons each one is in it.
  await db.schema
    .createTable("meeting_invitation")
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("nation_code", "text", (c) => c.notNull().references("nation.code"))
    // JSON array of reasons, e.g. [{"kind":"contributors","value":"OOS"}].
    .addColumn("reasons", "text", (c) => c.notNull())
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addColumn("attended", "integer", (c) => c.check(sql`attended is null or attended in (0,1)`))
    .addColumn("representative", "text")
    .addPrimaryKeyConstraint("meeting_invitation_pk", ["meeting_id", "nation_code"])
    .execute();
  await db.schema
    .createIndex("meeting_invitation_nation_idx")
    .on("meeting_invitation")
    .columns(["nation_code", "meeting_id"])
    .execute();

  await db.schema
    .createTable("agenda_item")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().check(sql`position >= 1`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    // A force generation conference puts an operation's statement of requirements on its agenda.
    .addColumn("operation_code", "text", (c) => c.references("operation.code"))
    .addColumn("outcome", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.schema
    .createIndex("agenda_item_meeting_idx")
    .on("agenda_item")
    .columns(["meeting_id", "position"])
    .execute();

  // Documents tabled under an agenda item; each keeps its own label.
  await db.schema
    .createTable("agenda_document")
    .addColumn("agenda_item_id", "text", (c) => c.notNull().references("agenda_item.id").onDelete("cascade"))
    .addColumn("document_id", "text", (c) => c.notNull().references("document.id"))
    .addPrimaryKeyConstraint("agenda_document_pk", ["agenda_item_id", "document_id"])
    .execute();

  await db.schema
    .createTable("action_item")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meeting.id").onDelete("cascade"))
    .addColumn("agenda_item_id", "text", (c) => c.references("agenda_item.id").onDelete("set null"))
    .addColumn("text", "text", (c) => c.notNull())
    // The owner: a nation or an organisation (EU, UN, …), by code.
    .addColumn("owner_code", "text", (c) => c.notNull().references("nation.code"))
    .addColumn("due_date", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('open','in-progress','done','dropped')`))
    .addColumn("created_by", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("action_item_due_idx").on("action_item").columns(["status", "due_date"]).execute();

  // Rebuild notification without the CHECK on kind (see the header).
  await db.schema
    .createTable("notification_next")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("recipient_user_id", "text", (c) => c.references("app_user.id").onDelete("cascade"))
    .addColumn("recipient_email", "text", (c) => c.check(sql`recipient_email = lower(recipient_email)`))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("label_id", "text", (c) => c.notNull().references("label.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addColumn("sent_at", "text")
    .addColumn("delivery", "text", (c) =>
      c.notNull().defaultTo("pending").check(sql`delivery in ('pending','sent','inbox-only')`),
    )
    .addColumn("delivery_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text")
    .addColumn("last_error", "text")
    .addCheckConstraint("notification_recipient", sql`recipient_user_id is not null or recipient_email is not null`)
    .execute();
  await sql`insert into notification_next (id, recipient_user_id, recipient_email, kind, subject_type, subject_id, title, body, label_id, created_at, read_at, sent_at, delivery, delivery_attempts, next_attempt_at, last_error)
    select id, recipient_user_id, recipient_email, kind, subject_type, subject_id, title, body, label_id, created_at, read_at, sent_at, delivery, delivery_attempts, next_attempt_at, last_error
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
  // The rebuilt notification table stays (it accepts every earlier kind).
  for (const table of [
    "action_item",
    "agenda_document",
    "agenda_item",
    "meeting_invitation",
    "meeting_adjustment",
    "meeting_criterion",
    "meeting",
    "posting",
    "force_offer",
    "requirement",
    "contribution",
    "contributor_recognition",
    "operation",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
