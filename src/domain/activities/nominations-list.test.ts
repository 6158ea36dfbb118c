import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityInput, NOW, openIteration, participant, STAFF, viewer } from "../../../test/support/activities.js";
import { answers, attendAll, conductedIteration } from "../../../test/support/feedback.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { submitFeedback } from "../feedback/feedback.js";
import { createOrganisation } from "../identity/organisations.js";
import { createActivity, findReadableActivity } from "./activities.js";
import { decideNomination, listMyNominations, listNominations, nominate } from "./nominations.js";

// Who sees which nominations across the menu, and the owner organisation's review of two-step
// iterations.

let t: TestDb;
const SCHOOL = "NATO School Oberammergau (test)";
const OWNER = viewer("school-registrar", ["hq"], null, { organisation: SCHOOL, isAlliance: true });
const OTHER_HQ = viewer("other-hq", ["hq"], null, { organisation: "Another command", isAlliance: true });
const JPN = viewer("jpn-poc", ["partner"], "JPN", { organisation: "Mission of Japan", clearanceRank: 2 });
const AUS = viewer("aus-poc", ["partner"], "AUS", { organisation: "Mission of Australia", clearanceRank: 2 });

let ownedIteration: string;
let otherIteration: string;

beforeAll(async () => {
  t = await createSeededTestDb();
  await createOrganisation(t.db, null, { name: SCHOOL, kind: "command" }, NOW);
  const owned = await openIteration(
    t.db,
    { ownerOrganisation: SCHOOL, audience: "GLOBAL" },
    { twoStep: true, seats: 1 },
  );
  const other = await openIteration(t.db, { audience: "GLOBAL" }, { seats: 5 });
  ownedIteration = owned.iteration.id;
  otherIteration = other.iteration.id;
  await nominate(t.db, JPN, ownedIteration, participant("jpn-1"), NOW);
  await nominate(t.db, JPN, ownedIteration, participant("jpn-2"), NOW);
  await nominate(t.db, AUS, ownedIteration, participant("aus-1"), NOW);
  await nominate(t.db, JPN, otherIteration, participant("jpn-3"), NOW);
  await nominate(t.db, AUS, otherIteration, participant("aus-2"), NOW);
});
afterAll(async () => t.destroy());

const emails = (rows: { email: string }[]) => rows.map((r) => r.email).sort();

describe("listMyNominations", () => {
  it("a partner sees its own nation's nominations only, with the activity and iteration", async () => {
    const rows = await listMyNominations(t.db, JPN, {}, NOW);
    expect(emails(rows)).toEqual([
      "participant.jpn-1@example.org",
      "participant.jpn-2@example.org",
      "participant.jpn-3@example.org",
    ]);
    expect(rows.every((r) => r.nation === "JPN")).toBe(true);
    const owned = rows.find((r) => r.iterationId === ownedIteration);
    expect(owned?.iteration.twoStep).toBe(true);
    expect(owned?.status).toBe("pending-owner");
  });

  it("the owner organisation sees every nation's nominations for its activities, and none of others'", async () => {
    const rows = await listMyNominations(t.db, OWNER, {}, NOW);
    expect(emails(rows)).toEqual([
      "participant.aus-1@example.org",
      "participant.jpn-1@example.org",
      "participant.jpn-2@example.org",
    ]);
    expect(await listMyNominations(t.db, OTHER_HQ, {}, NOW)).toEqual([]);
  });

  it("staff see all; filters narrow in SQL (status, nation, iteration)", async () => {
    const all = await listMyNominations(t.db, STAFF, {}, NOW);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const pending = await listMyNominations(t.db, STAFF, { status: "pending-owner", nation: "jpn" }, NOW);
    expect(emails(pending)).toEqual(["participant.jpn-1@example.org", "participant.jpn-2@example.org"]);
    const one = await listMyNominations(t.db, STAFF, { iteration: otherIteration }, NOW);
    expect(emails(one)).toEqual(["participant.aus-2@example.org", "participant.jpn-3@example.org"]);
  });

  it("carries attendance and whether feedback was given, so the partner knows what to answer", async () => {
    const { iteration, placed } = await conductedIteration(t.db, { AUS: 3 });
    const [went, gaveFeedback, absent] = placed;
    if (!went || !gaveFeedback || !absent) throw new Error("three nominations expected");
    await attendAll(t.db, iteration.id, placed, [absent.id]);
    await submitFeedback(t.db, AUS, gaveFeedback.id, { answers: answers() }, NOW);
    const rows = await listMyNominations(t.db, AUS, { iteration: iteration.id }, NOW);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(went.id)).toMatchObject({ attended: true, feedbackSubmitted: false });
    expect(byId.get(gaveFeedback.id)).toMatchObject({ attended: true, feedbackSubmitted: true });
    expect(byId.get(absent.id)).toMatchObject({ attended: false, feedbackSubmitted: false });
    const notYet = await listMyNominations(t.db, AUS, { iteration: otherIteration }, NOW);
    expect(notYet.every((r) => r.attended === null && !r.feedbackSubmitted)).toBe(true);
  });

  it("a bad filter is a VALIDATION error naming the field", async () => {
    await expect(listMyNominations(t.db, JPN, { status: "maybe" as never }, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fields: [expect.objectContaining({ field: "status" })] },
    });
  });

  it("the per-iteration list: owners see every nation, a partner its own", async () => {
    expect(await listNominations(t.db, OWNER, ownedIteration, NOW)).toHaveLength(3);
    expect(await listNominations(t.db, AUS, ownedIteration, NOW)).toHaveLength(1);
  });
});

describe("the owner's review of a two-step iteration", () => {
  it("the owner accepts into the one seat, then the next acceptance goes to the waitlist; declines free nothing", async () => {
    const pending = await listMyNominations(t.db, OWNER, { status: "pending-owner" }, NOW);
    const [first, second, third] = pending.sort((a, b) => a.email.localeCompare(b.email));
    if (!first || !second || !third) throw new Error("three pending nominations expected");
    expect((await decideNomination(t.db, OWNER, first.id, "accept", NOW)).status).toBe("confirmed");
    const waitlisted = await decideNomination(t.db, OWNER, second.id, "accept", NOW);
    expect(waitlisted).toMatchObject({ status: "waitlisted", waitlist_position: 1 });
    expect((await decideNomination(t.db, OWNER, third.id, "decline", NOW)).status).toBe("declined");
  });

  it("another command cannot decide (NOT_FOUND: it cannot see the nomination); a partner is refused", async () => {
    const { iteration } = await openIteration(
      t.db,
      { ownerOrganisation: SCHOOL, audience: "GLOBAL" },
      { twoStep: true },
    );
    const n = await nominate(t.db, JPN, iteration.id, participant("jpn-review"), NOW);
    await expect(decideNomination(t.db, OTHER_HQ, n.id, "accept", NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(decideNomination(t.db, JPN, n.id, "accept", NOW)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await decideNomination(t.db, OWNER, n.id, "accept", NOW)).status).toBe("confirmed");
  });

  it("the owner organisation sees its own activity before it is published; other non-staff do not", async () => {
    const proposed = await createActivity(
      t.db,
      STAFF,
      activityInput({ ownerOrganisation: SCHOOL, audience: "GLOBAL" }),
      NOW,
    );
    expect((await findReadableActivity(t.db, OWNER, proposed.id, NOW)).id).toBe(proposed.id);
    await expect(findReadableActivity(t.db, OTHER_HQ, proposed.id, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findReadableActivity(t.db, JPN, proposed.id, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an unknown owner organisation is a VALIDATION error naming the field", async () => {
    await expect(
      createActivity(t.db, STAFF, activityInput({ ownerOrganisation: "No such school" }), NOW),
    ).rejects.toMatchObject({ code: "VALIDATION", details: { fields: [{ field: "ownerOrganisation" }] } });
  });
});
