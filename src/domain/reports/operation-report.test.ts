import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRecognition } from "../../../test/support/factories.js";
import {
  FG_NOW,
  type ForceGenerationCast,
  insertForceGenerationCast,
  requirementInput,
} from "../../../test/support/force-generation.js";
import { expectError } from "../../../test/support/operations.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { actOnForceOffer, offerForces } from "../force-generation/offers.js";
import { createRequirement } from "../force-generation/requirements.js";
import { recordContribution } from "../operations/contributions.js";
import { getOperationReport } from "./operation-report.js";
import { renderOperationReportXlsx } from "./render-xlsx.js";

// The operation report: each part from its module under the viewer's labels, marked with the
// highest classification it shows.

let t: TestDb;
let cast: ForceGenerationCast;

beforeAll(async () => {
  t = await createSeededTestDb();
  cast = await insertForceGenerationCast(t.db);
  const { staff } = cast;
  await recordContribution(
    t.db,
    staff,
    {
      operation: "ISAF",
      nation: "AUS",
      kind: "troops",
      asOf: "2010-10-15",
      troops: 1550,
      label: { classification: "PUBLIC" },
    },
    FG_NOW,
  );
  await recordContribution(
    t.db,
    staff,
    {
      operation: "ISAF",
      nation: "NZL",
      kind: "troops",
      asOf: "2010-10-15",
      troops: 234,
      label: { classification: "PUBLIC" },
    },
    FG_NOW,
  );
  const line = await createRequirement(t.db, staff, requirementInput({ quantity: 150 }), FG_NOW);
  const offer = await offerForces(t.db, cast.aus, { requirementId: line.id, quantity: 100 }, FG_NOW);
  await actOnForceOffer(t.db, staff, offer.id, { action: "accept" }, FG_NOW);
}, 180_000);
afterAll(async () => t.destroy());

describe("getOperationReport", () => {
  it("gives the staff the placemat on asOf, the history and the fill, marked NATO RESTRICTED (the line's label)", async () => {
    const r = await getOperationReport(t.db, cast.staff, "isaf", { asOf: "2010-11-01" }, FG_NOW);
    expect(r.asOf).toBe("2010-11-01");
    expect(r.placemat.rows.filter((x) => x.troops !== null).map((x) => [x.nation.code, x.troops])).toEqual([
      ["AUS", 1550],
      ["NZL", 234],
    ]);
    expect(r.history.series.map((s) => s.nation.code)).toEqual(["AUS", "NZL"]);
    expect(r.forceGeneration.totals).toMatchObject({ quantity: 150, accepted: 100, gap: 50 });
    expect(r.marking).toBe("NATO RESTRICTED");
    const wb = await renderOperationReportXlsx(r);
    expect(wb.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("shows a partner never recognised for ISAF the public placemat without the lines, marked PUBLIC", async () => {
    const r = await getOperationReport(t.db, cast.jpn, "ISAF", { asOf: "2010-11-01" }, FG_NOW);
    expect(r.placemat.rows.filter((x) => x.troops !== null).map((x) => x.nation.code)).toEqual(["AUS", "NZL"]);
    expect(r.forceGeneration.lines).toEqual([]);
    expect(r.marking).toBe("PUBLIC");
  });

  it("counts the recognitions it shows in its marking (a recognised nation without troop figures)", async () => {
    await insertRecognition(t.db, {
      operation: "KFOR",
      nation: "AUS",
      from: "2005-01-01",
      createdBy: cast.staff.userId ?? "",
    });
    const r = await getOperationReport(t.db, cast.aus, "KFOR", { asOf: "2010-11-01" }, FG_NOW);
    expect(r.placemat.rows.map((x) => [x.nation.code, x.troops, x.recognisedFrom])).toEqual([
      ["AUS", null, "2005-01-01"],
    ]);
    expect(r.marking).toBe("NATO RESTRICTED");
    // Japan sees neither Australia's case nor a row for it.
    const japan = await getOperationReport(t.db, cast.jpn, "KFOR", { asOf: "2010-11-01" }, FG_NOW);
    expect([japan.placemat.rows, japan.marking]).toEqual([[], "PUBLIC"]);
  });

  it("is NOT_FOUND for an unknown operation and VALIDATION on asOf for a bad date", async () => {
    expect((await expectError(getOperationReport(t.db, cast.staff, "NOPE", {}, FG_NOW))).code).toBe("NOT_FOUND");
    const bad = await expectError(getOperationReport(t.db, cast.staff, "ISAF", { asOf: "2010-02-30" }, FG_NOW));
    expect(bad.code).toBe("VALIDATION");
    expect(JSON.stringify(bad.details)).toContain("asOf");
  });
});
