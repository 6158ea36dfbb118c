import type { Transaction } from "kysely";
import type { Config } from "../../config.js";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";

export type ThrottleConfig = Config["throttle"];

/**
 * Login throttling by username (known or not, so it reveals nothing): after `freeFailures`
 * failures each attempt waits longer (0.25 s doubling, at most 4 s); after `lockAfter` the
 * name is locked for `lockMinutes`. Kept in the database so all instances agree.
 */
export async function throttleState(db: Db, key: string, now: Date, config: ThrottleConfig) {
  const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  if (!row) return { locked: false, delayMs: 0 };
  if (row.locked_until && row.locked_until > now.toISOString()) return { locked: true, delayMs: 0 };
  const excess = row.failures - config.freeFailures;
  return { locked: false, delayMs: excess > 0 ? Math.min(4000, 250 * 2 ** (excess - 1)) : 0 };
}

export async function recordLoginFailure(trx: Transaction<Database>, key: string, now: Date, config: ThrottleConfig) {
  const row = await trx.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  const expired = row?.locked_until && row.locked_until <= now.toISOString();
  const failures = (expired ? 0 : (row?.failures ?? 0)) + 1;
  const lockedUntil =
    failures >= config.lockAfter ? new Date(now.getTime() + config.lockMinutes * 60_000).toISOString() : null;
  const values = { failures, last_failure_at: now.toISOString(), locked_until: lockedUntil };
  if (row) await trx.updateTable("login_throttle").set(values).where("key", "=", key).execute();
  else
    await trx
      .insertInto("login_throttle")
      .values({ key, ...values })
      .execute();
}

export async function clearLoginFailures(trx: Transaction<Database>, key: string) {
  await trx.deleteFrom("login_throttle").where("key", "=", key).execute();
}
