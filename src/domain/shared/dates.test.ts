import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, formatDate, formatPeriod, isIsoDate, isWithin } from "./dates.js";

const day = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe("dates", () => {
  it("accepts only real calendar dates", () => {
    expect(isIsoDate("2012-02-29")).toBe(true);
    expect(isIsoDate("2011-02-29")).toBe(false);
    expect(isIsoDate("2011-13-01")).toBe(false);
    expect(isIsoDate("2011-1-01")).toBe(false);
    expect(isIsoDate("yesterday")).toBe(false);
  });

  it("renders dates no more precisely than known", () => {
    expect(formatDate("1998-01-01", "year")).toBe("1998");
    expect(formatDate("1995-02-01", "month")).toBe("1995-02");
    expect(formatPeriod("1998-01-01", "year", "2011-04-15")).toBe("1998-2011-04-14");
    expect(formatPeriod("2011-04-15", "day", null)).toBe("2011-04-15 onwards");
  });

  it("addDays is reversible and ISO strings order like dates", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -5000, max: 5000 }), (d, n) => {
        expect(addDays(addDays(d, n), -n)).toBe(d);
        expect(n > 0 ? addDays(d, n) > d : n < 0 ? addDays(d, n) < d : addDays(d, n) === d).toBe(true);
      }),
    );
  });

  it("periods are half-open: the start is in, the end is out", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 20000 }), (from, length) => {
        const to = addDays(from, length);
        expect(isWithin(from, from, to)).toBe(true);
        expect(isWithin(addDays(to, -1), from, to)).toBe(true);
        expect(isWithin(to, from, to)).toBe(false);
        expect(isWithin(addDays(from, -1), from, to)).toBe(false);
        expect(isWithin(to, from, null)).toBe(true);
      }),
    );
  });
});
