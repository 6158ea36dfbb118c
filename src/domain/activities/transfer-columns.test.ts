import { describe, expect, it } from "vitest";
import { isAppError } from "../../errors.js";
import { COLUMNS, convertCell, escapeFormula, unescapeFormula } from "./transfer-columns.js";
import { readTable } from "./transfer-read.js";

const column = (header: string) => {
  const found = COLUMNS.find((c) => c.header === header);
  if (!found) throw new Error(header);
  return found;
};

describe("transfer columns", () => {
  it("escapes every formula start (OWASP) and the import strips exactly that escape", () => {
    for (const text of ["=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx"]) {
      expect(escapeFormula(text)).toBe(`'${text}`);
      expect(unescapeFormula(escapeFormula(text))).toBe(text);
    }
    for (const text of ["ACT.396", "'quoted", "", "1-2"]) {
      expect(escapeFormula(text)).toBe(text);
      expect(unescapeFormula(text)).toBe(text);
    }
  });

  it("reads Excel dates (Date cells, serial numbers) and real ISO text dates only", () => {
    const start = column("Start date");
    expect(convertCell(start, new Date(Date.UTC(2027, 5, 7)))).toEqual({ ok: true, value: "2027-06-07" });
    expect(convertCell(start, 46_549)).toEqual({ ok: true, value: "2027-06-11" });
    expect(convertCell(start, "2027-06-11")).toEqual({ ok: true, value: "2027-06-11" });
    for (const bad of ["2027-02-30", "11/06/2027", "soon", 1.5]) expect(convertCell(start, bad).ok).toBe(false);
    expect(convertCell(start, "  ")).toEqual({ ok: true, value: undefined });
  });

  it("reads integers, yes/no and lists", () => {
    expect(convertCell(column("Seats"), "30")).toEqual({ ok: true, value: 30 });
    expect(convertCell(column("Seats"), "thirty").ok).toBe(false);
    expect(convertCell(column("Two-step"), "Yes")).toEqual({ ok: true, value: true });
    expect(convertCell(column("Two-step"), "maybe").ok).toBe(false);
    expect(convertCell(column("Areas"), "a; b ;;c")).toEqual({ ok: true, value: ["a", "b", "c"] });
    expect(convertCell(column("Releasable to"), "EAPC, MD;JPN")).toEqual({ ok: true, value: ["EAPC", "MD", "JPN"] });
  });

  it("reads CSV written with semicolons (Excel in comma-decimal locales), with a BOM and blank lines", async () => {
    const text = '\uFEFFReference;Title\r\nACT.1;"A; title"\r\n\r\nACT.2;B\r\n';
    const table = await readTable({ filename: "menu.CSV", bytes: Buffer.from(text) });
    expect(table.headers).toEqual(["Reference", "Title"]);
    expect(table.rows).toEqual([
      { row: 2, cells: ["ACT.1", "A; title"] },
      { row: 4, cells: ["ACT.2", "B"] },
    ]);
  });

  it("refuses text that is not UTF-8, naming `file`", async () => {
    const error = await readTable({ filename: "menu.csv", bytes: Buffer.from([0x52, 0xe9, 0x66, 0x0a]) }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.details?.fields).toEqual([expect.objectContaining({ field: "file" })]);
  });
});
