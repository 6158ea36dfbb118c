import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Activity, createActivity, PUBLIC_STATUSES } from "../../src/domain/activities/activities.js";
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from "../../src/domain/activities/activities.schema.js";
import { listMyNominations } from "../../src/domain/activities/nominations.js";
import { getActivity, listActivities } from "../../src/domain/activities/search.js";
import { canRead, getLabel } from "../../src/domain/labels/labels.js";
import type { TClassification } from "../../src/domain/labels/labels.schema.js";
import { ANONYMOUS, type Viewer } from "../../src/domain/labels/viewer.js";
import { activityInput, STAFF, viewer } from "../support/activities.js";
import { createSeededTestDb, type TestDb } from "../support/test-db.js";

// The menu under the label rule: on a random menu (labels, statuses, kinds, nominations) a
// partner sees exactly the activities whose label it may read and that are past approval, in
// every listing (each status, each page), in search hits and facet counts, on activity pages
// and among nominations; everything else is NOT_FOUND, like a missing record.

const AT = "2026-11-28";
const NOW = new Date(`${AT}T09:00:00Z`);
const TOKENS = ["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "JPN", "GEO", "EGY", "AUS", "CHN"];
const NATIONS = ["JPN", "GEO", "EGY", "AUS", "CHN", "NOR", "BHR", "BRA"];

let t: TestDb;
type Row = { activity: Activity; nominee: string; readableBy: (v: Viewer) => Promise<boolean> };
const menu: Row[] = [];

const arbitraryEntry = fc.record({
  classification: fc.constantFrom<TClassification>("PUBLIC", "NU", "NR", "NC"),
  releasableTo: fc.uniqueArray(fc.constantFrom(...TOKENS), { maxLength: 3 }),
  status: fc.constantFrom(...ACTIVITY_STATUSES),
  kind: fc.constantFrom(...ACTIVITY_KINDS),
  nominee: fc.constantFrom(...NATIONS),
});

beforeAll(async () => {
  t = await createSeededTestDb();
  const entries = fc.sample(arbitraryEntry, { numRuns: 48, seed: 4774 });
  for (const [n, e] of entries.entries()) {
    const label =
      e.classification === "PUBLIC"
        ? { classification: "PUBLIC" as const }
        : { classification: e.classification, releasableTo: e.releasableTo };
    const activity = await createActivity(
      t.db,
      STAFF,
      activityInput({ title: `Labelled drill ${n}`, kind: e.kind, audience: "NATO, PFP, MD, ICI, GLOBAL", label }),
      NOW,
    );
    // Fixture shortcut: the state and a nomination are written directly (the lifecycle and the
    // nomination rules have their own tests); the label rule is what is under test here.
    await t.db.updateTable("activity").set({ status: e.status }).where("id", "=", activity.id).execute();
    const iterationId = `it-${activity.id}`;
    await t.db
      .insertInto("iteration")
      .values({
        id: iterationId,
        activity_id: activity.id,
        code: "1",
        start_date: "2027-03-01",
        end_date: "2027-03-02",
        city: "Brussels",
        country_code: "BEL",
        seats: 10,
        confirmed_count: 1,
        nomination_deadline: "2027-02-01",
        two_step: 0,
        created_at: NOW.toISOString(),
      })
      .execute();
    await t.db
      .insertInto("nomination")
      .values({
        id: `nom-${activity.id}`,
        iteration_id: iterationId,
        nation_code: e.nominee,
        participant_name: `Officer ${n}`,
        participant_email: `officer.${n}@example.org`,
        rank: "Major",
        clearance: "NR",
        language_level: 3,
        status: "confirmed",
        waitlist_position: null,
        created_by: "fixture",
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();
    const stored = await getLabel(t.db, activity.label_id);
    menu.push({
      activity: { ...activity, status: e.status },
      nominee: e.nominee,
      readableBy: async (v) =>
        (v.roles.includes("staff") || PUBLIC_STATUSES.includes(e.status)) && (await canRead(t.db, v, stored, AT)),
    });
  }
}, 120_000);
afterAll(async () => t.destroy());

const viewers: Viewer[] = [
  ANONYMOUS,
  STAFF,
  ...NATIONS.flatMap((nation) =>
    [1, 2, 3].map((rank) =>
      viewer(`${nation}-${rank}`, ["partner"], nation, { clearanceRank: rank, organisation: `Mission ${nation}` }),
    ),
  ),
];

async function expectedFor(v: Viewer): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const row of menu) if (await row.readableBy(v)) ids.add(row.activity.id);
  return ids;
}

/** Every activity the viewer can list: each status asked for in turn, every page followed. */
async function listedFor(v: Viewer, extra: { q?: string } = {}): Promise<string[]> {
  const ids: string[] = [];
  for (const status of ACTIVITY_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await listActivities(t.db, v, { ...extra, status, limit: 7, ...(cursor ? { cursor } : {}) }, AT);
      ids.push(...page.activities.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
  }
  return ids;
}

const label = (v: Viewer) => `${v.username ?? "anonymous"} (${v.nation ?? "alliance"}, clearance ${v.clearanceRank})`;

describe("the menu under the label rule", () => {
  it("every listing and page shows exactly the readable activities, no repeats", async () => {
    // The sample is not trivial: some partner sees some but not all of the menu.
    const sizes = await Promise.all(viewers.map(async (v) => (await expectedFor(v)).size));
    expect(sizes.some((n) => n > 0 && n < menu.length)).toBe(true);
    for (const v of viewers) {
      const expected = await expectedFor(v);
      const listed = await listedFor(v);
      expect(new Set(listed).size, label(v)).toBe(listed.length);
      expect(new Set(listed), label(v)).toEqual(expected);
    }
  });

  it("search hits are the readable activities that match", async () => {
    for (const v of viewers) {
      const expected = await expectedFor(v);
      const hits = await listedFor(v, { q: "labelled drill" });
      expect(new Set(hits), label(v)).toEqual(expected);
    }
  });

  it("facet counts count only what the viewer may see in its default listing", async () => {
    for (const v of viewers) {
      const expected = await expectedFor(v);
      const page = await listActivities(t.db, v, {}, AT);
      const defaultStatuses: readonly string[] = v.roles.includes("staff")
        ? ACTIVITY_STATUSES
        : ["published", "nominations-open", "nominations-closed"];
      for (const kind of ACTIVITY_KINDS) {
        const want = menu.filter(
          (r) => expected.has(r.activity.id) && r.activity.kind === kind && defaultStatuses.includes(r.activity.status),
        ).length;
        const got = page.facets.kind.find((f) => f.value === kind)?.count ?? 0;
        expect(got, `${label(v)} kind ${kind}`).toBe(want);
      }
    }
  });

  it("a hidden activity's page is NOT_FOUND, like a missing one; a visible one opens", async () => {
    for (const v of viewers) {
      const expected = await expectedFor(v);
      for (const row of menu) {
        const result = await getActivity(t.db, v, row.activity.id, AT).then(
          () => "found",
          (e: { code?: string }) => e.code,
        );
        expect(result, `${label(v)} ${row.activity.reference}`).toBe(
          expected.has(row.activity.id) ? "found" : "NOT_FOUND",
        );
      }
    }
  });

  it("nominations are listed only for the viewer's nation and only on activities it may see", async () => {
    for (const v of viewers.filter((x) => x.userId !== null)) {
      const expected = await expectedFor(v);
      const nominations = await listMyNominations(t.db, v, { limit: 500 }, NOW);
      const want = menu
        .filter((r) => expected.has(r.activity.id) && (v.roles.includes("staff") || r.nominee === v.nation))
        .map((r) => r.activity.id)
        .sort();
      expect(nominations.map((n) => n.activity.id).sort(), label(v)).toEqual(want);
    }
  });
});
