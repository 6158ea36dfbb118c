import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "../../../test/support/feedback.js";
import {
  closeCouncilProcedure,
  emptyContent,
  insertCast,
  openCouncilProcedure,
  programmeInput,
} from "../../../test/support/programmes.js";
import { createSeededTestDb, type TestDb, testContext } from "../../../test/support/test-db.js";
import { buildApp } from "../../http/app.js";
import { createApiToken } from "../identity/api-tokens.js";
import type { Viewer } from "../labels/viewer.js";
import { listNotifications } from "../notifications/notifications.js";
import { addProgrammeComment } from "./comments.js";
import { diffProgramme } from "./compare.js";
import { getProgramme } from "./detail.js";
import { exportProgrammesCsv, listProgrammes } from "./list.js";
import { createProgramme, getProgrammeRevision, saveProgrammeRevision } from "./programmes.js";
import { getProgrammeProgress } from "./progress.js";
import { transitionProgramme } from "./workflow.js";

// Japan's programme is confidential to Japan and the alliance: Korea (another partner) never
// sees any trace of it; an Ally's delegation sees it only while it is before the Council or later.

const TODAY = "2012-02-01";
const NOW = new Date(`${TODAY}T12:00:00Z`);
let t: TestDb;
let app: FastifyInstance;
let cast: Awaited<ReturnType<typeof insertCast>>;
let programmeId: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await createSeededTestDb();
  cast = await insertCast(t.db);
  for (const [name, viewer] of Object.entries(cast)) {
    tokens.set(name, (await createApiToken(t.db, viewer, { name: "programmes" }, NOW)).token);
  }
  app = await buildApp(testContext(t, TODAY), { serveWeb: false });
  const p = await createProgramme(
    t.db,
    cast.jpn,
    programmeInput({
      title: "Japan Individual Partnership and Cooperation Programme",
      content: emptyContent({ objectives: [{ id: "o1", text: "Maritime security in the Gulf of Aden" }] }),
    }),
    NOW,
  );
  programmeId = p.id;
  await saveProgrammeRevision(
    t.db,
    cast.jpn,
    p.id,
    {
      content: emptyContent({ objectives: [{ id: "o1", text: "Maritime security and counter-piracy" }] }),
      expectedRevision: 1,
    },
    NOW,
  );
  await transitionProgramme(t.db, cast.jpn, p.id, "open-consultation", NOW);
  await addProgrammeComment(t.db, cast.staff, p.id, { section: "objectives", body: "Add a goal." }, NOW);
  await addProgrammeComment(t.db, cast.jpn, p.id, { section: "objectives", body: "Added." }, NOW);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t.destroy();
});

async function call(url: string, as: string) {
  const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${tokens.get(as)}` } });
  return { status: res.statusCode, body: res.body, type: String(res.headers["content-type"] ?? "") };
}

async function post(url: string, as: string, payload: object) {
  const res = await app.inject({
    method: "POST",
    url,
    headers: { authorization: `Bearer ${tokens.get(as)}` },
    payload,
  });
  return { status: res.statusCode, body: res.json() };
}

/** Every way a viewer could learn of the programme, reduced to what each reveals. */
async function traces(viewer: Viewer) {
  const list = await listProgrammes(t.db, viewer, {}, NOW);
  const search = await listProgrammes(t.db, viewer, { q: "maritime" }, NOW);
  const byNation = await listProgrammes(t.db, viewer, { q: "japan", nation: "JPN" }, NOW);
  const csv = (await exportProgrammesCsv(t.db, viewer, {}, NOW)).body.toString("utf8");
  return {
    listed: list.programmes.some((p) => p.id === programmeId),
    total: list.total,
    byStatus: list.byStatus,
    searched: search.total + byNation.total,
    exported: csv.includes(programmeId),
    get: await codeOf(getProgramme(t.db, viewer, programmeId, NOW)),
    revision: await codeOf(getProgrammeRevision(t.db, viewer, programmeId, 1, NOW)),
    diff: await codeOf(diffProgramme(t.db, viewer, programmeId, 1, 2, NOW)),
  };
}

const HIDDEN = {
  listed: false,
  total: 0,
  byStatus: {},
  searched: 0,
  exported: false,
  get: "NOT_FOUND",
  revision: "NOT_FOUND",
  diff: "NOT_FOUND",
};

async function programmeNotices(viewer: Viewer) {
  const inbox = await listNotifications(t.db, viewer, { limit: 200 }, NOW);
  const stored = await t.db
    .selectFrom("notification")
    .select("id")
    .where("recipient_user_id", "=", viewer.userId)
    .where("subject_type", "=", "programme")
    .execute();
  return { inbox: inbox.notifications.filter((n) => n.subjectType === "programme").length, stored: stored.length };
}

describe("Japan's programme", () => {
  it("is hidden from Korea and from an Ally's delegation while in consultation; staff and Japan see it", async () => {
    expect(await traces(cast.kor)).toEqual(HIDDEN);
    expect(await traces(cast.nor)).toEqual(HIDDEN);
    for (const viewer of [cast.staff, cast.jpn]) {
      expect(await traces(viewer)).toEqual({
        listed: true,
        total: 1,
        byStatus: { consultation: 1 },
        searched: 2,
        exported: true,
        get: "OK",
        revision: "OK",
        diff: "OK",
      });
    }
    expect(await codeOf(addProgrammeComment(t.db, cast.kor, programmeId, { section: "areas", body: "x" }, NOW))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(transitionProgramme(t.db, cast.kor, programmeId, "withdraw", NOW))).toBe("NOT_FOUND");
    expect(await codeOf(transitionProgramme(t.db, cast.nor, programmeId, "withdraw", NOW))).toBe("NOT_FOUND");
  });

  it("is seen by the delegation from submission on, never by Korea, in any read or notification", async () => {
    await transitionProgramme(t.db, cast.jpn, programmeId, "submit", NOW);
    expect(await traces(cast.kor)).toEqual(HIDDEN);
    expect(await traces(cast.nor)).toEqual({
      listed: true,
      total: 1,
      byStatus: { submitted: 1 },
      searched: 2,
      exported: true,
      get: "OK",
      revision: "OK",
      diff: "OK",
    });
    // The delegation reads but cannot act: FORBIDDEN (it may see the programme).
    expect(await codeOf(transitionProgramme(t.db, cast.nor, programmeId, "withdraw", NOW))).toBe("FORBIDDEN");
    expect((await getProgramme(t.db, cast.nor, programmeId, NOW)).allowedActions).toEqual([]);

    const decision = await openCouncilProcedure(t.db, programmeId, NOW);
    await closeCouncilProcedure(t.db, decision, "adopted", NOW);
    await transitionProgramme(t.db, cast.jpn, programmeId, "accept", NOW);
    await transitionProgramme(t.db, cast.staff, programmeId, "enter-into-force", NOW);
    expect(await traces(cast.kor)).toEqual(HIDDEN);
    expect(await codeOf(getProgrammeProgress(t.db, cast.kor, programmeId, NOW))).toBe("NOT_FOUND");
    expect(await codeOf(getProgrammeProgress(t.db, cast.nor, programmeId, NOW))).toBe("OK");
    expect((await traces(cast.nor)).byStatus).toEqual({ "in-force": 1 });

    expect(await programmeNotices(cast.kor)).toEqual({ inbox: 0, stored: 0 });
    // Japan: the staff comment, adoption, acceptance, entry into force. Norway: the submission.
    expect(await programmeNotices(cast.jpn)).toEqual({ inbox: 4, stored: 4 });
    expect(await programmeNotices(cast.nor)).toEqual({ inbox: 1, stored: 1 });
  });

  it("over HTTP: Korea gets 404 and empty lists and exports; the delegation and Japan see it", async () => {
    const korList = await call("/api/programmes?q=japan", "kor");
    expect(korList.status).toBe(200);
    expect(JSON.parse(korList.body)).toEqual({ programmes: [], total: 0, byStatus: {} });
    const korGet = await call(`/api/programmes/${programmeId}`, "kor");
    expect(korGet.status).toBe(404);
    expect(await call(`/api/programmes/${programmeId}/revisions/1`, "kor")).toMatchObject({ status: 404 });
    expect(await call(`/api/programmes/${programmeId}/diff?from=1&to=2`, "kor")).toMatchObject({ status: 404 });
    expect(await call(`/api/programmes/${programmeId}/progress`, "kor")).toMatchObject({ status: 404 });
    const korCsv = await call("/api/programmes/export.csv", "kor");
    expect(korCsv.status).toBe(200);
    expect(korCsv.type).toContain("text/csv");
    expect(
      korCsv.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toHaveLength(1);

    const norList = JSON.parse((await call("/api/programmes", "nor")).body);
    expect(norList.programmes.map((p: { id: string }) => p.id)).toEqual([programmeId]);
    const norGet = await call(`/api/programmes/${programmeId}`, "nor");
    expect(norGet.status).toBe(200);
    expect(JSON.parse(norGet.body)).toMatchObject({
      status: "in-force",
      nation: { code: "JPN", name: "Japan" },
      marking: expect.stringContaining("NATO UNCLASSIFIED"),
    });
    const jpnCsv = await call("/api/programmes/export.csv?nation=JPN", "jpn");
    const lines = jpnCsv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe("Id,Nation,Nation name,Type,Title,Period start,Period end,Status,Revision,Updated,Marking");
    expect(lines[1]).toContain(`${programmeId},JPN,Japan,ipcp,Japan Individual Partnership and Cooperation Programme`);
  });

  it("over HTTP: Korea drafts its own programme, revises, comments and submits; Japan never sees it", async () => {
    const created = await post("/api/programmes", "kor", {
      title: "Korea IPCP",
      periodStart: "2012-01-01",
      periodEnd: "2013-12-31",
      content: { objectives: [{ id: "o1", text: "Cyber" }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ nation: { code: "KOR" }, type: "ipcp", status: "draft", currentRevision: 1 });
    const id = created.body.id;
    const bad = await post(`/api/programmes/${id}/revisions`, "kor", {
      content: { areas: ["knitting"] },
      expectedRevision: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("content.areas.0");
    const revised = await post(`/api/programmes/${id}/revisions`, "kor", {
      content: { objectives: [{ id: "o1", text: "Cyber defence" }] },
      expectedRevision: 1,
    });
    expect(revised.status).toBe(201);
    expect(revised.body.currentRevision).toBe(2);
    const stale = await post(`/api/programmes/${id}/revisions`, "staff", { content: {}, expectedRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    const illegal = await post(`/api/programmes/${id}/actions`, "kor", { action: "submit" });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe("INVALID_STATE");
    const opened = await post(`/api/programmes/${id}/actions`, "kor", { action: "open-consultation" });
    expect(opened.status).toBe(200);
    expect(opened.body.allowedActions).toEqual(["submit", "withdraw"]);
    const comment = await post(`/api/programmes/${id}/comments`, "staff", { section: "objectives", body: "Which?" });
    expect(comment.status).toBe(201);
    expect(comment.body).toMatchObject({ revision: 2, section: "objectives", body: "Which?" });
    expect((await post(`/api/programmes/${id}/actions`, "jpn", { action: "submit" })).status).toBe(404);
    expect((await post(`/api/programmes/${id}/actions`, "kor", { action: "submit" })).body.status).toBe("submitted");
    expect((await call(`/api/programmes/${id}`, "jpn")).status).toBe(404);
    const diff = JSON.parse((await call(`/api/programmes/${id}/diff?from=1&to=2`, "nor")).body);
    expect(diff.changes.map((c: { section: string }) => c.section)).toEqual(["objectives"]);
    const revision = JSON.parse((await call(`/api/programmes/${id}/revisions/1`, "staff")).body);
    expect(revision).toMatchObject({ number: 1, content: { objectives: [{ id: "o1", text: "Cyber" }] } });
  });
});
