import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NOW, STAFF, viewer } from "../../../test/support/activities.js";
import {
  attendAll,
  codeOf,
  conductedIteration,
  errorOf,
  fieldsOf,
  partnerOf,
  withdrawNomination,
} from "../../../test/support/feedback.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { transitionActivity } from "../activities/lifecycle.js";
import { getPartnerParticipation } from "./participation.js";

let t: TestDb;
const RANGE = { from: "2013-01-01", to: "2014-12-31" };

beforeAll(async () => {
  t = await createSeededTestDb();
  // A course in 2013: AUS 3 nominated, 1 withdrawn; of the 2 confirmed, 1 attended.
  const course = await conductedIteration(
    t.db,
    { AUS: 3, JPN: 1 },
    {
      activity: { kind: "course", areas: ["education-and-training"] },
      iteration: { startDate: "2013-06-03", endDate: "2013-06-07", nominationDeadline: "2013-05-01" },
      conduct: false,
    },
  );
  const aus = course.placed.filter((p) => p.nation === "AUS");
  await withdrawNomination(t.db, aus[2]?.id ?? "");
  await transitionActivity(t.db, STAFF, course.activity.id, "conduct", NOW);
  await attendAll(
    t.db,
    course.iteration.id,
    course.placed.filter((p) => p.id !== aus[2]?.id),
    [aus[1]?.id ?? ""],
  );
  // A workshop in 2014 with two areas and one seat: AUS 1 confirmed, 1 waitlisted.
  await conductedIteration(
    t.db,
    { AUS: 2 },
    {
      activity: { kind: "workshop", areas: ["cyber-defence", "emerging-security-challenges"] },
      iteration: { startDate: "2014-03-03", endDate: "2014-03-05", nominationDeadline: "2014-02-01", seats: 1 },
      conduct: false,
    },
  );
  // An exercise in 2013 whose label is not releasable to AUS: staff nominated AUS anyway.
  await conductedIteration(
    t.db,
    { AUS: 1 },
    {
      activity: { kind: "exercise", label: { classification: "NU", releasableTo: ["JPN"] } },
      iteration: { startDate: "2013-09-02", endDate: "2013-09-06", nominationDeadline: "2013-08-01" },
      conduct: false,
    },
  );
  // Outside the range: not counted.
  await conductedIteration(t.db, { AUS: 1 }, { iteration: { startDate: "2012-06-01" }, conduct: false });
}, 60_000);
afterAll(async () => t.destroy());

const zero = { nominations: 0, confirmed: 0, waitlisted: 0, pendingOwner: 0, withdrawn: 0, declined: 0, attended: 0 };

describe("a partner's participation", () => {
  it("counts per year, area and kind and per iteration, only what the partner may see", async () => {
    const report = await getPartnerParticipation(t.db, partnerOf("AUS"), "aus", RANGE, NOW);
    expect(report.nation).toBe("AUS");
    expect(report.totals).toEqual({
      ...zero,
      nominations: 5,
      confirmed: 3,
      waitlisted: 1,
      withdrawn: 1,
      attended: 1,
      activities: 2,
      iterations: 2,
    });
    expect(report.breakdown).toEqual([
      {
        year: "2014",
        area: "cyber-defence",
        kind: "workshop",
        ...zero,
        nominations: 2,
        confirmed: 1,
        waitlisted: 1,
        activities: 1,
      },
      {
        year: "2014",
        area: "emerging-security-challenges",
        kind: "workshop",
        ...zero,
        nominations: 2,
        confirmed: 1,
        waitlisted: 1,
        activities: 1,
      },
      {
        year: "2013",
        area: "education-and-training",
        kind: "course",
        ...zero,
        nominations: 3,
        confirmed: 2,
        withdrawn: 1,
        attended: 1,
        activities: 1,
      },
    ]);
    expect(report.iterations.map((i) => [i.startDate, i.kind, i.nominations, i.attended])).toEqual([
      ["2014-03-03", "workshop", 2, 0],
      ["2013-06-03", "course", 3, 1],
    ]);
  });

  it("staff and analysts see every visible activity, including one the label keeps from the partner", async () => {
    for (const who of [STAFF, viewer("analyst", ["analyst"], null)]) {
      const report = await getPartnerParticipation(t.db, who, "AUS", RANGE, NOW);
      expect(report.totals).toMatchObject({ nominations: 6, confirmed: 4, activities: 3, iterations: 3 });
      expect(report.breakdown.find((b) => b.kind === "exercise")).toMatchObject({
        year: "2013",
        area: null,
        nominations: 1,
      });
    }
    const all = await getPartnerParticipation(t.db, STAFF, "AUS", {}, NOW);
    expect(all.totals.nominations).toBe(7);
  });

  it("another nation's report, or an unknown nation, is NOT_FOUND; bad dates name the field", async () => {
    expect(await codeOf(getPartnerParticipation(t.db, partnerOf("JPN"), "AUS", RANGE, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(getPartnerParticipation(t.db, viewer("hq", ["hq"], null), "AUS", RANGE, NOW))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(getPartnerParticipation(t.db, STAFF, "XXX", RANGE, NOW))).toBe("NOT_FOUND");
    const fieldsFor = async (query: { from?: string; to?: string }) => {
      const error = await errorOf(getPartnerParticipation(t.db, STAFF, "AUS", query, NOW));
      expect(error.code).toBe("VALIDATION");
      return fieldsOf(error);
    };
    expect(await fieldsFor({ from: "2014-02-30", to: "2014-12-31" })).toEqual(["from"]);
    expect(await fieldsFor({ from: "2014-01-01", to: "2013-01-01" })).toEqual(["to"]);
  });
});
