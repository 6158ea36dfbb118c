import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityInput, auditCount, NOW, openIteration, participant, STAFF } from "../../../test/support/activities.js";
import { codeOf, conductedIteration, insertUser, WIDE_AUDIENCE } from "../../../test/support/feedback.js";
import { agreeFormatBySilence, meetingInput } from "../../../test/support/meetings.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { addIteration, createActivity } from "../activities/activities.js";
import { nominate } from "../activities/nominations.js";
import { disableUser } from "../identity/users.js";
import type { Viewer } from "../labels/viewer.js";
import { createMeeting } from "../meetings/meetings.js";
import { actOnMeeting } from "../meetings/workflow.js";
import { decideAccess } from "../policy/access.js";
import { addDays } from "../shared/dates.js";
import {
  createCalendarFeed,
  listCalendarFeeds,
  openToNationDecider,
  renderCalendarFeed,
  revokeCalendarFeed,
} from "./feeds.js";
import { unescapeText, unfoldLines } from "./ics.js";

let t: TestDb;
let jpnA: Viewer;
let jpnB: Viewer;
let staff: Viewer;
const BASE = "https://entente.example";
const NU_PARTNERS = { classification: "NU" as const, releasableTo: ["EAPC", "MD", "ICI", "GLOBAL"] };

beforeAll(async () => {
  t = await createSeededTestDb();
  jpnA = await insertUser(t.db, "jpna", "JPN", ["partner"]);
  jpnB = await insertUser(t.db, "jpnb", "JPN", ["partner"]);
  staff = await insertUser(t.db, "staffer", null, ["staff"]);
  const open = (title: string, extra: Parameters<typeof activityInput>[0] = {}) =>
    openIteration(
      t.db,
      { title, audience: WIDE_AUDIENCE, label: NU_PARTNERS, ...extra },
      { city: "Brussels", countryCode: "BEL" },
    );
  const mine = await open("Nominated by A");
  await nominate(t.db, jpnA, mine.iteration.id, participant("cal-a"), NOW);
  await open("Open to partners, with, commas; and semicolons");
  await open("Korea only", { label: { classification: "NU", releasableTo: ["KOR"] } });
  await open("Allies only", { audience: "NATO" });
  // Proposed: never in a partner's feed.
  const proposed = await createActivity(
    t.db,
    STAFF,
    activityInput({ title: "Still proposed", audience: WIDE_AUDIENCE, label: NU_PARTNERS }),
    NOW,
  );
  await addIteration(
    t.db,
    STAFF,
    proposed.id,
    {
      code: "P1",
      startDate: "2012-07-02",
      endDate: "2012-07-03",
      city: "Mons",
      countryCode: "BEL",
      seats: 5,
      nominationDeadline: "2012-06-01",
    },
    NOW,
  );
  // Conducted: in the feed of the nation that was nominated only.
  await conductedIteration(t.db, { JPN: 1 }, { activity: { title: "Conducted with Japan", label: NU_PARTNERS } });
  await conductedIteration(t.db, { KOR: 1 }, { activity: { title: "Conducted with Korea", label: NU_PARTNERS } });
  // Outside the window (ended more than 90 days before now).
  await openIteration(
    t.db,
    { title: "Long ago", audience: WIDE_AUDIENCE, label: NU_PARTNERS },
    { startDate: "2011-06-01", endDate: "2011-06-03", nominationDeadline: "2011-05-01" },
  );
}, 60_000);
afterAll(async () => t.destroy());

async function feedOf(who: Viewer, scope: "nation" | "mine") {
  const { token, feed } = await createCalendarFeed(t.db, who, { scope }, NOW);
  const text = await renderCalendarFeed(t.db, `${token}.ics`, BASE, NOW);
  const lines = unfoldLines(text);
  const values = (name: string) =>
    lines.filter((l) => l.startsWith(`${name}:`)).map((l) => unescapeText(l.slice(name.length + 1)));
  return {
    token,
    feed,
    text,
    lines,
    values,
    titles: values("SUMMARY").map((s) => s.replace(/^\S+ (.*) \(\S+\)$/, "$1")),
  };
}

describe("calendar feeds", () => {
  it("a partner's nation feed: nominated and open iterations, never another nation's, a hidden label or a proposal", async () => {
    const { titles, values, lines } = await feedOf(jpnB, "nation");
    expect(titles.sort()).toEqual(
      ["Conducted with Japan", "Nominated by A", "Open to partners, with, commas; and semicolons"].sort(),
    );
    expect(values("LOCATION")).toContain("Brussels, Belgium");
    const nominated = values("DESCRIPTION").find((d) => d.includes("JPN active nominations: 1"));
    expect(nominated).toMatch(/Status: nominations open/);
    expect(nominated).toMatch(/Marking: NATO UNCLASSIFIED/);
    expect(values("URL").every((u) => /^https:\/\/entente\.example\/activities\/[\w-]+$/.test(u))).toBe(true);
    expect(lines.filter((l) => l.startsWith("DTSTART;VALUE=DATE:"))).toContain("DTSTART;VALUE=DATE:20120601");
    expect(values("X-WR-CALNAME")).toEqual(["Entente cooperation menu: JPN"]);
  });

  it("mine: only the iterations this user nominated for; UIDs are stable across feeds", async () => {
    const a = await feedOf(jpnA, "mine");
    expect(a.titles).toEqual(["Nominated by A"]);
    expect((await feedOf(jpnB, "mine")).titles).toEqual([]);
    const nation = await feedOf(jpnB, "nation");
    expect(nation.values("UID")).toEqual(expect.arrayContaining(a.values("UID")));
  });

  it("an alliance user's feed holds every visible published iteration, not proposals", async () => {
    const { titles } = await feedOf(staff, "nation");
    expect(titles).toEqual(expect.arrayContaining(["Korea only", "Allies only", "Conducted with Korea"]));
    expect(titles).not.toContain("Still proposed");
    expect(titles).not.toContain("Long ago");
  });

  it("lists without secrets, revokes (audited), and a revoked, unknown or disabled user's token is NOT_FOUND", async () => {
    const before = await auditCount(t.db);
    const { token, feed } = await createCalendarFeed(t.db, jpnA, { scope: "nation" }, NOW);
    expect(await auditCount(t.db)).toBe(before + 1);
    expect(token).toMatch(/^cal_[\w-]{43}$/);
    const listed = await listCalendarFeeds(t.db, jpnA);
    expect(listed.find((f) => f.id === feed.id)).toEqual({ ...feed, lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(await codeOf(renderCalendarFeed(t.db, `${token}.ics`, BASE, NOW))).toBe("OK");
    expect(await codeOf(revokeCalendarFeed(t.db, jpnB, feed.id, NOW))).toBe("NOT_FOUND");
    await revokeCalendarFeed(t.db, jpnA, feed.id, NOW);
    // Create and revoke; the refused revoke is audited by the HTTP layer, not here.
    expect(await auditCount(t.db)).toBe(before + 2);
    expect(await codeOf(renderCalendarFeed(t.db, `${token}.ics`, BASE, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(revokeCalendarFeed(t.db, jpnA, feed.id, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(renderCalendarFeed(t.db, "cal_unknown.ics", BASE, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(renderCalendarFeed(t.db, token, BASE, NOW))).toBe("NOT_FOUND");

    const other = await insertUser(t.db, "leaver", "JPN", ["partner"]);
    const created = await createCalendarFeed(t.db, other, { scope: "nation" }, NOW);
    await disableUser(t.db, null, other.userId ?? "", NOW);
    expect(await codeOf(renderCalendarFeed(t.db, `${created.token}.ics`, BASE, NOW))).toBe("NOT_FOUND");
  });
});

describe("open to the nation, decided per stretch of unchanged policy inputs", () => {
  it("property: agrees with decideAccess on every date, across joins, suspensions and rule changes", async () => {
    const audiences = [
      "PFP",
      "NATO",
      "PFP, MD, ICI, GLOBAL",
      "EAPC",
      "NATO, PfP, MD, ICI and other nations as approved",
    ];
    const deciders = new Map<string, Awaited<ReturnType<typeof openToNationDecider>>>();
    for (const nation of ["MNE", "GEO", "JPN", "AFG", "RUS"])
      deciders.set(nation, await openToNationDecider(t.db, nation));
    const random = fc.integer({ min: 0, max: 365 * 32 }).map((n) => {
      const d = new Date(Date.UTC(1994, 0, 1) + n * 86_400_000);
      return d.toISOString().slice(0, 10);
    });
    // The boundary days themselves and the days before them, where an off-by-one would show.
    const rows = await t.db
      .selectFrom("membership")
      .select(["valid_from", "valid_to"])
      .where("nation_code", "in", [...deciders.keys()])
      .execute();
    const rules = await t.db.selectFrom("policy_rule").select(["valid_from", "valid_to"]).execute();
    const edges = [...rows, ...rules]
      .flatMap((r) => [r.valid_from, r.valid_to])
      .filter((d): d is string => d !== null)
      .flatMap((d) => [d, addDays(d, -1)]);
    const day = fc.oneof(random, fc.constantFrom(...edges));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...deciders.keys()),
        fc.constantFrom(...audiences),
        day,
        async (nation, audience, date) => {
          const direct = await decideAccess(t.db, { partner: nation, audience, date });
          expect(await deciders.get(nation)?.(audience, date)).toBe(direct.outcome === "open");
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("meetings in the feeds", () => {
  it("an invited nation's feeds carry the meeting as a timed event beside the activities; others never", async () => {
    const before = new Date("2012-03-01T09:00:00Z");
    const meeting = await createMeeting(
      t.db,
      staff,
      meetingInput({
        title: "Allies + Japan",
        start: { date: "2012-05-10", time: "10:00", timeZone: "Europe/Brussels" },
      }),
      before,
    );
    const uid = `UID:meeting-${meeting.id}@entente`;
    // Planning: only the staff's feed has it.
    expect((await feedOf(jpnB, "nation")).lines).not.toContain(uid);
    expect((await feedOf(staff, "nation")).lines).toContain(uid);
    await agreeFormatBySilence(t.db, staff, meeting.id, before);
    await actOnMeeting(t.db, staff, meeting.id, { action: "send-invitations" }, new Date("2012-03-10T09:00:00Z"));

    const japan = await feedOf(jpnB, "nation");
    expect(japan.lines.filter((l) => l === uid)).toHaveLength(1);
    expect(japan.lines).toContain("DTSTART:20120510T080000Z");
    expect(japan.lines).toContain("DTEND:20120510T100000Z");
    expect(japan.titles).toEqual(expect.arrayContaining(["Conducted with Japan", "Nominated by A", "Allies + Japan"]));
    expect(japan.values("URL")).toContain(`${BASE}/meetings/${meeting.id}`);
    expect((await feedOf(jpnA, "mine")).lines).toContain(uid);
    const korean = await insertUser(t.db, "korean", "KOR", ["partner"]);
    expect((await feedOf(korean, "nation")).lines.some((l) => l.startsWith("UID:meeting-"))).toBe(false);
  });
});
