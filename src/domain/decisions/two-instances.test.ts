import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countAudit,
  countNotices,
  insertDelegate,
  insertStaff,
  silenceInput,
} from "../../../test/support/decisions.js";
import { createSeededTestDb, seedFiles, type TestDb } from "../../../test/support/test-db.js";
import { type Db, openDatabase } from "../../db/connect.js";
import { migrateToLatest } from "../../db/migrate.js";
import { runDueDecisions } from "../../jobs/due-decisions.js";
import { loadSeedData } from "../demo/load-seed.js";
import { type DeadlineLog, processDueDecisions } from "./deadlines.js";
import { openDecision } from "./decisions.js";

// Two app instances against one database: two separate Kysely handles, as two processes would
// have. Each deadline must take effect exactly once.
//
// PostgreSQL: two pools on the test database. SQLite (single-instance by design: a SQLite file is
// served by one process) runs the same tests with two handles on one temporary FILE. There a
// deferred transaction that has read cannot upgrade to a write while the other handle writes:
// SQLite answers "database is locked" at once (the busy timeout does not apply to that case), the
// decision is logged and left for the next pass. So on SQLite the rounds repeat until every
// deadline is processed, and the assertions are the same: each adopted once, never twice.
const postgres = process.env.DATABASE_URL !== undefined;

let t: TestDb;
let main: Db;
let instanceA: Db;
let instanceB: Db;
let dir: string | undefined;
const OPENED = new Date("2012-03-10T09:00:00Z");
const quiet: DeadlineLog = { error: () => undefined };

beforeAll(async () => {
  t = await createSeededTestDb();
  if (postgres) {
    main = t.db;
    instanceA = openDatabase(t.config.database);
    instanceB = openDatabase(t.config.database);
  } else {
    dir = mkdtempSync(path.join(tmpdir(), "entente-two-instances-"));
    const file = path.join(dir, "entente.sqlite");
    instanceA = openDatabase({ engine: "sqlite", file });
    await migrateToLatest(instanceA);
    await loadSeedData(instanceA, seedFiles());
    instanceB = openDatabase({ engine: "sqlite", file });
    main = instanceA;
  }
}, 120_000);
afterAll(async () => {
  await instanceA?.destroy();
  await instanceB?.destroy();
  await t.destroy();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function openDue(count: number, date: string) {
  const staff = await insertStaff(main);
  await insertDelegate(main, "NOR");
  const decisions = [];
  for (let i = 0; i < count; i += 1) {
    const minute = String(i).padStart(2, "0");
    decisions.push(await openDecision(main, staff, silenceInput({ date, time: `17:${minute}` }), OPENED));
  }
  return decisions;
}

async function expectEachAdoptedOnce(ids: readonly string[]) {
  const statuses = await main.selectFrom("decision").select("status").where("id", "in", ids).execute();
  expect(statuses.map((s) => s.status)).toEqual(ids.map(() => "adopted"));
  const recipients = await countNotices(main, { subjectId: ids[0] ?? "", kind: "silence-opened" });
  expect(recipients).toBeGreaterThan(0);
  for (const id of ids) {
    expect(await countAudit(main, { action: "decision.adopt", objectId: id })).toBe(1);
    // One set of notices: the same readers who were told of its opening.
    expect(await countNotices(main, { subjectId: id, kind: "decision-ended" })).toBe(recipients);
  }
}

describe("two app instances on one database", () => {
  it("running the scheduler on both at once, several rounds: each of 20 deadlines is processed exactly once", async () => {
    const decisions = await openDue(20, "2012-03-16");
    const after = new Date("2012-03-16T17:00:00Z");
    const adopted: string[] = [];
    for (let round = 0; round < (postgres ? 4 : 25); round += 1) {
      // Three minutes later each round: the lease of the previous round has expired, so either may win.
      const now = new Date(after.getTime() + round * 3 * 60_000);
      const runs = await Promise.all([
        runDueDecisions(instanceA, now, { holder: "instance-a", log: quiet }),
        runDueDecisions(instanceB, now, { holder: "instance-b", log: quiet }),
      ]);
      // The lease lets exactly one of them work in a round.
      expect(runs.filter((r) => !r.skipped)).toHaveLength(1);
      for (const run of runs) adopted.push(...run.adopted);
    }
    expect(adopted.sort()).toEqual(decisions.map((d) => d.reference).sort());
    await expectEachAdoptedOnce(decisions.map((d) => d.id));
  });

  it("without the lease, the conditional update alone still processes each deadline once", async () => {
    const decisions = await openDue(20, "2012-03-18");
    const now = new Date("2012-03-18T17:00:00Z");
    const adopted: string[] = [];
    for (let round = 0; round < (postgres ? 3 : 25); round += 1) {
      const runs = await Promise.all([
        processDueDecisions(instanceA, now, quiet),
        processDueDecisions(instanceB, now, quiet),
        processDueDecisions(instanceA, now, quiet),
        processDueDecisions(instanceB, now, quiet),
      ]);
      for (const run of runs) adopted.push(...run.adopted);
    }
    expect(adopted.sort()).toEqual(decisions.map((d) => d.reference).sort());
    await expectEachAdoptedOnce(decisions.map((d) => d.id));
  });

  it("a lease held by a live instance is respected until it expires, then taken over", async () => {
    const now = new Date("2012-04-01T10:00:00Z");
    expect((await runDueDecisions(instanceA, now, { holder: "instance-a", leaseMs: 60_000 })).skipped).toBe(false);
    expect((await runDueDecisions(instanceB, now, { holder: "instance-b", leaseMs: 60_000 })).skipped).toBe(true);
    // The holder renews its own lease.
    expect((await runDueDecisions(instanceA, new Date(now.getTime() + 30_000), { holder: "instance-a" })).skipped).toBe(
      false,
    );
    const later = new Date(now.getTime() + 30_000 + 2 * 60_000 + 1);
    expect((await runDueDecisions(instanceB, later, { holder: "instance-b" })).skipped).toBe(false);
    expect((await runDueDecisions(instanceA, later, { holder: "instance-a" })).skipped).toBe(true);
  });
});

describe("the lease on one database (both engines)", () => {
  it("is taken by one holder at a time and taken over after it expires", async () => {
    const now = new Date("2013-01-01T10:00:00Z");
    expect((await runDueDecisions(t.db, now, { holder: "one", leaseMs: 60_000 })).skipped).toBe(false);
    expect((await runDueDecisions(t.db, now, { holder: "two", leaseMs: 60_000 })).skipped).toBe(true);
    expect((await runDueDecisions(t.db, new Date(now.getTime() + 60_000), { holder: "two" })).skipped).toBe(false);
    const lease = await t.db.selectFrom("job_lease").selectAll().execute();
    expect(lease).toEqual([{ name: "decision-deadlines", holder: "two", expires_at: "2013-01-01T10:03:00.000Z" }]);
  });
});
