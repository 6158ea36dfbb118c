import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAFF as ACTIVITY_STAFF, activityInput } from "../../../test/support/activities.js";
import {
  countAudit,
  insertDelegate,
  insertStaff,
  meetingInput,
  silenceInput,
} from "../../../test/support/decisions.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { runDueDecisions } from "../../jobs/due-decisions.js";
import { createActivity } from "../activities/activities.js";
import { createLabel } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import type { DeadlineLog } from "./deadlines.js";
import { openDecision } from "./decisions.js";
import { getDecision } from "./register.js";
import { breakSilence } from "./silence.js";
import { withdrawDecision } from "./withdraw.js";

// Decisions on records in Entente: the programme or access request moves with the decision,
// in its transaction. Rows are inserted directly, in the state the subject modules expect.

let t: TestDb;
let staff: Viewer;
let norway: Viewer;
const OPENED = new Date("2012-03-10T09:00:00Z");
const DEADLINE = new Date("2012-03-16T16:00:00Z");
const deadline = { date: "2012-03-16", time: "17:00" };

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  norway = await insertDelegate(t.db, "NOR");
});
afterAll(async () => t.destroy());

async function submittedProgramme(): Promise<{ id: string; labelId: string }> {
  const at = OPENED.toISOString();
  const label = await createLabel(t.db, { classification: "NU", releasableTo: ["NATO", "JPN"] }, at);
  const id = randomUUID();
  await t.db
    .insertInto("programme")
    .values({
      id,
      nation_code: "JPN",
      type: "ipcp",
      title: "Japan IPCP",
      period_start: "2012-01-01",
      period_end: "2013-12-31",
      status: "submitted",
      current_revision: 1,
      council_decision_id: null,
      accepted_at: null,
      accepted_by: null,
      superseded_by: null,
      label_id: label.id,
      created_by: "test",
      created_at: at,
      updated_at: at,
    })
    .execute();
  return { id, labelId: label.id };
}

async function programmeRow(id: string) {
  return t.db.selectFrom("programme").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function requestedAccess(nation: string): Promise<string> {
  const activity = await createActivity(t.db, ACTIVITY_STAFF, activityInput(), OPENED);
  const label = await createLabel(t.db, { classification: "NU", releasableTo: ["NATO", nation] }, OPENED.toISOString());
  const id = randomUUID();
  await t.db
    .insertInto("access_request")
    .values({
      id,
      nation_code: nation,
      activity_id: activity.id,
      reason: "Counter-piracy workshop",
      status: "requested",
      decision_id: null,
      label_id: label.id,
      requested_by: "test",
      created_at: OPENED.toISOString(),
      decided_at: null,
    })
    .execute();
  return id;
}

const requestStatus = async (id: string) =>
  (await t.db.selectFrom("access_request").selectAll().where("id", "=", id).executeTakeFirstOrThrow()).status;

describe("a programme before the Council", () => {
  it("takes the programme's label; one open procedure at a time; silence broken returns it to consultation", async () => {
    const programme = await submittedProgramme();
    const decision = await openDecision(
      t.db,
      staff,
      silenceInput(deadline, { subject: { type: "programme", id: programme.id } }),
      OPENED,
    );
    expect(decision.label_id).toBe(programme.labelId);
    expect(decision.subject_id).toBe(programme.id);
    const view = await getDecision(t.db, staff, decision.id, OPENED);
    expect(view.subject.title).toBe("IPCP Japan 2012-01-01/2013-12-31");
    expect(view.marking).toBe("NATO UNCLASSIFIED // RELEASABLE TO NATO, JPN");

    const second = openDecision(
      t.db,
      staff,
      silenceInput(deadline, { subject: { type: "programme", id: programme.id } }),
      OPENED,
    );
    await expect(second).rejects.toMatchObject({
      code: "CONFLICT",
      message: `The programme is already before the Council (decision ${decision.reference} is open): at most one open procedure per subject`,
    });

    await breakSilence(t.db, norway, decision.id, { reason: "Objective 2 needs work" }, OPENED);
    expect((await programmeRow(programme.id)).status).toBe("consultation");
    expect(await countAudit(t.db, { action: "programme.council-returned", objectId: programme.id })).toBe(1);
  });

  it("adopted at the deadline by the scheduler: the programme records the Council's decision", async () => {
    const programme = await submittedProgramme();
    const decision = await openDecision(
      t.db,
      staff,
      silenceInput(deadline, { subject: { type: "programme", id: programme.id } }),
      OPENED,
    );
    const run = await runDueDecisions(t.db, new Date(DEADLINE.getTime() + 1000));
    expect(run.adopted).toContain(decision.reference);
    const row = await programmeRow(programme.id);
    expect(row.council_decision_id).toBe(decision.id);
    expect(row.status).toBe("submitted");
    expect(await countAudit(t.db, { action: "programme.council-adopted", objectId: programme.id })).toBe(1);
  });

  it("refuses a programme that is not submitted, and a missing one (nothing is written)", async () => {
    const programme = await submittedProgramme();
    await t.db.updateTable("programme").set({ status: "draft" }).where("id", "=", programme.id).execute();
    const input = silenceInput(deadline, { subject: { type: "programme", id: programme.id } });
    await expect(openDecision(t.db, staff, input, OPENED)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const missing = silenceInput(deadline, { subject: { type: "programme", id: "no-such-programme" } });
    await expect(openDecision(t.db, staff, missing, OPENED)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const rows = await t.db
      .selectFrom("decision")
      .select("id")
      .where("reference", "in", [input.reference, missing.reference])
      .execute();
    expect(rows).toEqual([]);
  });

  it("a subject that fails at the deadline is logged and retried; the other deadlines are processed", async () => {
    const broken = await submittedProgramme();
    const fine = await submittedProgramme();
    const day = { date: "2012-03-20", time: "17:00" };
    const bad = await openDecision(
      t.db,
      staff,
      silenceInput(day, { subject: { type: "programme", id: broken.id } }),
      OPENED,
    );
    const good = await openDecision(
      t.db,
      staff,
      silenceInput(day, { subject: { type: "programme", id: fine.id } }),
      OPENED,
    );
    // Moved behind the Council's back: its close hook refuses.
    await t.db.updateTable("programme").set({ status: "withdrawn" }).where("id", "=", broken.id).execute();
    const errors: string[] = [];
    const log: DeadlineLog = { error: (message) => errors.push(message) };
    const run = await runDueDecisions(t.db, new Date("2012-03-20T16:00:00Z"), { log });
    expect(run.adopted).toEqual([good.reference]);
    expect(errors).toEqual([`Could not adopt decision ${bad.reference} at its deadline; will retry`]);
    const statuses = await t.db
      .selectFrom("decision")
      .select(["id", "status"])
      .where("id", "in", [bad.id, good.id])
      .execute();
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [bad.id]: "open",
      [good.id]: "adopted",
    });
    expect(await countAudit(t.db, { action: "decision.adopt", objectId: bad.id })).toBe(0);
  });
});

describe("an access request before the Council", () => {
  it("consensus in a meeting grants it, in the same transaction", async () => {
    const request = await requestedAccess("CHN");
    const decision = await openDecision(
      t.db,
      staff,
      meetingInput(
        { consensus: true, alliesPresent: ["NOR", "USA"] },
        { subject: { type: "access-request", id: request } },
      ),
      OPENED,
    );
    expect(decision.status).toBe("adopted");
    expect(await requestStatus(request)).toBe("granted");
    const view = await getDecision(t.db, staff, decision.id, OPENED);
    expect(view.subject.title).toMatch(/^Access for People's Republic of China to ACT\.\d+ Test course \d+$/);
  });

  it("no consensus refuses it; a withdrawn procedure returns it to requested", async () => {
    const refused = await requestedAccess("IND");
    await openDecision(
      t.db,
      staff,
      meetingInput({ consensus: false, alliesPresent: ["NOR"] }, { subject: { type: "access-request", id: refused } }),
      OPENED,
    );
    expect(await requestStatus(refused)).toBe("refused");

    const pending = await requestedAccess("IND");
    const decision = await openDecision(
      t.db,
      staff,
      silenceInput(deadline, { subject: { type: "access-request", id: pending } }),
      OPENED,
    );
    expect(await requestStatus(pending)).toBe("in-decision");
    await withdrawDecision(t.db, staff, decision.id, OPENED);
    expect(await requestStatus(pending)).toBe("requested");
  });
});
