import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { decideAccess, newAccessMemo } from "./access.js";

// One memo shared by the decisions of a request must not change any decision: on random
// partners, audiences and dates, a memoised decision equals a fresh one, word for word.

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
}, 60_000);
afterAll(async () => t.destroy());

const PARTNERS = ["JPN", "AUS", "GEO", "EGY", "BHR", "CHN", "RUS", "MLT", "NOR", "BRA"];
const AUDIENCES = [
  "NATO, PfP, MD, ICI and other nations as approved",
  "NATO, PFP, MD, ICI, GLOBAL",
  "NATO",
  "EAPC",
  "PFP, MD, ICI",
  "GLOBAL, JPN",
];

describe("decideAccess with a shared memo", () => {
  it("decides exactly as without it", async () => {
    const memo = newAccessMemo();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PARTNERS),
        fc.constantFrom(...AUDIENCES),
        fc.date({ min: new Date("1994-01-01"), max: new Date("2027-12-31"), noInvalidDate: true }),
        async (partner, audience, when) => {
          const date = when.toISOString().slice(0, 10);
          const fresh = await decideAccess(t.db, { partner, audience, date });
          const memoised = await decideAccess(t.db, { partner, audience, date }, memo);
          expect(memoised).toEqual(fresh);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("an unknown partner fails with a memo as without one, every time", async () => {
    const memo = newAccessMemo();
    for (let i = 0; i < 2; i++) {
      await expect(
        decideAccess(t.db, { partner: "XXX", audience: "NATO", date: "2012-01-01" }, memo),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });
});
