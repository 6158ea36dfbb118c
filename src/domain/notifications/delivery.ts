import { performance } from "node:perf_hooks";
import { type Db, engineOf } from "../../db/connect.js";
import type { Mailer } from "./mailer.js";

// E-mail delivery of notifications, the outbox pattern: a notice is written in the transaction
// of the change it reports (so only committed notices are ever seen here); this sends it later,
// retries with exponential back-off, and never drops it. Rows are claimed before sending so that
// several app instances on one PostgreSQL database never send the same row at the same time.
// Delivery is at least once: a crash between the send and the mark sends that notice again once
// its claim expires (docs/notifications.md).

export type DeliveryOptions = {
  /** Most notices claimed in one run (default 100). */
  batch?: number;
  /** Which instance ran the attempt: prefixed to last_error to tell instances apart. */
  holder?: string;
};

export type DeliveryResult = { sent: number; failed: number; inboxOnly: number };

const DEFAULT_BATCH = 100;
const MINUTE = 60_000;
/** A claimed row is invisible to other runs until this long after the claim. */
export const CLAIM_MS = 5 * MINUTE;
/** Stop starting new sends well before the claim expires, so no other instance picks them up meanwhile. */
const SEND_WINDOW_MS = CLAIM_MS / 2;
const MAX_ERROR_LENGTH = 500;

/** Back-off after the n-th failed attempt (n ≥ 1): 1 min, 2, 4, … capped at 1 h. */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 6));
  return Math.min(60 * MINUTE, MINUTE * 2 ** exponent);
}

/** The web app's path for a notice's subject; no absolute host is configured, so a path. */
export function linkPathOf(subjectType: string, subjectId: string): string {
  const id = encodeURIComponent(subjectId);
  switch (subjectType) {
    case "programme":
      return `/programmes/${id}`;
    case "decision":
      return `/decisions/${id}`;
    case "activity":
      return `/activities/${id}`;
    case "access-request":
      return "/access-requests";
    default:
      return "/inbox";
  }
}

type Claimed = {
  id: string;
  to: string;
  subject: string;
  text: string;
  attempts: number;
  claimedUntil: string;
};

/** Sends the notices that are due, once each; returns what this run did. */
export async function deliverNotifications(
  db: Db,
  mailer: Mailer,
  now: Date,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const batch = Math.max(1, Math.floor(options.batch ?? DEFAULT_BATCH));
  const { claimed, inboxOnly } = await claimDueNotifications(db, now, batch);
  const started = performance.now();
  let sent = 0;
  let failed = 0;
  for (const row of claimed) {
    // Rows left unsent stay claimed and become due again when the claim expires.
    if (performance.now() - started > SEND_WINDOW_MS) break;
    try {
      await mailer.send({ id: row.id, to: row.to, subject: row.subject, text: row.text });
    } catch (error) {
      failed += 1;
      await markFailed(db, row, errorText(error, options.holder), now);
      continue;
    }
    sent += 1;
    await markSent(db, row, now);
  }
  return { sent, failed, inboxOnly };
}

/**
 * Claims due pending rows in one short transaction: PostgreSQL locks them (`for update skip
 * locked`, so a concurrent run takes other rows) and moves next_attempt_at to the claim expiry,
 * which hides them from other runs until then. SQLite has one writer and one instance per file:
 * the same statements without the lock. Rows with no address become inbox-only here.
 */
async function claimDueNotifications(
  db: Db,
  now: Date,
  batch: number,
): Promise<{ claimed: Claimed[]; inboxOnly: number }> {
  const at = now.toISOString();
  const claimedUntil = new Date(now.getTime() + CLAIM_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("notification")
      .select([
        "id",
        "recipient_user_id",
        "recipient_email",
        "subject_type",
        "subject_id",
        "title",
        "body",
        "delivery_attempts",
      ])
      .where("delivery", "=", "pending")
      .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", at)]))
      .orderBy("created_at")
      .orderBy("id")
      .limit(batch)
      .$if(engineOf(trx) === "postgres", (q) => q.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return { claimed: [], inboxOnly: 0 };

    const userIds = [...new Set(due.flatMap((r) => (r.recipient_user_id === null ? [] : [r.recipient_user_id])))];
    const users =
      userIds.length === 0
        ? []
        : await trx.selectFrom("app_user").select(["id", "email"]).where("id", "in", userIds).execute();
    const emailOf = new Map(users.map((u) => [u.id, u.email?.trim() || null]));

    const claimed: Claimed[] = [];
    const noAddress: string[] = [];
    for (const r of due) {
      // The account's current address wins; a person without an account has recipient_email.
      const to = (r.recipient_user_id === null ? null : emailOf.get(r.recipient_user_id)) ?? r.recipient_email;
      if (!to) {
        noAddress.push(r.id);
        continue;
      }
      claimed.push({
        id: r.id,
        to,
        subject: r.title,
        text: `${r.body}\n\n${linkPathOf(r.subject_type, r.subject_id)}\n`,
        attempts: r.delivery_attempts,
        claimedUntil,
      });
    }
    if (noAddress.length > 0) {
      await trx
        .updateTable("notification")
        .set({ delivery: "inbox-only", next_attempt_at: null })
        .where("id", "in", noAddress)
        .execute();
    }
    if (claimed.length > 0) {
      await trx
        .updateTable("notification")
        .set({ next_attempt_at: claimedUntil })
        .where(
          "id",
          "in",
          claimed.map((c) => c.id),
        )
        .execute();
    }
    return { claimed, inboxOnly: noAddress.length };
  });
}

/**
 * Marks sent only if this run still holds the claim (pending, next_attempt_at = its expiry): a
 * run whose claim expired and was taken over must not overwrite the newer holder's state.
 */
async function markSent(db: Db, row: Claimed, now: Date): Promise<void> {
  await db
    .updateTable("notification")
    .set({ delivery: "sent", sent_at: now.toISOString(), next_attempt_at: null, last_error: null })
    .where("id", "=", row.id)
    .where("delivery", "=", "pending")
    .where("next_attempt_at", "=", row.claimedUntil)
    .execute();
}

/** Keeps the row pending (never dropped) and schedules the next attempt with back-off. */
async function markFailed(db: Db, row: Claimed, error: string, now: Date): Promise<void> {
  const attempts = row.attempts + 1;
  await db
    .updateTable("notification")
    .set({
      delivery_attempts: attempts,
      last_error: error,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString(),
    })
    .where("id", "=", row.id)
    .where("delivery", "=", "pending")
    .where("next_attempt_at", "=", row.claimedUntil)
    .execute();
}

function errorText(error: unknown, holder: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = holder ? `${holder}: ${message}` : message;
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
