// Measures the label predicate where it matters: listing and counting labelled documents for
// viewers of different kinds, with N documents whose labels are drawn at random, on SQLite (temp
// file) or PostgreSQL (DATABASE_URL). Usage: npx tsx bench/documents.ts [--documents 20000].
import { randomUUID } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { type Insertable, sql } from "kysely";
import type { DocumentTable, LabelReleasableTable, LabelTable } from "../src/db/schema.js";
import { loadSeedData } from "../src/domain/demo/load-seed.js";
import { readSeedFiles } from "../src/domain/demo/read-seed-files.js";
import { listDocuments } from "../src/domain/documents/documents.js";
import { readableLabel } from "../src/domain/labels/labels.js";
import { CLASSIFICATIONS } from "../src/domain/labels/labels.schema.js";
import type { Viewer } from "../src/domain/labels/viewer.js";
import { findProjectRoot } from "../src/paths.js";
import { openBenchDb } from "./bench-db.js";

const count = Number(process.argv[process.argv.indexOf("--documents") + 1]) || 20000;
const { db, config, close } = await openBenchDb();
const tokens = ["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "JPN", "KOR", "AUS", "GEO", "EGY", "NOR", "MNE", "UKR"];
let seed = 42;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

const viewer = (nation: string | null, clearanceRank: number, isAlliance = false): Viewer => ({
  userId: "bench",
  username: "bench",
  organisation: "bench",
  nation,
  isAlliance,
  clearanceRank,
  roles: ["partner"],
});

async function time(name: string, runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  console.log(
    `| ${name} | ${(t[Math.floor(runs / 2)] ?? 0).toFixed(2)} | ${(t[Math.floor(runs * 0.99)] ?? 0).toFixed(2)} |`,
  );
}

try {
  await loadSeedData(db, readSeedFiles(path.join(findProjectRoot(), "data", "seed")));
  const user = randomUUID();
  const org = randomUUID();
  await db
    .insertInto("organisation")
    .values({ id: org, name: "Bench", kind: "alliance-staff", nation_code: null, created_at: "2026-01-01" })
    .execute();
  await db
    .insertInto("app_user")
    .values({
      id: user,
      username: "bench",
      display_name: "Bench",
      organisation_id: org,
      clearance: "NS",
      is_poc: 0,
      password_hash: "x",
      disabled: 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      created_at: "2026-01-01",
    })
    .execute();
  const start = performance.now();
  for (let i = 0; i < count; i += 500) {
    const labels: Insertable<LabelTable>[] = [];
    const releasable: Insertable<LabelReleasableTable>[] = [];
    const documents: Insertable<DocumentTable>[] = [];
    for (let j = i; j < Math.min(count, i + 500); j++) {
      const id = `l${j}`;
      const classification = CLASSIFICATIONS[Math.floor(rand() * 4)] ?? "NU";
      labels.push({
        id,
        policy_identifier: "NATO",
        classification,
        classification_rank: CLASSIFICATIONS.indexOf(classification),
        created_at: "2026-01-01",
        review_at: null,
      });
      for (const token of tokens) if (rand() < 0.15) releasable.push({ label_id: id, token });
      documents.push({
        id: `d${j}`,
        reference: `REF(${j})`,
        title: `Document ${j} on partnership ${tokens[j % tokens.length]}`,
        document_date: `20${String(10 + (j % 15)).padStart(2, "0")}-0${1 + (j % 9)}-1${j % 10}`,
        label_id: id,
        filename: "x.txt",
        content_type: "text/plain",
        size: 1,
        sha256: "0",
        search_text: `ref(${j}) document ${j} on partnership ${tokens[j % tokens.length]?.toLowerCase()}`,
        uploaded_by: user,
        uploaded_at: "2026-01-01",
      });
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto("label").values(labels).execute();
      if (releasable.length) await trx.insertInto("label_releasable").values(releasable).execute();
      await trx.insertInto("document").values(documents).execute();
    });
  }
  // SQLite's full-text index is a separate FTS5 table (PostgreSQL's tsvector is generated).
  if (config.database.engine === "sqlite") {
    await sql`insert into document_fts (id, search_text) select id, search_text from document`.execute(db);
  }
  // Fresh statistics, as autovacuum would gather after a bulk load.
  await sql`analyze`.execute(db);
  console.log(
    `engine ${config.database.engine}; ${count} documents inserted in ${(performance.now() - start).toFixed(0)} ms`,
  );
  console.log("| query | median ms | p99 ms |\n|---|---|---|");
  const at = "2026-11-28";
  for (const [name, v] of [
    ["partner JPN (NR)", viewer("JPN", 2)],
    ["partner GEO (NR, PfP+EAPC)", viewer("GEO", 2)],
    ["delegation NOR (NS)", viewer("NOR", 4)],
    ["alliance staff (NS)", viewer(null, 4, true)],
  ] as const) {
    await time(`first page of 25, ${name}`, 50, () => listDocuments(db, v, { limit: 25 }, at));
    await time(`search "partnership jpn", ${name}`, 50, () =>
      listDocuments(db, v, { q: "partnership jpn", limit: 25 }, at),
    );
    await time(`count readable, ${name}`, 20, () =>
      db
        .selectFrom("document")
        .select((eb) => eb.fn.countAll().as("n"))
        .where(readableLabel(db, v, at, "document.label_id"))
        .executeTakeFirst(),
    );
  }
} finally {
  await close();
}
