import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clearAccessRequests,
  grantRequest,
  insertDecidedRequest,
  type TestDecision,
} from "../../../test/support/access-requests.js";
import { NOW, openIteration, participant, STAFF, viewer } from "../../../test/support/activities.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { fileAccessRequest } from "../access-requests/access-requests.js";
import type { Activity } from "../activities/activities.js";
import { nominate } from "../activities/nominations.js";
import { getActivity, listActivities } from "../activities/search.js";
import { openToNationDecider } from "../calendar/feeds.js";
import { decideAccess, newAccessMemo } from "./access.js";

// "An access request granted by the Council changes the policy engine's answer for exactly that
// nation and activity" (issue 5): the engine, the nomination check, the activity page, the
// "open to my nation" filter and the calendar feed all see the grant, and nothing else does.

const APPROVED = "NATO, PfP, MD, ICI and other nations as approved";
const START = "2012-06-01";
const GRANTED_AT = new Date("2012-04-02T15:30:00Z");
const LATER = new Date("2012-04-05T09:00:00Z");
const CHN = viewer("chn", ["partner"], "CHN", { clearanceRank: 1 });

let t: TestDb;
let a: Activity;
let b: Activity;
let aIteration: string;
let decision: TestDecision;

beforeAll(async () => {
  t = await createSeededTestDb();
  const first = await openIteration(t.db, { audience: APPROVED }, { startDate: START, endDate: "2012-06-05" });
  const second = await openIteration(t.db, { audience: APPROVED }, { startDate: START, endDate: "2012-06-05" });
  a = first.activity;
  b = second.activity;
  aIteration = first.iteration.id;
}, 60_000);
afterAll(async () => t.destroy());

const decide = (partner: string, activity: Activity) =>
  decideAccess(t.db, { partner, audience: APPROVED, date: START, activityId: activity.id });

describe("a Council grant opens exactly one nation's access to exactly one activity", () => {
  it("before the grant: needs Council approval, and the nomination is refused", async () => {
    const before = await decide("CHN", a);
    expect(before.outcome).toBe("council-approval");
    expect(before.councilDecision).toBeNull();
    expect(before.rule?.id).toBe("other-nations-as-approved");
    await expect(nominate(t.db, STAFF, aIteration, participant("chn-0", { nation: "CHN" }), NOW)).rejects.toMatchObject(
      { code: "INVALID_STATE" },
    );
  });

  it("after the grant: open by the Council's decision, with its date and reference", async () => {
    const request = await fileAccessRequest(
      t.db,
      CHN,
      { activityId: a.id, reason: "Counter-piracy cooperation off the Horn of Africa" },
      NOW,
    );
    decision = await grantRequest(t.db, request.id, GRANTED_AT);
    const byRules = await decideAccess(t.db, { partner: "CHN", audience: APPROVED, date: START });
    const after = await decide("CHN", a);
    expect(after.outcome).toBe("open");
    expect(after.councilDecision).toEqual({ id: decision.id, reference: decision.reference, date: "2012-04-02" });
    expect(after.rule?.id).toBe("other-nations-as-approved");
    const rest = byRules.explanation.slice(`CHN on ${START}: needs Council approval: `.length);
    expect(after.explanation).toBe(
      `CHN on ${START}: open (by Council decision of 2012-04-02, ref ${decision.reference}): ${rest}`,
    );
    expect(rest).toBe(
      "CHN is a country in dialogue with NATO without a formal programme (since 2011-04-15); activity audience NATO,PFP,MD,ICI,APPROVED; rule 'Other nations as approved' (1994-01-10 onwards)",
    );
  });

  it("another activity with the same audience, and another nation, still need Council approval", async () => {
    const other = await decide("CHN", b);
    expect(other.outcome).toBe("council-approval");
    expect(other.councilDecision).toBeNull();
    const india = await decide("IND", a);
    expect(india.outcome).toBe("council-approval");
    expect(india.councilDecision).toBeNull();
    // Without the activity the engine answers by the rules alone.
    const plain = await decideAccess(t.db, { partner: "CHN", audience: APPROVED, date: START });
    expect(plain.outcome).toBe("council-approval");
  });

  it("the nomination check accepts China on A and still refuses India", async () => {
    const accepted = await nominate(t.db, STAFF, aIteration, participant("chn-1", { nation: "CHN" }), LATER);
    expect(accepted.nation_code).toBe("CHN");
    expect(accepted.status).toBe("confirmed");
    const refused = nominate(t.db, STAFF, aIteration, participant("ind-1", { nation: "IND" }), LATER);
    await expect(refused).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(refused).rejects.toThrow(/without a Council approval/);
  });

  it("the 'open to my nation' filter for a Chinese viewer includes A and not B", async () => {
    const page = await listActivities(t.db, CHN, { openToMe: true }, "2012-04-05");
    const references = page.activities.map((x) => x.reference);
    expect(references).toContain(a.reference);
    expect(references).not.toContain(b.reference);
    expect(page.activities.find((x) => x.id === a.id)?.openToMyNation?.outcome).toBe("open");
    const india = await listActivities(t.db, viewer("ind", ["partner"], "IND"), { openToMe: true }, "2012-04-05");
    expect(india.activities.map((x) => x.reference)).not.toContain(a.reference);
  });

  it("the activity page and the calendar feed answer per activity", async () => {
    const pageA = await getActivity(t.db, CHN, a.id, "2012-04-05");
    expect(pageA.iterations.map((it) => it.access?.outcome)).toEqual(["open"]);
    expect(pageA.iterations[0]?.access?.explanation).toContain(
      `open (by Council decision of 2012-04-02, ref ${decision.reference})`,
    );
    const pageB = await getActivity(t.db, CHN, b.id, "2012-04-05");
    expect(pageB.iterations.map((it) => it.access?.outcome)).toEqual(["council-approval"]);
    const feed = await openToNationDecider(t.db, "CHN");
    expect(await feed(APPROVED, START, a.id)).toBe(true);
    expect(await feed(APPROVED, START, b.id)).toBe(false);
    expect(await feed(APPROVED, START)).toBe(false);
    const indiaFeed = await openToNationDecider(t.db, "IND");
    expect(await indiaFeed(APPROVED, START, a.id)).toBe(false);
  });
});

describe("property: open by decision exactly for the granted pairs the rules leave to the Council", () => {
  const NATIONS = ["CHN", "IND", "JPN", "GEO", "USA"];
  const AUDIENCES = [APPROVED, "PFP, MD, ICI", "NATO"];
  const DATES = ["2010-06-01", "2012-06-01"];
  const STATES = ["none", "granted", "refused", "requested"] as const;

  it("holds for random sets of grants over nations × activities", async () => {
    const activities: Activity[] = [];
    for (const audience of AUDIENCES) activities.push((await openIteration(t.db, { audience })).activity);
    const pairs = NATIONS.flatMap((nation) => activities.map((activity) => ({ nation, activity })));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...STATES), { minLength: pairs.length, maxLength: pairs.length }),
        fc.constantFrom(...DATES),
        async (states, date) => {
          await clearAccessRequests(t.db);
          const grants = new Map<string, { id: string; reference: string; date: string }>();
          for (const [i, pair] of pairs.entries()) {
            const state = states[i] ?? "none";
            if (state === "none") continue;
            const made = await insertDecidedRequest(
              t.db,
              pair.nation,
              pair.activity.id,
              state,
              state === "granted" ? "adopted" : state === "refused" ? "not-adopted" : "silence-broken",
              GRANTED_AT,
            );
            if (state === "granted") {
              grants.set(`${pair.nation}/${pair.activity.id}`, {
                id: made.decisionId,
                reference: made.reference,
                date: made.date,
              });
            }
          }
          const memo = newAccessMemo();
          for (const { nation, activity } of pairs) {
            const query = { partner: nation, audience: activity.audience, date };
            const byRules = await decideAccess(t.db, query);
            const withActivity = await decideAccess(t.db, { ...query, activityId: activity.id }, memo);
            const grant = grants.get(`${nation}/${activity.id}`);
            if (grant !== undefined && byRules.outcome === "council-approval") {
              expect(withActivity.outcome).toBe("open");
              expect(withActivity.councilDecision).toEqual(grant);
              expect(withActivity.explanation).toContain(
                `${nation} on ${date}: open (by Council decision of ${grant.date}, ref ${grant.reference}):`,
              );
            } else {
              expect(withActivity).toEqual(byRules);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
