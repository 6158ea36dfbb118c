import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countAudit,
  countNotices,
  insertDelegate,
  insertMember,
  insertPartnerUser,
  insertStaff,
  meetingInput,
  silenceInput,
} from "../../../test/support/decisions.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { AppError } from "../../errors.js";
import { runDueDecisions } from "../../jobs/due-decisions.js";
import type { Viewer } from "../labels/viewer.js";
import { listAlliesAt } from "./allies.js";
import { openDecision } from "./decisions.js";
import { getDecision } from "./register.js";
import { breakSilence } from "./silence.js";
import { formatInZone, zonedTimeToInstant } from "./time-zones.js";
import { withdrawDecision } from "./withdraw.js";

let t: TestDb;
let staff: Viewer;
let norway: Viewer;
let montenegro: Viewer;
let japanPartner: Viewer;
let austriaDelegation: Viewer;

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  norway = await insertDelegate(t.db, "NOR");
  montenegro = await insertDelegate(t.db, "MNE");
  japanPartner = await insertPartnerUser(t.db, "JPN");
  // Austria is a partner, never an Ally: its delegation-like office still cannot decide.
  austriaDelegation = await insertDelegate(t.db, "AUT");
});
afterAll(async () => t.destroy());

const OPENED = new Date("2012-03-10T09:00:00Z");
/** 2012-03-16 17:00 in Brussels (CET, UTC+1) is 16:00 UTC. */
const DEADLINE = new Date("2012-03-16T16:00:00Z");
const at = (offsetSeconds: number) => new Date(DEADLINE.getTime() + offsetSeconds * 1000);
const brusselsDeadline = { date: "2012-03-16", time: "17:00" };

async function expectError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected an error");
}

async function statusOf(id: string) {
  const row = await t.db.selectFrom("decision").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  return row;
}

const fields = (error: AppError) => (error.details?.fields as { field: string }[] | undefined)?.map((f) => f.field);

describe("the Allies as of a date (seed data)", () => {
  it("counts 28 in 2012, 29 from Montenegro's accession, 30, 31 and 32 after", async () => {
    const counts: Record<string, number> = {};
    for (const date of [
      "2012-05-20",
      "2017-06-04",
      "2017-06-05",
      "2020-03-26",
      "2020-03-27",
      "2023-04-03",
      "2023-04-04",
      "2024-03-06",
      "2024-03-07",
      "2026-11-28",
    ]) {
      counts[date] = (await listAlliesAt(t.db, date)).length;
    }
    expect(counts).toEqual({
      "2012-05-20": 28,
      "2017-06-04": 28,
      "2017-06-05": 29,
      "2020-03-26": 29,
      "2020-03-27": 30,
      "2023-04-03": 30,
      "2023-04-04": 31,
      "2024-03-06": 31,
      "2024-03-07": 32,
      "2026-11-28": 32,
    });
  });
});

describe("deadlines in time zones", () => {
  it("converts Brussels wall-clock time to UTC across daylight saving time", () => {
    expect(zonedTimeToInstant("2012-03-16", "17:00", "Europe/Brussels").toISOString()).toBe("2012-03-16T16:00:00.000Z");
    expect(zonedTimeToInstant("2012-07-16", "17:00", "Europe/Brussels").toISOString()).toBe("2012-07-16T15:00:00.000Z");
    expect(zonedTimeToInstant("2012-07-16", "17:00", "America/New_York").toISOString()).toBe(
      "2012-07-16T21:00:00.000Z",
    );
    expect(zonedTimeToInstant("2012-07-16", "17:00:30", "UTC").toISOString()).toBe("2012-07-16T17:00:30.000Z");
    expect(formatInZone("2012-07-16T15:00:00.000Z", "Europe/Brussels")).toBe("2012-07-16 17:00");
  });

  it("reads a repeated local time as its first occurrence and refuses one that does not exist", () => {
    // 2012-10-28: Brussels goes from 03:00 CEST back to 02:00 CET; 02:30 happens twice.
    expect(zonedTimeToInstant("2012-10-28", "02:30", "Europe/Brussels").toISOString()).toBe("2012-10-28T00:30:00.000Z");
    expect(zonedTimeToInstant("2012-10-28", "03:00", "Europe/Brussels").toISOString()).toBe("2012-10-28T02:00:00.000Z");
    // 2012-03-25: from 02:00 CET straight to 03:00 CEST; 02:30 never happens.
    let error: AppError | undefined;
    try {
      zonedTimeToInstant("2012-03-25", "02:30", "Europe/Brussels");
    } catch (e) {
      error = e as AppError;
    }
    expect(error?.code).toBe("VALIDATION");
    expect(fields(error as AppError)).toEqual(["deadline.time"]);
    expect(zonedTimeToInstant("2012-03-25", "03:00", "Europe/Brussels").toISOString()).toBe("2012-03-25T01:00:00.000Z");
  });
});

describe("opening a silence procedure", () => {
  it("stores the deadline as an instant and as written, and tells the Allies' delegations and staff", async () => {
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    expect(decision.status).toBe("open");
    expect(decision.decision_date).toBe("2012-03-10");
    expect(decision.deadline_at).toBe("2012-03-16T16:00:00.000Z");
    expect(decision.deadline_local).toBe("2012-03-16T17:00:00");
    expect(decision.deadline_zone).toBe("Europe/Brussels");
    expect(await countAudit(t.db, { action: "decision.open", objectId: decision.id })).toBe(1);
    const notified = await t.db
      .selectFrom("notification")
      .select("recipient_user_id")
      .where("subject_id", "=", decision.id)
      .where("kind", "=", "silence-opened")
      .execute();
    const recipients = notified.map((n) => n.recipient_user_id).sort();
    // Norway (an Ally) and staff; not Montenegro (an Ally only from 2017), Japan or Austria.
    expect(recipients).toEqual([norway.userId, staff.userId].sort());
    const view = await getDecision(t.db, norway, decision.id, OPENED);
    expect(view.outcomeText).toBe("Open: silence procedure until 2012-03-16 17:00 Europe/Brussels");
    expect(view.alliesCount).toBe(28);
    expect(view.canObject).toBe(true);
    expect(view.canWithdraw).toBe(false);
    expect(view.marking).toBe("NATO UNCLASSIFIED // RELEASABLE TO NATO");
    // Montenegro was no Ally in 2012: a NATO-releasable decision is not even visible to it then.
    await expect(getDecision(t.db, montenegro, decision.id, OPENED)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses bad input with VALIDATION naming each field", async () => {
    const noDeadline = await expectError(
      openDecision(t.db, staff, { ...silenceInput(brusselsDeadline), deadline: undefined }, OPENED),
    );
    expect(noDeadline.code).toBe("VALIDATION");
    expect(fields(noDeadline)).toEqual(["deadline"]);

    const badZone = await expectError(
      openDecision(t.db, staff, silenceInput({ ...brusselsDeadline, timeZone: "Europe/Atlantis" }), OPENED),
    );
    expect(badZone.code).toBe("VALIDATION");
    expect(fields(badZone)).toEqual(["deadline.timeZone"]);

    const past = await expectError(
      openDecision(t.db, staff, silenceInput({ date: "2012-03-01", time: "17:00" }), OPENED),
    );
    expect(fields(past)).toEqual(["deadline"]);

    const plusOne = await expectError(
      openDecision(
        t.db,
        staff,
        silenceInput(brusselsDeadline, { format: "allies-plus-one", participants: [] }),
        OPENED,
      ),
    );
    expect(fields(plusOne)).toEqual(["participants"]);

    const allyAsParticipant = await expectError(
      openDecision(
        t.db,
        staff,
        silenceInput(brusselsDeadline, { format: "allies-plus-n", participants: ["NOR"] }),
        OPENED,
      ),
    );
    expect(fields(allyAsParticipant)).toEqual(["participants"]);
    expect(allyAsParticipant.message).toMatch(/NOR was an Ally on 2012-03-10/);

    const unknown = await expectError(
      openDecision(
        t.db,
        staff,
        silenceInput(brusselsDeadline, { format: "allies-plus-n", participants: ["ZZZ"] }),
        OPENED,
      ),
    );
    expect(fields(unknown)).toEqual(["participants"]);

    const several = await expectError(
      openDecision(
        t.db,
        staff,
        {
          ...silenceInput({ ...brusselsDeadline, timeZone: "Mars/Olympus" }),
          format: "allies-plus-one",
          subject: { type: "free-text" },
        },
        OPENED,
      ),
    );
    expect(fields(several)).toEqual(["deadline.timeZone", "participants", "subject.text"]);
  });

  it("lets Montenegro, an Ally from 2017, attend a 2012 decision in Allies + 1 but not as an Ally", async () => {
    const decision = await openDecision(
      t.db,
      staff,
      silenceInput(brusselsDeadline, { format: "allies-plus-one", participants: ["MNE"] }),
      OPENED,
    );
    const view = await getDecision(t.db, staff, decision.id, OPENED);
    expect(view.participants).toEqual([{ code: "MNE", name: "Montenegro" }]);
  });

  it("is for staff only: a delegation may not open one (FORBIDDEN, audited)", async () => {
    const before = await countAudit(t.db, { action: "decision.open" });
    const error = await expectError(openDecision(t.db, norway, silenceInput(brusselsDeadline), OPENED));
    expect(error.code).toBe("FORBIDDEN");
    expect(await countAudit(t.db, { action: "decision.open" })).toBe(before + 1);
  });

  it("refuses a second decision with the same reference (CONFLICT)", async () => {
    const input = silenceInput(brusselsDeadline);
    await openDecision(t.db, staff, input, OPENED);
    const error = await expectError(openDecision(t.db, staff, input, OPENED));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe(`A decision with reference ${input.reference} already exists`);
  });
});

describe("breaking silence at the deadline's boundaries (controlled clock)", () => {
  it("accepts an objection one second before the deadline", async () => {
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    const broken = await breakSilence(t.db, norway, decision.id, { reason: "Norway needs more time" }, at(-1));
    expect(broken.status).toBe("silence-broken");
    const row = await statusOf(decision.id);
    expect(row).toMatchObject({
      status: "silence-broken",
      broken_by_nation: "NOR",
      broken_by_user_id: norway.userId,
      broken_reason: "Norway needs more time",
      broken_at: "2012-03-16T15:59:59.000Z",
      closed_at: "2012-03-16T15:59:59.000Z",
    });
    expect(await countAudit(t.db, { action: "decision.break-silence", objectId: decision.id })).toBe(1);
    expect(await countNotices(t.db, { subjectId: decision.id, kind: "decision-ended" })).toBe(2);
    const view = await getDecision(t.db, staff, decision.id, at(-1));
    expect(view.outcomeText).toBe("Silence broken by Norway on 2012-03-16 16:59:59 Europe/Brussels");
    expect(view.brokenBy).toEqual({
      nation: { code: "NOR", name: "Norway" },
      reason: "Norway needs more time",
      at: "2012-03-16T15:59:59.000Z",
    });
    // The scheduler leaves it alone afterwards.
    const run = await runDueDecisions(t.db, at(1));
    expect(run.adopted).not.toContain(decision.reference);
    expect((await statusOf(decision.id)).status).toBe("silence-broken");
    const again = await expectError(breakSilence(t.db, norway, decision.id, { reason: "again" }, at(-1)));
    expect(again.code).toBe("INVALID_STATE");
    expect(again.message).toBe("Silence already broken by Norway at 2012-03-16 16:59:59 Europe/Brussels");
  });

  it("refuses an objection one second after the deadline; the scheduler then adopts at the deadline", async () => {
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    const error = await expectError(breakSilence(t.db, norway, decision.id, { reason: "Too late" }, at(1)));
    expect(error.code).toBe("INVALID_STATE");
    expect(error.message).toBe("The silence procedure ended at 2012-03-16 17:00 Europe/Brussels; silence was kept");
    expect((await statusOf(decision.id)).status).toBe("open");
    const run = await runDueDecisions(t.db, at(1));
    expect(run.skipped).toBe(false);
    expect(run.adopted).toContain(decision.reference);
    const row = await statusOf(decision.id);
    expect(row.status).toBe("adopted");
    expect(row.closed_at).toBe("2012-03-16T16:00:00.000Z");
    expect(row.broken_by_nation).toBeNull();
    const events = await t.db
      .selectFrom("audit_event")
      .selectAll()
      .where("object_id", "=", decision.id)
      .where("action", "=", "decision.adopt")
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_user_id).toBeNull();
    expect(events[0]?.actor_username).toBeNull();
    const view = await getDecision(t.db, staff, decision.id, at(1));
    expect(view.outcomeText).toBe("Adopted by silence procedure at 2012-03-16 17:00 Europe/Brussels");
    expect(view.canObject).toBe(false);
  });

  it("refuses an objection exactly at the deadline", async () => {
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    const error = await expectError(breakSilence(t.db, norway, decision.id, { reason: "On the dot" }, at(0)));
    expect(error.code).toBe("INVALID_STATE");
    expect(error.message).toBe("The silence procedure ended at 2012-03-16 17:00 Europe/Brussels; silence was kept");
    expect((await statusOf(decision.id)).status).toBe("open");
  });

  it("running the scheduler twice changes nothing the second time", async () => {
    const first = await openDecision(t.db, staff, silenceInput({ date: "2012-03-20", time: "12:00" }), OPENED);
    const second = await openDecision(t.db, staff, silenceInput({ date: "2012-03-20", time: "12:30" }), OPENED);
    // Due the next day: its reminder goes out with this run.
    const third = await openDecision(t.db, staff, silenceInput({ date: "2012-03-21", time: "10:00" }), OPENED);
    const now = new Date("2012-03-20T12:00:00Z");
    const run1 = await runDueDecisions(t.db, now);
    expect(run1.adopted).toEqual(expect.arrayContaining([first.reference, second.reference]));
    expect(run1.reminded).toEqual([third.reference]);
    const snapshot = async () => ({
      statuses: await t.db
        .selectFrom("decision")
        .select(["id", "status", "closed_at", "reminder_sent_at"])
        .orderBy("id")
        .execute(),
      audit: await countAudit(t.db),
      notices: await countNotices(t.db),
    });
    const before = await snapshot();
    const run2 = await runDueDecisions(t.db, now);
    expect(run2).toEqual({ adopted: [], reminded: [], skipped: false });
    expect(await snapshot()).toEqual(before);
    expect(await countNotices(t.db, { subjectId: third.id, kind: "silence-deadline-approaching" })).toBe(1);
    expect((await statusOf(third.id)).status).toBe("open");
  });
});

describe("who may break silence", () => {
  it("a partner's user: FORBIDDEN, audited", async () => {
    const decision = await openDecision(
      t.db,
      staff,
      silenceInput(brusselsDeadline, { label: { classification: "NU", releasableTo: ["NATO", "JPN"] } }),
      OPENED,
    );
    const before = await countAudit(t.db, { action: "decision.break-silence", objectId: decision.id });
    const error = await expectError(breakSilence(t.db, japanPartner, decision.id, { reason: "We object" }, at(-60)));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Only an Ally's delegation can break silence");
    expect(await countAudit(t.db, { action: "decision.break-silence", objectId: decision.id })).toBe(before + 1);
    expect((await statusOf(decision.id)).status).toBe("open");
  });

  it("a non-Ally's delegation: FORBIDDEN", async () => {
    const decision = await openDecision(
      t.db,
      staff,
      silenceInput(brusselsDeadline, { label: { classification: "NU", releasableTo: ["NATO", "AUT"] } }),
      OPENED,
    );
    const error = await expectError(breakSilence(t.db, austriaDelegation, decision.id, { reason: "No" }, at(-60)));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe(
      "AUT was not an Ally on 2012-03-10, the decision date: only the Allies as of that date take this decision",
    );
    expect((await statusOf(decision.id)).status).toBe("open");
  });

  it("a staff member without a delegation: FORBIDDEN", async () => {
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    const error = await expectError(breakSilence(t.db, staff, decision.id, { reason: "No" }, at(-60)));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("Montenegro (an Ally from 2017-06-05) may not object to a 2012 decision, but may to a 2018 one", async () => {
    // Releasable to Montenegro too, so that it reads the decision: reading is not deciding.
    const old = await openDecision(
      t.db,
      staff,
      silenceInput(brusselsDeadline, { label: { classification: "NU", releasableTo: ["NATO", "MNE"] } }),
      OPENED,
    );
    expect((await getDecision(t.db, montenegro, old.id, OPENED)).canObject).toBe(false);
    const error = await expectError(breakSilence(t.db, montenegro, old.id, { reason: "We object" }, at(-60)));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toMatch(/^MNE was not an Ally on 2012-03-10/);
    expect((await statusOf(old.id)).status).toBe("open");

    const opened2018 = new Date("2018-02-01T09:00:00Z");
    const recent = await openDecision(t.db, staff, silenceInput({ date: "2018-02-05", time: "17:00" }), opened2018);
    expect(recent.decision_date).toBe("2018-02-01");
    expect((await getDecision(t.db, montenegro, recent.id, opened2018)).alliesCount).toBe(29);
    const broken = await breakSilence(t.db, montenegro, recent.id, { reason: "Montenegro objects" }, opened2018);
    expect(broken.status).toBe("silence-broken");
    expect((await statusOf(recent.id)).broken_by_nation).toBe("MNE");
  });

  it("a delegation that may not read the decision's label: NOT_FOUND", async () => {
    const decision = await openDecision(
      t.db,
      staff,
      silenceInput(brusselsDeadline, { label: { classification: "NU", releasableTo: ["GBR"] } }),
      OPENED,
    );
    const error = await expectError(breakSilence(t.db, norway, decision.id, { reason: "We object" }, at(-60)));
    expect(error.code).toBe("NOT_FOUND");
    expect((await statusOf(decision.id)).status).toBe("open");
  });

  it("an empty reason: VALIDATION naming reason", async () => {
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    const error = await expectError(breakSilence(t.db, norway, decision.id, { reason: "  " }, at(-60)));
    expect(error.code).toBe("VALIDATION");
    expect(fields(error)).toEqual(["reason"]);
  });
});

describe("decisions in a meeting and withdrawal", () => {
  it("records consensus with the Allies present at once", async () => {
    const decision = await openDecision(
      t.db,
      staff,
      meetingInput({ consensus: true, alliesPresent: ["NOR", "DEU", "FRA"] }),
      OPENED,
    );
    expect(decision.status).toBe("adopted");
    expect(await countAudit(t.db, { action: "decision.record", objectId: decision.id })).toBe(1);
    const view = await getDecision(t.db, staff, decision.id, OPENED);
    expect(view.outcomeText).toBe("Consensus reached in a meeting of the NAC, 3 Allies present");
    expect(view.alliesPresent.map((a) => a.code)).toEqual(["DEU", "FRA", "NOR"]);
    const none = await openDecision(t.db, staff, meetingInput({ consensus: false, alliesPresent: ["NOR"] }), OPENED);
    expect(none.status).toBe("not-adopted");
  });

  it("refuses a non-Ally among the Allies present (VALIDATION naming meeting.alliesPresent)", async () => {
    const error = await expectError(
      openDecision(t.db, staff, meetingInput({ consensus: true, alliesPresent: ["NOR", "MNE"] }), OPENED),
    );
    expect(error.code).toBe("VALIDATION");
    expect(fields(error)).toEqual(["meeting.alliesPresent"]);
  });

  it("withdraws an open procedure (staff only); it can then no longer be objected to", async () => {
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    const refused = await expectError(withdrawDecision(t.db, norway, decision.id, OPENED));
    expect(refused.code).toBe("FORBIDDEN");
    const withdrawn = await withdrawDecision(t.db, staff, decision.id, OPENED);
    expect(withdrawn.status).toBe("withdrawn");
    const error = await expectError(breakSilence(t.db, norway, decision.id, { reason: "late" }, OPENED));
    expect(error.code).toBe("INVALID_STATE");
    const again = await expectError(withdrawDecision(t.db, staff, decision.id, OPENED));
    expect(again.code).toBe("INVALID_STATE");
  });

  it("a user with role delegation in a command (not a delegation) is not an objector", async () => {
    const officer = await insertMember(t.db, { kind: "command", nation: null, roles: ["delegation"] });
    const decision = await openDecision(t.db, staff, silenceInput(brusselsDeadline), OPENED);
    const error = await expectError(breakSilence(t.db, officer, decision.id, { reason: "No" }, at(-60)));
    expect(error.code).toBe("FORBIDDEN");
  });
});
