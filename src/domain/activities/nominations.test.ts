import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditCount,
  JPN_PARTNER,
  NOW,
  openIteration,
  participant,
  STAFF,
  viewer,
} from "../../../test/support/activities.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { AppError } from "../../errors.js";
import { transitionActivity } from "./lifecycle.js";
import { changeSeats, decideNomination, nominate, withdraw } from "./nominations.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

async function state(iterationId: string) {
  const iteration = await t.db
    .selectFrom("iteration")
    .selectAll()
    .where("id", "=", iterationId)
    .executeTakeFirstOrThrow();
  const rows = await t.db.selectFrom("nomination").selectAll().where("iteration_id", "=", iterationId).execute();
  const confirmed = rows.filter((r) => r.status === "confirmed");
  const waitlist = rows
    .filter((r) => r.status === "waitlisted")
    .sort((a, b) => (a.waitlist_position ?? 0) - (b.waitlist_position ?? 0));
  return { iteration, rows, confirmed, waitlist };
}

/** A partner viewer of JPN per participant: distinct users nominating at once. */
const jpnUser = (n: number) => viewer(`jpn-${n}`, ["partner"], "JPN", { clearanceRank: 2 });

describe("seats under concurrency", () => {
  for (const round of [1, 2, 3]) {
    it(`200 parallel nominations for 30 seats: exactly 30 confirmed, 170 waitlisted at 1..170 (round ${round})`, async () => {
      const { iteration } = await openIteration(t.db, {}, { seats: 30 });
      const before = await auditCount(t.db);
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, n) =>
          nominate(t.db, jpnUser(n), iteration.id, participant(`r${round}-${n}`), NOW),
        ),
      );
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(failures.map((f) => String(f.reason))).toEqual([]);
      const s = await state(iteration.id);
      expect(s.iteration.confirmed_count).toBe(30);
      expect(s.confirmed).toHaveLength(30);
      expect(s.waitlist).toHaveLength(170);
      expect(s.waitlist.map((r) => r.waitlist_position)).toEqual(Array.from({ length: 170 }, (_, i) => i + 1));
      expect(await auditCount(t.db)).toBe(before + 200);
    });
  }

  it("20 parallel nominations of one participant: exactly one active row, the others CONFLICT", async () => {
    const { iteration } = await openIteration(t.db, {}, { seats: 5 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, n) => nominate(t.db, jpnUser(n), iteration.id, participant("same"), NOW)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const codes = results
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .map((r) => (r.reason as AppError).code);
    expect(codes).toEqual(Array.from({ length: 19 }, () => "CONFLICT"));
    const s = await state(iteration.id);
    expect(s.rows).toHaveLength(1);
    expect(s.iteration.confirmed_count).toBe(1);
  });

  it("the unique indexes are a backstop beneath the code", async () => {
    const { iteration } = await openIteration(t.db, {}, { seats: 1 });
    const first = await nominate(t.db, JPN_PARTNER, iteration.id, participant("backstop"), NOW);
    const copy = { ...first, id: `${first.id}-copy` };
    await expect(t.db.insertInto("nomination").values(copy).execute()).rejects.toThrow();
    const waiting = await nominate(t.db, JPN_PARTNER, iteration.id, participant("backstop-2"), NOW);
    expect(waiting.waitlist_position).toBe(1);
    await expect(
      t.db
        .insertInto("nomination")
        .values({ ...waiting, id: `${waiting.id}-copy`, participant_email: "other@example.org" })
        .execute(),
    ).rejects.toThrow();
    // A withdrawn nomination does not block a new one for the same participant.
    await withdraw(t.db, JPN_PARTNER, first.id, NOW);
    const again = await nominate(t.db, JPN_PARTNER, iteration.id, participant("backstop"), NOW);
    expect(again.status).toBe("waitlisted");
  });
});

describe("withdrawals and seat changes", () => {
  it("once the activity is conducted a nomination is history: withdrawing is INVALID_STATE and changes nothing", async () => {
    const { activity, iteration } = await openIteration(t.db, {}, { seats: 2 });
    const kept = await nominate(t.db, JPN_PARTNER, iteration.id, participant("history"), NOW);
    for (const action of ["close-nominations", "conduct"] as const) {
      await transitionActivity(t.db, STAFF, activity.id, action, NOW);
    }
    await expect(withdraw(t.db, JPN_PARTNER, kept.id, NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const row = await t.db.selectFrom("nomination").select("status").where("id", "=", kept.id).executeTakeFirst();
    expect(row?.status).toBe("confirmed");
  });

  it("a confirmed withdrawal promotes the head of the waitlist and closes the gap", async () => {
    const { iteration } = await openIteration(t.db, {}, { seats: 2 });
    const made = [];
    for (const n of [0, 1, 2, 3, 4])
      made.push(await nominate(t.db, JPN_PARTNER, iteration.id, participant(`w${n}`), NOW));
    expect(made.map((m) => m.status)).toEqual(["confirmed", "confirmed", "waitlisted", "waitlisted", "waitlisted"]);
    const before = await auditCount(t.db);
    await withdraw(t.db, JPN_PARTNER, made[0]?.id ?? "", NOW);
    expect(await auditCount(t.db)).toBe(before + 1);
    let s = await state(iteration.id);
    expect(s.confirmed.map((r) => r.participant_email).sort()).toEqual([
      "participant.w1@example.org",
      "participant.w2@example.org",
    ]);
    expect(s.waitlist.map((r) => [r.participant_email, r.waitlist_position])).toEqual([
      ["participant.w3@example.org", 1],
      ["participant.w4@example.org", 2],
    ]);
    // A waitlisted withdrawal leaves the queue; the rest move up.
    await withdraw(t.db, JPN_PARTNER, made[3]?.id ?? "", NOW);
    s = await state(iteration.id);
    expect(s.waitlist.map((r) => [r.participant_email, r.waitlist_position])).toEqual([
      ["participant.w4@example.org", 1],
    ]);
    await expect(withdraw(t.db, JPN_PARTNER, made[3]?.id ?? "", NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("more seats promote from the waitlist; fewer than confirmed is CONFLICT", async () => {
    const { iteration } = await openIteration(t.db, {}, { seats: 1 });
    for (const n of [0, 1, 2, 3]) await nominate(t.db, JPN_PARTNER, iteration.id, participant(`s${n}`), NOW);
    const result = await changeSeats(t.db, STAFF, iteration.id, 3, NOW);
    expect(result.promoted).toHaveLength(2);
    const s = await state(iteration.id);
    expect(s.iteration.confirmed_count).toBe(3);
    expect(s.waitlist.map((r) => [r.participant_email, r.waitlist_position])).toEqual([
      ["participant.s3@example.org", 1],
    ]);
    await expect(changeSeats(t.db, STAFF, iteration.id, 2, NOW)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(changeSeats(t.db, JPN_PARTNER, iteration.id, 5, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("another nation's partner cannot withdraw a nomination (NOT_FOUND)", async () => {
    const { iteration } = await openIteration(t.db, {}, { seats: 1 });
    const made = await nominate(t.db, JPN_PARTNER, iteration.id, participant("mine"), NOW);
    const aus = viewer("aus", ["partner"], "AUS", { clearanceRank: 2 });
    await expect(withdraw(t.db, aus, made.id, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("two-step: pending the owner without a seat; acceptance takes a seat or the waitlist", async () => {
    const { iteration } = await openIteration(t.db, {}, { seats: 1, twoStep: true });
    const a = await nominate(t.db, JPN_PARTNER, iteration.id, participant("two-a"), NOW);
    const b = await nominate(t.db, JPN_PARTNER, iteration.id, participant("two-b"), NOW);
    const c = await nominate(t.db, JPN_PARTNER, iteration.id, participant("two-c"), NOW);
    expect([a.status, b.status, c.status]).toEqual(["pending-owner", "pending-owner", "pending-owner"]);
    expect((await state(iteration.id)).iteration.confirmed_count).toBe(0);
    expect((await decideNomination(t.db, STAFF, a.id, "accept", NOW)).status).toBe("confirmed");
    expect(await decideNomination(t.db, STAFF, b.id, "accept", NOW)).toMatchObject({
      status: "waitlisted",
      waitlist_position: 1,
    });
    expect((await decideNomination(t.db, STAFF, c.id, "decline", NOW)).status).toBe("declined");
    await expect(decideNomination(t.db, STAFF, c.id, "accept", NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(decideNomination(t.db, JPN_PARTNER, a.id, "decline", NOW)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await state(iteration.id)).iteration.confirmed_count).toBe(1);
  });
});

describe("who may be nominated", () => {
  it("the policy engine: JPN for a PFP, MD, ICI activity in 2010 needs the Council; in 2012 it is open", async () => {
    const early = await openIteration(
      t.db,
      { audience: "PFP, MD, ICI" },
      { startDate: "2010-06-01", endDate: "2010-06-03", nominationDeadline: "2010-05-01" },
    );
    const error = (await nominate(
      t.db,
      JPN_PARTNER,
      early.iteration.id,
      participant("gate"),
      new Date("2010-04-01T09:00:00Z"),
    ).catch((e) => e)) as AppError;
    expect(error.code).toBe("INVALID_STATE");
    expect(error.message).toContain("is not open to JPN on 2010-06-01");
    expect(error.message).toContain("Council");
    const late = await openIteration(t.db, { audience: "PFP, MD, ICI" }, { startDate: "2012-06-01" });
    expect((await nominate(t.db, JPN_PARTNER, late.iteration.id, participant("gate"), NOW)).status).toBe("confirmed");
  });

  it("a nation outside the audience is refused with the engine's explanation", async () => {
    const { iteration } = await openIteration(t.db, { audience: "NATO" });
    await expect(nominate(t.db, JPN_PARTNER, iteration.id, participant("nato-only"), NOW)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("is not open to JPN on 2012-06-01"),
    });
  });

  it("clearance and language level must meet the activity's (VALIDATION naming the field)", async () => {
    const { iteration } = await openIteration(t.db, { requiredClearance: "NR", languageLevel: 3 });
    await expect(
      nominate(t.db, JPN_PARTNER, iteration.id, participant("low-c", { clearance: "NU" }), NOW),
    ).rejects.toMatchObject({ code: "VALIDATION", details: { fields: [{ field: "clearance" }] } });
    await expect(
      nominate(t.db, JPN_PARTNER, iteration.id, participant("low-l", { languageLevel: 2 }), NOW),
    ).rejects.toMatchObject({ code: "VALIDATION", details: { fields: [{ field: "languageLevel" }] } });
  });

  it("only while nominations are open and before the deadline", async () => {
    const { activity, iteration } = await openIteration(t.db);
    await expect(
      nominate(t.db, JPN_PARTNER, iteration.id, participant("late"), new Date("2012-05-02T00:00:00Z")),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("deadline") });
    expect(
      (await nominate(t.db, JPN_PARTNER, iteration.id, participant("on-time"), new Date("2012-05-01T23:00:00Z")))
        .status,
    ).toBe("confirmed");
    await transitionActivity(t.db, STAFF, activity.id, "close-nominations", NOW);
    await expect(nominate(t.db, JPN_PARTNER, iteration.id, participant("closed"), NOW)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("nominations-closed"),
    });
  });

  it("partners nominate for their own nation; staff name the nation", async () => {
    const { iteration } = await openIteration(t.db);
    await expect(
      nominate(t.db, JPN_PARTNER, iteration.id, participant("other", { nation: "AUS" }), NOW),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(nominate(t.db, STAFF, iteration.id, participant("no-nation"), NOW)).rejects.toMatchObject({
      code: "VALIDATION",
    });
    const byStaff = await nominate(t.db, STAFF, iteration.id, participant("aus", { nation: "AUS" }), NOW);
    expect(byStaff.nation_code).toBe("AUS");
    expect(byStaff.participant_email).toBe("participant.aus@example.org");
    const analyst = viewer("analyst", ["analyst"], "JPN");
    await expect(nominate(t.db, analyst, iteration.id, participant("x"), NOW)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("an iteration of an activity the viewer may not read is NOT_FOUND", async () => {
    const { iteration } = await openIteration(t.db, { label: { classification: "NR", releasableTo: ["KOR"] } });
    await expect(nominate(t.db, JPN_PARTNER, iteration.id, participant("hidden"), NOW)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
