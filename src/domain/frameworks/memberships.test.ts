import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertFramework, insertMembership, insertNation, insertSuspension } from "../../../test/support/factories.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { addDays } from "../shared/dates.js";
import { listFrameworkMembers } from "./frameworks.js";
import { expandTokens, parseTokens } from "./tokens.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const day = fc.integer({ min: 0, max: 20000 }).map((n) => addDays("1960-01-01", n));
let codes = 0;
/** Letters-only codes (tokens are letters), unique within this file: QAAAB, QAAAC, ... */
const freshCode = () =>
  `Q${(++codes)
    .toString(26)
    .padStart(4, "0")
    .replace(/./g, (c) => String.fromCharCode(65 + Number.parseInt(c, 26)))}`;

describe("membership as of a date", () => {
  it("is inclusive of valid_from and exclusive of valid_to, in SQL as in the documented rule", async () => {
    await fc.assert(
      fc.asyncProperty(
        day,
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: -3, max: 5003 }),
        async (from, length, offset) => {
          const nation = await insertNation(t.db, { code: freshCode() });
          const framework = await insertFramework(t.db, { code: freshCode() });
          const to = addDays(from, length);
          await insertMembership(t.db, {
            framework_code: framework.code,
            nation_code: nation.code,
            valid_from: from,
            valid_to: to,
          });
          const asOf = addDays(from, offset);
          const expected = asOf >= from && asOf < to;
          expect((await expandTokens(t.db, [framework.code], asOf)).includes(nation.code)).toBe(expected);
          const members = await listFrameworkMembers(t.db, framework.code, asOf);
          expect(members.members.some((m) => m.code === nation.code)).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a suspension removes the member from token expansion but keeps it listed as suspended", async () => {
    await fc.assert(
      fc.asyncProperty(
        day,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 0, max: 3000 }),
        async (from, gap, offset) => {
          const nation = await insertNation(t.db, { code: freshCode() });
          const framework = await insertFramework(t.db, { code: freshCode() });
          const membership = await insertMembership(t.db, {
            framework_code: framework.code,
            nation_code: nation.code,
            valid_from: from,
          });
          const suspendedFrom = addDays(from, gap);
          await insertSuspension(t.db, { membership_id: membership.id, valid_from: suspendedFrom });
          const asOf = addDays(from, offset);
          const suspended = asOf >= suspendedFrom;
          expect((await expandTokens(t.db, [framework.code], asOf)).includes(nation.code)).toBe(!suspended);
          const listed = (await listFrameworkMembers(t.db, framework.code, asOf)).members.find(
            (m) => m.code === nation.code,
          );
          expect(listed?.suspended).toBe(suspended);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("group tokens", () => {
  const tokens = fc.subarray(["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "DIALOGUE", "JPN", "EGY", "UN"], {
    minLength: 1,
  });
  const date = fc.integer({ min: 0, max: 12000 }).map((n) => addDays("1994-01-01", n));

  it("expansion is monotonic: more tokens never means fewer nations", async () => {
    await fc.assert(
      fc.asyncProperty(tokens, tokens, date, async (a, b, asOf) => {
        const small = await expandTokens(t.db, a, asOf);
        const large = new Set(await expandTokens(t.db, [...a, ...b], asOf));
        for (const code of small) expect(large.has(code)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("expansion is monotonic in membership: adding a membership never removes anyone", async () => {
    await fc.assert(
      fc.asyncProperty(date, day, async (asOf, from) => {
        const before = await expandTokens(t.db, ["PFP", "GLOBAL"], asOf);
        const nation = await insertNation(t.db, { code: freshCode() });
        await insertMembership(t.db, { framework_code: "GLOBAL", nation_code: nation.code, valid_from: from });
        const after = new Set(await expandTokens(t.db, ["PFP", "GLOBAL"], asOf));
        for (const code of before) expect(after.has(code)).toBe(true);
        expect(after.has(nation.code)).toBe(from <= asOf);
        await t.db.deleteFrom("membership").where("nation_code", "=", nation.code).execute();
      }),
      { numRuns: 30 },
    );
  });

  it("EAPC includes the Allies; PFP does not", async () => {
    const eapc = await expandTokens(t.db, ["EAPC"], "2012-05-20");
    const pfp = await expandTokens(t.db, ["PFP"], "2012-05-20");
    expect(eapc).toContain("USA");
    expect(eapc).toHaveLength(50);
    expect(pfp).not.toContain("USA");
    expect(pfp).toContain("MNE");
  });

  it("reads audiences as people write them", () => {
    expect(parseTokens("NATO, PfP, MD, ICI and other nations as approved")).toEqual([
      "NATO",
      "PFP",
      "MD",
      "ICI",
      "APPROVED",
    ]);
    expect(parseTokens("pfp,md , ici")).toEqual(["PFP", "MD", "ICI"]);
    expect(parseTokens("Montenegro-free; NATO/EAPC")).toEqual(["MONTENEGRO-FREE", "NATO", "EAPC"]);
  });

  it("names the unknown token", async () => {
    await expect(expandTokens(t.db, ["PFP", "XYZ"], "2012-01-01")).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { token: "XYZ" },
    });
    await expect(expandTokens(t.db, ["PF-P"], "2012-01-01")).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
