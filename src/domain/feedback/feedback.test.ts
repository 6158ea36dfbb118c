import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount, NOW, STAFF, viewer } from "../../../test/support/activities.js";
import {
  answers,
  attendAll,
  codeOf,
  conductedIteration,
  errorOf,
  fieldsOf,
  type Placed,
  partnerOf,
} from "../../../test/support/feedback.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { transitionActivity } from "../activities/lifecycle.js";
import { createOrganisation } from "../identity/organisations.js";
import { getAttendance, recordAttendance } from "./attendance.js";
import { getFeedbackReport, getQuestionnaire, submitFeedback } from "./feedback.js";
import { ZFeedbackAnswers } from "./feedback.schema.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
  await createOrganisation(t.db, null, { name: "Test School", kind: "command", nation: null }, NOW);
});
afterAll(async () => t.destroy());

/** A user of the activity's owner organisation (not staff). */
const OWNER = viewer("school", ["hq"], null, { organisation: "Test School" });
const OTHER_HQ = viewer("other-hq", ["hq"], null, { organisation: "Somewhere Else" });

const byNation = (placed: Placed[], nation: string) => placed.filter((p) => p.nation === nation);

describe("the questionnaire", () => {
  it("is versioned and its questions are exactly the fields the answers schema accepts", () => {
    const q = getQuestionnaire();
    expect(q.version).toBe(1);
    expect(q.questions.map((x) => x.id).sort()).toEqual(Object.keys(ZFeedbackAnswers.shape).sort());
    expect(q.questions.filter((x) => x.kind === "rating")).toHaveLength(4);
  });
});

describe("attendance", () => {
  it("is recorded by staff or the owner organisation, once conducted, for confirmed nominations only", async () => {
    const { activity, iteration, placed } = await conductedIteration(
      t.db,
      { JPN: 2 },
      { activity: { ownerOrganisation: "Test School" }, iteration: { seats: 1 } },
    );
    const [confirmed, waitlisted] = placed;
    if (!confirmed || !waitlisted) throw new Error("setup");
    expect(waitlisted.status).toBe("waitlisted");
    const record = (who = STAFF, records = [{ nominationId: confirmed.id, attended: true }]) =>
      recordAttendance(t.db, who, iteration.id, { records }, NOW);

    expect(await codeOf(record(partnerOf("JPN")))).toBe("FORBIDDEN");
    expect(await codeOf(record(OTHER_HQ))).toBe("FORBIDDEN");
    const onlyConfirmed = await errorOf(record(STAFF, [{ nominationId: waitlisted.id, attended: true }]));
    expect(onlyConfirmed.code).toBe("VALIDATION");
    expect(fieldsOf(onlyConfirmed)).toEqual(["records.0.nominationId"]);
    const foreign = await errorOf(record(STAFF, [{ nominationId: "nope", attended: true }]));
    expect(fieldsOf(foreign)).toEqual(["records.0.nominationId"]);

    const before = await auditCount(t.db);
    const sheet = await record(OWNER);
    expect(await auditCount(t.db)).toBe(before + 1);
    expect(sheet.records).toEqual([expect.objectContaining({ nominationId: confirmed.id, attended: true })]);
    // Re-recording updates the row.
    await record(STAFF, [{ nominationId: confirmed.id, attended: false }]);
    const again = await getAttendance(t.db, STAFF, iteration.id, NOW);
    expect(again.records.map((r) => r.attended)).toEqual([false]);
    expect(again.canRecord).toBe(true);
    // The partner sees its own nation's sheet, read-only.
    const partnerSheet = await getAttendance(t.db, partnerOf("JPN"), iteration.id, NOW);
    expect(partnerSheet).toMatchObject({ canRecord: false, records: [{ nominationId: confirmed.id }] });
    expect((await getAttendance(t.db, partnerOf("KOR"), iteration.id, NOW)).records).toEqual([]);

    await transitionActivity(t.db, STAFF, activity.id, "collect-feedback", NOW);
    expect(await codeOf(record())).toBe("OK");
    await transitionActivity(t.db, STAFF, activity.id, "archive", NOW);
    expect(await codeOf(record())).toBe("INVALID_STATE");
  });

  it("is refused before the activity is conducted", async () => {
    const { iteration, placed } = await conductedIteration(t.db, { GEO: 1 }, { conduct: false });
    const records = placed.map((p) => ({ nominationId: p.id, attended: true }));
    expect(await codeOf(recordAttendance(t.db, STAFF, iteration.id, { records }, NOW))).toBe("INVALID_STATE");
  });

  it("names the field of a malformed body", async () => {
    const { iteration } = await conductedIteration(t.db, { GEO: 1 });
    const bad = await errorOf(
      recordAttendance(t.db, STAFF, iteration.id, { records: [{ nominationId: "x", attended: "yes" as never }] }, NOW),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(fieldsOf(bad)).toEqual(["records.0.attended"]);
    const empty = await errorOf(recordAttendance(t.db, STAFF, iteration.id, { records: [] }, NOW));
    expect(fieldsOf(empty)).toEqual(["records"]);
  });
});

describe("feedback submission", () => {
  it("attended only, by the nomination's own nation or staff, once, while conducted", async () => {
    const { activity, iteration, placed } = await conductedIteration(t.db, { JPN: 3, KOR: 1 });
    const [jpn1, jpn2, jpn3] = byNation(placed, "JPN");
    const [kor] = byNation(placed, "KOR");
    if (!jpn1 || !jpn2 || !jpn3 || !kor) throw new Error("setup");
    const submit = (who: typeof STAFF, id: string) => submitFeedback(t.db, who, id, { answers: answers() }, NOW);

    expect(await codeOf(submit(partnerOf("JPN"), jpn1.id))).toBe("INVALID_STATE"); // no attendance yet
    await attendAll(t.db, iteration.id, placed, [jpn2.id]);
    expect(await codeOf(submit(partnerOf("JPN"), jpn2.id))).toBe("INVALID_STATE"); // absent
    expect(await codeOf(submit(partnerOf("KOR"), jpn1.id))).toBe("NOT_FOUND"); // another nation's
    expect(await codeOf(submit(viewer("nor", ["delegation"], "NOR"), jpn1.id))).toBe("FORBIDDEN");
    expect(await codeOf(submit(partnerOf("JPN"), "missing"))).toBe("NOT_FOUND");

    const before = await auditCount(t.db);
    const receipt = await submit(partnerOf("JPN"), jpn1.id);
    expect(receipt).toMatchObject({ nominationId: jpn1.id, iterationId: iteration.id, questionnaireVersion: 1 });
    expect(await auditCount(t.db)).toBe(before + 1);
    expect(await codeOf(submit(partnerOf("JPN"), jpn1.id))).toBe("CONFLICT");
    expect(await codeOf(submit(STAFF, jpn1.id))).toBe("CONFLICT");
    // An answered participant cannot be marked absent afterwards.
    expect(
      await codeOf(
        recordAttendance(t.db, STAFF, iteration.id, { records: [{ nominationId: jpn1.id, attended: false }] }, NOW),
      ),
    ).toBe("CONFLICT");

    await transitionActivity(t.db, STAFF, activity.id, "collect-feedback", NOW);
    expect(await codeOf(submit(STAFF, kor.id))).toBe("OK");
    await transitionActivity(t.db, STAFF, activity.id, "archive", NOW);
    expect(await codeOf(submit(STAFF, jpn3.id))).toBe("INVALID_STATE"); // attended, but archived
  });

  it("validates every field and names it", async () => {
    const { iteration, placed } = await conductedIteration(t.db, { JPN: 1 });
    await attendAll(t.db, iteration.id, placed);
    const id = placed[0]?.id ?? "";
    const bad = await errorOf(
      submitFeedback(
        t.db,
        STAFF,
        id,
        {
          answers: {
            overall: 6,
            relevance: "high",
            organisation: 2.5,
            recommend: "yes",
            improve: "x".repeat(2001),
            colour: "red",
          } as never,
        },
        NOW,
      ),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(fieldsOf(bad)).toEqual([
      "answers.colour",
      "answers.improve",
      "answers.instruction",
      "answers.organisation",
      "answers.overall",
      "answers.recommend",
      "answers.relevance",
    ]);
  });
});

describe("the aggregated report", () => {
  let iterationId = "";
  beforeAll(async () => {
    const { iteration, placed } = await conductedIteration(
      t.db,
      { JPN: 3, AUS: 2, KOR: 2, GEO: 1 },
      { activity: { ownerOrganisation: "Test School" } },
    );
    iterationId = iteration.id;
    const [j1, j2, j3] = byNation(placed, "JPN");
    const [a1] = byNation(placed, "AUS");
    const [, k2] = byNation(placed, "KOR");
    const [g1] = byNation(placed, "GEO");
    if (!j1 || !j2 || !j3 || !a1 || !k2 || !g1) throw new Error("setup");
    await attendAll(t.db, iteration.id, placed, [k2.id]);
    const give = (who: typeof STAFF, id: string, a: Parameters<typeof answers>[0]) =>
      submitFeedback(t.db, who, id, { answers: answers(a) }, NOW);
    const jpn = partnerOf("JPN");
    await give(jpn, j1.id, {
      overall: 5,
      relevance: 4,
      instruction: 5,
      organisation: 3,
      recommend: true,
      worked: "Excellent syndicate work",
      improve: "More time for exercises",
    });
    await give(jpn, j2.id, { overall: 4, relevance: 4, instruction: 4, organisation: 4, recommend: true });
    await give(jpn, j3.id, {
      overall: 3,
      relevance: 5,
      instruction: 4,
      organisation: 2,
      recommend: false,
      improve: "Hotel far from school",
      worked: "   ",
    });
    await give(partnerOf("AUS"), a1.id, {
      overall: 5,
      relevance: 5,
      instruction: 5,
      organisation: 5,
      recommend: true,
      worked: "Great, practical; well run\nThanks",
    });
    await give(STAFF, g1.id, { overall: 2, relevance: 3, instruction: 3, organisation: 3, recommend: false });
  });

  it("aggregates exactly: means, distributions, yes/no, response rate, anonymised comments, per nation", async () => {
    const report = await getFeedbackReport(t.db, STAFF, iterationId, NOW);
    expect(report).toMatchObject({ attended: 7, responses: 5, responseRate: 0.71, commentsWithheld: false });
    expect(report.label.marking).toBe("PUBLIC");
    const q = Object.fromEntries(report.questions.map((x) => [x.id, x]));
    const dist = (id: string) => {
      const r = q[id];
      return r?.kind === "rating" ? r.distribution.map((d) => d.count) : null;
    };
    expect(q.overall).toMatchObject({ mean: 3.8, responses: 5 });
    expect(dist("overall")).toEqual([0, 1, 1, 1, 2]);
    expect(q.relevance).toMatchObject({ mean: 4.2 });
    expect(dist("relevance")).toEqual([0, 0, 1, 2, 2]);
    expect(q.instruction).toMatchObject({ mean: 4.2 });
    expect(dist("instruction")).toEqual([0, 0, 1, 2, 2]);
    expect(q.organisation).toMatchObject({ mean: 3.4 });
    expect(dist("organisation")).toEqual([0, 1, 2, 1, 1]);
    expect(q.recommend).toMatchObject({ yes: 3, no: 2 });
    expect(q.worked).toMatchObject({ comments: ["Excellent syndicate work", "Great, practical; well run\nThanks"] });
    expect(q.improve).toMatchObject({ comments: ["Hotel far from school", "More time for exercises"] });
    expect(report.nations).toEqual([
      { nation: "AUS", confirmed: 2, attended: 2, responses: 1 },
      { nation: "GEO", confirmed: 1, attended: 1, responses: 1 },
      { nation: "JPN", confirmed: 3, attended: 3, responses: 3 },
      { nation: "KOR", confirmed: 2, attended: 1, responses: 0 },
    ]);
    expect(JSON.stringify(report)).not.toMatch(/Participant fb|example\.org/i);
  });

  it("goes to staff, the owner organisation and the nations that attended; NOT_FOUND for everybody else", async () => {
    for (const who of [STAFF, OWNER, partnerOf("JPN"), partnerOf("KOR"), partnerOf("GEO")]) {
      expect(await codeOf(getFeedbackReport(t.db, who, iterationId, NOW))).toBe("OK");
    }
    for (const who of [
      partnerOf("NZL"),
      OTHER_HQ,
      viewer("analyst", ["analyst"], null),
      viewer("nor", ["delegation"], "NOR"),
    ]) {
      expect(await codeOf(getFeedbackReport(t.db, who, iterationId, NOW))).toBe("NOT_FOUND");
    }
    expect(await codeOf(getFeedbackReport(t.db, STAFF, "missing", NOW))).toBe("NOT_FOUND");
  });

  it("a nation whose participants were all absent does not get it", async () => {
    const { iteration, placed } = await conductedIteration(t.db, { JPN: 1, KOR: 1 });
    await attendAll(
      t.db,
      iteration.id,
      placed,
      byNation(placed, "KOR").map((p) => p.id),
    );
    expect(await codeOf(getFeedbackReport(t.db, partnerOf("KOR"), iteration.id, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(getFeedbackReport(t.db, partnerOf("JPN"), iteration.id, NOW))).toBe("OK");
  });

  it("withholds comments below three responses", async () => {
    const { iteration, placed } = await conductedIteration(t.db, { JPN: 2 });
    await attendAll(t.db, iteration.id, placed);
    await submitFeedback(t.db, STAFF, placed[0]?.id ?? "", { answers: answers({ worked: "Only me" }) }, NOW);
    const report = await getFeedbackReport(t.db, STAFF, iteration.id, NOW);
    expect(report).toMatchObject({ responses: 1, responseRate: 0.5, commentsWithheld: true });
    expect(report.questions.find((x) => x.id === "worked")).toMatchObject({ comments: null });
    expect(JSON.stringify(report)).not.toContain("Only me");
  });

  it("the label wins over participation: a nation the label is not releasable to gets NOT_FOUND", async () => {
    // Staff may nominate a nation the label does not release the activity to; its participants
    // attended, but the report (labelled like the activity) stays invisible to that nation.
    const { iteration, placed } = await conductedIteration(
      t.db,
      { JPN: 1, KOR: 1 },
      { activity: { label: { classification: "NU", releasableTo: ["JPN"] } } },
    );
    await attendAll(t.db, iteration.id, placed);
    expect(await codeOf(getFeedbackReport(t.db, partnerOf("KOR"), iteration.id, NOW))).toBe("NOT_FOUND");
    const jpn = await getFeedbackReport(t.db, partnerOf("JPN"), iteration.id, NOW);
    expect(jpn.label.marking).toBe("NATO UNCLASSIFIED // RELEASABLE TO JPN");
    expect(jpn.nations.map((n) => n.nation)).toEqual(["JPN", "KOR"]);
  });
});
