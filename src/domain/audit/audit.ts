import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import { type Db, lockForTransaction } from "../../db/connect.js";
import type { AuditEventTable, Database } from "../../db/schema.js";
import type { TLabel } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";

export type AuditOutcome = AuditEventTable["outcome"];

export type AuditInput = {
  actor: Viewer | null;
  action: string;
  objectType?: string;
  objectId?: string;
  objectLabel?: TLabel | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
};

const GENESIS = "0".repeat(64);
const AUDIT_LOCK = "entente:audit-chain";

/** The fields the hash covers, in a fixed order: changing any of them breaks the chain. */
function hashOf(row: Omit<AuditEventTable, "hash">): string {
  const fields = [
    row.seq,
    row.at,
    row.actor_user_id,
    row.actor_username,
    row.actor_nation,
    row.actor_organisation,
    row.action,
    row.object_type,
    row.object_id,
    row.object_label,
    row.outcome,
    row.details,
    row.prev_hash,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/**
 * Appends one event to the hash chain inside the caller's transaction, so the event and the
 * change it records commit or roll back together. The chain is serialised (advisory lock on
 * PostgreSQL; SQLite has one writer) and `seq` is the primary key, so it can never fork.
 */
export async function recordAuditEvent(trx: Transaction<Database>, input: AuditInput, at: Date): Promise<number> {
  await lockForTransaction(trx, AUDIT_LOCK);
  const last = await trx
    .selectFrom("audit_event")
    .select(["seq", "hash"])
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  const row: Omit<AuditEventTable, "hash"> = {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    actor_user_id: input.actor?.userId ?? null,
    actor_username: input.actor?.username ?? null,
    actor_nation: input.actor?.nation ?? null,
    actor_organisation: input.actor?.organisation ?? null,
    action: input.action,
    object_type: input.objectType ?? null,
    object_id: input.objectId ?? null,
    object_label: input.objectLabel ? input.objectLabel.marking : null,
    outcome: input.outcome,
    details: input.details ? JSON.stringify(input.details) : null,
    prev_hash: last?.hash ?? GENESIS,
  };
  await trx
    .insertInto("audit_event")
    .values({ ...row, hash: hashOf(row) })
    .execute();
  return row.seq;
}

/** Records an event in its own transaction: for denials and failures, whose own change was rolled back. */
export async function recordAuditEventAlone(db: Db, input: AuditInput, at: Date): Promise<number> {
  return db.transaction().execute((trx) => recordAuditEvent(trx, input, at));
}

export type ChainReport =
  | { intact: true; events: number; head: string }
  | { intact: false; events: number; brokenAt: number; reason: string };

/**
 * Recomputes the chain from the first event. Reports the first broken link: an edited row
 * (hash mismatch), a deleted or inserted row (sequence gap or link mismatch), a reordering.
 * Deleting the newest events is only visible against a head kept elsewhere: report `head`.
 */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let events = 0;
  for (;;) {
    const page = await db
      .selectFrom("audit_event")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const { hash, ...rest } = row;
      if (row.seq !== expectedSeq) {
        return {
          intact: false,
          events,
          brokenAt: expectedSeq,
          reason: `event ${expectedSeq} is missing (next is ${row.seq})`,
        };
      }
      if (row.prev_hash !== prevHash) {
        return {
          intact: false,
          events,
          brokenAt: row.seq,
          reason: `event ${row.seq} does not link to event ${row.seq - 1}`,
        };
      }
      if (hashOf(rest) !== hash) {
        return {
          intact: false,
          events,
          brokenAt: row.seq,
          reason: `event ${row.seq} was altered after it was written`,
        };
      }
      prevHash = hash;
      expectedSeq += 1;
      events += 1;
    }
    if (page.length < pageSize) return { intact: true, events, head: prevHash };
  }
}

export type AuditQuery = {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  afterSeq?: number;
  limit?: number;
};

export type AuditEvent = Omit<AuditEventTable, "details"> & { details: Record<string, unknown> | null };

/** Audit events, oldest first, filtered; keyset pagination on `seq`. */
export async function listAuditEvents(db: Db, query: AuditQuery): Promise<AuditEvent[]> {
  let select = db
    .selectFrom("audit_event")
    .selectAll()
    .orderBy("seq")
    .limit(query.limit ?? 100);
  if (query.from) select = select.where("at", ">=", query.from);
  if (query.to) select = select.where("at", "<", query.to);
  if (query.action) select = select.where("action", "=", query.action);
  if (query.actor) select = select.where("actor_username", "=", query.actor);
  if (query.outcome) select = select.where("outcome", "=", query.outcome);
  if (query.afterSeq !== undefined) select = select.where("seq", ">", query.afterSeq);
  const rows = await select.execute();
  return rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null }));
}
