import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertDelegate,
  insertPartnerUser,
  insertStaff,
  meetingInput,
  silenceInput,
} from "../../../test/support/decisions.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { Viewer } from "../labels/viewer.js";
import { openDecision } from "./decisions.js";
import { getDecision, listDecisions } from "./register.js";

let t: TestDb;
let staff: Viewer;
let norway: Viewer;
let japan: Viewer;
let korea: Viewer;
const OPENED = new Date("2012-03-10T09:00:00Z");
const LATER = new Date("2012-03-11T09:00:00Z");
const refs: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  norway = await insertDelegate(t.db, "NOR");
  japan = await insertPartnerUser(t.db, "JPN");
  korea = await insertPartnerUser(t.db, "KOR");
  const deadline = { date: "2012-03-16", time: "17:00" };
  const make = async (key: string, input: Parameters<typeof openDecision>[2], now: Date) => {
    const decision = await openDecision(t.db, staff, input, now);
    refs[key] = decision.reference;
    ids[key] = decision.id;
  };
  // Created in this order, a minute apart: the register lists the newest first.
  await make(
    "nato",
    silenceInput(deadline, {
      title: "Recognition of a contributor to counter-piracy",
      subject: { type: "free-text", text: "Ukraine's frigate in Ocean Shield" },
    }),
    new Date("2012-03-10T09:00:00Z"),
  );
  await make(
    "japan",
    silenceInput(deadline, {
      title: "Allies + 1 meeting with Japan on counter-piracy",
      format: "allies-plus-one",
      participants: ["JPN"],
      subject: { type: "free-text", text: "Allies + Japan" },
      label: { classification: "NU", releasableTo: ["NATO", "JPN"] },
    }),
    new Date("2012-03-10T09:01:00Z"),
  );
  await make(
    "korea",
    meetingInput(
      { consensus: true, alliesPresent: ["NOR", "USA"] },
      {
        title: "Allies + 1 meeting with the Republic of Korea",
        format: "allies-plus-one",
        participants: ["KOR"],
        subject: { type: "free-text", text: "Allies + the Republic of Korea" },
        label: { classification: "NR", releasableTo: ["NATO", "KOR"] },
      },
    ),
    new Date("2012-03-10T09:02:00Z"),
  );
  await make(
    "secret",
    silenceInput(deadline, {
      title: "Précis of a sensitive counter-piracy assessment",
      subject: { type: "free-text", text: "Assessment" },
      label: { classification: "NS", releasableTo: ["NATO"] },
    }),
    new Date("2012-03-10T09:03:00Z"),
  );
});
afterAll(async () => t.destroy());

const references = (list: { decisions: { reference: string }[] }) => list.decisions.map((d) => d.reference);

describe("the decision register respects labels", () => {
  it("staff see every decision, newest first, with the total", async () => {
    const list = await listDecisions(t.db, staff, {}, LATER);
    expect(references(list)).toEqual([refs.secret, refs.korea, refs.japan, refs.nato]);
    expect(list.total).toBe(4);
    const korea = list.decisions[1];
    expect(korea?.outcomeText).toBe("Consensus reached in a meeting of the NAC, 2 Allies present");
    expect(korea?.marking).toBe("NATO RESTRICTED // RELEASABLE TO NATO, KOR");
    expect(list.decisions[3]?.subject).toEqual({
      type: "free-text",
      id: null,
      text: "Ukraine's frigate in Ocean Shield",
      title: "Ukraine's frigate in Ocean Shield",
    });
  });

  it("a partner sees only what is releasable to its nation: Japan sees the Japan decision, not the NATO one", async () => {
    const jp = await listDecisions(t.db, japan, {}, LATER);
    expect(references(jp)).toEqual([refs.japan]);
    expect(jp.total).toBe(1);
    const kr = await listDecisions(t.db, korea, {}, LATER);
    expect(references(kr)).toEqual([refs.korea]);
    expect(kr.total).toBe(1);
    await expect(getDecision(t.db, japan, ids.nato ?? "", LATER)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getDecision(t.db, korea, ids.japan ?? "", LATER)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const seen = await getDecision(t.db, japan, ids.japan ?? "", LATER);
    expect(seen.canObject).toBe(false);
    expect(seen.participants).toEqual([{ code: "JPN", name: "Japan" }]);
  });

  it("an Ally's delegation sees NATO material up to its clearance", async () => {
    const list = await listDecisions(t.db, norway, {}, LATER);
    expect(references(list)).toEqual([refs.secret, refs.korea, refs.japan, refs.nato]);
  });

  it("search and count apply the labels before the limit", async () => {
    const all = await listDecisions(t.db, staff, { q: "piracy" }, LATER);
    expect(references(all)).toEqual([refs.secret, refs.japan, refs.nato]);
    expect(all.total).toBe(3);
    const page = await listDecisions(t.db, staff, { q: "piracy", limit: 1, offset: 1 }, LATER);
    expect(references(page)).toEqual([refs.japan]);
    expect(page.total).toBe(3);
    const jp = await listDecisions(t.db, japan, { q: "piracy", limit: 1 }, LATER);
    expect(references(jp)).toEqual([refs.japan]);
    expect(jp.total).toBe(1);
    expect((await listDecisions(t.db, korea, { q: "piracy" }, LATER)).total).toBe(0);
    // Accents and case are folded; the subject's text is searched too.
    expect(references(await listDecisions(t.db, staff, { q: "PRECIS" }, LATER))).toEqual([refs.secret]);
    expect(references(await listDecisions(t.db, staff, { q: "ocean shield" }, LATER))).toEqual([refs.nato]);
    expect(references(await listDecisions(t.db, staff, { q: refs.korea }, LATER))).toEqual([refs.korea]);
  });

  it("filters by status, procedure and date", async () => {
    expect(references(await listDecisions(t.db, staff, { procedure: "meeting" }, LATER))).toEqual([refs.korea]);
    expect((await listDecisions(t.db, staff, { status: "open" }, LATER)).total).toBe(3);
    expect((await listDecisions(t.db, japan, { status: "open" }, LATER)).total).toBe(1);
    expect((await listDecisions(t.db, staff, { from: "2012-03-11" }, LATER)).total).toBe(0);
    expect((await listDecisions(t.db, staff, { to: "2012-03-10", subjectType: "free-text" }, LATER)).total).toBe(4);
    expect((await listDecisions(t.db, staff, { subjectType: "programme" }, LATER)).total).toBe(0);
  });

  it("refuses a bad query with VALIDATION naming the field", async () => {
    await expect(listDecisions(t.db, staff, { limit: 0 }, OPENED)).rejects.toMatchObject({
      code: "VALIDATION",
      details: { fields: [{ field: "limit" }] },
    });
  });
});
