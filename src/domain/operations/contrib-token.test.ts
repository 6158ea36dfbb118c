import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countNotices, insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { insertRecognition } from "../../../test/support/factories.js";
import { expectError, fieldsOf, instant, recogniseByWorkflow } from "../../../test/support/operations.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { expandTokens } from "../frameworks/tokens.js";
import { canRead, createLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { listContributions, recordContribution } from "./contributions.js";
import { getRecognition } from "./recognitions.js";

// The CONTRIB:<operation> token and the PMF rights it gives: a recognised contributor reads what
// is labelled for the operation's contributors exactly from its recognition date.

let t: TestDb;
let staff: Viewer;
let korea: Viewer;
let japan: Viewer;

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  korea = await insertPartnerUser(t.db, "KOR");
  japan = await insertPartnerUser(t.db, "JPN");
}, 120_000);
afterAll(async () => t.destroy());

describe("the CONTRIB:<operation> token", () => {
  it("expands to the recognised contributors from the recognition date (inclusive) until recognised_to (exclusive)", async () => {
    await insertRecognition(t.db, {
      operation: "ISAF",
      nation: "MNG",
      from: "2004-03-01",
      to: "2004-09-01",
      createdBy: staff.userId ?? "",
    });
    expect(await expandTokens(t.db, ["CONTRIB:ISAF"], "2004-02-29")).toEqual([]);
    expect(await expandTokens(t.db, ["CONTRIB:ISAF"], "2004-03-01")).toEqual(["MNG"]);
    expect(await expandTokens(t.db, ["CONTRIB:ISAF"], "2004-08-31")).toEqual(["MNG"]);
    expect(await expandTokens(t.db, ["CONTRIB:ISAF"], "2004-09-01")).toEqual([]);
    expect(await expandTokens(t.db, ["NATO", "CONTRIB:ISAF"], "2004-03-01")).toContain("MNG");
  });

  it("refuses an unknown operation in a label, naming label.releasableTo, and reads as 'ISAF CONTRIBUTORS'", async () => {
    const error = await expectError(
      createLabel(t.db, { classification: "NR", releasableTo: ["NATO", "CONTRIB:NOPE"] }, "2010-01-01T00:00:00Z"),
    );
    expect(error.code).toBe("VALIDATION");
    expect(fieldsOf(error)).toEqual(["label.releasableTo"]);
    const label = await createLabel(
      t.db,
      { classification: "NR", releasableTo: ["CONTRIB:ISAF", "NATO"] },
      "2010-01-01T00:00:00Z",
    );
    expect(label.releasableTo).toEqual(["NATO", "CONTRIB:ISAF"]);
    expect(label.marking).toBe("NATO RESTRICTED // RELEASABLE TO NATO, ISAF CONTRIBUTORS");
  });
});

describe("PMF rights through the real recognition workflow", () => {
  it("Korea reads ISAF contributors' material exactly from its recognition date; Japan never does", async () => {
    const { id, decision } = await recogniseByWorkflow(
      t.db,
      { staff, partner: korea },
      { operation: "ISAF", offeredOn: "2010-05-03", adoptedOn: "2010-06-15" },
    );
    const recognition = await getRecognition(t.db, staff, id, instant("2010-06-16"));
    expect(recognition).toMatchObject({
      status: "recognised",
      recognisedFrom: "2010-06-15",
      recognisedTo: null,
      nation: { code: "KOR", name: "Republic of Korea" },
      decision: { id: decision.id, reference: decision.reference, status: "adopted" },
    });
    expect(await countNotices(t.db, { subjectId: id, kind: "recognition-decided" })).toBeGreaterThan(0);
    const koreanNotices = await t.db
      .selectFrom("notification")
      .select(["recipient_user_id", "subject_type", "title"])
      .where("subject_id", "=", id)
      .where("recipient_user_id", "in", [korea.userId ?? "", japan.userId ?? ""])
      .execute();
    expect(koreanNotices).toEqual([
      {
        recipient_user_id: korea.userId,
        subject_type: "recognition",
        title:
          "Recognition of Republic of Korea as a contributor to International Security Assistance Force (ISAF): recognised",
      },
    ]);

    const planning = await recordContribution(
      t.db,
      staff,
      {
        operation: "ISAF",
        nation: "AUS",
        kind: "training",
        asOf: "2010-06-01",
        description: "Planning directive for the training mission",
        label: { classification: "NR", releasableTo: ["NATO", "CONTRIB:ISAF"] },
      },
      instant("2010-06-01"),
    );
    expect(planning.marking).toBe("NATO RESTRICTED // RELEASABLE TO NATO, ISAF CONTRIBUTORS");
    const label = { classification: "NR" as const, releasableTo: ["NATO", "CONTRIB:ISAF"] };
    const listed = async (viewer: Viewer, day: string) =>
      (await listContributions(t.db, viewer, { operation: "ISAF" }, instant(day))).map((c) => c.id);

    expect(await listed(korea, "2010-06-14")).toEqual([]);
    expect(await canRead(t.db, korea, label, "2010-06-14")).toBe(false);
    expect(await listed(korea, "2010-06-15")).toEqual([planning.id]);
    expect(await canRead(t.db, korea, label, "2010-06-15")).toBe(true);
    expect(await listed(korea, "2013-01-01")).toEqual([planning.id]);

    for (const day of ["2010-06-14", "2010-06-15", "2013-01-01"]) {
      expect(await listed(japan, day)).toEqual([]);
      expect(await canRead(t.db, japan, label, day)).toBe(false);
    }
    expect(await listed(staff, "2010-06-14")).toEqual([planning.id]);
  });
});
