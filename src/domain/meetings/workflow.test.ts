import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countAudit,
  insertDelegate,
  insertMember,
  insertPartnerUser,
  insertStaff,
} from "../../../test/support/decisions.js";
import { insertFramework, insertMembership, insertNation } from "../../../test/support/factories.js";
import { agreeFormatBySilence, meetingInput, putFormatToCouncil } from "../../../test/support/meetings.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { isAppError } from "../../errors.js";
import { runDueDecisions } from "../../jobs/due-decisions.js";
import { breakSilence } from "../decisions/silence.js";
import type { Viewer } from "../labels/viewer.js";
import { createMeeting, getMeeting, updateMeeting } from "./meetings.js";
import { adjustParticipants } from "./participants.js";
import { actOnMeeting } from "./workflow.js";

// The meeting workflow: the format decided by silence, invitations frozen, refusals.

let t: TestDb;
let staff: Viewer;
const T0 = new Date("2011-08-01T09:00:00Z");
const LATER = new Date("2011-08-10T09:00:00Z");

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  await insertFramework(t.db, { code: "PIRACYGRP", name: "Piracy Contact Group" });
  await insertNation(t.db, { code: "ZZC", name: "Cedland" });
  await insertNation(t.db, { code: "ZZD", name: "Dedland" });
  await insertMembership(t.db, { framework_code: "PIRACYGRP", nation_code: "ZZC", valid_from: "2000-01-01" });
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

describe("the meeting workflow", () => {
  it("create → format by silence → agreed → invitations freeze the list and notify the invited", async () => {
    const zzc = await insertPartnerUser(t.db, "ZZC");
    const kor = await insertPartnerUser(t.db, "KOR");
    const meeting = await createMeeting(
      t.db,
      staff,
      meetingInput({ criteria: [{ kind: "framework", value: "PIRACYGRP" }] }),
      T0,
    );
    expect(meeting).toMatchObject({
      status: "planning",
      startsAt: "2011-09-14T08:00:00.000Z",
      startsLocal: "2011-09-14T10:00:00",
      meetingDate: "2011-09-14",
      formatNeedsDecision: true,
      canPutFormatToCouncil: true,
      actions: ["cancel"],
    });
    expect(meeting.label.marking).toBe((await getMeeting(t.db, staff, meeting.id, T0)).label.marking);
    expect(meeting.label.releasableTo).toEqual(["NATO", "PIRACYGRP"]);
    expect(meeting.participants.count).toBe(29);

    const early = await errorOf(actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, T0));
    expect(early.code).toBe("INVALID_STATE");
    expect(early.message).toContain("needs the Allies' agreement first");

    const decision = await putFormatToCouncil(t.db, staff, meeting.id, T0);
    const inDecision = await getMeeting(t.db, staff, meeting.id, T0);
    expect(inDecision.status).toBe("format-in-decision");
    expect(inDecision.formatDecision).toEqual({ id: decision.id, reference: decision.reference, status: "open" });
    expect(decision.label_id).toBe(meeting.label.id);
    expect((await errorOf(updateMeeting(t.db, staff, meeting.id, { criteria: [] }, T0))).code).toBe("INVALID_STATE");
    expect((await errorOf(actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, T0))).code).toBe(
      "INVALID_STATE",
    );

    await runDueDecisions(t.db, new Date("2011-08-05T09:00:00Z"), { holder: "meetings-test" });
    const agreed = await getMeeting(t.db, staff, meeting.id, LATER);
    expect(agreed.status).toBe("format-agreed");
    expect(agreed.formatDecision?.status).toBe("adopted");
    expect(agreed.actions).toEqual(["send-invitations", "cancel"]);

    const invited = await actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, LATER);
    expect(invited.status).toBe("invited");
    expect(invited.participants.count).toBe(29);
    expect(invited.participants.participants.find((p) => p.nation.code === "ZZC")?.reasons).toEqual([
      { kind: "framework", value: "PIRACYGRP", text: "Member of the Piracy Contact Group" },
    ]);
    expect(await countAudit(t.db, { action: "meeting.send-invitations", objectId: meeting.id })).toBe(1);
    const notices = await t.db
      .selectFrom("notification")
      .select(["recipient_user_id", "kind", "subject_type"])
      .where("subject_id", "=", meeting.id)
      .where("kind", "=", "meeting-invitation")
      .execute();
    expect(notices.filter((n) => n.recipient_user_id === zzc.userId)).toEqual([
      { recipient_user_id: zzc.userId, kind: "meeting-invitation", subject_type: "meeting" },
    ]);
    expect(notices.filter((n) => n.recipient_user_id === kor.userId)).toEqual([]);

    // A nation joining afterwards does not change the frozen list.
    await insertMembership(t.db, { framework_code: "PIRACYGRP", nation_code: "ZZD", valid_from: "2000-01-01" });
    const frozen = await getMeeting(t.db, staff, meeting.id, LATER);
    expect(frozen.participants.participants.map((p) => p.nation.code)).not.toContain("ZZD");
    expect(frozen.participants.count).toBe(29);
    expect((await errorOf(updateMeeting(t.db, staff, meeting.id, { criteria: [] }, LATER))).code).toBe("INVALID_STATE");

    // Not before it starts (10:00 Brussels on 14 September 2011, 08:00 UTC).
    expect((await getMeeting(t.db, staff, meeting.id, LATER)).actions).toEqual(["cancel"]);
    const beforeStart = await errorOf(
      actOnMeeting(t.db, staff, meeting.id, { action: "record-held" }, new Date("2011-09-14T07:59:00Z")),
    );
    expect([beforeStart.code, beforeStart.message]).toEqual([
      "INVALID_STATE",
      expect.stringContaining("recorded as held only from then"),
    ]);
    const held = await actOnMeeting(
      t.db,
      staff,
      meeting.id,
      { action: "record-held" },
      new Date("2011-09-15T09:00:00Z"),
    );
    expect(held.status).toBe("held");
    expect(held.actions).toEqual([]);
  });

  it("Allies only: invitations from planning, no decision; cancel tells the invited", async () => {
    const meeting = await createMeeting(t.db, staff, meetingInput({ format: "allies-only", criteria: [] }), T0);
    expect(meeting.formatNeedsDecision).toBe(false);
    expect((await errorOf(putFormatToCouncil(t.db, staff, meeting.id, T0))).code).toBe("INVALID_STATE");
    const invited = await actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, T0);
    expect(invited.status).toBe("invited");
    expect(invited.participants.count).toBe(28);
    const nor = await insertDelegate(t.db, "NOR");
    const cancelled = await actOnMeeting(t.db, staff, meeting.id, { action: "cancel", note: "Postponed" }, T0);
    expect(cancelled.status).toBe("cancelled");
    const toNorway = await t.db
      .selectFrom("notification")
      .select(["kind", "title"])
      .where("recipient_user_id", "=", nor.userId)
      .where("subject_id", "=", meeting.id)
      .execute();
    expect(toNorway).toEqual([{ kind: "meeting-changed", title: "Cancelled: Counter-piracy consultations" }]);
  });

  it("silence broken returns the meeting to planning", async () => {
    const meeting = await createMeeting(t.db, staff, meetingInput(), T0);
    const decision = await putFormatToCouncil(t.db, staff, meeting.id, T0);
    const norway = await insertDelegate(t.db, "NOR");
    await breakSilence(
      t.db,
      norway,
      decision.id,
      { reason: "Norway needs more time" },
      new Date("2011-08-02T09:00:00Z"),
    );
    const back = await getMeeting(t.db, staff, meeting.id, LATER);
    expect(back.status).toBe("planning");
    expect(back.formatDecision?.status).toBe("silence-broken");
    expect(await countAudit(t.db, { action: "meeting.format-returned", objectId: meeting.id })).toBe(1);
  });

  it("a label an invited nation cannot read blocks invitations, naming the nation", async () => {
    const meeting = await createMeeting(
      t.db,
      staff,
      meetingInput({
        criteria: [
          { kind: "nation", value: "JPN" },
          { kind: "nation", value: "AUS" },
        ],
        label: { classification: "NU", releasableTo: ["NATO", "AUS"] },
      }),
      T0,
    );
    await agreeFormatBySilence(t.db, staff, meeting.id, new Date("2011-08-01T09:00:00Z"));
    const refused = await errorOf(actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, LATER));
    expect(refused.code).toBe("INVALID_STATE");
    expect(refused.message).toContain("is not releasable to JPN, invited on 2011-09-14");
    expect(refused.details?.nations).toEqual(["JPN"]);
    expect((await getMeeting(t.db, staff, meeting.id, LATER)).status).toBe("format-agreed");
    // Removing Japan by hand lets the invitations go.
    await adjustParticipants(t.db, staff, meeting.id, { nation: "JPN", action: "remove" }, LATER);
    const invited = await actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, LATER);
    expect(invited.participants.participants.map((p) => p.nation.code)).not.toContain("JPN");
    expect(invited.participants.count).toBe(29);
  });

  it("widening the list after the format was agreed sends the meeting back to planning; Allies only takes no partner", async () => {
    const meeting = await createMeeting(
      t.db,
      staff,
      meetingInput({
        criteria: [{ kind: "nation", value: "JPN" }],
        label: { classification: "NU", releasableTo: ["NATO", "JPN", "AUS"] },
      }),
      T0,
    );
    await agreeFormatBySilence(t.db, staff, meeting.id, T0);
    expect((await getMeeting(t.db, staff, meeting.id, LATER)).status).toBe("format-agreed");
    const widened = await adjustParticipants(t.db, staff, meeting.id, { nation: "AUS", action: "add" }, LATER);
    expect([widened.status, widened.formatDecision]).toEqual(["planning", null]);
    const refused = await errorOf(actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, LATER));
    expect(refused.code).toBe("INVALID_STATE");

    const alliesOnly = await createMeeting(t.db, staff, meetingInput({ format: "allies-only", criteria: [] }), T0);
    const added = await errorOf(
      adjustParticipants(t.db, staff, alliesOnly.id, { nation: "JPN", action: "add" }, LATER),
    );
    expect([added.code, added.details?.fields]).toEqual([
      "VALIDATION",
      [{ field: "nation", message: expect.any(String) }],
    ]);
  });

  it("refuses a label above the staff member's own clearance (VALIDATION on label.classification)", async () => {
    const restricted = await insertMember(t.db, {
      kind: "alliance-staff",
      nation: null,
      roles: ["staff"],
      clearance: "NR",
    });
    const error = await errorOf(
      createMeeting(t.db, restricted, meetingInput({ label: { classification: "NS", releasableTo: ["NATO"] } }), T0),
    );
    expect([error.code, error.details?.fields]).toEqual([
      "VALIDATION",
      [{ field: "label.classification", message: "is above your own clearance" }],
    ]);
  });

  it("Allies + 1 needs exactly one partner; only staff act", async () => {
    const meeting = await createMeeting(
      t.db,
      staff,
      meetingInput({
        format: "allies-plus-one",
        criteria: [
          { kind: "nation", value: "JPN" },
          { kind: "nation", value: "AUS" },
        ],
      }),
      T0,
    );
    await agreeFormatBySilence(t.db, staff, meeting.id, T0);
    const refused = await errorOf(actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, LATER));
    expect(refused.code).toBe("INVALID_STATE");
    expect(refused.message).toBe("An Allies + 1 meeting invites exactly one partner; the list has 2 (AUS, JPN)");
    const partner = await insertPartnerUser(t.db, "JPN");
    expect((await errorOf(createMeeting(t.db, partner, meetingInput(), T0))).code).toBe("FORBIDDEN");
    expect((await errorOf(actOnMeeting(t.db, partner, meeting.id, { action: "cancel" }, T0))).code).toBe("NOT_FOUND");
  });
});
