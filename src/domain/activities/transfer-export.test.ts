import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityInput, iterationInput, JPN_PARTNER, STAFF } from "../../../test/support/activities.js";
import { readCsvRecords, readXlsxSheet } from "../../../test/support/spreadsheets.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { createOrganisation } from "../identity/organisations.js";
import { ANONYMOUS } from "../labels/viewer.js";
import { addIteration, createActivity } from "./activities.js";
import type { TActivityInput, TIterationInput, TListActivitiesQuery } from "./activities.schema.js";
import { transitionActivity } from "./lifecycle.js";
import { exportActivities } from "./transfer-export.js";
import { importActivities } from "./transfer-import.js";

const AT = "2026-11-28";
const NOW = new Date(`${AT}T09:00:00Z`);

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
  await createOrganisation(t.db, null, { name: "NATO School Oberammergau", kind: "command", nation: null }, NOW);
  const published = async (input: Partial<TActivityInput>, iterations: Partial<TIterationInput>[] = [{}]) => {
    const created = await createActivity(t.db, STAFF, activityInput(input), NOW);
    for (const it of iterations) await addIteration(t.db, STAFF, created.id, iterationInput(it), NOW);
    for (const action of ["approve", "publish"] as const)
      await transitionActivity(t.db, STAFF, created.id, action, NOW);
  };
  // Releasable to partners (JPN among them); to Allies only (hidden from JPN).
  const partners = { classification: "NU" as const, releasableTo: ["EAPC", "MD", "ICI", "GLOBAL"] };
  await published(
    { reference: "ACT.396", label: partners, ownerOrganisation: "NATO School Oberammergau", areas: ["cyber-defence"] },
    [{ code: "2012-1" }, { code: "2027-1", startDate: "2027-06-07", endDate: "2027-06-11", twoStep: true }],
  );
  await published({ reference: "ACT.412", title: "Counter-piracy operations course", label: partners });
  await published({ reference: "ACT.604", label: { classification: "NR", releasableTo: ["NATO"] } });
  // A public, published activity (anyone may see it) with formula-like titles and text.
  const open = await createActivity(
    t.db,
    STAFF,
    activityInput({
      reference: "PUB.1",
      title: '=HYPERLINK("http://x")',
      description: "@SUM(1)\nsecond line, with a comma",
      label: { classification: "PUBLIC" },
    }),
    NOW,
  );
  await addIteration(t.db, STAFF, open.id, iterationInput({ code: "-1", city: "+Brussels" }), NOW);
  for (const action of ["approve", "publish"] as const) await transitionActivity(t.db, STAFF, open.id, action, NOW);
  const other = await createActivity(t.db, STAFF, activityInput({ reference: "PUB.2", title: "@SUM(1)" }), NOW);
  for (const action of ["approve", "publish"] as const) await transitionActivity(t.db, STAFF, other.id, action, NOW);
  // Proposed: staff only, even with a public label.
  await createActivity(t.db, STAFF, activityInput({ reference: "PRO.1", label: { classification: "PUBLIC" } }), NOW);
}, 60_000);
afterAll(async () => t.destroy());

async function csvReferences(viewer = STAFF, query: TListActivitiesQuery = {}) {
  const file = await exportActivities(t.db, viewer, query, "csv", AT);
  const [header, ...rows] = readCsvRecords(file.body);
  const at = header?.indexOf("Reference") ?? -1;
  return [...new Set(rows.map((r) => r[at] ?? ""))];
}

async function xlsxReferences(viewer = STAFF, query: TListActivitiesQuery = {}) {
  const file = await exportActivities(t.db, viewer, query, "xlsx", AT);
  const { rows } = await readXlsxSheet(file.body);
  return [...new Set(rows.slice(1).map((r) => String(r[0])))];
}

describe("exportActivities", () => {
  it("writes CSV for Excel: BOM, CRLF, RFC 4180 quoting, ISO dates, escaped formulas", async () => {
    const file = await exportActivities(t.db, STAFF, { q: "PUB" }, "csv", AT);
    expect(file.filename).toBe(`entente-activities-${AT}.csv`);
    const text = file.body.toString("utf8");
    expect(text.startsWith("\uFEFFReference,Title,")).toBe(true);
    expect(text).toContain("\r\n");
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain(`"'@SUM(1)\nsecond line, with a comma"`);
    const records = readCsvRecords(file.body);
    const header = records[0] ?? [];
    const pub1 = records.find((r) => r[0] === "PUB.1") ?? [];
    const pub2 = records.find((r) => r[0] === "PUB.2") ?? [];
    const col = (name: string) => header.indexOf(name);
    expect(pub1[col("Title")]).toBe(`'=HYPERLINK("http://x")`);
    expect(pub1[col("Iteration code")]).toBe("'-1");
    expect(pub1[col("City")]).toBe("'+Brussels");
    expect(pub1[col("Start date")]).toBe("2012-06-01");
    expect(pub1[col("Status")]).toBe("published");
    expect(pub1[col("Seats left")]).toBe("30");
    expect(pub2[col("Title")]).toBe("'@SUM(1)");
    expect(pub2[col("Iteration code")]).toBe("");
  });

  it("writes XLSX: bold frozen header, real dates, text cells escaped (never formulas)", async () => {
    const file = await exportActivities(t.db, STAFF, { q: "PUB" }, "xlsx", AT);
    const { sheet, rows } = await readXlsxSheet(file.body);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = rows[0] as string[];
    const pub1 = rows.find((r) => r[0] === "PUB.1") ?? [];
    const pub2 = rows.find((r) => r[0] === "PUB.2") ?? [];
    expect(pub1[header.indexOf("Title")]).toBe(`'=HYPERLINK("http://x")`);
    expect(pub2[header.indexOf("Title")]).toBe("'@SUM(1)");
    expect(pub1[header.indexOf("Start date")]).toEqual(new Date("2012-06-01T00:00:00Z"));
    expect(pub1[header.indexOf("Seats")]).toBe(30);
    for (const row of rows)
      for (const cell of row) expect(typeof cell === "object" && cell && "formula" in cell).toBe(false);
  });

  it("never gives a partner or the anonymous an activity its label or status hides; staff get all", async () => {
    const staff = await csvReferences(STAFF);
    expect(staff).toEqual(expect.arrayContaining(["ACT.604", "PRO.1", "PUB.1", "ACT.396"]));
    for (const references of [await csvReferences(JPN_PARTNER), await xlsxReferences(JPN_PARTNER)]) {
      expect(references).toContain("ACT.396");
      expect(references).not.toContain("ACT.604");
      expect(references).not.toContain("PRO.1");
    }
    for (const references of [await csvReferences(ANONYMOUS), await xlsxReferences(ANONYMOUS)]) {
      expect(references).toEqual(["PUB.1", "PUB.2"]);
    }
    // Filters narrow the same view.
    expect(await csvReferences(STAFF, { q: "piracy" })).toEqual(["ACT.412"]);
    expect(await csvReferences(JPN_PARTNER, { status: "proposed" })).toEqual([]);
  });

  it("round trip: an exported file re-imports as all unchanged (CSV and XLSX)", async () => {
    for (const format of ["csv", "xlsx"] as const) {
      const file = await exportActivities(t.db, STAFF, {}, format, AT);
      const report = await importActivities(
        t.db,
        STAFF,
        { filename: file.filename, bytes: file.body },
        { dryRun: true },
        NOW,
      );
      expect(report.errors).toEqual([]);
      expect(report.activities.created + report.activities.updated).toBe(0);
      expect(report.iterations.created + report.iterations.updated).toBe(0);
      expect(report.activities.unchanged).toBe((await csvReferences(STAFF)).length);
    }
  });
});
