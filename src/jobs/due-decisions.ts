import type { Db } from "../db/connect.js";
import { type DeadlineLog, processDueDecisions } from "../domain/decisions/deadlines.js";
import type { TSchedulerRun } from "../domain/decisions/decisions.schema.js";
import { requireRole } from "../domain/identity/authorize.js";
import type { Viewer } from "../domain/labels/viewer.js";
import { acquireLease, PROCESS_HOLDER } from "./lease.js";

export const DECISIONS_LEASE = "decision-deadlines";
/** Long enough to cover a pass; short enough that another instance takes over soon after a crash. */
export const DEFAULT_LEASE_MS = 2 * 60 * 1000;

export type DueDecisionsOptions = { holder?: string; leaseMs?: number; log?: DeadlineLog };

/**
 * One scheduler pass over decision deadlines, by the instance holding the lease (skipped: true
 * otherwise). The lease keeps instances from doing the same work at once; the conditional
 * update of each decision is the backstop that makes each deadline take effect exactly once.
 */
export async function runDueDecisions(db: Db, now: Date, options: DueDecisionsOptions = {}): Promise<TSchedulerRun> {
  const holder = options.holder ?? PROCESS_HOLDER;
  const leased = await acquireLease(db, DECISIONS_LEASE, holder, now, options.leaseMs ?? DEFAULT_LEASE_MS);
  if (!leased) return { adopted: [], reminded: [], skipped: true };
  const run = await processDueDecisions(db, now, options.log);
  return { ...run, skipped: false };
}

/** One pass on request (POST /api/scheduler/run, `entente scheduler run`): admins only, audited if refused. */
export async function runSchedulerNow(
  db: Db,
  actor: Viewer,
  now: Date,
  options: DueDecisionsOptions = {},
): Promise<TSchedulerRun> {
  await requireRole(db, actor, "scheduler.run", ["admin"], now);
  return runDueDecisions(db, now, options);
}
