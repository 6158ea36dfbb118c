import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb, testContext } from "../../../test/support/test-db.js";
import { buildApp } from "../../http/app.js";
import { unescapeText, unfoldLines } from "../calendar/ics.js";
import { seedDemoFeedback } from "../demo/demo-feedback.js";
import { seedDemoIdentity } from "../demo/demo-identity.js";
import { documentStore } from "../documents/documents.js";
import { createApiToken } from "../identity/api-tokens.js";
import { findUserByUsername, viewerOf } from "../identity/users.js";

// The feedback, participation and calendar endpoints in-process, over the demo data (which
// includes the conducted demo course ACT.397 with attendance and feedback).

const TODAY = "2026-11-28";
const USERS = ["staff", "partner.jpn", "partner.kor", "partner.geo", "analyst", "delegation.nor"] as const;
type Username = (typeof USERS)[number];
let t: TestDb;
let app: FastifyInstance;
let dir: string;
const tokens: Partial<Record<Username, string>> = {};
let iterationId = "";

beforeAll(async () => {
  t = await createSeededTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "entente-feedback-"));
  const ctx = testContext(t, TODAY);
  await seedDemoIdentity(t.db, documentStore(dir), ctx.clock.now());
  for (const username of USERS) {
    const user = await findUserByUsername(t.db, username);
    if (!user) throw new Error(`no demo user ${username}`);
    tokens[username] = (await createApiToken(t.db, viewerOf(user), { name: "feedback" }, ctx.clock.now())).token;
  }
  app = await buildApp(ctx, { serveWeb: false });
  const list = await call("GET", "/api/activities?q=ACT.397", "staff");
  const id = list.body.activities[0]?.id;
  const detail = await call("GET", `/api/activities/${id}`, "staff");
  iterationId = detail.body.iterations[0].id;
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: "GET" | "POST" | "PUT" | "DELETE", url: string, as?: Username, payload?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: as ? { authorization: `Bearer ${tokens[as]}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const json = res.headers["content-type"]?.toString().startsWith("application/json") ? res.json() : null;
  return { status: res.statusCode, body: json, text: res.body, headers: res.headers };
}

const fields = (body: { error: { details: { fields: { field: string }[] } } }) =>
  body.error.details.fields.map((f) => f.field).sort();

describe("the demo course", () => {
  it("is seeded once: a second run adds nothing", async () => {
    expect(await seedDemoFeedback(t.db)).toBe(0);
    const count = await t.db
      .selectFrom("activity")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("reference", "=", "ACT.397")
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe("feedback over HTTP", () => {
  it("GET /api/feedback/questionnaire: the versioned questions; login required", async () => {
    const res = await call("GET", "/api/feedback/questionnaire", "partner.jpn");
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.questions.map((q: { id: string }) => q.id)).toEqual([
      "overall",
      "relevance",
      "instruction",
      "organisation",
      "recommend",
      "worked",
      "improve",
    ]);
    expect((await call("GET", "/api/feedback/questionnaire")).status).toBe(401);
  });

  it("GET /api/iterations/:id/feedback-report: numbers and label for a participating nation; 404 for others", async () => {
    const res = await call("GET", `/api/iterations/${iterationId}/feedback-report`, "partner.jpn");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ attended: 10, responses: 9, responseRate: 0.9, commentsWithheld: false });
    expect(res.body.label.marking).toMatch(/^NATO UNCLASSIFIED/);
    expect(res.body.questions[0]).toMatchObject({ id: "overall", mean: 4.33 });
    expect(res.body.nations.map((n: { nation: string }) => n.nation)).toEqual(["AUS", "GEO", "JPN", "KOR"]);
    expect((await call("GET", `/api/iterations/${iterationId}/feedback-report`, "delegation.nor")).status).toBe(404);
    expect((await call("GET", `/api/iterations/${iterationId}/feedback-report`, "analyst")).status).toBe(404);
    expect((await call("GET", "/api/iterations/missing/feedback-report", "staff")).status).toBe(404);
    expect((await call("GET", `/api/iterations/${iterationId}/feedback-report`)).status).toBe(401);
  });

  it("GET /api/iterations/:id/attendance: staff see all, a partner its own nation", async () => {
    const staff = await call("GET", `/api/iterations/${iterationId}/attendance`, "staff");
    expect(staff.status).toBe(200);
    expect(staff.body.records).toHaveLength(11);
    expect(staff.body.canRecord).toBe(true);
    const kor = await call("GET", `/api/iterations/${iterationId}/attendance`, "partner.kor");
    expect(kor.body.records.map((r: { nation: string }) => r.nation)).toEqual(["KOR", "KOR"]);
    expect(kor.body.canRecord).toBe(false);
  });

  it("POST /api/nominations/:id/feedback: own nation, once; 400 names the fields; 404 for another nation", async () => {
    const sheet = await call("GET", `/api/iterations/${iterationId}/attendance`, "partner.kor");
    const pending = sheet.body.records.find((r: { feedbackSubmitted: boolean }) => !r.feedbackSubmitted);
    const url = `/api/nominations/${pending.nominationId}/feedback`;
    const answers = { overall: 4, relevance: 5, instruction: 4, organisation: 3, recommend: true, worked: "Good" };
    const bad = await call("POST", url, "partner.kor", { answers: { ...answers, overall: 9, colour: "red" } });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["answers.colour", "answers.overall"]);
    expect((await call("POST", url, "partner.jpn", { answers })).status).toBe(404);
    const created = await call("POST", url, "partner.kor", { answers });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ nominationId: pending.nominationId, questionnaireVersion: 1 });
    const again = await call("POST", url, "partner.kor", { answers });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");
  });

  it("PUT /api/iterations/:id/attendance: staff only; 400 names the field", async () => {
    const sheet = await call("GET", `/api/iterations/${iterationId}/attendance`, "staff");
    const absent = sheet.body.records.find((r: { attended: boolean | null }) => r.attended === false);
    const url = `/api/iterations/${iterationId}/attendance`;
    const records = [{ nominationId: absent.nominationId, attended: true }];
    expect((await call("PUT", url, "partner.geo", { records })).status).toBe(403);
    const bad = await call("PUT", url, "staff", { records: [{ nominationId: absent.nominationId, attended: "yes" }] });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["records.0.attended"]);
    const extra = await call("PUT", url, "staff", { records, by: "me" });
    expect(fields(extra.body)).toEqual(["by"]);
    const ok = await call("PUT", url, "staff", { records });
    expect(ok.status).toBe(200);
    expect(ok.body.records.filter((r: { attended: boolean }) => r.attended)).toHaveLength(11);
  });

  it("GET /api/partners/:code/participation: own nation or staff/analysts; 404 otherwise; 400 names the field", async () => {
    const kor = await call("GET", "/api/partners/kor/participation?from=2026-01-01&to=2026-12-31", "partner.kor");
    expect(kor.status).toBe(200);
    expect(kor.body.iterations.find((i: { reference: string }) => i.reference === "ACT.397")).toMatchObject({
      nominations: 3,
      confirmed: 2,
      withdrawn: 1,
      attended: 2,
    });
    expect((await call("GET", "/api/partners/KOR/participation", "partner.jpn")).status).toBe(404);
    expect((await call("GET", "/api/partners/KOR/participation", "analyst")).status).toBe(200);
    const bad = await call("GET", "/api/partners/KOR/participation?from=2026-13-01", "staff");
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["from"]);
    const extra = await call("GET", "/api/partners/KOR/participation?colour=red", "staff");
    expect(fields(extra.body)).toEqual(["colour"]);
  });
});

describe("calendar feeds over HTTP", () => {
  it("create (URL once), read without logging in, list without secrets, revoke → 404", async () => {
    expect((await call("POST", "/api/calendar/feeds", undefined, { scope: "nation" })).status).toBe(401);
    const bad = await call("POST", "/api/calendar/feeds", "partner.jpn", { scope: "everything" });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(["scope"]);
    const created = await call("POST", "/api/calendar/feeds", "partner.jpn", { scope: "nation" });
    expect(created.status).toBe(201);
    const url = new URL(created.body.url);
    expect(url.pathname).toMatch(/^\/calendar\/cal_[\w-]+\.ics$/);

    const feed = await call("GET", url.pathname);
    expect(feed.status).toBe(200);
    expect(feed.headers["content-type"]).toMatch(/^text\/calendar/);
    const lines = unfoldLines(feed.text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    const summaries = lines.filter((l) => l.startsWith("SUMMARY:")).map((l) => unescapeText(l.slice(8)));
    expect(summaries).toContain("ACT.412 Counter-piracy operations course (2027-1)");
    expect(summaries.some((s) => s.startsWith("ACT.604"))).toBe(false);
    const base = String(created.body.url).slice(0, -url.pathname.length);
    expect(lines).toContain(`URL:${base}/activities/${await idOf("ACT.412")}`);

    const list = await call("GET", "/api/calendar/feeds", "partner.jpn");
    expect(list.status).toBe(200);
    expect(list.body.feeds).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(url.pathname.slice(10, 40));
    expect((await call("DELETE", `/api/calendar/feeds/${created.body.id}`, "partner.kor")).status).toBe(404);
    expect((await call("DELETE", `/api/calendar/feeds/${created.body.id}`, "partner.jpn")).status).toBe(204);
    expect((await call("GET", url.pathname)).status).toBe(404);
    expect((await call("GET", "/calendar/cal_nothing.ics")).status).toBe(404);
    expect((await call("GET", "/calendar/whatever")).status).toBe(404);
  });

  it("documents the routes in OpenAPI", async () => {
    const res = await call("GET", "/api/openapi.json");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/iterations/{id}/attendance",
        "/api/feedback/questionnaire",
        "/api/nominations/{id}/feedback",
        "/api/iterations/{id}/feedback-report",
        "/api/partners/{code}/participation",
        "/api/calendar/feeds",
        "/api/calendar/feeds/{id}",
      ]),
    );
  });
});

async function idOf(reference: string): Promise<string> {
  const res = await call("GET", `/api/activities?q=${encodeURIComponent(reference)}`, "staff");
  return res.body.activities.find((a: { reference: string }) => a.reference === reference).id;
}
