// Operations and meetings at volume, in process: a fresh database (SQLite temp file, or a throwaway
// PostgreSQL database when DATABASE_URL is set) with the reference data, then
// - troop snapshots for every operation: 60 nations x 40 dates each (half PUBLIC, half releasable
//   to NATO and the nation), read as the placemat and the history by staff and by a partner;
// - a statement of requirements of 200 lines with 5 offers each, read as the board;
// - N meetings over ten years (a tenth still in planning, the rest with invitations sent to their
//   resolved list), listed by staff and by an invited partner, and one set of criteria resolved.
// Bulk rows are written with plain inserts (the domain functions are measured by the tests and by
// the reads here); the meetings are created with createMeeting.
// Usage: npx tsx bench/operations.ts [--meetings 1000]
// Numbers go to docs/performance.md by hand. A benchmark, not a test: it asserts no timing.

import { randomUUID } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadSeedData } from "../src/domain/demo/load-seed.js";
import { readSeedFiles } from "../src/domain/demo/read-seed-files.js";
import { getForceGenerationBoard } from "../src/domain/force-generation/requirements.js";
import { createOrganisation } from "../src/domain/identity/organisations.js";
import { createUser, viewerOf } from "../src/domain/identity/users.js";
import { createLabel } from "../src/domain/labels/labels.js";
import { createMeeting, listMeetings } from "../src/domain/meetings/meetings.js";
import type { TCriterion } from "../src/domain/meetings/meetings.schema.js";
import { resolveParticipants } from "../src/domain/meetings/participants.js";
import { getContributionHistory, getPlacemat } from "../src/domain/operations/placemat.js";
import { addDays } from "../src/domain/shared/dates.js";
import { findProjectRoot } from "../src/paths.js";
import { openBenchDb } from "./bench-db.js";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
};
const meetingCount = Number(arg("meetings", "1000"));
const now = new Date("2026-11-28T09:00:00Z");
const log = (message: string) => process.stderr.write(`${message}\n`);

/** The median of `runs` timed calls, in ms. */
async function median(runs: number, call: (i: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return +(times[Math.floor(runs / 2)] ?? 0).toFixed(1);
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 200) await insert(rows.slice(i, i + 200));
}

const COUNTER_PIRACY: TCriterion[] = [
  { kind: "contributors", value: "OOS" },
  ...["AUS", "CHN", "EGY", "IND", "IDN", "JPN", "MYS", "NZL", "PAK", "KOR", "RUS", "SAU", "SGP", "SWE", "ARE"].map(
    (value) => ({ kind: "nation" as const, value }),
  ),
  { kind: "framework", value: "EAPC" },
];

const { db, config, close } = await openBenchDb();
try {
  await loadSeedData(db, readSeedFiles(path.join(findProjectRoot(), "data", "seed")));
  const person = async (
    username: string,
    kind: "alliance-staff" | "mission",
    nation: string | null,
    roles: ["staff"] | ["partner"],
  ) => {
    const org = await createOrganisation(db, null, { name: `${username} org`, kind, nation }, now);
    return viewerOf(
      await createUser(
        db,
        null,
        {
          username,
          password: "bench-correct-horse-battery-staple",
          displayName: username,
          organisationId: org.id,
          clearance: "NS",
          roles,
        },
        now,
      ),
    );
  };
  const staff = await person("bench.staff", "alliance-staff", null, ["staff"]);
  const korea = await person("bench.kor", "mission", "KOR", ["partner"]);

  // Troop snapshots: every operation, 60 nations, 40 dates across its period.
  const operations = await db.selectFrom("operation").selectAll().execute();
  const nations = (await db.selectFrom("nation").select("code").where("kind", "=", "state").orderBy("code").execute())
    .slice(0, 59)
    .map((n) => n.code)
    .concat("KOR");
  const publicLabel = "public";
  const nationLabels = new Map<string, string>();
  for (const nation of nations) {
    nationLabels.set(
      nation,
      (await createLabel(db, { classification: "NU", releasableTo: ["NATO", nation] }, now.toISOString())).id,
    );
  }
  const snapshots = operations.flatMap((op) => {
    const end = op.end_date ?? "2026-11-01";
    const span = (Date.parse(end) - Date.parse(op.start_date)) / 86_400_000;
    return nations.flatMap((nation, n) =>
      Array.from({ length: 40 }, (_, d) => ({
        id: randomUUID(),
        operation_code: op.code,
        nation_code: nation,
        kind: "troops" as const,
        as_of: addDays(op.start_date, Math.floor((span * d) / 40)),
        troops: 10 + ((n * 37 + d * 11) % 900),
        amount: null,
        currency: null,
        cite: null,
        label_id: n % 2 === 0 ? publicLabel : (nationLabels.get(nation) ?? publicLabel),
        created_by: staff.userId ?? "",
        created_at: now.toISOString(),
      })),
    );
  });
  await insertChunks(snapshots, (chunk) => db.insertInto("contribution").values(chunk).execute());
  log(`${snapshots.length} troop snapshots`);

  // A statement of requirements for ISAF: 200 lines, 5 offers each (Allies), some accepted.
  const lineLabel = (
    await createLabel(db, { classification: "NR", releasableTo: ["NATO", "CONTRIB:ISAF"] }, now.toISOString())
  ).id;
  const allies = ["USA", "GBR", "FRA", "DEU", "ITA"];
  const lines = Array.from({ length: 200 }, (_, i) => ({
    id: randomUUID(),
    operation_code: "ISAF",
    line_number: i + 1,
    capability: `Capability ${i + 1}`,
    quantity: 100,
    period_start: "2010-01-01",
    period_end: "2010-12-31",
    location: "Kabul",
    label_id: lineLabel,
    created_by: staff.userId ?? "",
    created_at: now.toISOString(),
  }));
  await insertChunks(lines, (chunk) => db.insertInto("requirement").values(chunk).execute());
  const offerLabels = new Map<string, string>();
  for (const nation of allies) {
    offerLabels.set(
      nation,
      (await createLabel(db, { classification: "NR", releasableTo: ["NATO", nation] }, now.toISOString())).id,
    );
  }
  const offers = lines.flatMap((line, i) =>
    allies.map((nation, k) => ({
      id: randomUUID(),
      requirement_id: line.id,
      nation_code: nation,
      quantity: 15,
      status: (k + i) % 3 === 0 ? ("accepted" as const) : ("offered" as const),
      label_id: offerLabels.get(nation) ?? lineLabel,
      offered_by: staff.userId ?? "",
      offered_at: now.toISOString(),
      decided_by: null,
      decided_at: null,
    })),
  );
  await insertChunks(offers, (chunk) => db.insertInto("force_offer").values(chunk).execute());

  // Meetings: created through createMeeting, then (nine in ten) invitations frozen as sendInvitations would.
  const created = performance.now();
  for (let i = 0; i < meetingCount; i++) {
    const date = addDays("2016-01-04", Math.floor((i * 3650) / meetingCount));
    const meeting = await createMeeting(
      db,
      staff,
      {
        title: `Bench meeting ${i} on maritime security`,
        format: "allies-plus-n",
        start: { date, time: "10:00", timeZone: "Europe/Brussels" },
        criteria: COUNTER_PIRACY,
      },
      now,
    );
    if (i % 10 !== 0) {
      await db
        .insertInto("meeting_invitation")
        .values(
          meeting.participants.participants.map((p) => ({
            meeting_id: meeting.id,
            nation_code: p.nation.code,
            reasons: JSON.stringify(p.reasons),
            invited_at: now.toISOString(),
            attended: null,
            representative: null,
          })),
        )
        .execute();
      await db.updateTable("meeting").set({ status: "invited" }).where("id", "=", meeting.id).execute();
    }
  }
  const createMs = (performance.now() - created) / meetingCount;
  log(`${meetingCount} meetings`);

  const result = {
    engine: config.database.engine,
    troopSnapshots: snapshots.length,
    meetings: meetingCount,
    placematMedianMs: {
      staff: await median(21, (i) => getPlacemat(db, staff, "ISAF", { asOf: addDays("2005-01-01", i * 100) }, now)),
      partner: await median(21, (i) => getPlacemat(db, korea, "ISAF", { asOf: addDays("2005-01-01", i * 100) }, now)),
    },
    historyMedianMs: {
      staff: await median(11, () => getContributionHistory(db, staff, "ISAF", now)),
      partner: await median(11, () => getContributionHistory(db, korea, "ISAF", now)),
    },
    boardMedianMs: {
      staff: await median(11, () => getForceGenerationBoard(db, staff, "ISAF", now)),
      partner: await median(11, () => getForceGenerationBoard(db, korea, "ISAF", now)),
    },
    resolveMedianMs: await median(21, (i) =>
      resolveParticipants(db, { date: addDays("2011-09-14", i), format: "allies-plus-n", criteria: COUNTER_PIRACY }),
    ),
    createMeetingMs: +createMs.toFixed(1),
    meetingListMedianMs: {
      staffPage100: await median(11, () => listMeetings(db, staff, { limit: 100 }, now)),
      partnerPage100: await median(11, () => listMeetings(db, korea, { limit: 100 }, now)),
      staffSearch: await median(11, () => listMeetings(db, staff, { q: "maritime 42", limit: 100 }, now)),
    },
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  await close();
  log("done");
}
