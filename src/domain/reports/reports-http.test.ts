import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { type HttpHarness, startHttpHarness } from "../../../test/support/http.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { recordContribution } from "../operations/contributions.js";

// The report routes in-process: the briefing as JSON, PDF and XLSX; the operation report files.

let t: TestDb;
let http: HttpHarness;
const current = new Date("2011-09-20T09:00:00Z");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

beforeAll(async () => {
  t = await createSeededTestDb();
  http = await startHttpHarness(t, () => current);
  const staff = await insertStaff(t.db);
  await http.tokenFor("staff", staff);
  await http.tokenFor("kor", await insertPartnerUser(t.db, "KOR"));
  await http.tokenFor("jpn", await insertPartnerUser(t.db, "JPN"));
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
    current,
  );
}, 120_000);
afterAll(async () => {
  await http?.close();
  await t.destroy();
});

const get = async (url: string, as?: string) => (await http.call("GET", url, as)).raw;

describe("report routes", () => {
  it("GET /api/partners/:code/briefing as JSON for the nation's own user and staff", async () => {
    const own = await get("/api/partners/JPN/briefing?asOf=2011-09-01", "jpn");
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ nation: { code: "JPN", name: "Japan" }, asOf: "2011-09-01" });
    expect((await get("/api/partners/JPN/briefing", "staff")).statusCode).toBe(200);
  });

  it("serves the briefing as PDF and XLSX attachments", async () => {
    const pdf = await get("/api/partners/JPN/briefing.pdf?asOf=2011-09-01", "jpn");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe('attachment; filename="briefing-JPN-2011-09-01.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const xlsx = await get("/api/partners/JPN/briefing.xlsx?asOf=2011-09-01", "staff");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe(XLSX);
    expect(xlsx.headers["content-disposition"]).toBe('attachment; filename="briefing-JPN-2011-09-01.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    expect(wb.worksheets[0]?.name).toBe("Frameworks");
  });

  it("is 404 for another nation's user in every format, 401 when not logged in", async () => {
    for (const suffix of ["", ".pdf", ".xlsx"]) {
      const res = await get(`/api/partners/JPN/briefing${suffix}`, "kor");
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("NOT_FOUND");
    }
    expect((await get("/api/partners/JPN/briefing.pdf")).statusCode).toBe(401);
  });

  it("is 400 naming asOf for a bad date", async () => {
    for (const url of [
      "/api/partners/JPN/briefing?asOf=2011-02-30",
      "/api/partners/JPN/briefing.pdf?asOf=yesterday",
      "/api/operations/ISAF/report.xlsx?asOf=2011-13-01",
    ]) {
      const res = await get(url, "staff");
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json())).toContain("asOf");
    }
  });

  it("serves the operation report as PDF and XLSX, with the placemat on asOf", async () => {
    const pdf = await get("/api/operations/isaf/report.pdf?asOf=2010-11-01", "kor");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.headers["content-disposition"]).toBe('attachment; filename="operation-ISAF-2010-11-01.pdf"');
    const xlsx = await get("/api/operations/ISAF/report.xlsx?asOf=2010-11-01");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    const placemat = wb.getWorksheet("Placemat");
    expect(placemat?.getCell("A1").value).toBe("PUBLIC");
    expect(placemat?.getCell("B3").value).toBe("Australia");
    expect(placemat?.getCell("D3").value).toBe(1550);
    expect((await get("/api/operations/NOPE/report.pdf")).statusCode).toBe(404);
  });
});
