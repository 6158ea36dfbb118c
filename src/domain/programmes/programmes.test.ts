import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { activityInput, STAFF as MENU_STAFF, NOW } from "../../../test/support/activities.js";
import {
  attendAll,
  codeOf,
  conductedIteration,
  errorOf,
  fieldsOf,
  WIDE_AUDIENCE,
} from "../../../test/support/feedback.js";
import {
  closeCouncilProcedure,
  emptyContent,
  insertCast,
  openCouncilProcedure,
  PNOW,
  programmeInput,
} from "../../../test/support/programmes.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { createActivity } from "../activities/activities.js";
import { listAuditEvents } from "../audit/audit.js";
import { addProgrammeComment } from "./comments.js";
import { diffProgramme } from "./compare.js";
import { programmeDecisionHooks } from "./decision-effects.js";
import { getProgramme } from "./detail.js";
import { exportProgrammesCsv, listProgrammes } from "./list.js";
import { createProgramme, getProgrammeRevision, saveProgrammeRevision } from "./programmes.js";
import { getProgrammeProgress } from "./progress.js";
import type { PROGRAMME_TRANSITIONS } from "./rules.js";
import { transitionProgramme } from "./workflow.js";

let t: TestDb;
let cast: Awaited<ReturnType<typeof insertCast>>;

beforeAll(async () => {
  t = await createSeededTestDb();
  cast = await insertCast(t.db);
}, 120_000);
afterAll(async () => t.destroy());

const status = async (id: string) =>
  (await t.db.selectFrom("programme").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status;

async function submitted(overrides = {}) {
  const p = await createProgramme(t.db, cast.jpn, programmeInput(overrides), PNOW);
  await transitionProgramme(t.db, cast.jpn, p.id, "open-consultation", PNOW);
  await transitionProgramme(t.db, cast.jpn, p.id, "submit", PNOW);
  return p;
}

async function inForce(overrides = {}) {
  const p = await submitted(overrides);
  const decision = await openCouncilProcedure(t.db, p.id);
  await closeCouncilProcedure(t.db, decision, "adopted");
  await transitionProgramme(t.db, cast.jpn, p.id, "accept", PNOW);
  await transitionProgramme(t.db, cast.staff, p.id, "enter-into-force", PNOW);
  return p;
}

async function noticesOf(userId: string | null, kind: string, subjectId: string) {
  return t.db
    .selectFrom("notification")
    .select(["kind", "title"])
    .where("recipient_user_id", "=", userId)
    .where("kind", "=", kind as "programme-status")
    .where("subject_id", "=", subjectId)
    .execute();
}

describe("creating a programme", () => {
  it("fixes the type by the period's start and labels it NU releasable to the partner and NATO", async () => {
    const awp = await createProgramme(
      t.db,
      cast.jpn,
      programmeInput({ periodStart: "2010-01-01", periodEnd: "2010-12-31" }),
      PNOW,
    );
    const ipcp = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
    const itpp = await createProgramme(
      t.db,
      cast.staff,
      programmeInput({ nation: "JPN", periodStart: "2021-01-01", periodEnd: "2025-12-31" }),
      PNOW,
    );
    expect([awp.type, ipcp.type, itpp.type]).toEqual(["annual-work-programme", "ipcp", "itpp"]);
    expect(ipcp).toMatchObject({ nation_code: "JPN", status: "draft", current_revision: 1 });
    const detail = await getProgramme(t.db, cast.jpn, ipcp.id, PNOW);
    expect(detail.label).toMatchObject({ classification: "NU", releasableTo: ["NATO", "JPN"] });
    expect(detail.revisions.map((r) => r.number)).toEqual([1]);
    expect(detail.allowedActions).toEqual(["open-consultation", "withdraw"]);
    expect(detail.canEdit).toBe(true);
    const events = await listAuditEvents(t.db, { action: "programme.create" });
    expect(events.filter((e) => e.object_id === ipcp.id)).toHaveLength(1);
  });

  it("refuses a partner drafting another nation's programme, and a delegation drafting at all", async () => {
    expect(await codeOf(createProgramme(t.db, cast.kor, programmeInput({ nation: "JPN" }), PNOW))).toBe("FORBIDDEN");
    expect(await codeOf(createProgramme(t.db, cast.nor, programmeInput({ nation: "JPN" }), PNOW))).toBe("FORBIDDEN");
    const staffWithout = await errorOf(createProgramme(t.db, cast.staff, programmeInput(), PNOW));
    expect(fieldsOf(staffWithout)).toEqual(["nation"]);
  });

  it("names the field of every invalid period or content", async () => {
    const cases: [Parameters<typeof programmeInput>[0], string][] = [
      [{ periodStart: "2012-01-01", periodEnd: "2011-12-31" }, "periodEnd"],
      [{ periodStart: "2012-01-01", periodEnd: "2014-01-01" }, "periodEnd"],
      [{ periodStart: "2010-03-01", periodEnd: "2011-03-01" }, "periodEnd"],
      [{ periodStart: "2021-01-01", periodEnd: "2026-01-01" }, "periodEnd"],
      [{ periodStart: "2012-02-30" }, "periodStart"],
      [{ content: emptyContent({ areas: ["cyber-defence", "knitting"] }) }, "content.areas.1"],
      [{ content: emptyContent({ areas: ["cyber-defence", "cyber-defence"] }) }, "content.areas.1"],
      [
        {
          content: emptyContent({
            objectives: [
              { id: "o1", text: "a" },
              { id: "o1", text: "b" },
            ],
          }),
        },
        "content.objectives.1.id",
      ],
      [
        { content: emptyContent({ goals: [{ id: "g1", objectiveId: "o9", text: "x" }] }) },
        "content.goals.0.objectiveId",
      ],
      [
        { content: emptyContent({ activities: [{ activityId: "nope", objectiveId: null, plannedParticipants: 2 }] }) },
        "content.activities.0.activityId",
      ],
    ];
    for (const [input, field] of cases) {
      const error = await errorOf(createProgramme(t.db, cast.jpn, programmeInput(input), PNOW));
      expect(error.code, field).toBe("VALIDATION");
      expect(fieldsOf(error), field).toEqual([field]);
    }
    // An activity only staff may see (still proposed) is not in Japan's menu.
    const proposed = await createActivity(t.db, MENU_STAFF, activityInput({ audience: WIDE_AUDIENCE }), NOW);
    const { iteration } = await conductedIteration(t.db, {}, { conduct: false });
    const visible = (
      await t.db.selectFrom("iteration").select("activity_id").where("id", "=", iteration.id).executeTakeFirstOrThrow()
    ).activity_id;
    const error = await errorOf(
      createProgramme(
        t.db,
        cast.jpn,
        programmeInput({
          content: emptyContent({
            activities: [
              { activityId: visible, objectiveId: null, plannedParticipants: 2 },
              { activityId: proposed.id, objectiveId: null, plannedParticipants: 2 },
            ],
          }),
        }),
        PNOW,
      ),
    );
    expect(fieldsOf(error)).toEqual(["content.activities.1.activityId"]);
  });
});

describe("revisions, comments and diffs", () => {
  it("keeps every revision and answers CONFLICT naming the current revision to a stale editor", async () => {
    const p = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
    const content = emptyContent({
      areas: ["cyber-defence", "counter-piracy"],
      objectives: [{ id: "o1", text: "Strengthen naval cyber defence cooperation" }],
      sections: [{ key: "intro", title: "Introduction", text: "Japan and NATO share values." }],
    });
    const saved = await saveProgrammeRevision(
      t.db,
      cast.jpn,
      p.id,
      { content, expectedRevision: 1, note: "areas" },
      PNOW,
    );
    expect(saved.current_revision).toBe(2);
    const stale = await errorOf(
      saveProgrammeRevision(t.db, cast.staff, p.id, { content: emptyContent(), expectedRevision: 1 }, PNOW),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details).toMatchObject({ currentRevision: 2, expectedRevision: 1 });
    expect(stale.message).toContain("the current revision is 2");
    const first = await getProgrammeRevision(t.db, cast.jpn, p.id, 1, PNOW);
    expect(first.content.areas).toEqual(["cyber-defence"]);
    const second = await getProgrammeRevision(t.db, cast.staff, p.id, 2, PNOW);
    expect(second).toMatchObject({ number: 2, note: "areas", content: { areas: ["cyber-defence", "counter-piracy"] } });
    expect(await codeOf(getProgrammeRevision(t.db, cast.jpn, p.id, 3, PNOW))).toBe("NOT_FOUND");
    // A delegation is refused (FORBIDDEN) once it can see the programme; while a draft it cannot.
    expect(await codeOf(saveProgrammeRevision(t.db, cast.nor, p.id, { content, expectedRevision: 2 }, PNOW))).toBe(
      "NOT_FOUND",
    );

    const diff = await diffProgramme(t.db, cast.jpn, p.id, 1, 2, PNOW);
    expect(diff.changes.map((c) => [c.section, c.kind])).toEqual([
      ["areas", "changed"],
      ["objectives", "changed"],
    ]);
    const parts = diff.changes[1]?.parts ?? [];
    expect(
      parts
        .filter((x) => !x.added)
        .map((x) => x.value)
        .join(""),
    ).toBe("o1: Strengthen cyber defence cooperation");
    expect(
      parts
        .filter((x) => !x.removed)
        .map((x) => x.value)
        .join(""),
    ).toBe("o1: Strengthen naval cyber defence cooperation");
    expect(parts.filter((x) => x.added).map((x) => x.value)).toEqual(["naval "]);
  });

  it("lists free-text sections added or removed in document order", async () => {
    const p = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
    await saveProgrammeRevision(
      t.db,
      cast.jpn,
      p.id,
      {
        title: "Japan IPCP renamed",
        content: emptyContent({
          areas: ["cyber-defence"],
          objectives: [{ id: "o1", text: "Strengthen cyber defence cooperation" }],
          sections: [{ key: "outro", title: "Conclusion", text: "Together." }],
        }),
        expectedRevision: 1,
      },
      PNOW,
    );
    const diff = await diffProgramme(t.db, cast.staff, p.id, 1, 2, PNOW);
    expect(diff.changes.map((c) => [c.section, c.kind, c.heading])).toEqual([
      ["general", "changed", "Title"],
      ["section:intro", "removed", "Introduction"],
      ["section:outro", "added", "Conclusion"],
    ]);
  });

  it("takes comments beside sections in consultation and tells the other side", async () => {
    const p = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
    expect(await codeOf(addProgrammeComment(t.db, cast.staff, p.id, { section: "areas", body: "Early" }, PNOW))).toBe(
      "INVALID_STATE",
    );
    await transitionProgramme(t.db, cast.jpn, p.id, "open-consultation", PNOW);
    const c = await addProgrammeComment(
      t.db,
      cast.staff,
      p.id,
      { section: "section:intro", body: "Name the cyber centre." },
      PNOW,
    );
    expect(c).toMatchObject({ revision: 1, section: "section:intro", body: "Name the cyber centre." });
    expect(c.author.username).toBe(cast.staff.username);
    expect(await noticesOf(cast.jpn.userId, "programme-commented", p.id)).toHaveLength(1);
    const later = new Date(PNOW.getTime() + 60_000);
    await addProgrammeComment(t.db, cast.jpn, p.id, { section: "objectives", body: "Done." }, later);
    expect(await noticesOf(cast.staff.userId, "programme-commented", p.id)).toHaveLength(1);
    const error = await errorOf(addProgrammeComment(t.db, cast.jpn, p.id, { section: "nowhere", body: "x" }, PNOW));
    expect(fieldsOf(error)).toEqual(["section"]);
    const future = await errorOf(
      addProgrammeComment(t.db, cast.jpn, p.id, { revision: 5, section: "areas", body: "x" }, PNOW),
    );
    expect(fieldsOf(future)).toEqual(["revision"]);
    expect(await codeOf(addProgrammeComment(t.db, cast.kor, p.id, { section: "areas", body: "x" }, PNOW))).toBe(
      "NOT_FOUND",
    );
    const detail = await getProgramme(t.db, cast.staff, p.id, PNOW);
    expect(detail.comments.map((x) => x.body)).toEqual(["Name the cyber centre.", "Done."]);
    await transitionProgramme(t.db, cast.jpn, p.id, "submit", PNOW);
    // Submitted: staff may still comment, the partner no longer.
    await addProgrammeComment(t.db, cast.staff, p.id, { section: "general", body: "For the Council." }, PNOW);
    expect(await codeOf(addProgrammeComment(t.db, cast.jpn, p.id, { section: "general", body: "x" }, PNOW))).toBe(
      "INVALID_STATE",
    );
  });
});

describe("the workflow", () => {
  it("walks every transition with its audit event, and the Council's decision in between", async () => {
    const p = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
    const steps: [typeof cast.jpn, keyof typeof PROGRAMME_TRANSITIONS, string][] = [
      [cast.staff, "open-consultation", "consultation"],
      [cast.jpn, "submit", "submitted"],
      [cast.staff, "return-to-consultation", "consultation"],
      [cast.jpn, "submit", "submitted"],
    ];
    for (const [who, action, to] of steps) {
      const moved = await transitionProgramme(t.db, who, p.id, action, PNOW);
      expect(moved.status).toBe(to);
    }
    // Submission tells staff and the Allies' delegations, never another partner.
    expect(await noticesOf(cast.staff.userId, "programme-submitted", p.id)).toHaveLength(2);
    expect(await noticesOf(cast.nor.userId, "programme-submitted", p.id)).toHaveLength(2);
    expect(await noticesOf(cast.kor.userId, "programme-submitted", p.id)).toHaveLength(0);

    // Not yet adopted: the partner cannot accept.
    const early = await errorOf(transitionProgramme(t.db, cast.jpn, p.id, "accept", PNOW));
    expect(early.code).toBe("INVALID_STATE");
    expect(early.message).toContain("the Council has not adopted it");

    // A procedure opens: no withdrawal or return meanwhile, and no second procedure.
    const first = await openCouncilProcedure(t.db, p.id);
    expect(await codeOf(transitionProgramme(t.db, cast.jpn, p.id, "withdraw", PNOW))).toBe("INVALID_STATE");
    expect(await codeOf(transitionProgramme(t.db, cast.staff, p.id, "return-to-consultation", PNOW))).toBe(
      "INVALID_STATE",
    );
    expect((await getProgramme(t.db, cast.jpn, p.id, PNOW)).allowedActions).toEqual([]);
    // Silence broken: back in consultation, the partner told.
    await closeCouncilProcedure(t.db, first, "silence-broken");
    expect(await status(p.id)).toBe("consultation");
    expect(await noticesOf(cast.jpn.userId, "programme-status", p.id)).toHaveLength(2);
    const detail = await getProgramme(t.db, cast.nor, p.id, PNOW).catch((e) => e.code);
    expect(detail).toBe("NOT_FOUND");

    await transitionProgramme(t.db, cast.jpn, p.id, "submit", PNOW);
    const second = await openCouncilProcedure(t.db, p.id);
    await closeCouncilProcedure(t.db, second, "adopted");
    expect(await status(p.id)).toBe("submitted");
    expect(await noticesOf(cast.jpn.userId, "programme-agreed", p.id)).toHaveLength(1);
    expect(await codeOf(openCouncilProcedure(t.db, p.id))).toBe("INVALID_STATE");
    expect(await codeOf(transitionProgramme(t.db, cast.staff, p.id, "return-to-consultation", PNOW))).toBe(
      "INVALID_STATE",
    );
    const agreedView = await getProgramme(t.db, cast.jpn, p.id, PNOW);
    expect(agreedView.allowedActions).toEqual(["accept", "withdraw"]);
    expect(agreedView.councilDecision).toMatchObject({ id: second.id, status: "adopted" });
    expect(agreedView.councilDecision?.outcomeText).toBe("Adopted by silence procedure on 2012-02-01");
    expect(agreedView.decisions.map((d) => d.outcomeText)).toContain("Silence broken by Norway on 2012-02-01");

    // Staff cannot accept for the partner (FORBIDDEN, audited).
    expect(await codeOf(transitionProgramme(t.db, cast.staff, p.id, "accept", PNOW))).toBe("FORBIDDEN");
    const accepted = await transitionProgramme(t.db, cast.jpn, p.id, "accept", PNOW);
    expect(accepted).toMatchObject({ status: "agreed", accepted_by: cast.jpn.userId, accepted_at: PNOW.toISOString() });
    for (const [who, action, to] of [
      [cast.staff, "enter-into-force", "in-force"],
      [cast.staff, "start-review", "under-review"],
      [cast.staff, "end-review", "in-force"],
      [cast.staff, "start-review", "under-review"],
      [cast.staff, "complete", "completed"],
    ] as const) {
      expect((await transitionProgramme(t.db, who, p.id, action, PNOW)).status).toBe(to);
    }
    const events = (await listAuditEvents(t.db, { limit: 100000 })).filter((e) => e.object_id === p.id);
    expect(events.map((e) => [e.action, e.details?.from, e.details?.to])).toEqual([
      ["programme.create", undefined, undefined],
      ["programme.open-consultation", "draft", "consultation"],
      ["programme.submit", "consultation", "submitted"],
      ["programme.return-to-consultation", "submitted", "consultation"],
      ["programme.submit", "consultation", "submitted"],
      ["programme.council-returned", "submitted", "consultation"],
      ["programme.submit", "consultation", "submitted"],
      ["programme.council-adopted", "submitted", "submitted"],
      ["programme.accept", "submitted", "agreed"],
      ["programme.enter-into-force", "agreed", "in-force"],
      ["programme.start-review", "in-force", "under-review"],
      ["programme.end-review", "under-review", "in-force"],
      ["programme.start-review", "in-force", "under-review"],
      ["programme.complete", "under-review", "completed"],
    ]);
    const denied = await listAuditEvents(t.db, { action: "programme.accept", outcome: "denied" });
    expect(denied.map((e) => e.actor_username)).toEqual([cast.staff.username]);
  });

  it("answers illegal moves with INVALID_STATE and a clear message, and withdraws", async () => {
    const p = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
    const error = await errorOf(transitionProgramme(t.db, cast.jpn, p.id, "submit", PNOW));
    expect(error.code).toBe("INVALID_STATE");
    expect(error.message).toBe(
      `Cannot submit programme ${p.title}: it is draft; 'submit' applies only to a programme that is consultation`,
    );
    expect(await codeOf(transitionProgramme(t.db, cast.staff, p.id, "enter-into-force", PNOW))).toBe("INVALID_STATE");
    expect(await codeOf(transitionProgramme(t.db, cast.kor, p.id, "withdraw", PNOW))).toBe("NOT_FOUND");
    expect(await codeOf(transitionProgramme(t.db, cast.staff, p.id, "withdraw", PNOW))).toBe("FORBIDDEN");
    await transitionProgramme(t.db, cast.jpn, p.id, "withdraw", PNOW);
    expect(await status(p.id)).toBe("withdrawn");
    expect((await listAuditEvents(t.db, { action: "programme.withdraw" })).at(-1)?.details).toMatchObject({
      from: "draft",
      to: "withdrawn",
    });
    expect(await codeOf(transitionProgramme(t.db, cast.jpn, p.id, "open-consultation", PNOW))).toBe("INVALID_STATE");
    expect(await codeOf(transitionProgramme(t.db, cast.jpn, p.id, "explode" as "submit", PNOW))).toBe("VALIDATION");
  });

  it("the Council cannot take up a draft; a missing programme is NOT_FOUND; withdrawn decisions change nothing", async () => {
    const p = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
    expect(await codeOf(openCouncilProcedure(t.db, p.id))).toBe("INVALID_STATE");
    expect(await codeOf(openCouncilProcedure(t.db, "missing"))).toBe("NOT_FOUND");
    const s = await submitted();
    const d = await openCouncilProcedure(t.db, s.id);
    expect(await closeCouncilProcedure(t.db, d, "withdrawn")).toEqual([]);
    expect(await status(s.id)).toBe("submitted");
    expect(await programmeDecisionHooks.title(t.db, s.id)).toBe("IPCP Japan 2012-01-01/2013-12-31");
    expect(await programmeDecisionHooks.title(t.db, "missing")).toBeNull();
  });

  it("a programme entering into force supersedes the partner's previous one", async () => {
    const old = await inForce();
    await transitionProgramme(t.db, cast.staff, old.id, "start-review", PNOW);
    const next = await inForce({ periodStart: "2014-01-01", periodEnd: "2015-12-31" });
    const row = await t.db.selectFrom("programme").selectAll().where("id", "=", old.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "superseded", superseded_by: next.id });
    expect(await status(next.id)).toBe("in-force");
    const events = await listAuditEvents(t.db, { action: "programme.supersede" });
    expect(events.filter((e) => e.object_id === old.id).map((e) => e.details)).toEqual([
      { from: "under-review", to: "superseded", supersededBy: next.id },
    ]);
    expect((await getProgramme(t.db, cast.jpn, old.id, PNOW)).supersededBy).toBe(next.id);
  });
});

describe("listing and export", () => {
  it("searches title, nation and objectives, counts per status, and escapes formulas in the CSV", async () => {
    const p = await createProgramme(
      t.db,
      cast.jpn,
      programmeInput({
        title: '=HYPERLINK("http://evil")',
        content: emptyContent({ objectives: [{ id: "o1", text: "Ballistic missile défense" }] }),
      }),
      PNOW,
    );
    const found = await listProgrammes(t.db, cast.staff, { q: "DEFENSE missile" }, PNOW);
    expect(found.programmes.map((x) => x.id)).toEqual([p.id]);
    expect(found).toMatchObject({ total: 1, byStatus: { draft: 1 } });
    const all = await listProgrammes(t.db, cast.jpn, { q: "japan", status: "draft", limit: 1 }, PNOW);
    expect(all.programmes).toHaveLength(1);
    expect(all.total).toBe(all.byStatus.draft);
    const csv = (await exportProgrammesCsv(t.db, cast.staff, { q: "missile" }, PNOW)).body.toString("utf8");
    expect(csv.split("\r\n")[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const actionable = await listProgrammes(t.db, cast.staff, { actionable: true, status: "draft" }, PNOW);
    expect(actionable.programmes.map((x) => x.status)).toEqual(actionable.programmes.map(() => "draft"));
    expect(actionable.total).toBeGreaterThan(0);
    const delegation = await listProgrammes(t.db, cast.nor, { actionable: true }, PNOW);
    expect(delegation.total).toBe(0);
  });
});

describe("progress", () => {
  it("derives done, planned and cancelled from nominations and attendance in the period", async () => {
    const held = await conductedIteration(t.db, { JPN: 2, KOR: 1 });
    await attendAll(t.db, held.iteration.id, held.placed, [held.placed[1]?.id ?? ""]);
    const upcoming = await conductedIteration(t.db, { JPN: 1 }, { conduct: false });
    const cancelled = await conductedIteration(t.db, {}, { conduct: false });
    const runsCancelled = await conductedIteration(t.db, { JPN: 1 }, { conduct: false });
    await t.db
      .updateTable("iteration")
      .set({ status: "cancelled" })
      .where("id", "=", runsCancelled.iteration.id)
      .execute();
    const content = emptyContent({
      objectives: [
        { id: "o1", text: "Cyber" },
        { id: "o2", text: "Maritime" },
      ],
      activities: [
        { activityId: held.activity.id, objectiveId: "o1", plannedParticipants: 3 },
        { activityId: upcoming.activity.id, objectiveId: "o1", plannedParticipants: 1 },
        { activityId: runsCancelled.activity.id, objectiveId: "o2", plannedParticipants: 2 },
        { activityId: cancelled.activity.id, objectiveId: null, plannedParticipants: 4 },
      ],
    });
    const draft = await createProgramme(t.db, cast.jpn, programmeInput({ content: emptyContent() }), PNOW);
    expect(await codeOf(getProgrammeProgress(t.db, cast.jpn, draft.id, PNOW))).toBe("INVALID_STATE");
    const p = await inForce({ content });
    await t.db.updateTable("activity").set({ status: "cancelled" }).where("id", "=", cancelled.activity.id).execute();
    await t.db
      .updateTable("programme_revision")
      .set({ content: JSON.stringify(content) })
      .where("programme_id", "=", p.id)
      .execute();
    const progress = await getProgrammeProgress(t.db, cast.jpn, p.id, PNOW);
    expect(progress.objectives).toEqual([
      {
        id: "o1",
        text: "Cyber",
        activities: [
          {
            activityId: held.activity.id,
            reference: held.activity.reference,
            title: held.activity.title,
            planned: 3,
            nominated: 2,
            attended: 1,
            status: "done",
          },
          {
            activityId: upcoming.activity.id,
            reference: upcoming.activity.reference,
            title: upcoming.activity.title,
            planned: 1,
            nominated: 1,
            attended: 0,
            status: "planned",
          },
        ],
        done: 1,
        planned: 1,
        cancelled: 0,
      },
      {
        id: "o2",
        text: "Maritime",
        activities: [
          {
            activityId: runsCancelled.activity.id,
            reference: runsCancelled.activity.reference,
            title: runsCancelled.activity.title,
            planned: 2,
            nominated: 1,
            attended: 0,
            status: "cancelled",
          },
        ],
        done: 0,
        planned: 0,
        cancelled: 1,
      },
      {
        id: null,
        text: "Other activities",
        activities: [
          {
            activityId: cancelled.activity.id,
            reference: cancelled.activity.reference,
            title: cancelled.activity.title,
            planned: 4,
            nominated: 0,
            attended: 0,
            status: "cancelled",
          },
        ],
        done: 0,
        planned: 0,
        cancelled: 1,
      },
    ]);
    expect(await codeOf(getProgrammeProgress(t.db, cast.kor, p.id, PNOW))).toBe("NOT_FOUND");
  });
});
