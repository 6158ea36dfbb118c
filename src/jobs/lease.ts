import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../db/connect.js";

// A lease on a named job, shared by every app instance on one database: whoever holds an
// unexpired lease runs the job; the holder renews it each run; if it dies, the lease expires and
// another instance takes over.

/** This process's name as a lease holder (host, pid and a random part: restarts are new holders). */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * Takes or renews the lease `name` until now + ttlMs. One statement (insert, or update only if
 * the lease is free, expired or already ours), so two instances racing cannot both win: on
 * PostgreSQL the loser waits on the row and re-checks the condition; SQLite has one writer.
 */
export async function acquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  await db
    .insertInto("job_lease")
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb("job_lease.expires_at", "<=", at), eb("job_lease.holder", "=", holder)])),
    )
    .execute();
  const row = await db
    .selectFrom("job_lease")
    .select(["holder", "expires_at"])
    .where("name", "=", name)
    .executeTakeFirst();
  return row?.holder === holder && row.expires_at === expiresAt;
}

/** Gives the lease up (on shutdown), so another instance need not wait for it to expire. */
export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.deleteFrom("job_lease").where("name", "=", name).where("holder", "=", holder).execute();
}
