import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { agreeFormatBySilence, meetingInput } from "../../../test/support/meetings.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { isAppError } from "../../errors.js";
import type { Viewer } from "../labels/viewer.js";
import { addActionItem, listActionItems, updateActionItem } from "./action-items.js";
import { addAgendaItem, recordMeetingAttendance, removeAgendaItem, updateAgendaItem } from "./agenda.js";
import { createMeeting } from "./meetings.js";
import { actOnMeeting } from "./workflow.js";

// Action items (owner, due date, status, overdue, filters), the agenda's order, attendance.

let t: TestDb;
let staff: Viewer;
let japan: Viewer;
let korea: Viewer;
let meetingId = "";
const T0 = new Date("2011-08-01T09:00:00Z");
const LATER = new Date("2011-08-10T09:00:00Z");
const AFTER = new Date("2011-10-20T09:00:00Z");

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  japan = await insertPartnerUser(t.db, "JPN");
  korea = await insertPartnerUser(t.db, "KOR");
  meetingId = (await createMeeting(t.db, staff, meetingInput(), T0)).id;
  await agreeFormatBySilence(t.db, staff, meetingId, T0);
  await actOnMeeting(t.db, staff, meetingId, { action: "send-invitations" }, LATER);
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

const fieldsOf = (e: { details?: Record<string, unknown> }) =>
  (e.details?.fields as { field: string }[] | undefined)?.map((f) => f.field);

describe("action items", () => {
  it("adds items with owner and due date, tells the owner, flags overdue, filters the list", async () => {
    const withItems = await addActionItem(
      t.db,
      staff,
      meetingId,
      { text: "Share the shipping advisory", owner: "JPN", dueDate: "2011-10-01" },
      LATER,
    );
    await addActionItem(
      t.db,
      staff,
      meetingId,
      { text: "Report on the regional centre", owner: "EU", dueDate: "2011-11-30" },
      LATER,
    );
    expect(withItems.actionItems).toHaveLength(1);
    expect(withItems.actionItems[0]).toMatchObject({
      text: "Share the shipping advisory",
      owner: { code: "JPN", name: "Japan", kind: "state" },
      dueDate: "2011-10-01",
      status: "open",
      overdue: false,
    });
    const notices = await t.db
      .selectFrom("notification")
      .select(["kind", "subject_type"])
      .where("recipient_user_id", "=", japan.userId)
      .where("kind", "=", "action-item-assigned")
      .execute();
    expect(notices).toEqual([{ kind: "action-item-assigned", subject_type: "action-item" }]);

    const all = await listActionItems(t.db, staff, {}, AFTER);
    expect(all.map((i) => [i.owner.code, i.dueDate, i.overdue])).toEqual([
      ["JPN", "2011-10-01", true],
      ["EU", "2011-11-30", false],
    ]);
    expect((await listActionItems(t.db, staff, { owner: "EU" }, AFTER)).map((i) => i.owner.code)).toEqual(["EU"]);
    expect((await listActionItems(t.db, staff, { dueBy: "2011-10-31" }, AFTER)).map((i) => i.owner.code)).toEqual([
      "JPN",
    ]);
    // The invited partner sees them; a partner not invited does not.
    expect((await listActionItems(t.db, japan, {}, AFTER)).length).toBe(2);
    expect(await listActionItems(t.db, korea, {}, AFTER)).toEqual([]);

    const jpnItem = all[0]?.id ?? "";
    // The owner nation updates the status; done is no longer overdue.
    const progressing = await updateActionItem(t.db, japan, jpnItem, { status: "in-progress" }, AFTER);
    expect([progressing.status, progressing.overdue]).toEqual(["in-progress", true]);
    const done = await updateActionItem(t.db, staff, jpnItem, { status: "done" }, AFTER);
    expect([done.status, done.overdue]).toEqual(["done", false]);
    expect((await listActionItems(t.db, staff, { status: "done" }, AFTER)).map((i) => i.id)).toEqual([jpnItem]);
    expect((await listActionItems(t.db, staff, { status: "open" }, AFTER)).map((i) => i.owner.code)).toEqual(["EU"]);

    // The owner may not change the text or date; another nation does not see the item at all.
    expect((await errorOf(updateActionItem(t.db, japan, jpnItem, { dueDate: "2012-01-01" }, AFTER))).code).toBe(
      "FORBIDDEN",
    );
    expect((await errorOf(updateActionItem(t.db, korea, jpnItem, { status: "done" }, AFTER))).code).toBe("NOT_FOUND");
  });

  it("tells an owner nation only if it is invited: a notice must not reveal a meeting", async () => {
    const planning = await createMeeting(
      t.db,
      staff,
      meetingInput({ title: "Planning talks not yet announced", criteria: [{ kind: "nation", value: "KOR" }] }),
      T0,
    );
    await addActionItem(t.db, staff, planning.id, { text: "Prepare a paper", owner: "KOR", dueDate: "2011-12-01" }, T0);
    const notices = await t.db
      .selectFrom("notification")
      .select("title")
      .where("recipient_user_id", "=", korea.userId ?? "")
      .where("kind", "=", "action-item-assigned")
      .execute();
    expect(notices).toEqual([]);
  });

  it("bad input is VALIDATION naming the field", async () => {
    const owner = await errorOf(
      addActionItem(t.db, staff, meetingId, { text: "x", owner: "ZZZ", dueDate: "2011-10-01" }, LATER),
    );
    expect([owner.code, fieldsOf(owner)]).toEqual(["VALIDATION", ["owner"]]);
    const due = await errorOf(
      addActionItem(t.db, staff, meetingId, { text: "x", owner: "JPN", dueDate: "2011-13-01" }, LATER),
    );
    expect([due.code, fieldsOf(due)]).toEqual(["VALIDATION", ["dueDate"]]);
    const text = await errorOf(
      addActionItem(t.db, staff, meetingId, { text: " ", owner: "JPN", dueDate: "2011-10-01" }, LATER),
    );
    expect([text.code, fieldsOf(text)]).toEqual(["VALIDATION", ["text"]]);
    const item = await errorOf(
      addActionItem(
        t.db,
        staff,
        meetingId,
        { text: "x", owner: "JPN", dueDate: "2011-10-01", agendaItemId: "nope" },
        LATER,
      ),
    );
    expect(fieldsOf(item)).toEqual(["agendaItemId"]);
    const items = await listActionItems(t.db, staff, {}, AFTER);
    const status = await errorOf(
      updateActionItem(t.db, staff, items[0]?.id ?? "", { status: "finished" as "done" }, AFTER),
    );
    expect([status.code, fieldsOf(status)]).toEqual(["VALIDATION", ["status"]]);
  });
});

describe("agenda and attendance", () => {
  it("orders items by position, moves and removes them", async () => {
    const one = await addAgendaItem(t.db, staff, meetingId, { title: "Opening" }, LATER);
    const two = await addAgendaItem(t.db, staff, meetingId, { title: "Piracy", operation: "oos" }, LATER);
    const three = await addAgendaItem(t.db, staff, meetingId, { title: "First", position: 1 }, LATER);
    expect(three.agenda.map((i) => [i.position, i.title])).toEqual([
      [1, "First"],
      [2, "Opening"],
      [3, "Piracy"],
    ]);
    expect(two.agenda[1]?.operation).toEqual({ code: "OOS", name: "Operation Ocean Shield" });
    const openingId = one.agenda[0]?.id ?? "";
    const moved = await updateAgendaItem(t.db, staff, meetingId, openingId, { position: 3, outcome: "Agreed" }, LATER);
    expect(moved.agenda.map((i) => i.title)).toEqual(["First", "Piracy", "Opening"]);
    expect(moved.agenda[2]?.outcome).toBe("Agreed");
    const removed = await removeAgendaItem(t.db, staff, meetingId, openingId, LATER);
    expect(removed.agenda.map((i) => [i.position, i.title])).toEqual([
      [1, "First"],
      [2, "Piracy"],
    ]);
    const badOp = await errorOf(addAgendaItem(t.db, staff, meetingId, { title: "X", operation: "NOPE" }, LATER));
    expect(fieldsOf(badOp)).toEqual(["operation"]);
    expect((await errorOf(addAgendaItem(t.db, japan, meetingId, { title: "X" }, LATER))).code).toBe("FORBIDDEN");
  });

  it("records attendance of invited participants only", async () => {
    const meeting = await recordMeetingAttendance(
      t.db,
      staff,
      meetingId,
      {
        rows: [
          { nation: "JPN", attended: true, representative: "Ambassador" },
          { nation: "FRA", attended: false },
        ],
      },
      LATER,
    );
    const jpn = meeting.participants.participants.find((p) => p.nation.code === "JPN");
    expect([jpn?.attended, jpn?.representative]).toEqual([true, "Ambassador"]);
    expect(meeting.participants.participants.find((p) => p.nation.code === "FRA")?.attended).toBe(false);
    expect(meeting.participants.participants.find((p) => p.nation.code === "DEU")?.attended).toBe(null);
    const stranger = await errorOf(
      recordMeetingAttendance(
        t.db,
        staff,
        meetingId,
        {
          rows: [
            { nation: "JPN", attended: true },
            { nation: "KOR", attended: true },
          ],
        },
        LATER,
      ),
    );
    expect([stranger.code, fieldsOf(stranger)]).toEqual(["VALIDATION", ["rows.1.nation"]]);
  });
});
