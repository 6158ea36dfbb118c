import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantRequest } from "../../../test/support/access-requests.js";
import { openIteration } from "../../../test/support/activities.js";
import { insertUser } from "../../../test/support/feedback.js";
import { createSeededTestDb, type TestDb, testContext } from "../../../test/support/test-db.js";
import { buildApp } from "../../http/app.js";
import type { Activity } from "../activities/activities.js";
import { createApiToken } from "../identity/api-tokens.js";
import type { Viewer } from "../labels/viewer.js";

const TODAY = "2026-11-28";
const APPROVED = "NATO, PfP, MD, ICI and other nations as approved";
let t: TestDb;
let app: FastifyInstance;
let activity: Activity;
let hidden: Activity;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createSeededTestDb();
  const ctx = testContext(t, TODAY);
  const users: Record<string, Viewer> = {
    chn: await insertUser(t.db, "chn", "CHN", ["partner"]),
    kor: await insertUser(t.db, "kor", "KOR", ["partner"]),
    staff: await insertUser(t.db, "staff", null, ["staff"]),
  };
  for (const [name, user] of Object.entries(users)) {
    tokens[name] = (await createApiToken(t.db, user, { name: "access-requests" }, ctx.clock.now())).token;
  }
  activity = (await openIteration(t.db, { audience: APPROVED })).activity;
  hidden = (await openIteration(t.db, { audience: APPROVED, label: { classification: "NU", releasableTo: ["NATO"] } }))
    .activity;
  app = await buildApp(ctx, { serveWeb: false });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t.destroy();
});

async function call(method: "GET" | "POST", url: string, as?: string, payload?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: as ? { authorization: `Bearer ${tokens[as]}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.json() };
}

describe("access requests over HTTP", () => {
  let id = "";

  it("files (201), lists and gets a request; another partner sees nothing", async () => {
    expect(
      (await call("POST", "/api/access-requests", undefined, { activityId: activity.id, reason: "x" })).status,
    ).toBe(401);
    const created = await call("POST", "/api/access-requests", "chn", { activityId: activity.id, reason: "Piracy" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ nation: { code: "CHN" }, status: "requested", canWithdraw: true });
    id = created.body.id;
    const again = await call("POST", "/api/access-requests", "chn", { activityId: activity.id, reason: "Piracy" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");
    const bad = await call("POST", "/api/access-requests", "chn", { activityId: activity.id, reason: "", extra: 1 });
    expect(bad.status).toBe(400);
    expect((await call("GET", "/api/access-requests", "chn")).body.total).toBe(1);
    expect((await call("GET", "/api/access-requests", "kor")).body).toEqual({ requests: [], total: 0 });
    expect((await call("GET", `/api/access-requests/${id}`, "staff")).body.id).toBe(id);
    expect((await call("GET", `/api/access-requests/${id}`, "kor")).status).toBe(404);
    const hiddenOne = await call("POST", "/api/access-requests", "chn", { activityId: hidden.id, reason: "x" });
    expect(hiddenOne.status).toBe(404);
  });

  it("the policy endpoint counts the Council's grant when asked about the activity, if you may see it", async () => {
    const query = `partner=CHN&audience=${encodeURIComponent(APPROVED)}&date=2012-06-01`;
    await grantRequest(t.db, id, new Date("2012-04-02T10:00:00Z"));
    const plain = await call("GET", `/api/policy/access?${query}`);
    expect(plain.body.outcome).toBe("council-approval");
    const granted = await call("GET", `/api/policy/access?${query}&activityId=${activity.id}`, "chn");
    expect(granted.status).toBe(200);
    expect(granted.body.outcome).toBe("open");
    expect(granted.body.councilDecision.date).toBe("2012-04-02");
    expect((await call("GET", `/api/policy/access?${query}&activityId=${hidden.id}`, "chn")).status).toBe(404);
  });

  it("withdraw: only a requested request (409 otherwise)", async () => {
    const refused = await call("POST", `/api/access-requests/${id}/withdraw`, "chn");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("INVALID_STATE");
    const other = await call("POST", "/api/access-requests", "staff", {
      activityId: activity.id,
      nation: "IND",
      reason: "Filed by staff",
    });
    expect(other.status).toBe(201);
    const withdrawn = await call("POST", `/api/access-requests/${other.body.id}/withdraw`, "staff");
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe("withdrawn");
  });
});
