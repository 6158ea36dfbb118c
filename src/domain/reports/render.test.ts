import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderBriefingPdf, renderOperationReportPdf } from "./render-pdf.js";
import { renderBriefingXlsx, renderOperationReportXlsx } from "./render-xlsx.js";
import { highestMarking, type OperationReport } from "./report-model.js";
import type { TBriefing } from "./reports.schema.js";
import { toWinAnsi } from "./winansi.js";

const briefing: TBriefing = {
  nation: { code: "JPN", name: "Japan" },
  asOf: "2011-09-01",
  generatedAt: "2026-11-28T08:00:00.000Z",
  frameworks: [{ code: "GLOBAL", name: "Partners across the globe", since: "1998-01-01" }],
  areas: [{ code: "CYBER", name: "Cyber defence", extent: "regular" }],
  programme: {
    id: "p1",
    title: "Individual Partnership and Cooperation Programme",
    type: "IPCP",
    status: "agreed",
    periodStart: "2011-01-01",
    periodEnd: "2012-12-31",
  },
  recognitions: [],
  contributions: [
    {
      operation: { code: "ISAF", name: "International Security Assistance Force" },
      kind: "funding",
      asOf: "2010-06-01",
      troops: null,
      amount: 2500000,
      currency: "USD",
      description: '=HYPERLINK("http://evil") Afghan National Army Trust Fund',
    },
  ],
  postings: [
    {
      officerName: "Kōji Ōta",
      headquarters: "NATO-HQ",
      role: "liaison-officer",
      startDate: "2010-01-01",
      endDate: null,
    },
  ],
  meetings: [],
  activities: { nominated: 3, confirmed: 2, attended: 1, recent: [] },
  openActionItems: [{ id: "a1", text: "+Follow up on the trust fund", dueDate: "2011-10-01", status: "open" }],
  marking: "NATO UNCLASSIFIED",
};

const report: OperationReport = {
  asOf: "2010-11-01",
  generatedAt: "2026-11-28T08:00:00.000Z",
  marking: "NATO RESTRICTED",
  placemat: {
    operation: { code: "ISAF", name: "International Security Assistance Force" },
    asOf: "2010-11-01",
    active: true,
    rows: [
      {
        nation: { code: "AUS", name: "Australia" },
        troops: 1550,
        snapshotDate: "2010-10-15",
        ally: false,
        recognisedFrom: "2003-01-01",
        cite: null,
      },
      {
        nation: { code: "KOR", name: "Korea" },
        troops: 246,
        snapshotDate: "2010-10-15",
        ally: false,
        recognisedFrom: "2010-06-01",
        cite: null,
      },
      {
        nation: { code: "MNG", name: "Mongolia" },
        troops: null,
        snapshotDate: null,
        ally: false,
        recognisedFrom: "2009-01-01",
        cite: null,
      },
    ],
    totalTroops: 1796,
    contributingNations: 3,
  },
  history: {
    operation: { code: "ISAF", name: "International Security Assistance Force" },
    dates: ["2009-01-01", "2010-10-15"],
    series: [
      {
        nation: { code: "AUS", name: "Australia" },
        points: [
          { asOf: "2009-01-01", troops: 1090 },
          { asOf: "2010-10-15", troops: 1550 },
        ],
      },
      { nation: { code: "KOR", name: "Korea" }, points: [{ asOf: "2010-10-15", troops: 246 }] },
    ],
  },
  forceGeneration: {
    operation: { code: "ISAF", name: "International Security Assistance Force" },
    lines: [
      {
        id: "r1",
        operation: "ISAF",
        lineNumber: 1,
        capability: "Medical team",
        quantity: 40,
        unit: "personnel",
        periodStart: "2010-01-01",
        periodEnd: "2010-12-31",
        location: "Kabul",
        status: "open",
        accepted: 30,
        pending: 5,
        gap: 10,
        fillRate: 0.75,
        offers: [],
        canOffer: false,
        label: {
          id: "l1",
          policyIdentifier: "NATO",
          classification: "NR",
          releasableTo: ["NATO"],
          createdAt: "2010-01-01T00:00:00.000Z",
          reviewAt: null,
          marking: "NATO RESTRICTED // RELEASABLE TO NATO",
        },
      },
    ],
    totals: { quantity: 40, accepted: 30, gap: 10, fillRate: 0.75, linesFilled: 0, linesWithGap: 1 },
  },
};

/** The text a page shows, from the uncompressed content streams: each TJ array's hex strings joined. */
function pdfText(pdf: Buffer): string[] {
  const lines: string[] = [];
  for (const m of pdf.toString("latin1").matchAll(/\[([^\]]*)\] TJ/g)) {
    const parts = [...(m[1] ?? "").matchAll(/<([0-9a-f]*)>/g)].map((h) =>
      Buffer.from(h[1] ?? "", "hex").toString("latin1"),
    );
    lines.push(parts.join(""));
  }
  return lines;
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  return workbook;
}

function rowValues(sheet: ExcelJS.Worksheet, n: number): unknown[] {
  const values = sheet.getRow(n).values;
  return Array.isArray(values) ? values.slice(1) : [];
}

describe("toWinAnsi", () => {
  it("keeps Latin-1 and Windows-1252, transliterates accents, replaces the rest", () => {
    expect(toWinAnsi("Côte d’Ivoire — €5")).toBe("Côte d’Ivoire — €5");
    expect(toWinAnsi("Łódź Kōji Ștefan")).toBe("Lódz Koji Stefan");
    expect(toWinAnsi("日本 x")).toBe("?? x");
  });
});

describe("highestMarking", () => {
  it("is the highest classification of the markings, PUBLIC when empty", () => {
    expect(highestMarking([])).toBe("PUBLIC");
    expect(highestMarking(["PUBLIC", "NATO RESTRICTED // RELEASABLE TO JPN", "NATO UNCLASSIFIED"])).toBe(
      "NATO RESTRICTED",
    );
  });
});

describe("renderBriefingPdf", () => {
  it("is an A4 PDF with the title, the section titles, the marking on every page and page numbers", async () => {
    const pdf = await renderBriefingPdf(briefing, { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pageCount(pdf)).toBe(1);
    expect(pdf.toString("latin1")).toContain("/MediaBox [0 0 595.28 841.89]");
    const text = pdfText(pdf);
    expect(text).toContain("Partner briefing: Japan (JPN)");
    for (const title of [
      "Frameworks",
      "Areas of cooperation",
      "Partnership programme",
      "Recognition as a contributor",
      "Contributions",
      "Liaison officers and representatives",
      "Meetings",
      "Participation in activities",
      "Open action items",
    ]) {
      expect(text).toContain(title);
    }
    expect(text.filter((t) => t === "NATO UNCLASSIFIED")).toHaveLength(2);
    expect(text).toContain("Page 1 of 1");
    expect(text).toContain("Koji Ota");
    expect(text).toContain("2,500,000");
  });

  it("spreads long sections over pages, each marked and numbered", async () => {
    const many = {
      ...briefing,
      meetings: Array.from({ length: 120 }, (_, i) => ({
        id: `m${i}`,
        title: `Meeting ${i}`,
        meetingDate: "2011-09-01",
        status: "held",
      })),
    };
    const pdf = await renderBriefingPdf(many, { compress: false });
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const text = pdfText(pdf);
    expect(text.filter((t) => t === "NATO UNCLASSIFIED")).toHaveLength(2 * pages);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toContain("Meeting 119");
  });

  it("compresses by default", async () => {
    const pdf = await renderBriefingPdf(briefing);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.toString("latin1")).toContain("/FlateDecode");
  });
});

describe("renderOperationReportPdf", () => {
  it("has the sections, the placemat chart's bars and the marking", async () => {
    const pdf = await renderOperationReportPdf(report, { compress: false });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pageCount(pdf)).toBe(1);
    const text = pdfText(pdf);
    expect(text).toContain("Operation report: International Security Assistance Force (ISAF)");
    expect(text).toContain("Placemat: 3 contributing nations, 1,796 troops");
    expect(text).toContain("Troops by nation on 2010-11-01");
    expect(text).toContain("Contribution history (troops)");
    expect(text).toContain("Force generation: 30 of 40 filled, gap 10");
    expect(text).toContain("75%");
    expect(text.filter((t) => t === "NATO RESTRICTED")).toHaveLength(2);
    // Two bars (Mongolia has no troop figure): filled rectangles in the chart's colour.
    const raw = pdf.toString("latin1");
    expect(raw.match(/0\.12156862745098039 0\.3058823529411765 0\.4745098039215686 scn/g) ?? []).toHaveLength(2);
  });
});

describe("renderBriefingXlsx", () => {
  it("has one sheet per section, the marking first, exact cells, formulas escaped", async () => {
    const wb = await readXlsx(await renderBriefingXlsx(briefing));
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      "Frameworks",
      "Areas",
      "Programme",
      "Recognitions",
      "Contributions",
      "Postings",
      "Meetings",
      "Activities",
      "Action items",
    ]);
    for (const sheet of wb.worksheets) expect(sheet.getCell("A1").value).toBe("NATO UNCLASSIFIED");
    const contributions = wb.getWorksheet("Contributions");
    if (!contributions) throw new Error("no sheet");
    expect(rowValues(contributions, 2)).toEqual([
      "Operation",
      "Kind",
      "As of",
      "Troops",
      "Amount",
      "Currency",
      "Description",
    ]);
    expect(rowValues(contributions, 3)).toEqual([
      "ISAF",
      "funding",
      new Date("2010-06-01T00:00:00Z"),
      undefined,
      2500000,
      "USD",
      '\'=HYPERLINK("http://evil") Afghan National Army Trust Fund',
    ]);
    expect(contributions.rowCount).toBe(3);
    const actions = wb.getWorksheet("Action items");
    expect(actions?.getCell("B3").value).toBe("'+Follow up on the trust fund");
    const recognitions = wb.getWorksheet("Recognitions");
    expect(recognitions?.rowCount).toBe(2);
    const activities = wb.getWorksheet("Activities");
    expect(activities?.getCell("A3").value).toBe("Nominated: 3");
    expect(activities?.getCell("A4").value).toBe("Attended: 1");
  });
});

describe("renderOperationReportXlsx", () => {
  it("has the placemat, the history by date and the force generation fill", async () => {
    const wb = await readXlsx(await renderOperationReportXlsx(report));
    expect(wb.worksheets.map((s) => s.name)).toEqual(["Placemat", "Troop history", "Force generation"]);
    for (const sheet of wb.worksheets) expect(sheet.getCell("A1").value).toBe("NATO RESTRICTED");
    const placemat = wb.getWorksheet("Placemat");
    if (!placemat) throw new Error("no sheet");
    expect(rowValues(placemat, 3)).toEqual([
      "AUS",
      "Australia",
      "no",
      1550,
      new Date("2010-10-15T00:00:00Z"),
      new Date("2003-01-01T00:00:00Z"),
    ]);
    expect(rowValues(placemat, 5)).toEqual([
      "MNG",
      "Mongolia",
      "no",
      undefined,
      undefined,
      new Date("2009-01-01T00:00:00Z"),
    ]);
    const history = wb.getWorksheet("Troop history");
    if (!history) throw new Error("no sheet");
    expect(rowValues(history, 2)).toEqual(["Code", "Nation", "2009-01-01", "2010-10-15"]);
    expect(rowValues(history, 3)).toEqual(["AUS", "Australia", 1090, 1550]);
    expect(rowValues(history, 4)).toEqual(["KOR", "Korea", undefined, 246]);
    const fg = wb.getWorksheet("Force generation");
    if (!fg) throw new Error("no sheet");
    expect(rowValues(fg, 3)).toEqual([1, "Medical team", "Kabul", 40, 30, 10, 0.75]);
    expect(rowValues(fg, 4)).toEqual([undefined, "Total", undefined, 40, 30, 10, 0.75]);
  });
});
