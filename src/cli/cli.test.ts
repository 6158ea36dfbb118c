import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/support/cli.js";
import { createSeededTestDb, type TestDb, testContext } from "../../test/support/test-db.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const run = (...argv: string[]) => runCliCaptured(testContext(t), ...argv);

describe("entente CLI", () => {
  it("lists members as of a date, as a table or JSON", async () => {
    const table = await run("members", "GLOBAL", "--as-of", "2012-05-20");
    expect(table.code).toBe(0);
    expect(table.out).toContain("8 members");
    expect(table.out).toContain("Japan");
    const json = await run("members", "global", "--as-of", "2018-06-01", "--json");
    expect(JSON.parse(json.out).members.map((m: { code: string }) => m.code)).toContain("COL");
  });

  it("decides access with the same engine as the API", async () => {
    const before = await run("access", "JPN", "PFP,MD,ICI", "--date", "2010-06-01");
    expect(before.out).toContain("needs Council approval");
    const after = await run("access", "JPN", "PFP,MD,ICI", "--date", "2012-06-01", "--json");
    expect(JSON.parse(after.out).outcome).toBe("open");
  });

  it("expands tokens and lists milestones", async () => {
    expect((await run("expand", "MD", "--as-of", "2012-01-01")).out).toContain("7 nations");
    expect((await run("milestones", "--framework", "GLOBAL")).out).toContain("1998");
  });

  it("bad input exits 2 with a message naming the field or code", async () => {
    const badDate = await run("members", "PFP", "--as-of", "2012-13-01");
    expect(badDate.code).toBe(2);
    expect(badDate.err).toContain("asOf");
    const unknown = await run("access", "XYZ", "PFP", "--date", "2012-01-01");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("XYZ");
    const missing = await run("access", "JPN");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("audience");
    expect((await run("frobnicate")).code).toBe(2);
    const unknownOption = await run("members", "PFP", "--colour", "blue");
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.err).toContain("--colour");
  });
});
