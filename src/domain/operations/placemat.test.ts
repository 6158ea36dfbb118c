import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { insertRecognition } from "../../../test/support/factories.js";
import { expectError, fieldsOf, instant } from "../../../test/support/operations.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { Viewer } from "../labels/viewer.js";
import { listContributions, recordContribution } from "./contributions.js";
import type { TContributionInput } from "./operations.schema.js";
import { getContributionHistory, getPlacemat } from "./placemat.js";

// The ISAF placemat of November 2010 (the reference's figures), as of dates, within labels.

let t: TestDb;
let staff: Viewer;
let korea: Viewer;
const NOW = instant("2026-11-28");

async function troops(nation: string, asOf: string, count: number, label?: TContributionInput["label"]) {
  return recordContribution(
    t.db,
    staff,
    {
      operation: "ISAF",
      nation,
      kind: "troops",
      asOf,
      troops: count,
      cite: "isaf-placemat-2010-11",
      label: label ?? { classification: "PUBLIC", releasableTo: [] },
    },
    NOW,
  );
}

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  korea = await insertPartnerUser(t.db, "KOR");
  await insertRecognition(t.db, {
    operation: "ISAF",
    nation: "KOR",
    from: "2010-06-15",
    createdBy: staff.userId ?? "",
  });
  await insertRecognition(t.db, {
    operation: "ISAF",
    nation: "SGP",
    from: "2010-10-01",
    createdBy: staff.userId ?? "",
  });
  await troops("AUS", "2010-06-01", 1350);
  await troops("AUS", "2010-11-01", 1550);
  await troops("KOR", "2010-11-01", 246);
  await troops("NZL", "2010-11-01", 234);
  await troops("MNG", "2010-11-01", 47);
  await troops("GBR", "2010-11-01", 9500);
  // Not releasable to Korea: the staff see it, Korea's user never does.
  await troops("ARE", "2010-11-01", 250, { classification: "NR", releasableTo: ["NATO", "ARE"] });
  await troops("NZL", "2011-03-01", 0);
}, 120_000);
afterAll(async () => t.destroy());

const summary = (p: Awaited<ReturnType<typeof getPlacemat>>) =>
  p.rows.map((r) => [r.nation.code, r.troops, r.snapshotDate, r.ally, r.recognisedFrom]);

describe("the placemat", () => {
  it("on 2010-10-31: the June snapshot and the recognised contributors without troops", async () => {
    const p = await getPlacemat(t.db, staff, "isaf", { asOf: "2010-10-31" }, NOW);
    expect(p.operation).toEqual({ code: "ISAF", name: "International Security Assistance Force" });
    expect(p.active).toBe(true);
    expect(summary(p)).toEqual([
      ["AUS", 1350, "2010-06-01", false, null],
      ["KOR", null, null, false, "2010-06-15"],
      ["SGP", null, null, false, "2010-10-01"],
    ]);
    expect(p.totalTroops).toBe(1350);
    expect(p.contributingNations).toBe(3);
  });

  it("on 2010-11-01: the November figures, with totals", async () => {
    const p = await getPlacemat(t.db, staff, "ISAF", { asOf: "2010-11-01" }, NOW);
    expect(summary(p)).toEqual([
      ["GBR", 9500, "2010-11-01", true, null],
      ["AUS", 1550, "2010-11-01", false, null],
      ["ARE", 250, "2010-11-01", false, null],
      ["KOR", 246, "2010-11-01", false, "2010-06-15"],
      ["NZL", 234, "2010-11-01", false, null],
      ["MNG", 47, "2010-11-01", false, null],
      ["SGP", null, null, false, "2010-10-01"],
    ]);
    expect(p.rows[0]?.cite).toBe("isaf-placemat-2010-11");
    expect(p.totalTroops).toBe(11827);
    expect(p.contributingNations).toBe(7);
  });

  it("after a 0 snapshot the nation is gone; outside the operation's period nobody is listed", async () => {
    const p = await getPlacemat(t.db, staff, "ISAF", { asOf: "2011-03-01" }, NOW);
    expect(p.rows.map((r) => r.nation.code)).toEqual(["GBR", "AUS", "ARE", "KOR", "MNG", "SGP"]);
    expect(p.totalTroops).toBe(11593);
    const before = await getPlacemat(t.db, staff, "ISAF", { asOf: "2011-02-28" }, NOW);
    expect(before.rows.map((r) => r.nation.code)).toContain("NZL");
    const after = await getPlacemat(t.db, staff, "ISAF", { asOf: "2015-01-01" }, NOW);
    expect(after).toMatchObject({ active: false, rows: [], totalTroops: 0, contributingNations: 0 });
    const unknown = await expectError(getPlacemat(t.db, staff, "NOPE", {}, NOW));
    expect(unknown.code).toBe("NOT_FOUND");
    const badDate = await expectError(getPlacemat(t.db, staff, "ISAF", { asOf: "2010-02-30" }, NOW));
    expect(fieldsOf(badDate)).toEqual(["asOf"]);
  });

  it("leaves out of Korea's placemat and history what is not releasable to Korea", async () => {
    const p = await getPlacemat(t.db, korea, "ISAF", { asOf: "2010-11-01" }, NOW);
    expect(summary(p)).toEqual([
      ["GBR", 9500, "2010-11-01", true, null],
      ["AUS", 1550, "2010-11-01", false, null],
      ["KOR", 246, "2010-11-01", false, "2010-06-15"],
      ["NZL", 234, "2010-11-01", false, null],
      ["MNG", 47, "2010-11-01", false, null],
    ]);
    expect(p.totalTroops).toBe(11577);
    const history = await getContributionHistory(t.db, korea, "ISAF", NOW);
    expect(history.dates).toEqual(["2010-06-01", "2010-11-01", "2011-03-01"]);
    expect(history.series.map((s) => [s.nation.code, s.points.map((x) => [x.asOf, x.troops])])).toEqual([
      [
        "AUS",
        [
          ["2010-06-01", 1350],
          ["2010-11-01", 1550],
        ],
      ],
      ["GBR", [["2010-11-01", 9500]]],
      ["KOR", [["2010-11-01", 246]]],
      ["MNG", [["2010-11-01", 47]]],
      [
        "NZL",
        [
          ["2010-11-01", 234],
          ["2011-03-01", 0],
        ],
      ],
    ]);
    const staffHistory = await getContributionHistory(t.db, staff, "ISAF", NOW);
    expect(staffHistory.series.map((s) => s.nation.code)).toEqual(["ARE", "AUS", "GBR", "KOR", "MNG", "NZL"]);
    const listed = await listContributions(t.db, korea, { operation: "ISAF", nation: "ARE" }, NOW);
    expect(listed).toEqual([]);
    expect(
      (await listContributions(t.db, staff, { operation: "ISAF", nation: "ARE" }, NOW)).map((c) => c.marking),
    ).toEqual(["NATO RESTRICTED // RELEASABLE TO NATO, ARE"]);
  });
});

describe("recording contributions", () => {
  it("is the staff's only, and checks troops, amounts and references field by field", async () => {
    const partner = await expectError(
      recordContribution(
        t.db,
        korea,
        { operation: "ISAF", nation: "KOR", kind: "troops", asOf: "2011-01-01", troops: 1 },
        NOW,
      ),
    );
    expect(partner.code).toBe("FORBIDDEN");
    const cases: [TContributionInput, string[]][] = [
      [{ operation: "ISAF", nation: "KOR", kind: "troops", asOf: "2011-01-01" }, ["troops"]],
      [{ operation: "ISAF", nation: "JPN", kind: "funding", asOf: "2011-01-01", troops: 3 }, ["troops"]],
      [{ operation: "ISAF", nation: "JPN", kind: "funding", asOf: "2011-01-01", amount: 5 }, ["currency"]],
      [{ operation: "ISAF", nation: "XXX", kind: "medical", asOf: "2011-01-01" }, ["nation"]],
      [{ operation: "NOPE", nation: "JPN", kind: "medical", asOf: "2011-01-01" }, ["operation"]],
      [{ operation: "ISAF", nation: "JPN", kind: "medical", asOf: "2011-13-01" }, ["asOf"]],
    ];
    for (const [input, fields] of cases) {
      const error = await expectError(recordContribution(t.db, staff, input, NOW));
      expect(error.code).toBe("VALIDATION");
      expect(fieldsOf(error)).toEqual(fields);
    }
    const funding = await recordContribution(
      t.db,
      staff,
      {
        operation: "ISAF",
        nation: "JPN",
        kind: "funding",
        asOf: "2011-06-01",
        amount: 50000000,
        currency: "usd",
        description: "Afghan National Army Trust Fund",
      },
      NOW,
    );
    expect(funding).toMatchObject({
      kind: "funding",
      troops: null,
      amount: 50000000,
      currency: "USD",
      nation: { code: "JPN", name: "Japan" },
      marking: "NATO UNCLASSIFIED // RELEASABLE TO NATO, JPN",
    });
    // Funding is not troops: the placemat does not change.
    expect(
      (await getPlacemat(t.db, staff, "ISAF", { asOf: "2011-06-01" }, NOW)).rows.map((r) => r.nation.code),
    ).not.toContain("JPN");
  });
});
