// Silence procedures at volume, in process: a fresh database (SQLite temp file, or a throwaway
// PostgreSQL database when DATABASE_URL is set), the reference data, alliance staff and one
// delegation user for each of the 32 Allies, then N silence procedures opened, one scheduler pass
// that sends their 24-hour reminders, one that adopts them all at the deadline, a second pass that
// must find nothing, and the decision register read by a delegation.
// Usage: npx tsx bench/decisions.ts [--count 500]
// Numbers go to docs/performance.md by hand. A benchmark, not a test: it asserts no timing.

import path from "node:path";
import { performance } from "node:perf_hooks";
import { listAlliesAt } from "../src/domain/decisions/allies.js";
import { openDecision } from "../src/domain/decisions/decisions.js";
import { listDecisions } from "../src/domain/decisions/register.js";
import { loadSeedData } from "../src/domain/demo/load-seed.js";
import { readSeedFiles } from "../src/domain/demo/read-seed-files.js";
import { createOrganisation } from "../src/domain/identity/organisations.js";
import { createUser, viewerOf } from "../src/domain/identity/users.js";
import { runDueDecisions } from "../src/jobs/due-decisions.js";
import { findProjectRoot } from "../src/paths.js";
import { openBenchDb } from "./bench-db.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const count = Number(arg("count", "500"));
const t0 = new Date("2026-11-28T09:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const log = (message: string) => process.stderr.write(`${message}\n`);

const { db, config, close } = await openBenchDb();
try {
  await loadSeedData(db, readSeedFiles(path.join(findProjectRoot(), "data", "seed")));
  const staffOrg = await createOrganisation(db, null, { name: "IS (bench)", kind: "alliance-staff", nation: null }, t0);
  const staff = viewerOf(
    await createUser(
      db,
      null,
      {
        username: "bench.staff",
        password: "bench-staff-correct-horse-battery",
        displayName: "Staff",
        organisationId: staffOrg.id,
        clearance: "NS",
        roles: ["staff"],
      },
      t0,
    ),
  );
  const allies = await listAlliesAt(db, "2026-11-28");
  let delegate = staff;
  for (const nation of allies) {
    const org = await createOrganisation(db, null, { name: `Delegation ${nation}`, kind: "delegation", nation }, t0);
    delegate = viewerOf(
      await createUser(
        db,
        null,
        {
          username: `bench.del.${nation.toLowerCase()}`,
          password: "bench-delegation-correct-horse",
          displayName: `Delegation ${nation}`,
          organisationId: org.id,
          clearance: "NS",
          roles: ["delegation"],
        },
        t0,
      ),
    );
  }

  const opened = performance.now();
  for (let i = 0; i < count; i++) {
    await openDecision(
      db,
      staff,
      {
        reference: `BENCH(2026)${String(i).padStart(4, "0")}`,
        title: `Benchmark proposal ${i}`,
        procedure: "silence",
        subject: { type: "free-text", text: `Proposal ${i} for the benchmark` },
        decisionDate: "2026-11-28",
        deadline: { date: "2026-11-28", time: "17:00", timeZone: "Europe/Brussels" },
      },
      later(i),
    );
  }
  const openMs = performance.now() - opened;

  const timed = async (at: Date) => {
    const start = performance.now();
    const run = await runDueDecisions(db, at, { holder: "bench" });
    return { ms: performance.now() - start, run };
  };
  const reminders = await timed(later(2 * 3600_000));
  const adoption = await timed(later(9 * 3600_000));
  const again = await timed(later(9 * 3600_000 + 1000));

  const reads: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await listDecisions(db, delegate, { q: i % 2 === 0 ? undefined : "proposal 42", limit: 50 }, later(10 * 3600_000));
    reads.push(performance.now() - start);
  }
  reads.sort((a, b) => a - b);
  const notices = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();

  console.log(
    JSON.stringify(
      {
        engine: config.database.engine,
        decisions: count,
        allies: allies.length,
        openMsPerDecision: +(openMs / count).toFixed(2),
        reminderPass: { ms: Math.round(reminders.ms), reminded: reminders.run.reminded.length },
        adoptionPass: { ms: Math.round(adoption.ms), adopted: adoption.run.adopted.length },
        secondPass: {
          ms: Math.round(again.ms),
          adopted: again.run.adopted.length,
          reminded: again.run.reminded.length,
        },
        registerPageMedianMs: +(reads[10] ?? 0).toFixed(1),
        notifications: Number(notices.n),
      },
      null,
      2,
    ),
  );
} finally {
  await close();
  log("done");
}
