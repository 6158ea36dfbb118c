import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { createLabel } from "../labels/labels.js";
import { ANONYMOUS, type Viewer } from "../labels/viewer.js";
import { getPartnerProfile, getPartnerTimeline } from "./partners.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const partner = (nation: string): Viewer => ({
  userId: "u",
  username: "u",
  organisation: "o",
  nation,
  isAlliance: false,
  clearanceRank: 2,
  roles: ["partner"],
});
const AT = "2026-11-28";

describe("partner profile and timeline respect labels", () => {
  it("shows a labelled area and event only to those it is releasable to", async () => {
    const label = await createLabel(t.db, { classification: "NR", releasableTo: ["JPN"] }, `${AT}T00:00:00.000Z`);
    await t.db
      .insertInto("partner_area")
      .values({
        nation_code: "JPN",
        area_code: "cyber-defence",
        extent: "regular",
        since: null,
        cite: "seed",
        note: null,
        label_id: label.id,
      })
      .execute();
    await t.db
      .insertInto("partner_event")
      .values({
        id: "test-jpn-secret",
        nation_code: "JPN",
        date: "2012-07-01",
        precision: "day",
        title: "Bilateral cyber talks",
        cite: "seed",
        certainty: "confirmed",
        note: null,
        label_id: label.id,
      })
      .execute();

    const mine = await getPartnerProfile(t.db, partner("JPN"), "JPN", AT);
    expect(mine.areas.find((a) => a.code === "cyber-defence")?.marking).toBe("NATO RESTRICTED // RELEASABLE TO JPN");
    for (const other of [ANONYMOUS, partner("KOR")]) {
      expect((await getPartnerProfile(t.db, other, "JPN", AT)).areas.map((a) => a.code)).not.toContain("cyber-defence");
      expect((await getPartnerTimeline(t.db, other, "JPN", AT)).entries.map((e) => e.title)).not.toContain(
        "Bilateral cyber talks",
      );
    }
    const timeline = await getPartnerTimeline(t.db, partner("JPN"), "JPN", AT);
    expect(timeline.entries.find((e) => e.title === "Bilateral cyber talks")?.marking).toContain("RESTRICTED");
    expect(timeline.entries.filter((e) => e.kind === "milestone").every((e) => e.marking === "PUBLIC")).toBe(true);
  });

  it("the reference registry can only carry the public label", async () => {
    const label = await createLabel(t.db, { classification: "NS", releasableTo: [] }, `${AT}T00:00:00.000Z`);
    await expect(
      t.db.updateTable("nation").set({ label_id: label.id }).where("code", "=", "JPN").execute(),
    ).rejects.toThrow();
    await expect(
      t.db.updateTable("membership").set({ label_id: label.id }).where("nation_code", "=", "JPN").execute(),
    ).rejects.toThrow();
  });
});
