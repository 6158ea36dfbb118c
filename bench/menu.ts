// The cooperation menu under load, over real HTTP: a fresh database (SQLite temp file, or a
// throwaway PostgreSQL database when DATABASE_URL is set), the reference data, a generated menu
// at e-PRIME scale or 10x (src/domain/demo/scale.ts), the real server on 127.0.0.1, a partner
// of Japan logged in with a session cookie, then autocannon against the read endpoints and a
// burst of 500 concurrent nominations for one 30-seat iteration, verified in SQL afterwards.
// Usage: npx tsx bench/menu.ts [--scale eprime|10x] [--duration 10] [--connections 50] [--explain] [--alone-only] [--alone 10]
// Numbers go to docs/performance.md by hand. A benchmark, not a test: it asserts no timing.
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { sql } from "kysely";
import { visibleActivity } from "../src/domain/activities/activities.js";
import { getActivity, listActivities } from "../src/domain/activities/search.js";
import { loadSeedData } from "../src/domain/demo/load-seed.js";
import { readSeedFiles } from "../src/domain/demo/read-seed-files.js";
import { generateScaleMenu, SCALES, type ScaleName } from "../src/domain/demo/scale.js";
import { buildApp } from "../src/http/app.js";
import { findProjectRoot } from "../src/paths.js";
import { openBenchDb } from "./bench-db.js";
import { explainQueries } from "./explain.js";
import { createBenchUsers, createBurstIteration, login } from "./menu-fixtures.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const scale = arg("scale", "eprime") as ScaleName;
if (!(scale in SCALES)) throw new Error("--scale must be eprime or 10x");
const duration = Number(arg("duration", "10"));
const connections = Number(arg("connections", "50"));
// --alone-only: reads timed one at a time, no load (when a loaded run would only queue for minutes).
const aloneOnly = process.argv.includes("--alone-only");
// --alone N: requests timed one at a time per endpoint (median reported).
const aloneCount = Math.max(1, Number(arg("alone", "10")));
const TODAY = "2026-11-28";
const now = () => new Date(`${TODAY}T12:00:00Z`);

const { db, config, close } = await openBenchDb();
const log = (message: string) => process.stderr.write(`${message}\n`);

type Row = {
  name: string;
  alone: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
};

async function load(url: string, requests: autocannon.Request[], headers: Record<string, string>, seconds: number) {
  // 10 s timeout (autocannon's default): a request slower than that counts as an error.
  // workers: 1 runs the load generator in a worker thread, so it does not share the server's event
  // loop (the server runs in this process; the burst below keeps the main thread: it needs a callback).
  return autocannon({ url, connections, duration: seconds, headers, requests, timeout: 10, workers: 1 });
}

try {
  const seedStart = performance.now();
  await loadSeedData(db, readSeedFiles(path.join(findProjectRoot(), "data", "seed")));
  log(`reference data loaded in ${(performance.now() - seedStart).toFixed(0)} ms`);
  // --activities/--participants: a smaller menu, to try the benchmark itself out quickly.
  const size = {
    activities: Number(arg("activities", String(SCALES[scale].activities))),
    participants: Number(arg("participants", String(SCALES[scale].participants))),
  };
  const report = await generateScaleMenu(db, null, { ...size, onProgress: log }, now());
  const sizes: Record<string, number> = {};
  for (const table of ["activity", "activity_area", "iteration", "nomination", "label", "label_releasable"]) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    sizes[table] = Number(r.rows[0]?.n);
  }
  const people = await sql<{ n: number }>`select count(distinct participant_email) as n from nomination`.execute(db);
  // Fresh statistics, as a nightly ANALYZE would leave them: both planners choose by them.
  await sql`analyze`.execute(db);

  const users = await createBenchUsers(db, now());
  const ctx = { config, db, clock: { today: () => TODAY, now } };
  const app = await buildApp(ctx, { logger: false, serveWeb: false });
  // Requests still being served: a phase starts only once the previous one's have drained, so
  // requests autocannon gave up on (timeouts) are not charged to the next endpoint. Counted from
  // onRequest to onSend: a handler runs on after its client has gone, and a socket's close
  // event would miss that.
  let inFlight = 0;
  app.addHook("onRequest", async () => {
    inFlight++;
  });
  app.addHook("onSend", async () => {
    inFlight--;
  });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  const cookie = await login(address, users.partner);
  const analystCookie = await login(address, users.analyst);

  const ids = (
    await db
      .selectFrom("activity")
      .select("id")
      .where(visibleActivity(db, users.partnerViewer, TODAY))
      .orderBy("reference")
      .limit(2000)
      .execute()
  ).map((r) => r.id);
  // Each connection walks this list in turn (plain objects: the load runs in a worker thread).
  const rotate: autocannon.Request[] = ids.map((id) => ({ method: "GET", path: `/api/activities/${id}` }));
  if (process.argv.includes("--explain")) {
    // The plans of the page, the search and the activity page as the partner runs them.
    const plans = await explainQueries(db, async (rec) => {
      await listActivities(rec, users.partnerViewer, { area: "counter-piracy", kind: "course", limit: 25 }, TODAY);
      await listActivities(rec, users.partnerViewer, { q: "piracy" }, TODAY);
      await getActivity(rec, users.partnerViewer, ids[0] ?? "", TODAY);
    });
    console.log(
      `\n<details><summary>EXPLAIN (${config.database.engine}, ${scale})</summary>\n\n\`\`\`\n${plans}\n\`\`\`\n</details>\n`,
    );
  }
  const routes = app.printRoutes({ commonPrefix: false });
  const page = "/api/activities?area=counter-piracy&kind=course&limit=25";
  type Read = { name: string; requests: autocannon.Request[]; cookie: string };
  const reads: Read[] = [
    { name: `filtered sorted page \`GET ${page}\``, requests: [{ method: "GET", path: page }], cookie },
    {
      name: "text search `GET /api/activities?q=piracy`",
      requests: [{ method: "GET", path: "/api/activities?q=piracy" }],
      cookie,
    },
    { name: `activity page \`GET /api/activities/:id\` (${ids.length} ids in turn)`, requests: rotate, cookie },
  ];
  if (routes.includes("participation")) {
    reads.push({
      name: "participation report `GET /api/partners/JPN/participation`",
      requests: [{ method: "GET", path: "/api/partners/JPN/participation" }],
      cookie,
    });
  } else log("GET /api/partners/:code/participation is not registered: skipped");
  reads.push(
    {
      name: "filtered sorted page, as an analyst (no per-row policy decision)",
      requests: [{ method: "GET", path: page }],
      cookie: analystCookie,
    },
    {
      name: "text search, as an analyst",
      requests: [{ method: "GET", path: "/api/activities?q=piracy" }],
      cookie: analystCookie,
    },
  );

  const drained = async () => {
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  };

  const rows: Row[] = [];
  for (const read of reads) {
    const first = read.requests[0];
    const probePath = first?.path ?? `/api/activities/${ids[0]}`;
    // One request at a time first: the service time without queueing, and a check that the
    // answer is a 200 (a 4xx must not be timed as a fast endpoint).
    const alone: number[] = [];
    let status = 0;
    let bytes = 0;
    for (let i = 0; i < aloneCount; i++) {
      const t0 = performance.now();
      const probe = await fetch(`${address}${first?.path ?? `/api/activities/${ids[i % ids.length]}`}`, {
        headers: { cookie: read.cookie },
      });
      bytes = (await probe.text()).length;
      status = probe.status;
      alone.push(performance.now() - t0);
    }
    alone.sort((a, b) => a - b);
    log(
      `${read.name}: ${status}, ${bytes} bytes, alone median ${alone[Math.floor(alone.length / 2)]?.toFixed(1)} ms (${probePath})`,
    );
    if (aloneOnly) {
      rows.push({
        name: read.name,
        alone: Number(alone[Math.floor(alone.length / 2)]?.toFixed(1)),
        rps: 0,
        p50: 0,
        p99: 0,
        max: 0,
        errors: 0,
        non2xx: 0,
      });
      continue;
    }
    await load(address, read.requests, { cookie: read.cookie }, 2);
    await drained();
    const r = await load(address, read.requests, { cookie: read.cookie }, duration);
    await drained();
    rows.push({
      name: read.name,
      alone: Number(alone[Math.floor(alone.length / 2)]?.toFixed(1)),
      rps: Math.round(r.requests.average),
      p50: r.latency.p50,
      p99: r.latency.p99,
      max: r.latency.max,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
    });
  }

  // The burst: 500 connections, one nomination each, all at once, for one 30-seat iteration.
  await drained();
  const burst = await createBurstIteration(db, users.staffViewer, now());
  let n = 0;
  const started = performance.now();
  const b = await autocannon({
    url: address,
    connections: 500,
    amount: 500,
    // Long enough that every nomination is answered: the point is the final state, then the latencies.
    timeout: 120,
    headers: { cookie, "content-type": "application/json", "sec-fetch-site": "same-origin" },
    requests: [
      {
        method: "POST",
        path: `/api/iterations/${burst.iterationId}/nominations`,
        setupRequest: (req) => {
          n++;
          return {
            ...req,
            body: JSON.stringify({
              name: `Burst Participant ${n}`,
              email: `burst.${n}@mod.jpn.example`,
              rank: "Major",
              clearance: "NU",
              languageLevel: 3,
            }),
          };
        },
      },
    ],
  });
  const wall = performance.now() - started;
  const outcome = await sql<{ status: string; n: number; lo: number | null; hi: number | null }>`
    select status, count(*) as n, min(waitlist_position) as lo, max(waitlist_position) as hi
    from nomination where iteration_id = ${burst.iterationId} group by status order by status`.execute(db);
  const seats = await db
    .selectFrom("iteration")
    .select(["seats", "confirmed_count"])
    .where("id", "=", burst.iterationId)
    .executeTakeFirstOrThrow();
  const statusCodes = Object.entries(
    (b as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {},
  )
    .map(([code, s]) => `${code}: ${s.count}`)
    .join(", ");
  rows.push({
    name: "burst: 500 concurrent `POST /api/iterations/:id/nominations`, 30 seats",
    rps: Math.round(500 / (wall / 1000)),
    p50: b.latency.p50,
    p99: b.latency.p99,
    max: b.latency.max,
    alone: 0,
    errors: b.errors + b.timeouts,
    non2xx: b.non2xx,
  });
  await app.close();

  const cpu = os.cpus()[0]?.model ?? "unknown";
  console.log(
    `\n### ${scale} on ${config.database.engine} (${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})\n`,
  );
  console.log(
    `Generated in ${(report.milliseconds / 1000).toFixed(1)} s: ${Object.entries(sizes)
      .map(([t, c]) => `${t} ${c.toLocaleString("en")}`)
      .join(
        ", ",
      )}; ${Number(people.rows[0]?.n).toLocaleString("en")} distinct participants; ${report.entities} entities.\n`,
  );
  console.log(
    `| endpoint (${connections} connections, ${duration} s after 2 s warm-up) | alone ms | req/s | p50 ms | p99 ms | max ms | errors | non-2xx |`,
  );
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.alone || ""} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.non2xx} |`,
    );
  console.log(
    `\nBurst: status codes ${statusCodes}; wall ${wall.toFixed(0)} ms; afterwards ${outcome.rows
      .map((o) => `${o.status} ${o.n}${o.lo !== null ? ` (positions ${o.lo}..${o.hi})` : ""}`)
      .join(", ")}; confirmed_count ${seats.confirmed_count}/${seats.seats}.`,
  );
} finally {
  await close();
}
