// Measures the registry's hot paths in-process: the policy decision, member lists, the map,
// token expansion, and the same through HTTP (Fastify inject, no network). Runs on SQLite
// (a temp file, as in production) or on PostgreSQL when DATABASE_URL is set.
// Usage: npm run bench [-- --iterations 500]. Numbers go to docs/performance.md by hand.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadSeedData } from "../src/domain/demo/load-seed.js";
import { readSeedFiles } from "../src/domain/demo/read-seed-files.js";
import { getMembershipMap, listFrameworkMembers } from "../src/domain/frameworks/frameworks.js";
import { expandTokens } from "../src/domain/frameworks/tokens.js";
import { ANONYMOUS } from "../src/domain/labels/viewer.js";
import { getPartnerTimeline } from "../src/domain/partners/partners.js";
import { decideAccess } from "../src/domain/policy/access.js";
import { buildApp } from "../src/http/app.js";
import { findProjectRoot } from "../src/paths.js";
import { openBenchDb } from "./bench-db.js";

const iterations = Number(process.argv[process.argv.indexOf("--iterations") + 1]) || 300;
const { db, config, close } = await openBenchDb();

async function measure(name: string, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 20; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(3);
  const total = times.reduce((a, b) => a + b, 0);
  console.log(
    `| ${name} | ${pct(0.5)} | ${pct(0.99)} | ${Math.round((iterations / total) * 1000).toLocaleString("en")} |`,
  );
}

const dates = Array.from({ length: 30 }, (_, i) => `${1995 + i}-06-01`);
const partners = ["JPN", "AUS", "GEO", "EGY", "BHR", "CHN", "RUS", "MNE", "COL", "USA"];
try {
  const seedStart = performance.now();
  await loadSeedData(db, readSeedFiles(path.join(findProjectRoot(), "data", "seed")));
  console.log(
    `engine: ${config.database.engine}; seed load ${(performance.now() - seedStart).toFixed(0)} ms; ${iterations} iterations`,
  );
  console.log("| operation | median ms | p99 ms | ops/s (sequential) |");
  console.log("|---|---|---|---|");
  await measure("decideAccess", (i) =>
    decideAccess(db, {
      partner: partners[i % partners.length] ?? "JPN",
      audience: "NATO, PfP, MD, ICI and other nations as approved",
      date: dates[i % dates.length] ?? "2012-01-01",
    }),
  );
  await measure("listFrameworkMembers(EAPC)", (i) =>
    listFrameworkMembers(db, "EAPC", dates[i % dates.length] ?? "2012-01-01"),
  );
  await measure("expandTokens(EAPC,MD,ICI,GLOBAL)", (i) =>
    expandTokens(db, ["EAPC", "MD", "ICI", "GLOBAL"], dates[i % dates.length] ?? "2012-01-01"),
  );
  await measure("getMembershipMap", (i) => getMembershipMap(db, dates[i % dates.length] ?? "2012-01-01"));
  await measure("getPartnerTimeline(JPN)", () => getPartnerTimeline(db, ANONYMOUS, "JPN", "2026-11-28"));
  const app = await buildApp(
    { config, db, clock: { today: () => "2026-11-28", now: () => new Date() } },
    { serveWeb: false },
  );
  await measure("HTTP GET /api/policy/access", (i) =>
    app.inject({
      method: "GET",
      url: `/api/policy/access?partner=${partners[i % partners.length]}&audience=PFP,MD,ICI&date=${dates[i % dates.length]}`,
    }),
  );
  await measure("HTTP GET /api/map", (i) =>
    app.inject({ method: "GET", url: `/api/map?asOf=${dates[i % dates.length]}` }),
  );
  await app.close();
} finally {
  await close();
}
