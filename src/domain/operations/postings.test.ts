import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAudit, insertDelegate, insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { expectError, fieldsOf, instant } from "../../../test/support/operations.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { Viewer } from "../labels/viewer.js";
import type { TPostingInput } from "./operations.schema.js";
import { createPosting, endPosting, listPostings } from "./postings.js";

// Liaison officers' postings: current per headquarters and per nation as of dates.

let t: TestDb;
let staff: Viewer;
let korea: Viewer;
let japan: Viewer;
let norway: Viewer;
const NOW = instant("2012-01-10");

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  korea = await insertPartnerUser(t.db, "KOR");
  japan = await insertPartnerUser(t.db, "JPN");
  norway = await insertDelegate(t.db, "NOR");
}, 120_000);
afterAll(async () => t.destroy());

const posting = (overrides: Partial<TPostingInput>): TPostingInput => ({
  nation: "KOR",
  officerName: "Col. Kim",
  headquarters: "ISAF-HQ",
  role: "liaison-officer",
  operation: "ISAF",
  startDate: "2010-07-01",
  ...overrides,
});

describe("postings", () => {
  it("lists the current postings per headquarters and per nation as of dates", async () => {
    const kim = await createPosting(t.db, korea, posting({}), NOW);
    expect(kim).toMatchObject({
      nation: { code: "KOR", name: "Republic of Korea" },
      headquarters: "ISAF-HQ",
      operation: { code: "ISAF", name: "International Security Assistance Force" },
      startDate: "2010-07-01",
      endDate: null,
      current: true,
      marking: "NATO UNCLASSIFIED // RELEASABLE TO NATO, KOR",
    });
    const lee = await createPosting(
      t.db,
      staff,
      posting({
        officerName: "Lt Col. Lee",
        headquarters: "SHAPE",
        operation: undefined,
        startDate: "2011-01-01",
        endDate: "2012-01-01",
      }),
      NOW,
    );
    expect(lee.current).toBe(false);
    const sato = await createPosting(
      t.db,
      japan,
      posting({
        nation: "JPN",
        officerName: "Cdr Sato",
        headquarters: "ISAF-HQ",
        role: "partner-representative",
        startDate: "2011-03-01",
      }),
      NOW,
    );
    const names = async (viewer: Viewer, query: Parameters<typeof listPostings>[2]) =>
      (await listPostings(t.db, viewer, query, NOW)).map((p) => [p.officerName, p.current]);

    expect(await names(staff, { headquarters: "ISAF-HQ", asOf: "2010-12-31" })).toEqual([["Col. Kim", true]]);
    expect(await names(staff, { headquarters: "ISAF-HQ", asOf: "2011-03-01" })).toEqual([
      ["Cdr Sato", true],
      ["Col. Kim", true],
    ]);
    expect(await names(staff, { nation: "KOR", asOf: "2011-06-01" })).toEqual([
      ["Col. Kim", true],
      ["Lt Col. Lee", true],
    ]);
    // The end is exclusive: on 2012-01-01 Lee is no longer posted.
    expect(await names(staff, { nation: "KOR", asOf: "2012-01-01" })).toEqual([["Col. Kim", true]]);
    expect(await names(staff, { nation: "KOR" })).toEqual([
      ["Col. Kim", true],
      ["Lt Col. Lee", false],
    ]);

    const ended = await endPosting(t.db, korea, kim.id, { endDate: "2011-07-01" }, NOW);
    expect(ended).toMatchObject({ endDate: "2011-07-01", current: false });
    expect(await names(staff, { headquarters: "ISAF-HQ", asOf: "2011-06-30" })).toEqual([
      ["Cdr Sato", true],
      ["Col. Kim", true],
    ]);
    expect(await names(staff, { headquarters: "ISAF-HQ", asOf: "2011-07-01" })).toEqual([["Cdr Sato", true]]);
    const twice = await expectError(endPosting(t.db, staff, kim.id, { endDate: "2011-08-01" }, NOW));
    expect(twice.code).toBe("INVALID_STATE");

    // Within labels: Japan sees its own posting only; an Ally's delegation sees all (NATO).
    expect(await names(japan, {})).toEqual([["Cdr Sato", true]]);
    expect((await names(norway, {})).length).toBe(3);
    const hidden = await expectError(endPosting(t.db, japan, lee.id, { endDate: "2011-08-01" }, NOW));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(sato.nation.code).toBe("JPN");
  });

  it("refuses bad input naming the field, and another nation's posting (FORBIDDEN, audited)", async () => {
    const cases: [TPostingInput, string[]][] = [
      [posting({ startDate: "2011-05-01", endDate: "2011-04-01" }), ["endDate"]],
      [posting({ startDate: "2011-05-01", endDate: "2011-05-01" }), ["endDate"]],
      [posting({ nation: "XXX" }), ["nation"]],
      [posting({ operation: "NOPE" }), ["operation"]],
      [posting({ officerName: " " }), ["officerName"]],
    ];
    for (const [input, fields] of cases) {
      const error = await expectError(createPosting(t.db, staff, input, NOW));
      expect(error.code).toBe("VALIDATION");
      expect(fieldsOf(error)).toEqual(fields);
    }
    const kim = await createPosting(t.db, staff, posting({ startDate: "2011-05-01" }), NOW);
    const early = await expectError(endPosting(t.db, staff, kim.id, { endDate: "2011-05-01" }, NOW));
    expect(fieldsOf(early)).toEqual(["endDate"]);
    const before = await countAudit(t.db, { action: "posting.create" });
    const other = await expectError(createPosting(t.db, japan, posting({}), NOW));
    expect(other.code).toBe("FORBIDDEN");
    expect(await countAudit(t.db, { action: "posting.create" })).toBe(before + 1);
  });
});
