import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRequestDecision, openRequestDecision } from "../../../test/support/access-requests.js";
import { NOW, openIteration, STAFF, viewer } from "../../../test/support/activities.js";
import { codeOf, errorOf, insertUser } from "../../../test/support/feedback.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { Activity } from "../activities/activities.js";
import type { Viewer } from "../labels/viewer.js";
import { fileAccessRequest, withdrawAccessRequest } from "./access-requests.js";
import { accessRequestDecisionHooks } from "./decision-effects.js";
import { getAccessRequest, listAccessRequests } from "./list-access-requests.js";

const APPROVED = "NATO, PfP, MD, ICI and other nations as approved";
const USA_DELEGATION = viewer("usa", ["delegation"], "USA", { clearanceRank: 2 });
const KOR = viewer("kor", ["partner"], "KOR", { clearanceRank: 2 });
const GEO = viewer("geo", ["partner"], "GEO", { clearanceRank: 2 });
const DECIDED = new Date("2012-04-20T16:00:00Z");

let t: TestDb;
let chn: Viewer;
let chn2: Viewer;
let ind: Viewer;
let approved: Activity;
let partnersOnly: Activity;
let hidden: Activity;
let contactEra: Activity;

beforeAll(async () => {
  t = await createSeededTestDb();
  chn = await insertUser(t.db, "chn-mission", "CHN", ["partner"]);
  chn2 = await insertUser(t.db, "chn-colleague", "CHN", ["partner"]);
  ind = await insertUser(t.db, "ind-mission", "IND", ["partner"]);
  await insertUser(t.db, "kor-mission", "KOR", ["partner"]);
  approved = (await openIteration(t.db, { audience: APPROVED, title: "Counter-piracy workshop" })).activity;
  partnersOnly = (await openIteration(t.db, { audience: "PFP, MD, ICI" })).activity;
  hidden = (
    await openIteration(t.db, {
      audience: APPROVED,
      label: { classification: "NU", releasableTo: ["NATO"] },
    })
  ).activity;
  // Its only iteration is past on NOW: judged on it (2010), when Japan was a Contact Country.
  contactEra = (
    await openIteration(
      t.db,
      { audience: "PFP, MD, ICI" },
      { startDate: "2010-06-01", endDate: "2010-06-03", nominationDeadline: "2010-05-01" },
    )
  ).activity;
}, 60_000);
afterAll(async () => t.destroy());

async function requestRow(id: string) {
  return t.db.selectFrom("access_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function noticesFor(requestId: string) {
  return t.db
    .selectFrom("notification")
    .select(["recipient_user_id", "kind", "title", "label_id"])
    .where("subject_type", "=", "access-request")
    .where("subject_id", "=", requestId)
    .orderBy("recipient_user_id")
    .execute();
}

describe("filing an access request", () => {
  it("files one when the policy engine answers 'needs Council approval', labelled for the nation and NATO", async () => {
    const created = await fileAccessRequest(t.db, chn, { activityId: approved.id, reason: "  Counter-piracy  " }, NOW);
    expect(created).toMatchObject({
      nation: { code: "CHN", name: "People's Republic of China" },
      activity: { id: approved.id, reference: approved.reference, title: "Counter-piracy workshop" },
      reason: "Counter-piracy",
      status: "requested",
      decision: null,
      decidedAt: null,
      canWithdraw: true,
    });
    expect(created.marking).toBe("NATO UNCLASSIFIED // RELEASABLE TO NATO, CHN");
    const audit = await t.db
      .selectFrom("audit_event")
      .select(["action", "actor_user_id"])
      .where("object_id", "=", created.id)
      .execute();
    expect(audit).toEqual([{ action: "access-request.create", actor_user_id: chn.userId }]);
  });

  it("judges the audience on the latest iteration when none is to come: Japan as a Contact Country in 2010", async () => {
    const jpn = viewer("jpn-ar", ["partner"], "JPN", { clearanceRank: 2 });
    const created = await fileAccessRequest(t.db, jpn, { activityId: contactEra.id, reason: "Interoperability" }, NOW);
    expect(created.status).toBe("requested");
    const open = await errorOf(
      fileAccessRequest(t.db, jpn, { activityId: partnersOnly.id, reason: "Interoperability" }, NOW),
    );
    expect(open.code).toBe("INVALID_STATE");
    expect(open.message).toMatch(new RegExp(`^Activity ${partnersOnly.reference} is already open to JPN: JPN on `));
  });

  it("refuses an activity already open to the nation, and one no Council decision can open", async () => {
    const open = await errorOf(fileAccessRequest(t.db, GEO, { activityId: partnersOnly.id, reason: "x" }, NOW));
    expect(open.code).toBe("INVALID_STATE");
    expect(open.message).toContain(
      `Activity ${partnersOnly.reference} is already open to GEO: GEO on 2012-06-01: open`,
    );
    const closed = await errorOf(fileAccessRequest(t.db, chn, { activityId: partnersOnly.id, reason: "x" }, NOW));
    expect(closed.code).toBe("INVALID_STATE");
    expect(closed.message).toContain(
      `Activity ${partnersOnly.reference} is not open to CHN, and no Council decision can open it under the rules in force on 2012-06-01`,
    );
  });

  it("one live request per nation and activity: CONFLICT", async () => {
    const again = await errorOf(fileAccessRequest(t.db, chn2, { activityId: approved.id, reason: "again" }, NOW));
    expect(again.code).toBe("CONFLICT");
  });

  it("an activity the requester may not read is NOT_FOUND, like a missing one", async () => {
    expect(await codeOf(fileAccessRequest(t.db, chn, { activityId: hidden.id, reason: "x" }, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(fileAccessRequest(t.db, chn, { activityId: "nope", reason: "x" }, NOW))).toBe("NOT_FOUND");
  });

  it("a partner files for its own nation only (FORBIDDEN); staff name the nation (VALIDATION without one)", async () => {
    const other = await errorOf(
      fileAccessRequest(t.db, chn, { activityId: approved.id, nation: "IND", reason: "x" }, NOW),
    );
    expect(other.code).toBe("FORBIDDEN");
    expect(other.message).toBe("You can request access for CHN only");
    const unnamed = await errorOf(fileAccessRequest(t.db, STAFF, { activityId: approved.id, reason: "x" }, NOW));
    expect(unnamed.code).toBe("VALIDATION");
    expect(unnamed.details?.fields).toEqual([{ field: "nation", message: "is required when staff file a request" }]);
    expect(
      await codeOf(fileAccessRequest(t.db, STAFF, { activityId: approved.id, nation: "XXX", reason: "x" }, NOW)),
    ).toBe("VALIDATION");
    expect(await codeOf(fileAccessRequest(t.db, USA_DELEGATION, { activityId: approved.id, reason: "x" }, NOW))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(fileAccessRequest(t.db, STAFF, { activityId: approved.id, nation: "IND", reason: "" }, NOW)),
    ).toBe("VALIDATION");
    const forIndia = await fileAccessRequest(
      t.db,
      STAFF,
      { activityId: approved.id, nation: "IND", reason: "Staff filed" },
      NOW,
    );
    expect(forIndia.nation.code).toBe("IND");
  });
});

describe("who sees and withdraws access requests", () => {
  it("partners see their own nation's, staff all, Allies' delegations what the labels release", async () => {
    const nations = async (v: Viewer, query = {}) =>
      (await listAccessRequests(t.db, v, query, NOW)).requests.map((r) => `${r.nation.code}:${r.activity.reference}`);
    expect(await nations(chn)).toEqual([`CHN:${approved.reference}`]);
    expect(await nations(ind)).toEqual([`IND:${approved.reference}`]);
    expect(await nations(KOR)).toEqual([]);
    const all = await listAccessRequests(t.db, STAFF, {}, NOW);
    expect(all.total).toBe(3);
    expect(all.requests.map((r) => r.nation.code).sort()).toEqual(["CHN", "IND", "JPN"]);
    expect((await listAccessRequests(t.db, USA_DELEGATION, {}, NOW)).total).toBe(3);
    expect(await nations(STAFF, { nation: "IND" })).toEqual([`IND:${approved.reference}`]);
    expect((await listAccessRequests(t.db, STAFF, { activityId: approved.id, limit: 1 }, NOW)).total).toBe(2);
    expect((await listAccessRequests(t.db, STAFF, { activityId: approved.id, limit: 1 }, NOW)).requests).toHaveLength(
      1,
    );
    expect((await listAccessRequests(t.db, STAFF, { status: "granted" }, NOW)).total).toBe(0);
    expect(await codeOf(listAccessRequests(t.db, STAFF, { limit: 0 }, NOW))).toBe("VALIDATION");
  });

  it("another partner cannot get or withdraw a request (NOT_FOUND); a delegation may read but not withdraw", async () => {
    const [mine] = (await listAccessRequests(t.db, ind, {}, NOW)).requests;
    if (!mine) throw new Error("no request");
    expect(await codeOf(getAccessRequest(t.db, chn, mine.id, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(withdrawAccessRequest(t.db, KOR, mine.id, NOW))).toBe("NOT_FOUND");
    const read = await getAccessRequest(t.db, USA_DELEGATION, mine.id, NOW);
    expect(read.canWithdraw).toBe(false);
    expect(await codeOf(withdrawAccessRequest(t.db, USA_DELEGATION, mine.id, NOW))).toBe("FORBIDDEN");
    const withdrawn = await withdrawAccessRequest(t.db, ind, mine.id, NOW);
    expect(withdrawn.status).toBe("withdrawn");
    expect(withdrawn.canWithdraw).toBe(false);
    const again = await errorOf(withdrawAccessRequest(t.db, ind, mine.id, NOW));
    expect(again.code).toBe("INVALID_STATE");
    expect(again.message).toContain("it is withdrawn, and only a request that is requested can be withdrawn");
    // Withdrawn is not live: India may ask again.
    const renewed = await fileAccessRequest(t.db, ind, { activityId: approved.id, reason: "Renewed" }, NOW);
    expect(renewed.status).toBe("requested");
  });
});

describe("the Council's decision moves the request (subject hooks)", () => {
  it("open: NOT_FOUND for a missing request; INVALID_STATE unless requested", async () => {
    expect(await codeOf(openRequestDecision(t.db, "missing", NOW))).toBe("NOT_FOUND");
    const withdrawn = await t.db
      .selectFrom("access_request")
      .select("id")
      .where("status", "=", "withdrawn")
      .executeTakeFirstOrThrow();
    expect(await codeOf(openRequestDecision(t.db, withdrawn.id, NOW))).toBe("INVALID_STATE");
  });

  it("silence broken returns it to requested; adopted grants it and tells the nation's users", async () => {
    const [request] = (await listAccessRequests(t.db, chn, {}, NOW)).requests;
    if (!request) throw new Error("no request");
    const first = await openRequestDecision(t.db, request.id, NOW, STAFF);
    expect(await requestRow(request.id)).toMatchObject({ status: "in-decision", decision_id: first.id });
    const title = await accessRequestDecisionHooks.title(t.db, request.id);
    expect(title).toBe(`Access for People's Republic of China to ${approved.reference} Counter-piracy workshop`);
    const decisionRow = await t.db.selectFrom("decision").select("title").where("id", "=", first.id).executeTakeFirst();
    expect(decisionRow?.title).toBe(title);
    // A second decision on a request already before the Council (hook called directly: the
    // decision table's own index refuses a second open procedure on one subject first).
    const second0 = { ...first.info, id: "another", reference: "C-M(2012)9999" };
    expect(
      await codeOf(
        t.db.transaction().execute((trx) => accessRequestDecisionHooks.open(trx, request.id, second0, STAFF, NOW)),
      ),
    ).toBe("INVALID_STATE");
    expect(await codeOf(withdrawAccessRequest(t.db, chn, request.id, NOW))).toBe("INVALID_STATE");

    expect(await closeRequestDecision(t.db, request.id, first, "silence-broken", NOW)).toBe(0);
    expect(await requestRow(request.id)).toMatchObject({
      status: "requested",
      decision_id: first.id,
      decided_at: null,
    });
    expect((await getAccessRequest(t.db, chn, request.id, NOW)).decision).toMatchObject({
      id: first.id,
      status: "silence-broken",
    });

    const second = await openRequestDecision(t.db, request.id, NOW, STAFF);
    expect(await closeRequestDecision(t.db, request.id, second, "adopted", DECIDED)).toBe(2);
    expect(await requestRow(request.id)).toMatchObject({
      status: "granted",
      decision_id: second.id,
      decided_at: DECIDED.toISOString(),
    });
    const notices = await noticesFor(request.id);
    expect(notices.map((n) => n.recipient_user_id).sort()).toEqual([chn.userId, chn2.userId].sort());
    expect(notices.every((n) => n.kind === "access-request-decided")).toBe(true);
    expect(notices[0]?.title).toBe(`${title}: granted`);
    expect(notices[0]?.label_id).toBe((await requestRow(request.id)).label_id);
    // The nation's users read it in their inbox (the label is releasable to CHN).
    const actions = await t.db
      .selectFrom("audit_event")
      .select("action")
      .where("object_id", "=", request.id)
      .orderBy("seq")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "access-request.create",
      "access-request.in-decision",
      "access-request.returned",
      "access-request.in-decision",
      "access-request.granted",
    ]);
    // Granted is live: no second request.
    expect(await codeOf(fileAccessRequest(t.db, chn2, { activityId: approved.id, reason: "x" }, NOW))).toBe(
      "INVALID_STATE",
    );
  });

  it("not adopted refuses it; withdrawn returns it; closing a request not before this decision is INVALID_STATE", async () => {
    const [request] = (await listAccessRequests(t.db, ind, { status: "requested" }, NOW)).requests;
    if (!request) throw new Error("no request");
    const withdrawnDecision = await openRequestDecision(t.db, request.id, NOW);
    expect(await closeRequestDecision(t.db, request.id, withdrawnDecision, "withdrawn", NOW)).toBe(0);
    expect((await requestRow(request.id)).status).toBe("requested");
    expect(await codeOf(closeRequestDecision(t.db, request.id, withdrawnDecision, "adopted", NOW))).toBe(
      "INVALID_STATE",
    );
    const decision = await openRequestDecision(t.db, request.id, NOW);
    expect(await closeRequestDecision(t.db, request.id, decision, "not-adopted", DECIDED)).toBe(1);
    expect(await requestRow(request.id)).toMatchObject({ status: "refused", decided_at: DECIDED.toISOString() });
    const notices = await noticesFor(request.id);
    expect(notices.map((n) => [n.recipient_user_id, n.title])).toEqual([
      [ind.userId, `Access for India to ${approved.reference} Counter-piracy workshop: refused`],
    ]);
    expect(await accessRequestDecisionHooks.title(t.db, "missing")).toBeNull();
  });
});
