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
import { addIteration } from "./activities.js";
import { cancelIteration, transitionActivity } from "./lifecycle.js";
import { decideNomination, nominate } from "./nominations.js";
import { getActivity } from "./search.js";

// One run of an activity can be cancelled while the others go on.

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const AUS = viewer("aus", ["partner"], "AUS", { clearanceRank: 2 });

describe("cancelling one iteration", () => {
  it("stops nominations for it, tells those nominated, and leaves the other run open", async () => {
    const { activity, iteration } = await openIteration(t.db, { audience: "GLOBAL" });
    const other = await addIteration(
      t.db,
      STAFF,
      activity.id,
      {
        code: "LATER",
        startDate: "2012-09-03",
        endDate: "2012-09-07",
        city: "Rome",
        countryCode: "ITA",
        seats: 10,
        nominationDeadline: "2012-08-01",
      },
      NOW,
    );
    await nominate(t.db, JPN_PARTNER, iteration.id, participant("cancel-1"), NOW);
    await nominate(t.db, AUS, iteration.id, participant("cancel-2"), NOW);
    const before = await auditCount(t.db);

    const cancelled = await cancelIteration(t.db, STAFF, iteration.id, NOW);
    expect(cancelled.status).toBe("cancelled");
    expect(await auditCount(t.db)).toBe(before + 1);
    const notices = await t.db
      .selectFrom("notification")
      .select(["recipient_email", "title"])
      .where("subject_id", "=", activity.id)
      .where("kind", "=", "activity-cancelled")
      .execute();
    expect(notices.map((n) => n.recipient_email).sort()).toEqual([
      "participant.cancel-1@example.org",
      "participant.cancel-2@example.org",
    ]);
    expect(notices[0]?.title).toContain(`iteration ${iteration.code} is cancelled`);

    await expect(nominate(t.db, JPN_PARTNER, iteration.id, participant("cancel-3"), NOW)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("cancelled"),
    });
    expect((await nominate(t.db, JPN_PARTNER, other.id, participant("cancel-4"), NOW)).status).toBe("confirmed");
    const page = await getActivity(t.db, JPN_PARTNER, activity.id, "2012-04-01");
    expect(page.status).toBe("nominations-open");
    expect(page.iterations.map((i) => [i.code, i.status])).toEqual([
      [iteration.code, "cancelled"],
      ["LATER", "scheduled"],
    ]);
  });

  it("the owner can no longer accept a nomination of a cancelled two-step iteration", async () => {
    const { iteration } = await openIteration(t.db, { audience: "GLOBAL" }, { twoStep: true });
    const pending = await nominate(t.db, JPN_PARTNER, iteration.id, participant("cancel-two-step"), NOW);
    await cancelIteration(t.db, STAFF, iteration.id, NOW);
    await expect(decideNomination(t.db, STAFF, pending.id, "accept", NOW)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    const row = await t.db
      .selectFrom("iteration")
      .select("confirmed_count")
      .where("id", "=", iteration.id)
      .executeTakeFirst();
    expect(row?.confirmed_count).toBe(0);
  });

  it("twice is INVALID_STATE; a partner is refused (audited); after the activity is conducted it is INVALID_STATE", async () => {
    const { iteration } = await openIteration(t.db);
    await cancelIteration(t.db, STAFF, iteration.id, NOW);
    await expect(cancelIteration(t.db, STAFF, iteration.id, NOW)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const before = await auditCount(t.db);
    await expect(cancelIteration(t.db, JPN_PARTNER, iteration.id, NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await auditCount(t.db)).toBe(before + 1);

    const done = await openIteration(t.db);
    for (const action of ["close-nominations", "conduct"] as const) {
      await transitionActivity(t.db, STAFF, done.activity.id, action, NOW);
    }
    await expect(cancelIteration(t.db, STAFF, done.iteration.id, NOW)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });
});
