import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityInput, iterationInput, STAFF } from "../../../test/support/activities.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { addIteration, createActivity } from "../activities/activities.js";
import { transitionActivity } from "../activities/lifecycle.js";
import { nominate } from "../activities/nominations.js";
import { createOrganisation } from "../identity/organisations.js";
import { createUser, viewerOf } from "../identity/users.js";
import type { Viewer } from "../labels/viewer.js";
import { listNotifications, markNotificationRead } from "./notifications.js";

// Publication invites the points of contact of the nations the activity is open to (and who may
// read its label); cancellation tells everyone nominated and their points of contact.

const NOW = new Date("2026-11-28T09:00:00Z");
let t: TestDb;
const users: Record<string, Viewer> = {};

async function user(key: string, nation: string, clearance: "NU" | "NR", isPointOfContact: boolean) {
  const org =
    (await t.db.selectFrom("organisation").select("id").where("name", "=", `Mission ${nation}`).executeTakeFirst()) ??
    (await createOrganisation(t.db, null, { name: `Mission ${nation}`, kind: "mission", nation }, NOW));
  const created = await createUser(
    t.db,
    null,
    {
      username: key,
      displayName: key,
      organisationId: org.id,
      clearance,
      roles: ["partner"],
      isPointOfContact,
      password: "correct horse battery staple 2026",
    },
    NOW,
  );
  users[key] = viewerOf(created);
}

beforeAll(async () => {
  t = await createSeededTestDb();
  await user("jpn.poc", "JPN", "NR", true);
  await user("jpn.officer", "JPN", "NR", false);
  await user("jpn.poc.nu", "JPN", "NU", true);
  await user("geo.poc", "GEO", "NR", true);
  await user("chn.poc", "CHN", "NR", true);
}, 60_000);
afterAll(async () => t.destroy());

const GLOBAL_AUDIENCE = "NATO, PFP, MD, ICI, GLOBAL";

async function publish(label: { classification: "NU" | "NR"; releasableTo: string[] }) {
  const activity = await createActivity(t.db, STAFF, activityInput({ audience: GLOBAL_AUDIENCE, label }), NOW);
  const iteration = await addIteration(
    t.db,
    STAFF,
    activity.id,
    iterationInput({ startDate: "2027-06-01", endDate: "2027-06-03", nominationDeadline: "2027-05-01" }),
    NOW,
  );
  for (const action of ["approve", "publish"] as const) await transitionActivity(t.db, STAFF, activity.id, action, NOW);
  return { activity, iteration };
}

async function recipientsOf(activityId: string, kind: string) {
  const rows = await t.db
    .selectFrom("notification")
    .leftJoin("app_user", "app_user.id", "notification.recipient_user_id")
    .select(["app_user.username", "notification.recipient_email"])
    .where("subject_id", "=", activityId)
    .where("kind", "=", kind as never)
    .execute();
  return rows.map((r) => r.username ?? r.recipient_email).sort();
}

describe("invitations on publication", () => {
  it("go to the points of contact of nations the activity is open to, and to nobody else", async () => {
    const { activity } = await publish({ classification: "NU", releasableTo: ["EAPC", "MD", "ICI", "GLOBAL"] });
    // CHN is in no framework: not open. The non-POC officer gets nothing.
    expect(await recipientsOf(activity.id, "activity-invitation")).toEqual(["geo.poc", "jpn.poc", "jpn.poc.nu"]);
    const audit = await t.db
      .selectFrom("audit_event")
      .select("details")
      .where("object_id", "=", activity.id)
      .where("action", "=", "activity.publish")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.details))).toMatchObject({ notices: 3 });
  });

  it("skip whoever may not read the label (nation not releasable, clearance too low)", async () => {
    const { activity } = await publish({ classification: "NR", releasableTo: ["GLOBAL"] });
    expect(await recipientsOf(activity.id, "activity-invitation")).toEqual(["jpn.poc"]);
  });

  it("are not sent by other transitions", async () => {
    const { activity } = await publish({ classification: "NU", releasableTo: ["GLOBAL"] });
    await transitionActivity(t.db, STAFF, activity.id, "open-nominations", NOW);
    expect(await recipientsOf(activity.id, "activity-invitation")).toEqual(["jpn.poc", "jpn.poc.nu"]);
  });
});

describe("notice of cancellation", () => {
  it("goes to every nominated participant by e-mail and to their nations' points of contact", async () => {
    const { activity, iteration } = await publish({ classification: "NU", releasableTo: ["EAPC", "GLOBAL"] });
    await transitionActivity(t.db, STAFF, activity.id, "open-nominations", NOW);
    const participant = { rank: "Major", clearance: "NR" as const, languageLevel: 3 };
    await nominate(
      t.db,
      users["jpn.poc"] as Viewer,
      iteration.id,
      { ...participant, name: "A", email: "A@jp.example" },
      NOW,
    );
    await nominate(
      t.db,
      users["jpn.poc"] as Viewer,
      iteration.id,
      { ...participant, name: "B", email: "b@jp.example" },
      NOW,
    );
    const withdrawn = await nominate(
      t.db,
      users["geo.poc"] as Viewer,
      iteration.id,
      { ...participant, name: "C", email: "c@ge.example" },
      NOW,
    );
    await t.db.updateTable("nomination").set({ status: "withdrawn" }).where("id", "=", withdrawn.id).execute();
    await t.db.updateTable("iteration").set({ confirmed_count: 2 }).where("id", "=", iteration.id).execute();
    await transitionActivity(t.db, STAFF, activity.id, "cancel", NOW);
    // The withdrawn Georgian nomination is not active: neither it nor Georgia's POC hears.
    expect(await recipientsOf(activity.id, "activity-cancelled")).toEqual([
      "a@jp.example",
      "b@jp.example",
      "jpn.poc",
      "jpn.poc.nu",
    ]);
  });
});

describe("the inbox", () => {
  it("lists the viewer's own notices, counts the unread, and marks one read (idempotent)", async () => {
    const poc = users["jpn.poc"] as Viewer;
    const inbox = await listNotifications(t.db, poc, {}, NOW);
    expect(inbox.notifications.length).toBeGreaterThanOrEqual(4);
    expect(inbox.unreadCount).toBe(inbox.notifications.length);
    const first = inbox.notifications[0];
    if (!first) throw new Error("a notice expected");
    await markNotificationRead(t.db, poc, first.id, NOW);
    await markNotificationRead(t.db, poc, first.id, NOW);
    const after = await listNotifications(t.db, poc, { unread: true }, NOW);
    expect(after.unreadCount).toBe(inbox.unreadCount - 1);
    expect(after.notifications.map((n) => n.id)).not.toContain(first.id);
    const reads = await t.db
      .selectFrom("audit_event")
      .select("seq")
      .where("action", "=", "notification.read")
      .where("object_id", "=", first.id)
      .execute();
    expect(reads).toHaveLength(1);
  });

  it("someone else's notice is NOT_FOUND; the officer's inbox is empty; a bad filter names the field", async () => {
    const theirs = (await listNotifications(t.db, users["jpn.poc"] as Viewer, {}, NOW)).notifications[0];
    if (!theirs) throw new Error("a notice expected");
    await expect(markNotificationRead(t.db, users["geo.poc"] as Viewer, theirs.id, NOW)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listNotifications(t.db, users["jpn.officer"] as Viewer, {}, NOW)).notifications).toEqual([]);
    await expect(listNotifications(t.db, users["jpn.poc"] as Viewer, { limit: 0 }, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fields: [expect.objectContaining({ field: "limit" })] },
    });
  });
});
