import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { agreeFormatBySilence, insertDocument, meetingInput } from "../../../test/support/meetings.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { isAppError } from "../../errors.js";
import { createCalendarFeed, renderCalendarFeed } from "../calendar/feeds.js";
import { unfoldLines } from "../calendar/ics.js";
import type { Viewer } from "../labels/viewer.js";
import { addAgendaItem } from "./agenda.js";
import { renderMeetingIcs } from "./meeting-ics.js";
import { createMeeting, getMeeting, listMeetings } from "./meetings.js";
import { actOnMeeting } from "./workflow.js";

// Who sees a meeting: staff always; a partner only once its nation is invited, within labels;
// agenda documents per viewer; the same rule for the .ics and the calendar feeds.

let t: TestDb;
let staff: Viewer;
let japan: Viewer;
let korea: Viewer;
let meetingId = "";
let releasable = { id: "", reference: "" };
let alliesOnly = { id: "", reference: "" };
const T0 = new Date("2011-08-01T09:00:00Z");
const LATER = new Date("2011-08-10T09:00:00Z");
const BASE = "https://entente.test";

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  japan = await insertPartnerUser(t.db, "JPN");
  korea = await insertPartnerUser(t.db, "KOR");
  releasable = await insertDocument(t.db, {
    label: { classification: "NU", releasableTo: ["NATO", "JPN"] },
    uploadedBy: staff.userId ?? "",
    title: "Counter-piracy cooperation paper",
  });
  alliesOnly = await insertDocument(t.db, {
    label: { classification: "NR", releasableTo: ["NATO"] },
    uploadedBy: staff.userId ?? "",
    title: "Allies' own assessment",
  });
  const meeting = await createMeeting(t.db, staff, meetingInput(), T0);
  meetingId = meeting.id;
  await addAgendaItem(
    t.db,
    staff,
    meetingId,
    { title: "Piracy off Somalia", documentIds: [releasable.id, alliesOnly.id] },
    T0,
  );
}, 120_000);
afterAll(async () => {
  await t.destroy();
});

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

async function feedOf(viewer: Viewer, now: Date) {
  const { token } = await createCalendarFeed(t.db, viewer, { scope: "nation" }, now);
  return unfoldLines(await renderCalendarFeed(t.db, `${token}.ics`, BASE, now));
}

const UID = () => `UID:meeting-${meetingId}@entente`;

describe("meeting confidentiality", () => {
  it("before invitations even the would-be participant sees nothing", async () => {
    expect(await listMeetings(t.db, japan, {}, T0)).toEqual({ meetings: [], total: 0 });
    const hidden = await errorOf(getMeeting(t.db, japan, meetingId, T0));
    const missing = await errorOf(getMeeting(t.db, japan, "no-such-meeting", T0));
    expect(hidden.code).toBe("NOT_FOUND");
    expect(missing.code).toBe("NOT_FOUND");
    expect(hidden.message).toBe(`Unknown meeting '${meetingId}'`);
    expect((await errorOf(renderMeetingIcs(t.db, japan, meetingId, BASE, T0))).code).toBe("NOT_FOUND");
    expect(await feedOf(japan, T0)).not.toContain(UID());
    // Staff see it, and its agenda with both documents.
    const seen = await getMeeting(t.db, staff, meetingId, T0);
    expect(seen.agenda[0]?.documents.map((d) => d.id).sort()).toEqual([releasable.id, alliesOnly.id].sort());
    expect((await feedOf(staff, T0)).filter((l) => l === UID())).toHaveLength(1);
  });

  it("after invitations the invited partner sees it in list, get, .ics and feed, and only its readable documents", async () => {
    await agreeFormatBySilence(t.db, staff, meetingId, T0);
    await actOnMeeting(t.db, staff, meetingId, { action: "send-invitations" }, LATER);

    const list = await listMeetings(t.db, japan, {}, LATER);
    expect(list.total).toBe(1);
    expect(list.meetings.map((m) => m.id)).toEqual([meetingId]);
    expect(list.meetings[0]?.participantCount).toBe(29);

    const meeting = await getMeeting(t.db, japan, meetingId, LATER);
    expect(meeting.agenda).toHaveLength(1);
    expect(meeting.agenda[0]?.documents).toEqual([
      {
        id: releasable.id,
        reference: releasable.reference,
        title: "Counter-piracy cooperation paper",
        marking: "NATO UNCLASSIFIED // RELEASABLE TO NATO, JPN",
      },
    ]);
    expect(meeting.adjustments).toEqual([]);
    expect(meeting.actions).toEqual([]);
    expect(meeting.canEdit).toBe(false);

    const ics = unfoldLines(await renderMeetingIcs(t.db, japan, meetingId, BASE, LATER));
    expect(ics.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(1);
    expect(ics).toContain(UID());
    expect(ics).toContain("DTSTART:20110914T080000Z");
    expect(ics).toContain("DTEND:20110914T100000Z");
    expect(ics).toContain("SUMMARY:Counter-piracy consultations");
    expect(ics).toContain(`URL:${BASE}/meetings/${meetingId}`);
    // The UID is stable: the same on a second rendering.
    expect(unfoldLines(await renderMeetingIcs(t.db, staff, meetingId, BASE, LATER))).toContain(UID());

    const feed = await feedOf(japan, LATER);
    expect(feed.filter((l) => l === UID())).toHaveLength(1);
    expect(feed).toContain("DTSTART:20110914T080000Z");
  });

  it("a partner not invited sees nothing: NOT_FOUND like a missing id, empty list and feed", async () => {
    const hidden = await errorOf(getMeeting(t.db, korea, meetingId, LATER));
    const missing = await errorOf(getMeeting(t.db, korea, "no-such-meeting", LATER));
    expect([hidden.code, missing.code]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(hidden.message).toBe(`Unknown meeting '${meetingId}'`);
    expect(missing.message).toBe("Unknown meeting 'no-such-meeting'");
    expect(await listMeetings(t.db, korea, {}, LATER)).toEqual({ meetings: [], total: 0 });
    expect(await listMeetings(t.db, korea, { nation: "JPN" }, LATER)).toEqual({ meetings: [], total: 0 });
    expect((await errorOf(renderMeetingIcs(t.db, korea, meetingId, BASE, LATER))).code).toBe("NOT_FOUND");
    expect((await feedOf(korea, LATER)).some((l) => l.startsWith("UID:meeting-"))).toBe(false);
  });

  it("agenda documents must exist and be readable: VALIDATION naming documentIds.N", async () => {
    const bad = await errorOf(
      addAgendaItem(t.db, staff, meetingId, { title: "More", documentIds: [releasable.id, "no-such-doc"] }, LATER),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(bad.details?.fields).toEqual([{ field: "documentIds.1", message: "unknown document 'no-such-doc'" }]);
  });
});
