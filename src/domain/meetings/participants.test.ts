import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertStaff } from "../../../test/support/decisions.js";
import { insertFramework, insertMembership, insertNation, insertRecognition } from "../../../test/support/factories.js";
import { ALLIES_2011, COUNTER_PIRACY_CRITERIA, COUNTER_PIRACY_NATIONS } from "../../../test/support/meetings.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { isAppError } from "../../errors.js";
import type { Viewer } from "../labels/viewer.js";
import { previewParticipants, resolveParticipants } from "./participants.js";

// Participants resolved as of the meeting date, with the seed's real Allies and frameworks.

let t: TestDb;
let staff: Viewer;

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
}, 120_000);
afterAll(async () => {
  await t.destroy();
});

const partnersOf = (r: Awaited<ReturnType<typeof resolveParticipants>>) =>
  r.participants.filter((p) => !p.reasons.some((x) => x.kind === "ally")).map((p) => p.nation.code);

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("resolveParticipants", () => {
  it("the same framework criterion gives a different list before and after a nation joins", async () => {
    await insertFramework(t.db, { code: "TESTDIALOG", name: "Test Dialogue" });
    await insertNation(t.db, { code: "ZZA", name: "Zedland" });
    await insertNation(t.db, { code: "ZZB", name: "Zedonia" });
    await insertMembership(t.db, { framework_code: "TESTDIALOG", nation_code: "ZZB", valid_from: "2000-01-01" });
    await insertMembership(t.db, { framework_code: "TESTDIALOG", nation_code: "ZZA", valid_from: "2015-06-01" });
    const criteria = [{ kind: "framework" as const, value: "testdialog" }];
    const before = await resolveParticipants(t.db, { date: "2015-05-31", format: "allies-plus-n", criteria });
    const after = await resolveParticipants(t.db, { date: "2015-06-01", format: "allies-plus-n", criteria });
    expect(partnersOf(before)).toEqual(["ZZB"]);
    expect(partnersOf(after)).toEqual(["ZZA", "ZZB"]);
    expect(after.participants.find((p) => p.nation.code === "ZZA")?.reasons).toEqual([
      { kind: "framework", value: "TESTDIALOG", text: "Member of the Test Dialogue" },
    ]);
    expect(before.allies).toBe(28);
    expect(before.count).toBe(29);
    expect(after.count).toBe(30);
  });

  it("the seed's Mediterranean Dialogue as of 1999 and 2001 (Algeria joined in 2000)", async () => {
    const criteria = [{ kind: "framework" as const, value: "MD" }];
    const y1999 = await resolveParticipants(t.db, { date: "1999-06-01", format: "md", criteria });
    const y2001 = await resolveParticipants(t.db, { date: "2001-06-01", format: "md", criteria });
    expect(partnersOf(y1999)).not.toContain("DZA");
    expect(partnersOf(y2001)).toEqual([...partnersOf(y1999), "DZA"].sort());
    expect(y2001.participants.find((p) => p.nation.code === "DZA")?.reasons[0]?.text).toBe(
      "Member of the Mediterranean Dialogue",
    );
  });

  it("contributors to an operation: before and after the recognition date", async () => {
    await insertRecognition(t.db, {
      operation: "OUP",
      nation: "QAT",
      from: "2011-04-01",
      createdBy: staff.userId ?? "",
    });
    const criteria = [{ kind: "contributors" as const, value: "OUP" }];
    const before = await resolveParticipants(t.db, { date: "2011-03-31", format: "allies-plus-n", criteria });
    const after = await resolveParticipants(t.db, { date: "2011-04-01", format: "allies-plus-n", criteria });
    expect(partnersOf(before)).toEqual([]);
    expect(partnersOf(after)).toEqual(["QAT"]);
    expect(after.participants.find((p) => p.nation.code === "QAT")?.reasons).toEqual([
      { kind: "contributors", value: "OUP", text: "Recognised contributor to Operation Unified Protector" },
    ]);
  });

  it("the 2011 counter-piracy meeting: 28 Allies + 18 by name = 46, each with its reason", async () => {
    const result = await resolveParticipants(t.db, {
      date: "2011-09-14",
      format: "allies-plus-n",
      criteria: COUNTER_PIRACY_CRITERIA,
    });
    expect(result.participants.map((p) => p.nation.code)).toEqual([...ALLIES_2011, ...COUNTER_PIRACY_NATIONS].sort());
    expect(result.count).toBe(46);
    expect(result.allies).toBe(28);
    expect(result.partners).toBe(15);
    expect(result.organisations).toBe(3);
    expect(result.participants.find((p) => p.nation.code === "FRA")?.reasons).toEqual([
      { kind: "ally", value: "NATO", text: "Ally" },
    ]);
    expect(result.participants.find((p) => p.nation.code === "EU")).toMatchObject({
      nation: { code: "EU", name: "European Union", kind: "organisation" },
      reasons: [{ kind: "nation", value: "EU", text: "Invited by name" }],
      removed: false,
    });
    expect(result.participants.every((p) => p.reasons.length >= 1)).toBe(true);
  });

  it("areas of cooperation and adjustments (add, remove; an Ally stays)", async () => {
    await t.db
      .insertInto("partner_area")
      .values({
        nation_code: "ZZA",
        area_code: "counter-piracy",
        extent: "regular",
        since: null,
        cite: "test",
        note: null,
      })
      .execute();
    const result = await resolveParticipants(t.db, {
      date: "2011-09-14",
      format: "allies-plus-n",
      criteria: [{ kind: "area", value: "COUNTER-PIRACY" }],
      adjustments: [
        { nation: "UN", action: "add" },
        { nation: "FRA", action: "remove" },
      ],
    });
    const zza = result.participants.find((p) => p.nation.code === "ZZA");
    expect(zza?.reasons).toContainEqual({
      kind: "area",
      value: "counter-piracy",
      text: "Works with NATO on counter-piracy",
    });
    expect(result.participants.find((p) => p.nation.code === "UN")?.reasons).toEqual([
      { kind: "added", value: "UN", text: "Added by the staff" },
    ]);
    expect(result.participants.find((p) => p.nation.code === "FRA")?.removed).toBe(false);
    const removed = await resolveParticipants(t.db, {
      date: "2011-09-14",
      format: "allies-plus-n",
      criteria: [{ kind: "nation", value: "JPN" }],
      adjustments: [{ nation: "JPN", action: "remove" }],
    });
    expect(removed.participants.find((p) => p.nation.code === "JPN")?.removed).toBe(true);
    expect(removed.count).toBe(28);
  });

  it("unknown codes are VALIDATION naming criteria.N.value; Allies only takes no criteria", async () => {
    const unknown = await errorOf(
      resolveParticipants(t.db, {
        date: "2011-09-14",
        format: "allies-plus-n",
        criteria: [
          { kind: "nation", value: "JPN" },
          { kind: "contributors", value: "NOPE" },
        ],
      }),
    );
    expect(unknown.code).toBe("VALIDATION");
    expect(unknown.details?.fields).toEqual([
      { field: "criteria.1.value", message: "'NOPE' is not a known operation code" },
    ]);
    const alliesOnly = await errorOf(
      resolveParticipants(t.db, {
        date: "2011-09-14",
        format: "allies-only",
        criteria: [{ kind: "nation", value: "JPN" }],
      }),
    );
    expect(alliesOnly.code).toBe("VALIDATION");
    expect(alliesOnly.details?.fields).toEqual([
      { field: "criteria", message: "an Allies-only meeting takes no criteria: the Allies are always invited" },
    ]);
  });

  it("previewParticipants is for staff only", async () => {
    const preview = await previewParticipants(t.db, staff, { date: "2011-09-14", format: "allies-only" }, new Date());
    expect(preview.count).toBe(28);
    const partner = { ...staff, roles: ["partner" as const], nation: "JPN", isAlliance: false };
    expect(
      (await errorOf(previewParticipants(t.db, partner, { date: "2011-09-14", format: "allies-only" }, new Date())))
        .code,
    ).toBe("FORBIDDEN");
  });
});
