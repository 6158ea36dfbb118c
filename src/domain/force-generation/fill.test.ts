import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeFill } from "./fill.js";

// computeFill alone: per line, accepted is the sum of accepted offers, pending of offered ones,
// and declined or withdrawn offers count for nothing; totals add the lines up.

const STATUSES = ["offered", "accepted", "declined", "withdrawn"] as const;

describe("computeFill", () => {
  it("computes a known statement exactly", () => {
    const fill = computeFill(
      [
        { id: "a", quantity: 150 },
        { id: "b", quantity: 40 },
        { id: "c", quantity: 10 },
      ],
      [
        { requirementId: "a", quantity: 100, status: "accepted" },
        { requirementId: "a", quantity: 20, status: "offered" },
        { requirementId: "a", quantity: 50, status: "declined" },
        { requirementId: "b", quantity: 40, status: "accepted" },
        { requirementId: "c", quantity: 5, status: "withdrawn" },
        { requirementId: "elsewhere", quantity: 7, status: "accepted" },
      ],
    );
    expect(fill.lines).toEqual([
      { id: "a", quantity: 150, accepted: 100, pending: 20, gap: 50, fillRate: 100 / 150 },
      { id: "b", quantity: 40, accepted: 40, pending: 0, gap: 0, fillRate: 1 },
      { id: "c", quantity: 10, accepted: 0, pending: 0, gap: 10, fillRate: 0 },
    ]);
    expect(fill.totals).toEqual({
      quantity: 200,
      accepted: 140,
      gap: 60,
      fillRate: 0.7,
      linesFilled: 1,
      linesWithGap: 2,
    });
  });

  it("an empty statement has nothing to fill", () => {
    expect(computeFill([], []).totals).toEqual({
      quantity: 0,
      accepted: 0,
      gap: 0,
      fillRate: 0,
      linesFilled: 0,
      linesWithGap: 0,
    });
  });

  it("agrees with a direct model for random lines and offers", () => {
    const scenario = fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 0, maxLength: 8 }).chain((quantities) =>
      fc.record({
        quantities: fc.constant(quantities),
        offers: fc.array(
          fc.record({
            line: fc.nat({ max: Math.max(0, quantities.length) }),
            quantity: fc.integer({ min: 1, max: 200 }),
            status: fc.constantFrom(...STATUSES),
          }),
          { maxLength: 30 },
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ quantities, offers }) => {
        const lines = quantities.map((quantity, i) => ({ id: `L${i}`, quantity }));
        // Index quantities.length points at no line: such offers must be ignored.
        const input = offers.map((o) => ({ requirementId: `L${o.line}`, quantity: o.quantity, status: o.status }));
        const fill = computeFill(lines, input);
        let totalAccepted = 0;
        lines.forEach((line, i) => {
          const of = (status: string) =>
            input.filter((o) => o.requirementId === line.id && o.status === status).reduce((s, o) => s + o.quantity, 0);
          const accepted = of("accepted");
          const capped = Math.min(accepted, line.quantity);
          totalAccepted += accepted;
          expect(fill.lines[i]).toEqual({
            id: line.id,
            quantity: line.quantity,
            accepted,
            pending: of("offered"),
            gap: line.quantity - capped,
            fillRate: capped / line.quantity,
          });
          expect(fill.lines[i]?.fillRate).toBeGreaterThanOrEqual(0);
          expect(fill.lines[i]?.fillRate).toBeLessThanOrEqual(1);
        });
        const quantity = quantities.reduce((s, q) => s + q, 0);
        expect(fill.totals.quantity).toBe(quantity);
        expect(fill.totals.accepted).toBe(totalAccepted);
        expect(fill.totals.gap).toBe(fill.lines.reduce((s, l) => s + l.gap, 0));
        expect(fill.totals.linesFilled + fill.totals.linesWithGap).toBe(lines.length);
        expect(fill.totals.fillRate).toBe(quantity === 0 ? 0 : Math.min(1, totalAccepted / quantity));
      }),
      { numRuns: 300 },
    );
  });
});
