import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  activityInput,
  auditCount,
  iterationInput,
  JPN_PARTNER,
  NOW,
  STAFF,
  viewer,
} from "../../../test/support/activities.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { AppError } from "../../errors.js";
import { addIteration, createActivity } from "./activities.js";
import { ACTIVITY_ACTIONS, ACTIVITY_STATUSES } from "./activities.schema.js";
import { TRANSITIONS, transitionActivity } from "./lifecycle.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

async function activityIn(status: (typeof ACTIVITY_STATUSES)[number]) {
  const activity = await createActivity(t.db, STAFF, activityInput(), NOW);
  await t.db.updateTable("activity").set({ status }).where("id", "=", activity.id).execute();
  return activity;
}

describe("the activity lifecycle", () => {
  it("a new activity is proposed and its creation is audited", async () => {
    const before = await auditCount(t.db);
    const activity = await createActivity(t.db, STAFF, activityInput({ areas: ["cyber-defence"] }), NOW);
    expect(activity.status).toBe("proposed");
    expect(await auditCount(t.db)).toBe(before + 1);
    const areas = await t.db.selectFrom("activity_area").selectAll().where("activity_id", "=", activity.id).execute();
    expect(areas.map((a) => a.area_code)).toEqual(["cyber-defence"]);
  });

  it("walks the whole happy path from proposed to archived", async () => {
    const activity = await createActivity(t.db, STAFF, activityInput(), NOW);
    const path = [
      "approve",
      "publish",
      "open-nominations",
      "close-nominations",
      "conduct",
      "collect-feedback",
      "archive",
    ];
    for (const action of path) {
      const moved = await transitionActivity(t.db, STAFF, activity.id, action as keyof typeof TRANSITIONS, NOW);
      expect(moved.status).toBe(TRANSITIONS[action as keyof typeof TRANSITIONS].to);
    }
    const row = await t.db.selectFrom("activity").select("status").where("id", "=", activity.id).executeTakeFirst();
    expect(row?.status).toBe("archived");
  });

  it("every (state, action) pair: legal ones move and write exactly one audit event, illegal ones are INVALID_STATE", async () => {
    let legal = 0;
    let illegal = 0;
    for (const status of ACTIVITY_STATUSES) {
      for (const action of ACTIVITY_ACTIONS) {
        const activity = await activityIn(status);
        const before = await auditCount(t.db);
        const transition = TRANSITIONS[action];
        if (transition.from.includes(status)) {
          legal += 1;
          const moved = await transitionActivity(t.db, STAFF, activity.id, action, NOW);
          expect(moved.status).toBe(transition.to);
          expect(await auditCount(t.db)).toBe(before + 1);
          const events = await t.db
            .selectFrom("audit_event")
            .selectAll()
            .where("object_id", "=", activity.id)
            .where("action", "=", `activity.${action}`)
            .execute();
          expect(events).toHaveLength(1);
          expect(JSON.parse(events[0]?.details ?? "{}")).toMatchObject({ from: status, to: transition.to });
        } else {
          illegal += 1;
          const error = (await transitionActivity(t.db, STAFF, activity.id, action, NOW).catch((e) => e)) as AppError;
          expect(error.code, `${action} from ${status}`).toBe("INVALID_STATE");
          expect(error.message).toContain(`it is ${status}`);
          expect(error.message).toContain(action);
          expect(await auditCount(t.db)).toBe(before);
          const row = await t.db
            .selectFrom("activity")
            .select("status")
            .where("id", "=", activity.id)
            .executeTakeFirst();
          expect(row?.status).toBe(status);
        }
      }
    }
    expect(legal).toBe(12); // 7 forward moves + cancel from the 5 states before conducted
    expect(illegal).toBe(ACTIVITY_STATUSES.length * ACTIVITY_ACTIONS.length - 12);
  });

  it("cancel applies to every state before conducted and to none after", () => {
    expect(TRANSITIONS.cancel.from).toEqual([
      "proposed",
      "approved",
      "published",
      "nominations-open",
      "nominations-closed",
    ]);
  });

  it("a partner cannot move an activity it sees (FORBIDDEN, audited as denied)", async () => {
    const activity = await activityIn("published");
    const before = await auditCount(t.db);
    await expect(transitionActivity(t.db, JPN_PARTNER, activity.id, "open-nominations", NOW)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await auditCount(t.db)).toBe(before + 1);
    const row = await t.db.selectFrom("activity").select("status").where("id", "=", activity.id).executeTakeFirst();
    expect(row?.status).toBe("published");
  });

  it("a proposed activity does not exist for a partner: moving it is NOT_FOUND, like a missing one", async () => {
    const activity = await activityIn("proposed");
    await expect(transitionActivity(t.db, JPN_PARTNER, activity.id, "approve", NOW)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("two concurrent identical moves: one succeeds, the other is INVALID_STATE", async () => {
    const activity = await activityIn("proposed");
    const results = await Promise.allSettled([
      transitionActivity(t.db, STAFF, activity.id, "approve", NOW),
      transitionActivity(t.db, STAFF, activity.id, "approve", NOW),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.map((r) => (r.reason as AppError).code)).toEqual(["INVALID_STATE"]);
  });

  it("an unknown activity is NOT_FOUND", async () => {
    await expect(transitionActivity(t.db, STAFF, "no-such-activity", "approve", NOW)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("an activity labelled NR releasable to KOR is NOT_FOUND to a JPN viewer, and found by a KOR one", async () => {
    const activity = await createActivity(
      t.db,
      STAFF,
      activityInput({ label: { classification: "NR", releasableTo: ["KOR"] } }),
      NOW,
    );
    const jpnStaff = viewer("jpn-staff", ["staff"], "JPN", { isAlliance: false, clearanceRank: 4 });
    await expect(transitionActivity(t.db, jpnStaff, activity.id, "approve", NOW)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(addIteration(t.db, jpnStaff, activity.id, iterationInput(), NOW)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const korStaff = viewer("kor-staff", ["staff"], "KOR", { isAlliance: false, clearanceRank: 2 });
    expect((await transitionActivity(t.db, korStaff, activity.id, "approve", NOW)).status).toBe("approved");
  });

  it("creation: strict input, known audience, staff only, unique reference", async () => {
    await expect(
      createActivity(t.db, STAFF, { ...activityInput(), colour: "blue" } as never, NOW),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(createActivity(t.db, STAFF, activityInput({ audience: "PFP, NOPE" }), NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      message: expect.stringContaining("audience"),
    });
    await expect(createActivity(t.db, JPN_PARTNER, activityInput(), NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const first = await createActivity(t.db, STAFF, activityInput(), NOW);
    await expect(createActivity(t.db, STAFF, activityInput({ reference: first.reference }), NOW)).rejects.toMatchObject(
      { code: "CONFLICT" },
    );
  });
});
