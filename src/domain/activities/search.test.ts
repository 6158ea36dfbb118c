import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityInput, iterationInput, JPN_PARTNER, STAFF } from "../../../test/support/activities.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { AppError } from "../../errors.js";
import { seedDemoActivities } from "../demo/demo-activities.js";
import { createOrganisation } from "../identity/organisations.js";
import { addIteration, createActivity } from "./activities.js";
import type { TActivitySummary, TListActivitiesQuery } from "./activities.schema.js";
import { transitionActivity } from "./lifecycle.js";
import { getActivity, listActivities } from "./search.js";

const AT = "2026-11-28";
const NOW = new Date(`${AT}T09:00:00Z`);

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
  // The demo menu names SHAPE as the owner organisation of one activity.
  await createOrganisation(t.db, null, { name: "Allied Command Operations (SHAPE)", kind: "command" }, NOW);
  await seedDemoActivities(t.db, STAFF, NOW);
}, 60_000);
afterAll(async () => t.destroy());

/** Every page of a listing, walked by its cursor. */
async function listAll(viewer = JPN_PARTNER, query: TListActivitiesQuery = {}, limit = 25) {
  const all: TActivitySummary[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await listActivities(t.db, viewer, { ...query, limit, ...(cursor ? { cursor } : {}) }, AT);
    all.push(...page.activities);
    if (page.nextCursor === null) return all;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

function countBy(items: TActivitySummary[], key: (a: TActivitySummary) => string[]) {
  const counts = new Map<string, number>();
  for (const a of items) for (const k of key(a)) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => a.value.localeCompare(b.value));
}

const references = (items: { reference: string }[]) => items.map((a) => a.reference);

describe("listActivities", () => {
  it("finds the counter-piracy course by q", async () => {
    const page = await listActivities(t.db, JPN_PARTNER, { q: "piracy" }, AT);
    expect(references(page.activities)).toEqual(["ACO.115", "ACT.412"]);
    expect(page.activities.every((a) => a.areas.includes("counter-piracy"))).toBe(true);
    const prefix = await listActivities(t.db, STAFF, { q: "Oberammer" }, AT);
    expect(references(prefix.activities)).toEqual(["ACT.396"]);
    for (const q of ["ACT.396", "act 396", "396"]) {
      expect(references((await listActivities(t.db, STAFF, { q }, AT)).activities)).toEqual(["ACT.396"]);
    }
  });

  it("facet counts equal the counts of the full list, under the label rule", async () => {
    for (const viewer of [JPN_PARTNER, STAFF]) {
      const all = await listAll(viewer);
      const page = await listActivities(t.db, viewer, { limit: 1 }, AT);
      expect(page.facets.kind).toEqual(countBy(all, (a) => [a.kind]));
      expect(page.facets.area).toEqual(countBy(all, (a) => a.areas));
    }
    const jpn = await listAll(JPN_PARTNER);
    // ACT.604 is NATO RESTRICTED releasable to NATO only: not in JPN's list nor in its counts.
    expect(references(jpn)).not.toContain("ACT.604");
    const jpnPage = await listActivities(t.db, JPN_PARTNER, {}, AT);
    expect(jpnPage.facets.kind.map((f) => f.value)).not.toContain("exercise");
    expect(jpnPage.facets.area.map((f) => f.value)).not.toContain("crisis-management");
    const staff = await listActivities(t.db, STAFF, {}, AT);
    expect(staff.facets.kind).toContainEqual({ value: "exercise", count: 1 });
    expect(references(staff.activities)).toContain("ACT.604");
  });

  it("each facet ignores its own filter and applies the others", async () => {
    const courses = await listActivities(t.db, JPN_PARTNER, { kind: "course" }, AT);
    expect(courses.activities.every((a) => a.kind === "course")).toBe(true);
    const unfiltered = await listActivities(t.db, JPN_PARTNER, {}, AT);
    expect(courses.facets.kind).toEqual(unfiltered.facets.kind);
    expect(courses.facets.area).toEqual(countBy(courses.activities, (a) => a.areas));
    const esc = await listActivities(t.db, JPN_PARTNER, { area: "emerging-security-challenges" }, AT);
    expect(references(esc.activities)).toEqual(["ACT.520", "ESC.210", "SPS.101"]);
    expect(esc.facets.area).toEqual(unfiltered.facets.area);
    expect(esc.facets.kind).toEqual(countBy(esc.activities, (a) => [a.kind]));
  });

  it("keyset pagination returns every item exactly once, in reference order", async () => {
    const whole = references(await listAll(STAFF, {}, 25));
    for (const limit of [1, 2, 3]) {
      const paged = references(await listAll(STAFF, {}, limit));
      expect(paged).toEqual(whole);
      expect(new Set(paged).size).toBe(paged.length);
    }
    expect(whole).toEqual([...whole].sort());
    expect(whole.length).toBeGreaterThanOrEqual(8);
  });

  it("filters by dates, open seats, language, owner and status", async () => {
    const in2012 = await listActivities(t.db, STAFF, { from: "2012-01-01", to: "2012-12-31" }, AT);
    expect(references(in2012.activities)).toEqual(["ACT.396", "ACT.412", "ACT.520", "ACT.655"]);
    const overlap = await listActivities(t.db, STAFF, { from: "2012-03-10", to: "2012-03-10" }, AT);
    expect(references(overlap.activities)).toEqual(["ACT.655"]);
    const owner = await listActivities(t.db, STAFF, { owner: "NATO School Oberammergau" }, AT);
    expect(references(owner.activities)).toEqual(["ACT.396"]);
    expect((await listActivities(t.db, STAFF, { language: "french" }, AT)).activities).toEqual([]);
    expect((await listActivities(t.db, STAFF, { language: "english", openSeats: true }, AT)).activities.length).toBe(9);
    const open = await listActivities(t.db, JPN_PARTNER, { status: "nominations-open" }, AT);
    expect(open.activities.every((a) => a.status === "nominations-open")).toBe(true);
    expect(references(open.activities)).toContain("ACT.412");
    // A partner never sees a proposed activity, even asking for it.
    expect((await listActivities(t.db, JPN_PARTNER, { status: "proposed" }, AT)).activities).toEqual([]);
  });

  it("flags whether the viewer's nation may join, for nations only", async () => {
    const jpn = await listActivities(t.db, JPN_PARTNER, { q: "piracy" }, AT);
    const course = jpn.activities.find((a) => a.reference === "ACT.412");
    expect(course?.openToMyNation?.outcome).toBe("open");
    expect(course?.nextIteration?.startDate).toBe("2027-04-12");
    const staff = await listActivities(t.db, STAFF, { q: "piracy" }, AT);
    expect(staff.activities[0]?.openToMyNation).toBeNull();
  });

  it("filters to what the policy engine opens to the viewer's nation, in SQL before the page's limit", async () => {
    // ACT.604 is for Allies only; in 2010 Japan (a Contact Country) needed the Council for the
    // "PfP, MD, ICI and other nations as approved" audience, in 2012 it did not.
    const now = await listActivities(t.db, JPN_PARTNER, { openToMe: true, limit: 1 }, AT);
    expect(now.activities).toHaveLength(1);
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listActivities(
        t.db,
        JPN_PARTNER,
        { openToMe: true, limit: 2, ...(cursor ? { cursor } : {}) },
        AT,
      );
      all.push(...references(page.activities));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(all).toContain("ACT.412");
    expect(all).not.toContain("ACT.604");
    const in2010 = await listActivities(
      t.db,
      JPN_PARTNER,
      { openToMe: true, from: "2010-01-01", status: "nominations-open" },
      AT,
    );
    expect(references(in2010.activities)).not.toContain("ACT.412");
    expect(references(in2010.activities)).toContain("ACO.115");
    const in2012 = await listActivities(
      t.db,
      JPN_PARTNER,
      { openToMe: true, from: "2012-01-01", status: "nominations-open" },
      AT,
    );
    expect(references(in2012.activities)).toContain("ACT.412");
    // Alliance users have no nation to be open to.
    expect((await listActivities(t.db, STAFF, { openToMe: true }, AT)).activities).toEqual([]);
  });

  it("refuses a bad query naming the field", async () => {
    const error = await listActivities(t.db, STAFF, { kind: "party" as never }, AT).catch((e: AppError) => e);
    expect((error as AppError).code).toBe("VALIDATION");
    expect((error as AppError).details?.fields).toEqual([expect.objectContaining({ field: "kind" })]);
    const cursor = await listActivities(t.db, STAFF, { cursor: "zzz" }, AT).catch((e: AppError) => e);
    expect((cursor as AppError).code).toBe("VALIDATION");
  });
});

describe("getActivity", () => {
  it("hides an activity whose label the viewer may not read, and a partner's unpublished one", async () => {
    const staff = await listActivities(t.db, STAFF, { q: "crisis" }, AT);
    const id = staff.activities[0]?.id ?? "";
    expect((await getActivity(t.db, STAFF, id, AT)).reference).toBe("ACT.604");
    await expect(getActivity(t.db, JPN_PARTNER, id, AT)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const proposed = await createActivity(t.db, STAFF, activityInput(), NOW);
    await expect(getActivity(t.db, JPN_PARTNER, proposed.id, AT)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(references(await listAll(JPN_PARTNER))).not.toContain(proposed.reference);
  });

  it("tells JPN: council approval in 2010, open in 2012, for audience 'PFP, MD, ICI'", async () => {
    const created = await createActivity(t.db, STAFF, activityInput({ audience: "PFP, MD, ICI" }), NOW);
    await addIteration(
      t.db,
      STAFF,
      created.id,
      iterationInput({ startDate: "2010-06-01", endDate: "2010-06-04", nominationDeadline: "2010-05-01" }),
      NOW,
    );
    await addIteration(t.db, STAFF, created.id, iterationInput({ startDate: "2012-06-01" }), NOW);
    for (const action of ["approve", "publish"] as const)
      await transitionActivity(t.db, STAFF, created.id, action, NOW);
    const page = await getActivity(t.db, JPN_PARTNER, created.id, AT);
    expect(page.iterations.map((i) => [i.startDate, i.access?.outcome])).toEqual([
      ["2010-06-01", "council-approval"],
      ["2012-06-01", "open"],
    ]);
    expect(page.iterations[0]?.access?.explanation).toMatch(/JPN on 2010-06-01/);
    expect(page.iterations[0]).toMatchObject({ seats: 30, confirmedCount: 0, seatsLeft: 30, waitlistLength: 0 });
    const forStaff = await getActivity(t.db, STAFF, created.id, AT);
    expect(forStaff.iterations.every((i) => i.access === null)).toBe(true);
  });
});
