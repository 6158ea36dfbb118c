import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/support/cli.js";
import { csvOf, readXlsxSheet, rowCount, sheetRow } from "../../test/support/spreadsheets.js";
import { createSeededTestDb, type TestDb, testContext } from "../../test/support/test-db.js";

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createSeededTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "entente-cli-transfer-"));
}, 60_000);
afterAll(async () => {
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const run = (...argv: string[]) => runCliCaptured(testContext(t), ...argv);
const file = (name: string, bytes: Buffer) => {
  const at = path.join(dir, name);
  writeFileSync(at, bytes);
  return at;
};

const activityCount = () => rowCount(t.db, "activity");

describe("entente activities", () => {
  it("import --dry-run prints each error with row and column and exits non-zero", async () => {
    const bad = file("bad.csv", csvOf([sheetRow({ Reference: "CLI.1" }), sheetRow({ Reference: "CLI.2", Seats: 0 })]));
    const result = await run("activities", "import", bad, "--dry-run");
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/row\s+column\s+message/);
    expect(result.out).toMatch(/3\s+Seats\s+CLI\.2: /);
    expect(result.err).toContain("1 error(s)");
    const applied = await run("activities", "import", bad);
    expect(applied.code).toBe(2);
    expect(applied.out).toContain("Nothing imported");
    expect(await activityCount()).toBe(0);
  });

  it("imports a good file, then exports the menu to CSV on stdout and to an XLSX file", async () => {
    const good = file(
      "good.csv",
      csvOf([sheetRow({ Reference: "CLI.3" }), sheetRow({ Reference: "CLI.4", Kind: "seminar" })]),
    );
    const imported = await run("activities", "import", good);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain("Activities: 2 created");
    expect(imported.out).toContain("Imported.");
    const csv = await run("activities", "export", "--kind", "seminar");
    expect(csv.code).toBe(0);
    expect(csv.out.split("\r\n").map((l) => l.split(",")[0])).toEqual(["Reference", "CLI.4"]);
    const out = path.join(dir, "menu.xlsx");
    const xlsx = await run("activities", "export", "--out", out);
    expect(xlsx.code).toBe(0);
    expect(xlsx.err).toContain("Wrote 2 rows");
    const { rows } = await readXlsxSheet(readFileSync(out));
    expect(rows.slice(1).map((r) => r[0])).toEqual(["CLI.3", "CLI.4"]);
    const needsOut = await run("activities", "export", "--format", "xlsx");
    expect(needsOut.code).toBe(2);
    expect(needsOut.err).toContain("out");
    const badFilter = await run("activities", "export", "--status", "finished");
    expect(badFilter.code).toBe(2);
    expect(badFilter.err).toContain("status");
  });
});
