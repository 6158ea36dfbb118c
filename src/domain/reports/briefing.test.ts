import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openIteration, participant } from "../../../test/support/activities.js";
import { insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { insertRecognition } from "../../../test/support/factories.js";
import { agreeFormatBySilence, meetingInput } from "../../../test/support/meetings.js";
import { expectError } from "../../../test/support/operations.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { nominate } from "../activities/nominations.js";
import type { Viewer } from "../labels/viewer.js";
import { addActionItem } from "../meetings/action-items.js";
import { createMeeting } from "../meetings/meetings.js";
import { actOnMeeting } from "../meetings/workflow.js";
import { recordContribution } from "../operations/contributions.js";
import { createPosting } from "../operations/postings.js";
import { createProgramme } from "../programmes/programmes.js";
import { getPartnerBriefing } from "./briefing.js";

// The partner briefing shows exactly the nation's own records, through each module's functions,
// and only to the staff and the nation's own users.

let t: TestDb;
let staff: Viewer;
let japan: Viewer;
let korea: Viewer;
let meetingId: string;
let activityId: string;
let programmeId: string;

const T0 = new Date("2011-08-01T09:00:00Z");
const LATER = new Date("2011-08-10T09:00:00Z");
const NOW = new Date("2011-09-20T09:00:00Z");

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  japan = await insertPartnerUser(t.db, "JPN");
  korea = await insertPartnerUser(t.db, "KOR");
  const db = t.db;
  await recordContribution(
    db,
    staff,
    {
      operation: "ISAF",
      nation: "JPN",
      kind: "funding",
      asOf: "2010-06-01",
      amount: 2500000,
      currency: "USD",
      description: "Afghan National Army Trust Fund",
    },
    T0,
  );
  await recordContribution(
    db,
    staff,
    { operation: "ISAF", nation: "KOR", kind: "troops", asOf: "2010-10-15", troops: 246 },
    T0,
  );
  await insertRecognition(db, { operation: "OOS", nation: "JPN", from: "2010-03-01", createdBy: staff.userId ?? "" });
  await insertRecognition(db, { operation: "ISAF", nation: "KOR", from: "2010-06-15", createdBy: staff.userId ?? "" });
  await createPosting(
    db,
    staff,
    {
      nation: "JPN",
      officerName: "Kenji Sato",
      headquarters: "NATO-HQ",
      role: "liaison-officer",
      startDate: "2010-01-01",
    },
    T0,
  );
  await createPosting(
    db,
    staff,
    {
      nation: "JPN",
      officerName: "Former Officer",
      headquarters: "SHAPE",
      role: "staff-officer",
      startDate: "2005-01-01",
      endDate: "2008-01-01",
    },
    T0,
  );
  await createPosting(
    db,
    staff,
    {
      nation: "KOR",
      officerName: "Kim Min",
      headquarters: "ISAF-HQ",
      role: "liaison-officer",
      startDate: "2010-01-01",
    },
    T0,
  );
  const programme = await createProgramme(
    db,
    japan,
    { title: "Japan's programme 2011", periodStart: "2011-01-01", periodEnd: "2011-12-31" },
    T0,
  );
  programmeId = programme.id;
  const meeting = await createMeeting(db, staff, meetingInput(), T0);
  meetingId = meeting.id;
  await agreeFormatBySilence(db, staff, meeting.id, T0);
  await actOnMeeting(db, staff, meeting.id, { action: "send-invitations" }, LATER);
  await addActionItem(
    db,
    staff,
    meeting.id,
    { text: "Brief on the trust fund", owner: "JPN", dueDate: "2011-10-01" },
    LATER,
  );
  await addActionItem(db, staff, meeting.id, { text: "Korean item", owner: "KOR", dueDate: "2011-10-01" }, LATER);
  const { activity, iteration } = await openIteration(db, { audience: "PFP, MD, ICI, GLOBAL" });
  activityId = activity.id;
  await nominate(db, japan, iteration.id, participant(1), new Date("2012-04-01T09:00:00Z"));
  await nominate(db, korea, iteration.id, participant(2), new Date("2012-04-01T09:00:00Z"));
}, 180_000);
afterAll(async () => t.destroy());

describe("getPartnerBriefing", () => {
  it("shows exactly Japan's records, as its own user sees them", async () => {
    const b = await getPartnerBriefing(t.db, japan, "JPN", { asOf: "2011-09-01" }, NOW);
    expect(b.nation).toEqual({ code: "JPN", name: "Japan" });
    expect(b.asOf).toBe("2011-09-01");
    expect(b.generatedAt).toBe("2011-09-20T09:00:00.000Z");
    expect(b.programme).toEqual({
      id: programmeId,
      title: "Japan's programme 2011",
      type: expect.any(String),
      status: "draft",
      periodStart: "2011-01-01",
      periodEnd: "2011-12-31",
    });
    expect(b.recognitions).toEqual([
      {
        operation: { code: "OOS", name: expect.any(String) },
        status: "recognised",
        recognisedFrom: "2010-03-01",
        recognisedTo: null,
      },
    ]);
    expect(b.contributions).toEqual([
      {
        operation: { code: "ISAF", name: expect.any(String) },
        kind: "funding",
        asOf: "2010-06-01",
        troops: null,
        amount: 2500000,
        currency: "USD",
        description: "Afghan National Army Trust Fund",
      },
    ]);
    expect(b.postings).toEqual([
      {
        officerName: "Kenji Sato",
        headquarters: "NATO-HQ",
        role: "liaison-officer",
        startDate: "2010-01-01",
        endDate: null,
      },
    ]);
    expect(b.meetings).toEqual([
      { id: meetingId, title: "Counter-piracy consultations", meetingDate: "2011-09-14", status: "invited" },
    ]);
    expect(b.openActionItems).toEqual([
      { id: expect.any(String), text: "Brief on the trust fund", dueDate: "2011-10-01", status: "open" },
    ]);
    expect(b.activities).toEqual({
      nominated: 1,
      confirmed: 1,
      attended: 0,
      recent: [
        { activityId, reference: expect.stringMatching(/^ACT\./), title: expect.any(String), startDate: "2012-06-01" },
      ],
    });
    // The recognition is NATO RESTRICTED: the highest classification shown.
    expect(b.marking).toBe("NATO RESTRICTED");
  });

  it("gives the staff the same sections for Japan, and the frameworks in force on asOf", async () => {
    const b = await getPartnerBriefing(t.db, staff, "jpn", { asOf: "2011-09-01" }, NOW);
    expect(b.contributions.map((c) => c.description)).toEqual(["Afghan National Army Trust Fund"]);
    expect(b.postings.map((p) => p.officerName)).toEqual(["Kenji Sato"]);
    expect(b.openActionItems.map((a) => a.text)).toEqual(["Brief on the trust fund"]);
    expect(b.activities.nominated).toBe(1);
    // Japan has been a partner across the globe since 1998 (the seed knows the year only).
    expect(b.frameworks).toEqual([{ code: "GLOBAL", name: expect.any(String), since: "1998" }]);
    expect((await getPartnerBriefing(t.db, staff, "JPN", { asOf: "1997-06-01" }, NOW)).frameworks).toEqual([]);
    const before = await getPartnerBriefing(t.db, staff, "JPN", { asOf: "2008-01-01" }, NOW);
    expect(before.postings.map((p) => p.officerName)).toEqual([]);
    const earlier = await getPartnerBriefing(t.db, staff, "JPN", { asOf: "2007-01-01" }, NOW);
    expect(earlier.postings.map((p) => p.officerName)).toEqual(["Former Officer"]);
  });

  it("is NOT_FOUND for another nation's user and for an unknown nation; VALIDATION names asOf", async () => {
    expect((await expectError(getPartnerBriefing(t.db, korea, "JPN", {}, NOW))).code).toBe("NOT_FOUND");
    expect((await expectError(getPartnerBriefing(t.db, staff, "XYZ", {}, NOW))).code).toBe("NOT_FOUND");
    const bad = await expectError(getPartnerBriefing(t.db, staff, "JPN", { asOf: "2011-02-30" }, NOW));
    expect(bad.code).toBe("VALIDATION");
    expect(JSON.stringify(bad.details)).toContain("asOf");
  });

  it("shows Korea its own briefing without Japan's records", async () => {
    const b = await getPartnerBriefing(t.db, korea, "KOR", { asOf: "2011-09-01" }, NOW);
    expect(b.contributions.map((c) => [c.kind, c.troops])).toEqual([["troops", 246]]);
    expect(b.postings.map((p) => p.officerName)).toEqual(["Kim Min"]);
    expect(b.recognitions.map((r) => r.operation.code)).toEqual(["ISAF"]);
    // Korea was not invited to the meeting, so its action item there stays out of its sight (the
    // meetings module's rule); the staff see it in Korea's briefing.
    expect(b.openActionItems).toEqual([]);
    expect(b.meetings).toEqual([]);
    expect(b.programme).toBeNull();
    const forStaff = await getPartnerBriefing(t.db, staff, "KOR", { asOf: "2011-09-01" }, NOW);
    expect(forStaff.openActionItems.map((a) => a.text)).toEqual(["Korean item"]);
  });
});
