import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { fieldsOf, type HttpHarness, startHttpHarness } from "../../../test/support/http.js";
import {
  ALLIES_2011,
  COUNTER_PIRACY_CRITERIA,
  COUNTER_PIRACY_NATIONS,
  meetingInput,
} from "../../../test/support/meetings.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { runDueDecisions } from "../../jobs/due-decisions.js";

// The meeting routes in-process, with a clock the tests move across the silence deadline.

let t: TestDb;
let http: HttpHarness;
let current = new Date("2011-08-01T09:00:00Z");

beforeAll(async () => {
  t = await createSeededTestDb();
  http = await startHttpHarness(t, () => current);
  await http.tokenFor("staff", await insertStaff(t.db));
  await http.tokenFor("jpn", await insertPartnerUser(t.db, "JPN"));
  await http.tokenFor("kor", await insertPartnerUser(t.db, "KOR"));
}, 120_000);
const call: HttpHarness["call"] = (...args) => http.call(...args);

afterAll(async () => {
  await http?.close();
  await t.destroy();
});

describe("meetings over HTTP", () => {
  let id = "";

  it("POST /api/meetings/resolve: the counter-piracy preview (staff), 403 to a partner, 401 anonymous", async () => {
    const res = await call("POST", "/api/meetings/resolve", "staff", {
      date: "2011-09-14",
      format: "allies-plus-n",
      criteria: COUNTER_PIRACY_CRITERIA,
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(46);
    expect(res.body.participants.map((p: { nation: { code: string } }) => p.nation.code)).toEqual(
      [...ALLIES_2011, ...COUNTER_PIRACY_NATIONS].sort(),
    );
    expect((await call("POST", "/api/meetings/resolve", "jpn", { date: "2011-09-14", format: "md" })).status).toBe(403);
    expect((await call("POST", "/api/meetings/resolve", undefined, { date: "2011-09-14", format: "md" })).status).toBe(
      401,
    );
  });

  it("POST /api/meetings: 201, 400 naming the field, 403 to a partner", async () => {
    const created = await call("POST", "/api/meetings", "staff", meetingInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: "planning",
      meetingDate: "2011-09-14",
      startsAt: "2011-09-14T08:00:00.000Z",
    });
    id = created.body.id;
    const bad = await call(
      "POST",
      "/api/meetings",
      "staff",
      meetingInput({ criteria: [{ kind: "nation", value: "XXQ" }] }),
    );
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["criteria.0.value"]);
    const schema = await call("POST", "/api/meetings", "staff", { ...meetingInput(), format: "allies-plus-many" });
    expect(schema.status).toBe(400);
    expect(fieldsOf(schema.body)).toEqual(["format"]);
    expect((await call("POST", "/api/meetings", "jpn", meetingInput())).status).toBe(403);
    expect((await call("POST", "/api/meetings", undefined, meetingInput())).status).toBe(401);
  });

  it("GET, PATCH, adjustments, agenda; 409 for invitations before the format is agreed", async () => {
    expect((await call("GET", `/api/meetings/${id}`, "staff")).status).toBe(200);
    expect((await call("GET", `/api/meetings/${id}`, "jpn")).status).toBe(404);
    expect((await call("GET", "/api/meetings/nope", "staff")).status).toBe(404);
    const patched = await call("PATCH", `/api/meetings/${id}`, "staff", { place: "NATO HQ, Brussels" });
    expect([patched.status, patched.body.place]).toEqual([200, "NATO HQ, Brussels"]);
    const adjusted = await call("POST", `/api/meetings/${id}/adjustments`, "staff", { nation: "AUS", action: "add" });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body.participants.count).toBe(30);
    const agenda = await call("POST", `/api/meetings/${id}/agenda`, "staff", { title: "Piracy" });
    expect(agenda.body.agenda.map((i: { title: string }) => i.title)).toEqual(["Piracy"]);
    const itemId = agenda.body.agenda[0].id;
    expect(
      (await call("PATCH", `/api/meetings/${id}/agenda/${itemId}`, "staff", { title: "Piracy at sea" })).body.agenda[0]
        .title,
    ).toBe("Piracy at sea");
    expect((await call("DELETE", `/api/meetings/${id}/agenda/${itemId}`, "staff")).body.agenda).toEqual([]);
    const early = await call("POST", `/api/meetings/${id}/actions`, "staff", { action: "send-invitations" });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("INVALID_STATE");
  });

  it("format by silence, invitations, .ics, attendance and action items", async () => {
    const opened = await call("POST", "/api/decisions", "staff", {
      reference: "PO(2011)0300-meet",
      title: "Format of the counter-piracy meeting",
      procedure: "silence",
      subject: { type: "meeting-format", id },
      deadline: { date: "2011-08-04", time: "17:00" },
    });
    expect(opened.status).toBe(201);
    current = new Date("2011-08-05T09:00:00Z");
    await runDueDecisions(t.db, current, { holder: "meetings-http" });
    // Australia, added by hand, cannot read the label (NATO, JPN): the invitations wait.
    const blocked = await call("POST", `/api/meetings/${id}/actions`, "staff", { action: "send-invitations" });
    expect([blocked.status, blocked.body.error.details.nations]).toEqual([409, ["AUS"]]);
    await call("POST", `/api/meetings/${id}/adjustments`, "staff", { nation: "AUS", action: "clear" });
    const invited = await call("POST", `/api/meetings/${id}/actions`, "staff", { action: "send-invitations" });
    expect([invited.status, invited.body.status]).toEqual([200, "invited"]);

    const list = await call("GET", "/api/meetings?from=2011-09-01&to=2011-09-30", "jpn");
    expect(list.body.total).toBe(1);
    expect((await call("GET", "/api/meetings", "kor")).body).toEqual({ meetings: [], total: 0 });

    const ics = await call("GET", `/api/meetings/${id}/invitation.ics`, "jpn");
    expect(ics.status).toBe(200);
    expect(String(ics.type)).toBe("text/calendar; charset=utf-8");
    expect(ics.text).toContain(`UID:meeting-${id}@entente`);
    expect(ics.text).toContain("DTSTART:20110914T080000Z");
    expect((await call("GET", `/api/meetings/${id}/invitation.ics`, "kor")).status).toBe(404);
    expect((await call("GET", `/api/meetings/${id}/invitation.ics`)).status).toBe(401);

    const attendance = await call("PUT", `/api/meetings/${id}/attendance`, "staff", {
      rows: [{ nation: "JPN", attended: true }],
    });
    expect(attendance.status).toBe(200);
    const badAttendance = await call("PUT", `/api/meetings/${id}/attendance`, "staff", { rows: [] });
    expect([badAttendance.status, fieldsOf(badAttendance.body)]).toEqual([400, ["rows"]]);

    const withItem = await call("POST", `/api/meetings/${id}/action-items`, "staff", {
      text: "Share the advisory",
      owner: "JPN",
      dueDate: "2011-10-01",
    });
    expect(withItem.status).toBe(200);
    const itemId = withItem.body.actionItems[0].id;
    const badItem = await call("POST", `/api/meetings/${id}/action-items`, "staff", { text: "x", owner: "JPN" });
    expect([badItem.status, fieldsOf(badItem.body)]).toEqual([400, ["dueDate"]]);
    const updated = await call("PATCH", `/api/action-items/${itemId}`, "jpn", { status: "done" });
    expect([updated.status, updated.body.status]).toEqual([200, "done"]);
    expect((await call("PATCH", `/api/action-items/${itemId}`, "kor", { status: "open" })).status).toBe(404);
    const items = await call("GET", "/api/action-items?status=done", "jpn");
    expect(items.body.actionItems.map((i: { id: string }) => i.id)).toEqual([itemId]);
    expect((await call("GET", "/api/action-items", "kor")).body).toEqual({ actionItems: [] });
  });
});
