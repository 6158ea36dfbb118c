import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { canRead, createLabel, getLabel } from "./labels.js";
import { renderMarking } from "./marking.js";
import { labelFromXml, labelToXml } from "./stanag4774.js";
import { ANONYMOUS, type Viewer } from "./viewer.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const viewer = (nation: string | null, clearanceRank: number, isAlliance = false): Viewer => ({
  userId: "u",
  username: "u",
  organisation: "o",
  nation,
  isAlliance,
  clearanceRank,
  roles: ["partner"],
});

describe("labels", () => {
  it("render as the familiar marking, groups first", () => {
    expect(renderMarking({ classification: "NU", releasableTo: ["JPN", "AUS"] })).toBe(
      "NATO UNCLASSIFIED // RELEASABLE TO AUS, JPN",
    );
    expect(renderMarking({ classification: "NU", releasableTo: ["MNE", "PFP"] })).toBe(
      "NATO UNCLASSIFIED // RELEASABLE TO PFP, MNE",
    );
    expect(renderMarking({ classification: "NS", releasableTo: [] })).toBe("NATO SECRET");
    expect(renderMarking({ classification: "PUBLIC", releasableTo: [] })).toBe("PUBLIC");
  });

  it("are stored structured and read back; unknown tokens are refused naming the field", async () => {
    const label = await createLabel(
      t.db,
      { classification: "NR", releasableTo: ["jpn", "GLOBAL"], reviewAt: "2030-01-01" },
      "2026-11-28T00:00:00.000Z",
      "meta.label",
    );
    expect(label.releasableTo).toEqual(["GLOBAL", "JPN"]);
    expect(await getLabel(t.db, label.id)).toEqual(label);
    await expect(
      createLabel(t.db, { classification: "NU", releasableTo: ["XYZ"] }, "2026-11-28T00:00:00.000Z", "meta.label"),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fields: [{ field: "meta.label.releasableTo" }] },
    });
    await expect(
      createLabel(t.db, { classification: "NU", releasableTo: ["APPROVED"] }, "2026-11-28T00:00:00.000Z"),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("round-trip through STANAG 4774-style XML", async () => {
    const label = await createLabel(
      t.db,
      { classification: "NU", releasableTo: ["EAPC", "AFG", "AUS", "JPN", "JOR", "NZL", "ARE"] },
      "2017-11-15T00:00:00.000Z",
    );
    const xml = labelToXml(label);
    expect(xml).toContain('<Category TagName="ReleasableTo" Type="PERMISSIVE">');
    expect(xml).toContain("<Classification>NATO UNCLASSIFIED</Classification>");
    expect(labelFromXml(xml)).toEqual({
      policyIdentifier: "NATO",
      classification: "NU",
      releasableTo: label.releasableTo,
    });
    expect(() => labelFromXml('<!DOCTYPE x [<!ENTITY a "b">]><originatorConfidentialityLabel/>')).toThrow(/DTD/);
    expect(() =>
      labelFromXml(
        "<originatorConfidentialityLabel><ConfidentialityInformation><Classification>TOP</Classification></ConfidentialityInformation></originatorConfidentialityLabel>",
      ),
    ).toThrow(/classification/);
  });

  it("canRead follows clearance, alliance staff, and membership on the date", async () => {
    const pfp = { classification: "NU" as const, releasableTo: ["PFP"] };
    expect(await canRead(t.db, viewer("MNE", 1), pfp, "2016-01-01")).toBe(true);
    expect(await canRead(t.db, viewer("MNE", 1), pfp, "2018-01-01")).toBe(false);
    expect(await canRead(t.db, viewer("NOR", 4), { classification: "NU", releasableTo: ["EAPC"] }, "2012-01-01")).toBe(
      true,
    );
    expect(await canRead(t.db, viewer("JPN", 1), { classification: "NR", releasableTo: ["JPN"] }, "2012-01-01")).toBe(
      false,
    );
    expect(await canRead(t.db, viewer(null, 2, true), { classification: "NR", releasableTo: [] }, "2012-01-01")).toBe(
      true,
    );
    expect(await canRead(t.db, viewer("NOR", 4), { classification: "NR", releasableTo: [] }, "2012-01-01")).toBe(false);
    expect(await canRead(t.db, ANONYMOUS, { classification: "PUBLIC", releasableTo: [] }, "2012-01-01")).toBe(true);
    expect(await canRead(t.db, ANONYMOUS, { classification: "NU", releasableTo: ["NATO"] }, "2012-01-01")).toBe(false);
    expect(await canRead(t.db, viewer("RUS", 2), pfp, "2015-01-01")).toBe(false);
    expect(await canRead(t.db, viewer("RUS", 2), pfp, "2013-01-01")).toBe(true);
  });
});
