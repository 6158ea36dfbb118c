import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, seedFiles, type TestDb } from "../../../test/support/test-db.js";
import { ensureSeedData, loadSeedData } from "./load-seed.js";

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t.destroy());

const count = async (table: "nation" | "membership") =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("loading the demo data", () => {
  it("loads exactly once even when several instances start together", async () => {
    const reports = await Promise.all([1, 2, 3].map(() => ensureSeedData(t.db, seedFiles)));
    expect(reports.filter((r) => r !== null)).toHaveLength(1);
    expect(await count("nation")).toBe(seedFiles().nations.length + seedFiles().organisations.length);
  });

  it("a failed reload leaves the previous data untouched", async () => {
    const before = await count("membership");
    const broken = structuredClone(seedFiles());
    const group = broken.memberships[0];
    const member = group?.members[0];
    if (!group || !member) throw new Error("seed data has no memberships");
    group.members.push({ ...member, nation: "ZZZ", from: "2001-01-01" }); // ZZZ is no nation: the insert fails midway
    await expect(loadSeedData(t.db, broken)).rejects.toThrow();
    expect(await count("membership")).toBe(before);
    expect(await count("nation")).toBeGreaterThan(0);
  });

  it("a reload replaces the data and is idempotent", async () => {
    const first = await loadSeedData(t.db, seedFiles());
    const second = await loadSeedData(t.db, seedFiles());
    expect(second).toEqual(first);
  });
});
