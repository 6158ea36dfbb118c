import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { addDays } from "../shared/dates.js";
import { decideAccess } from "./access.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const decide = (partner: string, audience: string, date: string) => decideAccess(t.db, { partner, audience, date });

describe("partnership policy engine on the seed's facts", () => {
  it("before Berlin, Japan as a Contact Country needs the Council's case-by-case approval", async () => {
    const d = await decide("JPN", "PFP,MD,ICI", "2010-06-01");
    expect(d.outcome).toBe("council-approval");
    expect(d.rule?.id).toBe("contact-country-access");
    expect(d.explanation).toBe(
      "JPN on 2010-06-01: needs Council approval: JPN is a Contact Country (since 1998); activity audience PFP,MD,ICI; rule 'Contact Country access' (1998-2011-04-14)",
    );
    expect(d.memberships).toEqual([
      { framework: "GLOBAL", frameworkName: "Contact Countries", since: "1998", suspended: false },
    ]);
  });

  it("after Berlin, Japan has the same access as other partners", async () => {
    const d = await decide("JPN", "PFP,MD,ICI", "2012-06-01");
    expect(d.outcome).toBe("open");
    expect(d.rule?.id).toBe("berlin-one-menu");
    expect(d.explanation).toContain("JPN is a partner across the globe");
    expect(d.explanation).toContain("rule 'Berlin partnerships policy' (2011-04-15 onwards)");
  });

  it("the last day of the old rule and the first day of the new", async () => {
    expect((await decide("AUS", "PFP", "2011-04-14")).outcome).toBe("council-approval");
    expect((await decide("AUS", "PFP", "2011-04-15")).outcome).toBe("open");
  });

  it("a PfP partner is in a PfP audience at any date after joining", async () => {
    const d = await decide("GEO", "NATO, PfP, MD, ICI", "2000-01-01");
    expect(d.outcome).toBe("open");
    expect(d.rule?.id).toBe("audience-membership");
  });

  it("'other nations as approved' admits a dialogue country case by case, and nothing else does", async () => {
    expect((await decide("CHN", "NATO, PfP, MD, ICI and other nations as approved", "2012-06-01")).outcome).toBe(
      "council-approval",
    );
    const closed = await decide("CHN", "PFP,MD,ICI", "2012-06-01");
    expect(closed.outcome).toBe("not-open");
    expect(closed.rule).toBeNull();
    expect(closed.explanation).toContain("no rule in force on 2012-06-01 opens this audience to CHN");
  });

  it("an activity for Allies only is not open to partners", async () => {
    expect((await decide("USA", "NATO", "2012-06-01")).outcome).toBe("open");
    expect((await decide("JPN", "NATO", "2012-06-01")).outcome).toBe("not-open");
    expect((await decide("SWE", "NATO", "2020-01-01")).outcome).toBe("not-open");
    expect((await decide("SWE", "NATO", "2024-03-07")).outcome).toBe("open");
  });

  it("a suspended partnership confers no access, and the explanation says so", async () => {
    const d = await decide("RUS", "PFP", "2015-01-01");
    expect(d.outcome).toBe("not-open");
    expect(d.memberships.some((m) => m.suspended)).toBe(true);
    expect(d.explanation).toMatch(/RUS's membership of .* is suspended/);
  });

  it("unknown partners and tokens are NOT_FOUND naming the code", async () => {
    await expect(decide("XXX", "PFP", "2012-01-01")).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { nation: "XXX" },
    });
    await expect(decide("JPN", "PFP,FOO", "2012-01-01")).rejects.toMatchObject({
      code: "NOT_FOUND",
      details: { token: "FOO" },
    });
  });

  it("rules are data: a new policy entry changes decisions from its date, with no code change", async () => {
    await t.db
      .insertInto("policy_rule")
      .values({
        id: "test-future-closure",
        name: "Test closure",
        valid_from: "2090-01-01",
        valid_from_precision: "day",
        valid_to: null,
        priority: 1,
        partner_scope: "any-nation",
        outcome: "not-open",
        summary: "A test rule.",
        milestone_id: null,
        cite: "seed",
      })
      .execute();
    try {
      expect((await decide("JPN", "PFP", "2089-12-31")).outcome).toBe("open");
      const d = await decide("JPN", "PFP", "2090-01-01");
      expect(d.outcome).toBe("not-open");
      expect(d.rule?.id).toBe("test-future-closure");
    } finally {
      await t.db.deleteFrom("policy_rule").where("id", "=", "test-future-closure").execute();
    }
  });
});

describe("policy engine properties", () => {
  // Partners (not Allies) holding an unsuspended structured or global partnership throughout 2011-04-15..2017.
  const partners = [
    "JPN",
    "AUS",
    "KOR",
    "NZL",
    "MNG",
    "PAK",
    "EGY",
    "ISR",
    "JOR",
    "BHR",
    "ARE",
    "GEO",
    "AUT",
    "CHE",
    "IRL",
    "UKR",
  ];
  const groupAudience = fc.subarray(["NATO", "EAPC", "PFP", "MD", "ICI", "GLOBAL", "DIALOGUE", "APPROVED"], {
    minLength: 1,
  });
  const afterBerlin = fc.integer({ min: 0, max: 2200 }).map((n) => addDays("2011-04-15", n));
  const beforeBerlin = fc.integer({ min: 0, max: 4000 }).map((n) => addDays("2000-01-01", n));

  it("after Berlin, every partner gets the same decision for the same audience", async () => {
    await fc.assert(
      fc.asyncProperty(
        groupAudience,
        afterBerlin,
        fc.subarray(partners, { minLength: 2, maxLength: 4 }),
        async (audience, date, some) => {
          const outcomes = new Set<string>();
          for (const p of some) outcomes.add((await decide(p, audience.join(","), date)).outcome);
          expect(outcomes.size).toBe(1);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("before Berlin, a Contact Country never gets plain access to a structured-partnership audience", async () => {
    const structured = fc.subarray(["EAPC", "PFP", "MD", "ICI"], { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(
        structured,
        beforeBerlin,
        fc.constantFrom("JPN", "AUS", "KOR", "NZL"),
        async (audience, date, p) => {
          expect((await decide(p, audience.join(","), date)).outcome).toBe("council-approval");
          expect((await decide("GEO", audience.join(","), date)).outcome).toBe(
            audience.some((a) => a === "EAPC" || a === "PFP") ? "open" : "not-open",
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it("naming the partner in the audience always opens it", async () => {
    await fc.assert(
      fc.asyncProperty(
        groupAudience,
        afterBerlin,
        fc.constantFrom(...partners, "CHN", "IND"),
        async (audience, date, p) => {
          expect((await decide(p, [...audience, p].join(","), date)).outcome).toBe("open");
        },
      ),
      { numRuns: 40 },
    );
  });
});
