import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  insertAdmin,
  insertDelegate,
  insertPartnerUser,
  insertStaff,
  silenceInput,
} from "../../../test/support/decisions.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { AppContext } from "../../context.js";
import { buildApp } from "../../http/app.js";
import { createApiToken } from "../identity/api-tokens.js";
import { findUserByUsername, viewerOf } from "../identity/users.js";
import type { Viewer } from "../labels/viewer.js";

// The decision routes in-process, with a clock the tests move across the deadline.

let t: TestDb;
let app: FastifyInstance;
let current = new Date("2012-03-10T09:00:00Z");
const tokens: Record<string, string> = {};
const DEADLINE = new Date("2012-03-16T16:00:00Z");

async function tokenFor(key: string, viewer: Viewer) {
  const user = await findUserByUsername(t.db, viewer.username ?? "");
  if (!user) throw new Error(`no user ${viewer.username}`);
  tokens[key] = (await createApiToken(t.db, viewerOf(user), { name: key }, current)).token;
}

beforeAll(async () => {
  t = await createSeededTestDb();
  await tokenFor("staff", await insertStaff(t.db));
  await tokenFor("admin", await insertAdmin(t.db));
  await tokenFor("nor", await insertDelegate(t.db, "NOR"));
  await tokenFor("dnk", await insertDelegate(t.db, "DNK"));
  await tokenFor("jpn", await insertPartnerUser(t.db, "JPN"));
  const ctx: AppContext = Object.freeze({
    config: t.config,
    db: t.db,
    clock: { now: () => current, today: () => current.toISOString().slice(0, 10) },
  });
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

const fieldsOf = (body: { error: { details?: { fields?: { field: string }[] } } }) =>
  body.error.details?.fields?.map((f) => f.field);

async function openSilence(overrides: Record<string, unknown> = {}) {
  current = new Date("2012-03-10T09:00:00Z");
  const res = await call("POST", "/api/decisions", "staff", {
    ...silenceInput({ date: "2012-03-16", time: "17:00" }),
    ...overrides,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; reference: string };
}

describe("decisions over HTTP", () => {
  it("opens a silence procedure (201) and presents it", async () => {
    const res = await call("POST", "/api/decisions", "staff", silenceInput({ date: "2012-03-16", time: "17:00" }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "open",
      procedure: "silence",
      decisionDate: "2012-03-10",
      deadline: { at: "2012-03-16T16:00:00.000Z", local: "2012-03-16T17:00:00", timeZone: "Europe/Brussels" },
      outcomeText: "Open: silence procedure until 2012-03-16 17:00 Europe/Brussels",
      alliesCount: 28,
      canObject: false,
      canWithdraw: true,
    });
    const seen = await call("GET", `/api/decisions/${res.body.id}`, "nor");
    expect(seen.status).toBe(200);
    expect(seen.body.canObject).toBe(true);
  });

  it("answers 400 naming the fields, 403 to a delegation, 401 to the anonymous", async () => {
    const bad = await call("POST", "/api/decisions", "staff", {
      ...silenceInput({ date: "2012-03-16", time: "17:00", timeZone: "Europe/Atlantis" }),
      format: "allies-plus-one",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION");
    expect(fieldsOf(bad.body)).toEqual(["deadline.timeZone", "participants"]);
    const schema = await call("POST", "/api/decisions", "staff", {
      ...silenceInput({ date: "2012-03-16", time: "25:00" }),
    });
    expect(schema.status).toBe(400);
    expect(fieldsOf(schema.body)).toEqual(["deadline.time"]);
    const forbidden = await call("POST", "/api/decisions", "nor", silenceInput({ date: "2012-03-16", time: "17:00" }));
    expect(forbidden.status).toBe(403);
    const anonymous = await call(
      "POST",
      "/api/decisions",
      undefined,
      silenceInput({ date: "2012-03-16", time: "17:00" }),
    );
    expect(anonymous.status).toBe(401);
  });

  it("POST objection: 403 to a partner, 404 if unreadable, 400 without a reason, 200 before the deadline, 409 after", async () => {
    const releasable = await openSilence({ label: { classification: "NU", releasableTo: ["NATO", "JPN"] } });
    const natoOnly = await openSilence();
    current = new Date(DEADLINE.getTime() - 1000);

    const partner = await call("POST", `/api/decisions/${releasable.id}/objection`, "jpn", { reason: "We object" });
    expect(partner.status).toBe(403);
    expect(partner.body.error).toMatchObject({
      code: "FORBIDDEN",
      message: "Only an Ally's delegation can break silence",
    });
    const hidden = await call("POST", `/api/decisions/${natoOnly.id}/objection`, "jpn", { reason: "We object" });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("NOT_FOUND");
    const missing = await call("POST", "/api/decisions/no-such-id/objection", "nor", { reason: "We object" });
    expect(missing.status).toBe(404);
    const noReason = await call("POST", `/api/decisions/${natoOnly.id}/objection`, "nor", {});
    expect(noReason.status).toBe(400);
    expect(fieldsOf(noReason.body)).toEqual(["reason"]);

    const broken = await call("POST", `/api/decisions/${natoOnly.id}/objection`, "nor", { reason: "Norway objects" });
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({
      status: "silence-broken",
      outcomeText: "Silence broken by Norway on 2012-03-16 16:59:59 Europe/Brussels",
      brokenBy: { nation: { code: "NOR", name: "Norway" }, reason: "Norway objects", at: "2012-03-16T15:59:59.000Z" },
      canObject: false,
    });
    const second = await call("POST", `/api/decisions/${natoOnly.id}/objection`, "dnk", { reason: "Denmark too" });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toBe("Silence already broken by Norway at 2012-03-16 16:59:59 Europe/Brussels");

    current = new Date(DEADLINE.getTime() + 1000);
    const late = await call("POST", `/api/decisions/${releasable.id}/objection`, "nor", { reason: "Too late" });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: "INVALID_STATE",
      message: "The silence procedure ended at 2012-03-16 17:00 Europe/Brussels; silence was kept",
    });
  });

  it("POST /api/scheduler/run: admin only; adopts what is due, and a second run does nothing", async () => {
    const due = await openSilence();
    current = new Date(DEADLINE.getTime() + 1000);
    const refused = await call("POST", "/api/scheduler/run", "staff");
    expect(refused.status).toBe(403);
    const run = await call("POST", "/api/scheduler/run", "admin");
    expect(run.status).toBe(200);
    expect(run.body.skipped).toBe(false);
    expect(run.body.adopted).toContain(due.reference);
    const again = await call("POST", "/api/scheduler/run", "admin");
    expect(again.body).toEqual({ adopted: [], reminded: [], skipped: false });
    const detail = await call("GET", `/api/decisions/${due.id}`, "staff");
    expect(detail.body.outcomeText).toBe("Adopted by silence procedure at 2012-03-16 17:00 Europe/Brussels");
    expect(detail.body.closedAt).toBe("2012-03-16T16:00:00.000Z");
  });

  it("withdraw: staff only, then 409", async () => {
    const decision = await openSilence();
    expect((await call("POST", `/api/decisions/${decision.id}/withdraw`, "nor")).status).toBe(403);
    const withdrawn = await call("POST", `/api/decisions/${decision.id}/withdraw`, "staff");
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe("withdrawn");
    expect((await call("POST", `/api/decisions/${decision.id}/withdraw`, "staff")).status).toBe(409);
  });

  it("the register: a partner sees only what is releasable to it, with the total", async () => {
    const staffList = await call("GET", "/api/decisions?limit=2", "staff");
    expect(staffList.status).toBe(200);
    expect(staffList.body.decisions).toHaveLength(2);
    const total = staffList.body.total as number;
    expect(total).toBeGreaterThan(4);
    const japan = await call("GET", "/api/decisions", "jpn");
    expect(japan.body.total).toBe(1);
    expect(japan.body.decisions[0].marking).toBe("NATO UNCLASSIFIED // RELEASABLE TO NATO, JPN");
    const bad = await call("GET", "/api/decisions?status=pending", "staff");
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["status"]);
  });
});
