import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityInput, auditCount, iterationInput, JPN_PARTNER, STAFF } from "../../../test/support/activities.js";
import {
  csvOf,
  IMPORT_HEADERS,
  rowCount,
  type SheetRow,
  sheetRow,
  xlsxOf,
} from "../../../test/support/spreadsheets.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { type AppError, isAppError } from "../../errors.js";
import { addIteration, createActivity } from "./activities.js";
import { transitionActivity } from "./lifecycle.js";
import type { TImportError } from "./transfer.schema.js";
import { exportActivities } from "./transfer-export.js";
import { importActivities } from "./transfer-import.js";

const NOW = new Date("2026-11-28T09:00:00Z");

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
}, 60_000);
afterAll(async () => t.destroy());

const count = (table: Parameters<typeof rowCount>[1]) => rowCount(t.db, table);

async function counts() {
  return {
    activity: await count("activity"),
    iteration: await count("iteration"),
    label: await count("label"),
    area: await count("activity_area"),
    audit: await auditCount(t.db),
  };
}

const csv = (rows: SheetRow[], headers?: string[]) => ({ filename: "menu.csv", bytes: csvOf(rows, headers) });
const run = (file: { filename: string; bytes: Buffer }, dryRun: boolean, actor = STAFF) =>
  importActivities(t.db, actor, file, { dryRun }, NOW);

async function refusedWith(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const where = (errors: TImportError[]) => errors.map((e) => [e.row, e.column]);

describe("importActivities", () => {
  it("a file with errors imports nothing and reports each error with its row and column", async () => {
    const good = sheetRow({ Reference: "ERR.1" });
    const rows = [
      good,
      sheetRow({ Reference: "ERR.2", "Start date": "2027-13-01" }),
      sheetRow({ Reference: "ERR.3", Kind: "lecture" }),
      sheetRow({ Reference: "ERR.4", Areas: "counter-piracy; basket-weaving" }),
      sheetRow({ Reference: "ERR.5", Seats: 0 }),
      sheetRow({ Reference: "ERR.6", Country: "XYZ" }),
      { ...good, Title: "Another title", "Iteration code": "2027-2" },
      sheetRow({ Reference: "ERR.7", "Releasable to": "EAPC, ZZZ" }),
      sheetRow({ Reference: "ERR.8", "End date": "2027-06-01" }),
      { ...good },
    ];
    const before = await counts();
    const report = await run(csv(rows), true);
    expect(report.dryRun).toBe(true);
    expect(report.applied).toBe(false);
    expect(report.rows).toBe(10);
    expect(where(report.errors)).toEqual([
      [3, "Start date"],
      [4, "Kind"],
      [5, "Areas"],
      [6, "Seats"],
      [7, "Country"],
      [8, "Title"],
      [9, "Releasable to"],
      [10, "End date"],
      [11, "Iteration code"],
    ]);
    expect(report.errors.find((e) => e.row === 5)?.message).toContain("basket-weaving");
    expect(report.errors.find((e) => e.row === 7)?.message).toContain("XYZ");
    expect(report.errors.find((e) => e.row === 8)?.message).toContain("row 2");
    expect(report.errors.find((e) => e.row === 9)?.message).toContain("ZZZ");
    expect(report.errors.find((e) => e.row === 4)).toMatchObject({ reference: "ERR.3", field: "kind" });

    const refused = await refusedWith(run(csv(rows), false));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.details?.errors).toEqual(report.errors);
    expect(await counts()).toEqual(before);
  });

  it("names a missing required column and an unknown one (row 1), and imports nothing", async () => {
    const headers = IMPORT_HEADERS.filter((h) => h !== "Audience").concat(["Colour"]);
    const before = await counts();
    const report = await run(csv([sheetRow({ Colour: "blue" })], headers), true);
    expect(where(report.errors)).toEqual(
      expect.arrayContaining([
        [1, "Audience"],
        [1, "Colour"],
      ]),
    );
    expect(report.errors).toHaveLength(2);
    const refused = await refusedWith(run(csv([sheetRow()], headers), false));
    expect(refused.code).toBe("VALIDATION");
    expect(await counts()).toEqual(before);
  });

  it("creates, then re-imports unchanged, then updates what was edited (one audit event each)", async () => {
    const base = sheetRow({ Reference: "RE.1", "Iteration code": "A" });
    const noIteration = Object.fromEntries(
      ["Iteration code", "Start date", "End date", "City", "Country", "Seats", "Nomination deadline", "Two-step"].map(
        (h) => [h, null],
      ),
    );
    const rows = [
      base,
      { ...base, "Iteration code": "B", "Start date": "2027-09-06", "End date": "2027-09-10" },
      sheetRow({ Reference: "RE.2", ...noIteration }),
    ];
    const dry = await run(csv(rows), true);
    expect(dry.errors).toEqual([]);
    expect(dry.activities).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(dry.iterations).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const before = await counts();

    const first = await run(csv(rows), false);
    expect(first.applied).toBe(true);
    const afterFirst = await counts();
    expect(afterFirst.activity - before.activity).toBe(2);
    expect(afterFirst.iteration - before.iteration).toBe(2);
    expect(afterFirst.audit - before.audit).toBe(1);
    const created = await t.db
      .selectFrom("activity")
      .selectAll()
      .where("reference", "=", "RE.1")
      .executeTakeFirstOrThrow();
    expect(created.status).toBe("proposed");
    const audit = await t.db
      .selectFrom("audit_event")
      .selectAll()
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe("activity.import");
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ file: "menu.csv", activities: { created: 2 } });

    const again = await run(csv(rows), false);
    expect(again.activities).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(again.iterations).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const afterAgain = await counts();
    expect({ ...afterAgain, audit: 0 }).toEqual({ ...afterFirst, audit: 0 });

    const edited = rows.map((r) =>
      r.Reference === "RE.1"
        ? { ...r, Title: "Renamed course", ...(r["Iteration code"] === "B" ? { Seats: 12 } : {}) }
        : r,
    );
    const update = await run(csv(edited), false);
    expect(update.activities).toEqual({ created: 0, updated: 1, unchanged: 1 });
    expect(update.iterations).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const afterUpdate = await counts();
    expect(afterUpdate.audit - afterAgain.audit).toBe(1);
    expect(afterUpdate.activity).toBe(afterAgain.activity);
    const renamed = await t.db
      .selectFrom("activity")
      .selectAll()
      .where("reference", "=", "RE.1")
      .executeTakeFirstOrThrow();
    expect(renamed.title).toBe("Renamed course");
    expect(renamed.search_text).toContain("renamed");
    const seats = await t.db
      .selectFrom("iteration")
      .select("seats")
      .where("activity_id", "=", renamed.id)
      .where("code", "=", "B")
      .executeTakeFirstOrThrow();
    expect(seats.seats).toBe(12);
  });

  it("refuses changes the lifecycle forbids, and imports by partners", async () => {
    const conducted = await createActivity(t.db, STAFF, activityInput({ reference: "DONE.1" }), NOW);
    await addIteration(t.db, STAFF, conducted.id, iterationInput({ code: "X" }), NOW);
    for (const action of ["approve", "publish", "open-nominations", "close-nominations", "conduct"] as const) {
      await transitionActivity(t.db, STAFF, conducted.id, action, NOW);
    }
    const report = await run(csv([sheetRow({ Reference: "DONE.1", "Iteration code": "Y" })]), true);
    expect(report.errors.map((e) => e.column)).toContain("Title");
    expect(report.errors.find((e) => e.column === "Iteration code")?.message).toContain("conducted");

    const open = await createActivity(t.db, STAFF, activityInput({ reference: "SEAT.1" }), NOW);
    const iteration = await addIteration(t.db, STAFF, open.id, iterationInput({ code: "S", seats: 30 }), NOW);
    await t.db.updateTable("iteration").set({ confirmed_count: 10 }).where("id", "=", iteration.id).execute();
    const fewer = await run(csv([sheetRow({ Reference: "SEAT.1", "Iteration code": "S", Seats: 5 })]), true);
    expect(fewer.errors).toEqual([expect.objectContaining({ row: 2, column: "Seats", reference: "SEAT.1" })]);
    expect(fewer.errors[0]?.message).toContain("10 participants are confirmed");

    const before = await counts();
    const denied = await refusedWith(run(csv([sheetRow()]), false, JPN_PARTNER));
    expect(denied.code).toBe("FORBIDDEN");
    const after = await counts();
    expect(after.audit - before.audit).toBe(1);
    expect(after.activity).toBe(before.activity);
  });

  it("reads XLSX with Excel dates (real dates and serial numbers) and text dates", async () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      sheetRow({
        Reference: `XL.${i + 1}`,
        "Start date": new Date(Date.UTC(2027, 5, 7)),
        "End date": i % 2 === 0 ? 46_549 /* 2027-06-11 */ : "2027-06-11",
        "Language level": i % 2 === 0 ? 3 : "3",
      }),
    );
    const bytes = await xlsxOf(rows);
    const report = await run({ filename: "menu.xlsx", bytes }, false);
    expect(report.errors).toEqual([]);
    expect(report.activities.created).toBe(200);
    const stored = await t.db
      .selectFrom("iteration")
      .innerJoin("activity", "activity.id", "iteration.activity_id")
      .select(["iteration.start_date", "iteration.end_date", "activity.language_level"])
      .where("activity.reference", "in", ["XL.1", "XL.2"])
      .execute();
    expect(stored).toEqual([
      { start_date: "2027-06-07", end_date: "2027-06-11", language_level: 3 },
      { start_date: "2027-06-07", end_date: "2027-06-11", language_level: 3 },
    ]);
  });

  it("refuses a file that is neither XLSX nor CSV, naming `file`", async () => {
    const error = await refusedWith(run({ filename: "menu.pdf", bytes: Buffer.from("%PDF-1.7") }, true));
    expect(error.code).toBe("VALIDATION");
    expect(error.details?.fields).toEqual([expect.objectContaining({ field: "file" })]);
    const disguised = await refusedWith(run({ filename: "menu.xlsx", bytes: csvOf([sheetRow()]) }, true));
    expect(disguised.details?.fields).toEqual([expect.objectContaining({ field: "file" })]);
  });

  it("imports a valid file of 10,000 activities completely", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      sheetRow({ Reference: `BIG.${i + 1}`, Title: `Bulk course ${i + 1}`, "Iteration code": `${2027 + (i % 3)}-1` }),
    );
    const file = csv(rows);
    const before = await counts();
    const started = performance.now();
    const dry = await run(file, true);
    const dryMs = performance.now() - started;
    expect(dry.errors).toEqual([]);
    expect(dry.activities.created).toBe(10_000);
    const applyStarted = performance.now();
    const report = await run(file, false);
    const applyMs = performance.now() - applyStarted;
    expect(report.applied).toBe(true);
    const after = await counts();
    expect(after.activity - before.activity).toBe(10_000);
    expect(after.iteration - before.iteration).toBe(10_000);
    expect(after.area - before.area).toBe(20_000);
    const againStarted = performance.now();
    const again = await run(file, true);
    const againMs = performance.now() - againStarted;
    expect(again.activities.unchanged).toBe(10_000);
    const exportTimes: string[] = [];
    for (const format of ["csv", "xlsx"] as const) {
      const exportStarted = performance.now();
      const exported = await exportActivities(t.db, STAFF, { q: "bulk" }, format, "2026-11-28");
      exportTimes.push(`${format} export ${Math.round(performance.now() - exportStarted)} ms`);
      expect(exported.rows).toBe(10_000);
    }
    // Measured numbers for the report (not asserted).
    console.info(
      `[transfer] ${t.engine}: 10,000-row CSV dry run ${Math.round(dryMs)} ms, import ${Math.round(applyMs)} ms, re-import dry run ${Math.round(againMs)} ms, ${exportTimes.join(", ")}`,
    );
  }, 300_000);
});
