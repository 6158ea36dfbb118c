import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFrameworkMembers, listFrameworks } from "../src/domain/frameworks/frameworks.js";
import { expandTokens } from "../src/domain/frameworks/tokens.js";
import { listMilestones } from "../src/domain/policy/milestones.js";
import { createSeededTestDb, seedFiles, type TestDb } from "./support/test-db.js";

// The facts of the seed page (NATO topics_49188.htm, 2012) and of the reference, as the
// registry answers them. Each expectation names where the fact comes from.

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const members = async (framework: string, asOf: string) =>
  (await listFrameworkMembers(t.db, framework, asOf)).members.map((m) => m.code).sort();

describe("seed facts", () => {
  it("the eight partners across the globe of 2012 (seed p1)", async () => {
    expect(await members("GLOBAL", "2012-05-20")).toEqual(["AFG", "AUS", "IRQ", "JPN", "KOR", "MNG", "NZL", "PAK"]);
  });

  it("Colombia is a partner across the globe from 2018-05-31 (reference 7.5)", async () => {
    expect(await members("GLOBAL", "2018-05-30")).not.toContain("COL");
    expect(await members("GLOBAL", "2018-06-01")).toEqual([
      "AFG",
      "AUS",
      "COL",
      "IRQ",
      "JPN",
      "KOR",
      "MNG",
      "NZL",
      "PAK",
    ]);
  });

  it("countries in dialogue without a programme in 2012 (seed p16)", async () => {
    expect(await members("DIALOGUE", "2012-05-20")).toEqual(["CHN", "COL", "IDN", "IND", "MYS", "SGP"]);
    expect(await members("DIALOGUE", "2018-06-01")).not.toContain("COL");
  });

  it("28 Allies in 2012 and 32 today; 12 founders in 1949 (reference 7.1)", async () => {
    expect(await members("NATO", "1949-04-04")).toHaveLength(12);
    expect(await members("NATO", "2012-05-20")).toHaveLength(28);
    expect(await members("NATO", "2026-11-28")).toHaveLength(32);
  });

  it("Montenegro: PfP partner in 2012, Ally from 2017", async () => {
    expect(await members("PFP", "2012-05-20")).toContain("MNE");
    expect(await members("NATO", "2012-05-20")).not.toContain("MNE");
    expect(await members("NATO", "2017-06-05")).toContain("MNE");
    expect(await members("PFP", "2017-06-05")).not.toContain("MNE");
  });

  it("EAPC: 50 members in 2012 (28 Allies + 22 partners); 32 Allies and 18 partners today (reference 7.2)", async () => {
    const in2012 = await listFrameworkMembers(t.db, "EAPC", "2012-05-20");
    expect(in2012.count).toBe(50);
    expect(in2012.members.filter((m) => m.role === "partner")).toHaveLength(22);
    const today = await listFrameworkMembers(t.db, "EAPC", "2026-11-28");
    expect(today.members.filter((m) => m.role === "ally")).toHaveLength(32);
    expect(today.members.filter((m) => m.role === "partner")).toHaveLength(18);
    expect(
      today.members
        .filter((m) => m.suspended)
        .map((m) => m.code)
        .sort(),
    ).toEqual(["BLR", "RUS"]);
  });

  it("Mediterranean Dialogue: seven members since Algeria (reference 7.3)", async () => {
    expect(await members("MD", "2012-05-20")).toEqual(["DZA", "EGY", "ISR", "JOR", "MAR", "MRT", "TUN"]);
  });

  it("Istanbul Cooperation Initiative: four members (reference 7.4)", async () => {
    expect(await members("ICI", "2012-05-20")).toEqual(["ARE", "BHR", "KWT", "QAT"]);
  });

  it("global partners were called Contact Countries until the 2011 reform", async () => {
    const name = async (asOf: string) => (await listFrameworks(t.db, asOf)).find((f) => f.code === "GLOBAL")?.name;
    expect(await name("2010-06-01")).toBe("Contact Countries");
    expect(await name("2012-06-01")).toBe("Partners across the globe");
  });

  it("the policy milestones of the seed are dated and cited", async () => {
    const milestones = await listMilestones(t.db);
    const byId = new Map(milestones.map((m) => [m.id, m]));
    for (const [id, year] of [
      ["pfp-1994", "1994"],
      ["eapc-1997", "1997"],
      ["contact-country-guidelines-1998", "1998"],
      ["ici-2004", "2004"],
      ["riga-2006", "2006"],
      ["bucharest-2008", "2008"],
      ["lisbon-2010", "2010"],
      ["berlin-2011", "2011"],
      ["chicago-2012", "2012"],
      ["itpp-2021", "2021"],
    ] as const) {
      expect(byId.get(id)?.date.slice(0, 4), id).toBe(year);
      expect(byId.get(id)?.cite, id).toMatch(/^[a-z0-9-]+(#p\d+)?$/);
    }
    expect(byId.get("berlin-2011")?.date).toBe("2011-04-14");
  });

  it("the counter-piracy meeting in flexible format is recorded with its uncertainty", async () => {
    const meeting = (await listMilestones(t.db)).find((m) => m.id === "counter-piracy-meeting-2011");
    expect(meeting?.date.slice(0, 7)).toBe("2011-09");
    expect(meeting?.certainty).not.toBe("confirmed");
  });

  it("every fact cites a source that exists, and uncertain facts say why", () => {
    const data = seedFiles();
    const sources = new Set(data.sources.map((s) => s.id));
    const facts = [...data.memberships.flatMap((g) => g.members), ...data.milestones, ...data.partnerEvents];
    for (const fact of facts) {
      expect(sources.has(fact.cite.split("#")[0] ?? ""), fact.cite).toBe(true);
      if (fact.certainty !== "confirmed") expect(fact.note, JSON.stringify(fact)).toBeTruthy();
    }
  });

  it("group tokens follow membership history: PFP on two dates", async () => {
    const before = await expandTokens(t.db, ["PFP"], "2016-01-01");
    const after = await expandTokens(t.db, ["PFP"], "2018-01-01");
    expect(before).toContain("MNE");
    expect(after).not.toContain("MNE");
  });
});
