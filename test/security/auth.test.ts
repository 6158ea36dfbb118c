import { createHash } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/context.js";
import { DEMO_USERS, demoPassword } from "../../src/domain/demo/demo-accounts.js";
import { seedDemoIdentity } from "../../src/domain/demo/demo-identity.js";
import { createApiToken } from "../../src/domain/identity/api-tokens.js";
import type { TUserView } from "../../src/domain/identity/identity.schema.js";
import { recordLoginFailure, throttleState } from "../../src/domain/identity/throttle.js";
import { stepAt, totpCodeAt } from "../../src/domain/identity/totp.js";
import { createUser, findUserByUsername, viewerOf } from "../../src/domain/identity/users.js";
import { buildApp } from "../../src/http/app.js";
import { createSeededTestDb, type TestDb } from "../support/test-db.js";
import {
  bearer,
  type ContextOptions,
  fieldsOf,
  HOUR,
  loginHttp,
  MINUTE,
  MutableClock,
  multipartUpload,
  sameOrigin,
  securityContext,
  sessionCookieOf,
  type TempDataDir,
  tempDataDir,
} from "./helpers.js";

// Authentication and the HTTP defences: sessions and their timeouts, CSRF, security headers,
// login throttling and uniform failures, TOTP, mass assignment and API tokens.

let t: TestDb;
let data: TempDataDir;
let app: FastifyInstance;
const clock = new MutableClock("2026-03-02T08:00:00Z");
const apps: FastifyInstance[] = [];
let adminToken = "";

async function appWith(options: ContextOptions = {}): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  const ctx = securityContext(t, clock, { dataDir: data.dataDir, ...options });
  const built = await buildApp(ctx, { serveWeb: false });
  apps.push(built);
  return { app: built, ctx };
}

beforeAll(async () => {
  t = await createSeededTestDb();
  data = tempDataDir();
  await seedDemoIdentity(t.db, data.store, clock.now());
  app = (await appWith()).app;
  adminToken = (await createApiToken(t.db, viewerOf(await userNamed("admin")), { name: "auth tests" }, clock.now()))
    .token;
}, 60_000);
afterAll(async () => {
  for (const a of apps) await a.close();
  await t.destroy();
  data.cleanup();
});

async function userNamed(username: string): Promise<TUserView> {
  const user = await findUserByUsername(t.db, username);
  if (!user) throw new Error(`no user ${username}`);
  return user;
}
const secretOf = (username: string) => DEMO_USERS.find((u) => u.username === username)?.totpSecret ?? "";
/** The current code; the clock first moves past the step of any code used before. */
function nextCode(secret: string): string {
  clock.advance(31_000);
  return totpCodeAt(secret, stepAt(clock.now()));
}
/** A six-digit code that no step around now accepts. */
function wrongCode(secret: string): string {
  const step = stepAt(clock.now());
  const valid = new Set([step - 1, step, step + 1].map((s) => totpCodeAt(secret, s)));
  return ["000000", "111111", "222222", "333333"].find((c) => !valid.has(c)) ?? "444444";
}
const documentId = async (reference: string) =>
  (await t.db.selectFrom("document").select("id").where("reference", "=", reference).executeTakeFirstOrThrow()).id;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const get = (url: string, headers: Record<string, string> = {}, on = app) => on.inject({ method: "GET", url, headers });
const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>, on = app) =>
  on.inject({ method: "POST", url, headers, ...(payload === undefined ? {} : { payload }) });
const me = async (token: string, on = app) =>
  (await get("/api/auth/me", { cookie: `entente_session=${token}` }, on)).json();

/** Logs a demo user in with a password (and its TOTP code when it has one): a full session. */
async function fullSession(username: string, password = demoPassword(username), on = app): Promise<string> {
  const login = await loginHttp(on, username, password);
  if (!login.token) throw new Error(`login of ${username} failed: ${JSON.stringify(login.body)}`);
  if (login.body.stage === "authenticated") return login.token;
  const res = await post("/api/auth/totp", sameOrigin(login.token), { code: nextCode(secretOf(username)) }, on);
  const token = sessionCookieOf(res);
  if (res.statusCode !== 200 || !token) throw new Error(`second factor of ${username} failed: ${res.body}`);
  return token;
}

// ---------------------------------------------------------------------------------------------

describe("sessions", () => {
  it("the cookie is HttpOnly, SameSite=Strict, Path=/, lives as long as a session; each login issues a new token", async () => {
    const first = await loginHttp(app, "partner.kor", demoPassword("partner.kor"));
    const second = await loginHttp(app, "partner.kor", demoPassword("partner.kor"));
    expect(first.status).toBe(200);
    const setCookie = String(first.res.headers["set-cookie"]);
    expect(setCookie).toMatch(/^entente_session=/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/");
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(setCookie).toContain(`Max-Age=${t.config.session.maxHours * 3600}`);
    expect(first.token).toBeTruthy();
    expect(second.token).toBeTruthy();
    expect(second.token).not.toBe(first.token);
    // Only the hash is stored.
    const rows = await t.db.selectFrom("user_session").select("token_hash").execute();
    expect(rows.map((r) => r.token_hash)).toContain(sha256(first.token ?? ""));
    expect(rows.map((r) => r.token_hash)).not.toContain(first.token);
  });

  it("the second factor replaces the pending session by a new token; the pending one is dead", async () => {
    const pending = await loginHttp(app, "partner.jpn", demoPassword("partner.jpn"));
    expect(pending.body.stage).toBe("totp-required");
    const pendingToken = pending.token ?? "";
    const res = await post("/api/auth/totp", sameOrigin(pendingToken), { code: nextCode(secretOf("partner.jpn")) });
    expect(res.statusCode).toBe(200);
    const verified = sessionCookieOf(res) ?? "";
    expect(verified).not.toBe(pendingToken);
    expect((await me(verified)).stage).toBe("authenticated");
    expect((await me(pendingToken)).user).toBeNull();
  });

  it("logout ends the session on the server: the old cookie no longer reads or writes", async () => {
    const token = await fullSession("partner.kor");
    const kor = await documentId("IPCP-KOR(2012)");
    expect((await get(`/api/documents/${kor}`, { cookie: `entente_session=${token}` })).statusCode).toBe(200);
    const out = await post("/api/auth/logout", sameOrigin(token));
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/entente_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/);
    // The browser would drop the cookie; an attacker who kept it gets nothing.
    expect((await me(token)).user).toBeNull();
    expect((await get(`/api/documents/${kor}`, { cookie: `entente_session=${token}` })).statusCode).toBe(404);
    expect((await post("/api/auth/tokens", sameOrigin(token), { name: "after logout" })).statusCode).toBe(401);
    const stored = await t.db
      .selectFrom("user_session")
      .select("token_hash")
      .where("token_hash", "=", sha256(token))
      .execute();
    expect(stored).toEqual([]);
  });

  it("expires after the idle timeout, activity keeping it alive", async () => {
    const idle = t.config.session.idleMinutes;
    const token = await fullSession("partner.aus");
    clock.advance((idle - 1) * MINUTE);
    expect((await me(token)).user?.username).toBe("partner.aus");
    clock.advance((idle - 1) * MINUTE);
    expect((await me(token)).user?.username, "activity moved the idle deadline").toBe("partner.aus");
    clock.advance((idle + 1) * MINUTE);
    expect((await me(token)).user).toBeNull();
    // And it stays dead when the clock would otherwise allow it.
    expect((await me(token)).user).toBeNull();
  });

  it("expires at the absolute timeout however active it is", async () => {
    const maxHours = t.config.session.maxHours;
    const start = clock.now().getTime();
    const token = await fullSession("partner.geo");
    const step = Math.max(1, t.config.session.idleMinutes - 5) * MINUTE;
    while (clock.now().getTime() + step < start + maxHours * HOUR - MINUTE) {
      clock.advance(step);
      expect((await me(token)).user?.username).toBe("partner.geo");
    }
    clock.set(new Date(start + maxHours * HOUR + 1000));
    expect((await me(token)).user).toBeNull();
  });

  it("disabling a user ends its sessions and revokes its API tokens at once", async () => {
    const partnerOrg = (await userNamed("partner.kor")).organisation.id;
    await createUser(
      t.db,
      null,
      {
        username: "soon.disabled",
        displayName: "Soon disabled",
        organisationId: partnerOrg,
        clearance: "NR",
        roles: ["partner"],
        password: "soon-disabled-password",
      },
      clock.now(),
    );
    const session = await fullSession("soon.disabled", "soon-disabled-password");
    const created = await post("/api/auth/tokens", sameOrigin(session), { name: "script" });
    expect(created.statusCode).toBe(201);
    const apiToken = (created.json() as { token: string }).token;
    expect((await get("/api/auth/me", bearer(apiToken))).json().user.username).toBe("soon.disabled");

    const target = await userNamed("soon.disabled");
    expect((await post(`/api/users/${target.id}/disable`, bearer(adminToken))).statusCode).toBe(200);
    expect((await me(session)).user).toBeNull();
    expect((await get("/api/auth/me", bearer(apiToken))).statusCode).toBe(401);
    expect((await loginHttp(app, "soon.disabled", "soon-disabled-password")).status).toBe(401);
  });

  it("resetting a password ends the user's sessions; the old password stops working", async () => {
    const session = await fullSession("analyst");
    const analyst = await userNamed("analyst");
    const reset = await post(`/api/users/${analyst.id}/reset-password`, bearer(adminToken), {
      password: "a-brand-new-analyst-password",
    });
    expect(reset.statusCode).toBe(204);
    expect((await me(session)).user).toBeNull();
    expect((await loginHttp(app, "analyst", demoPassword("analyst"))).status).toBe(401);
    expect((await loginHttp(app, "analyst", "a-brand-new-analyst-password")).status).toBe(200);
  });

  it("ending one of one's sessions by id leaves the others; an id that is not a session ends nothing", async () => {
    const a = await fullSession("partner.kor");
    const b = await fullSession("partner.kor");
    const list = (await get("/api/auth/sessions", { cookie: `entente_session=${a}` })).json() as {
      sessions: { id: string }[];
    };
    const idOfB = list.sessions.map((s) => s.id).find((id) => sha256(b).startsWith(id));
    expect(idOfB).toBeDefined();
    for (const bogus of ["zzzzzzzzzzzzzzzz", "0", "%25", "-".repeat(20)]) {
      const res = await app.inject({ method: "DELETE", url: `/api/auth/sessions/${bogus}`, headers: sameOrigin(a) });
      expect(res.statusCode, bogus).toBe(404);
      expect((await me(a)).user, `after DELETE ${bogus}`).not.toBeNull();
      expect((await me(b)).user, `after DELETE ${bogus}`).not.toBeNull();
    }
    const res = await app.inject({ method: "DELETE", url: `/api/auth/sessions/${idOfB}`, headers: sameOrigin(a) });
    expect(res.statusCode).toBe(204);
    expect((await me(b)).user).toBeNull();
    expect((await me(a)).user?.username).toBe("partner.kor");
  });
});

// ---------------------------------------------------------------------------------------------

describe("CSRF: cookie-authenticated writes must come from the app's own origin", () => {
  let session = "";
  beforeAll(async () => {
    session = await fullSession("partner.kor");
  });
  const tokenCount = async () =>
    Number(
      (
        await t.db
          .selectFrom("api_token")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("user_id", "=", (await userNamed("partner.kor")).id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const cookie = () => ({ cookie: `entente_session=${session}`, host: "entente.example" });

  it.each([
    ["Sec-Fetch-Site: cross-site", { "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site", { "sec-fetch-site": "same-site" }],
    ["a foreign Origin and no Fetch Metadata", { origin: "https://evil.example" }],
    ["Origin: null", { origin: "null" }],
    ["neither Origin nor Fetch Metadata", {}],
    ["a look-alike Origin", { origin: "https://entente.example.evil.example" }],
  ])("refuses %s with 403 and changes nothing", async (_name, extra: Record<string, string>) => {
    const before = await tokenCount();
    const res = await post("/api/auth/tokens", { ...cookie(), ...extra }, { name: "csrf" });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
    expect(await tokenCount()).toBe(before);
    const logout = await post("/api/auth/logout", { ...cookie(), ...extra });
    expect(logout.statusCode, "logout is a write too").toBe(403);
    expect((await me(session)).user?.username).toBe("partner.kor");
  });

  it("allows Sec-Fetch-Site: same-origin, and an Origin equal to the scheme and Host without Fetch Metadata", async () => {
    const before = await tokenCount();
    expect(
      (await post("/api/auth/tokens", { ...cookie(), "sec-fetch-site": "same-origin" }, { name: "ok 1" })).statusCode,
    ).toBe(201);
    // The test server speaks plain HTTP, so its own origin is http://entente.example.
    expect(
      (await post("/api/auth/tokens", { ...cookie(), origin: "http://entente.example" }, { name: "ok 2" })).statusCode,
    ).toBe(201);
    expect(
      (await post("/api/auth/tokens", { ...cookie(), origin: "https://entente.example" }, { name: "scheme" }))
        .statusCode,
      "same host, other scheme",
    ).toBe(403);
    expect(await tokenCount()).toBe(before + 2);
  });

  it("exempts Bearer requests, which carry no ambient credential", async () => {
    const token = (await createApiToken(t.db, viewerOf(await userNamed("partner.kor")), { name: "csrf" }, clock.now()))
      .token;
    const res = await post("/api/auth/tokens", bearer(token), { name: "from a script" });
    expect(res.statusCode).toBe(201);
  });

  it("does not check reads", async () => {
    const res = await get("/api/auth/me", { ...cookie(), "sec-fetch-site": "cross-site" });
    expect(res.statusCode).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------

describe("security headers on every response", () => {
  const expectHeaders = (res: LightMyRequestResponse, what: string, api: boolean) => {
    expect(res.headers["x-content-type-options"], what).toBe("nosniff");
    expect(res.headers["referrer-policy"], what).toBe("no-referrer");
    expect(res.headers["cross-origin-opener-policy"], what).toBe("same-origin");
    const csp = String(res.headers["content-security-policy"] ?? "");
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
      expect(csp, `${what}: CSP ${directive}`).toContain(directive);
    expect(csp, what).not.toContain("unsafe-eval");
    if (api) expect(res.headers["cache-control"], what).toBe("no-store");
    expect(res.headers["strict-transport-security"], `${what}: no HSTS over plain HTTP`).toBeUndefined();
  };

  it("on successes, client errors, refusals and downloads", async () => {
    const session = await fullSession("partner.kor");
    const kor = await documentId("IPCP-KOR(2012)");
    const cases: [string, () => Promise<LightMyRequestResponse>, number][] = [
      ["health", () => get("/api/health"), 200],
      ["auth config", () => get("/api/auth/config"), 200],
      ["OpenAPI", () => get("/api/openapi.json"), 200],
      ["document list", () => get("/api/documents"), 200],
      ["download", () => get(`/api/documents/${kor}/content`, { cookie: `entente_session=${session}` }), 200],
      ["unknown API route", () => get("/api/nope"), 404],
      ["hidden document", () => get(`/api/documents/${kor}`), 404],
      ["bad query", () => get("/api/documents?limit=1000"), 400],
      ["anonymous admin route", () => get("/api/users"), 401],
      ["forbidden admin route", () => get("/api/users", { cookie: `entente_session=${session}` }), 403],
      ["bad bearer token", () => get("/api/health", bearer("ent_not-a-token")), 401],
      ["failed login", () => post("/api/auth/login", {}, { username: "x-nobody", password: "wrong-password" }), 401],
      [
        "CSRF refusal",
        () => post("/api/auth/logout", { cookie: `entente_session=${session}`, "sec-fetch-site": "cross-site" }),
        403,
      ],
      [
        "malformed JSON",
        () =>
          app.inject({
            method: "POST",
            url: "/api/auth/login",
            headers: { "content-type": "application/json" },
            payload: "{",
          }),
        400,
      ],
    ];
    for (const [what, request, status] of cases) {
      const res = await request();
      expect(res.statusCode, what).toBe(status);
      expectHeaders(res, what, true);
    }
    const page = await get("/some/page");
    expectHeaders(page, "non-API path", false);
  });

  it("the download is served as an attachment with its label", async () => {
    const session = await fullSession("partner.kor");
    const res = await get(`/api/documents/${await documentId("IPCP-KOR(2012)")}/content`, {
      cookie: `entente_session=${session}`,
    });
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="/);
    expect(res.headers["x-confidentiality-label"]).toBe("NATO RESTRICTED // RELEASABLE TO KOR");
    expect(res.headers["content-type"]).toMatch(/^text\/plain/);
  });

  const docsPages = async () => {
    const pages: [string, LightMyRequestResponse][] = [];
    for (const url of ["/api/docs", "/api/docs/", "/api/docs/static/index.html", "/api/docs/json"]) {
      const res = await get(url);
      if (res.statusCode < 300 || res.statusCode >= 400) pages.push([url, res]);
    }
    return pages;
  };

  it("on the API documentation: nosniff, no-referrer, no-store", async () => {
    const pages = await docsPages();
    expect(pages.length).toBeGreaterThan(0);
    for (const [url, res] of pages) {
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });

  // KNOWN DEFECT (report #1): src/http/security-headers.ts sends no CSP at all under /api/docs.
  // A relaxed script-src would do there, but object-src, base-uri and frame-ancestors must stay.
  it("on the API documentation: a CSP too (object-src, base-uri, frame-ancestors 'none')", async () => {
    for (const [url, res] of await docsPages()) expectHeaders(res, url, true);
  });
});

// ---------------------------------------------------------------------------------------------

describe("over HTTPS", () => {
  // app.inject's mock socket is never `encrypted`; for this block its prototype says it is, so
  // that request.protocol is "https" as behind TLS. Restored afterwards.
  let tls: FastifyInstance;
  let socketPrototype: object | undefined;
  beforeAll(async () => {
    tls = await buildApp(securityContext(t, clock, { dataDir: data.dataDir }), { serveWeb: false });
    apps.push(tls);
    tls.get("/__socket", { schema: { hide: true } }, async (request) => {
      socketPrototype = Object.getPrototypeOf(request.raw.socket) as object;
      return { ok: true };
    });
    await tls.inject({ method: "GET", url: "/__socket" });
    if (!socketPrototype) throw new Error("no socket");
    Object.defineProperty(socketPrototype, "encrypted", { value: true, configurable: true });
  });
  afterAll(() => {
    if (socketPrototype) Reflect.deleteProperty(socketPrototype, "encrypted");
  });

  it("the session cookie is __Host-: Secure, HttpOnly, SameSite=Strict, Path=/, no Domain; HSTS is sent", async () => {
    const login = await tls.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "partner.kor", password: demoPassword("partner.kor") },
    });
    expect(login.statusCode).toBe(200);
    const setCookie = String(login.headers["set-cookie"]);
    expect(setCookie).toMatch(/^__Host-entente_session=/);
    for (const attribute of ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"]) expect(setCookie).toContain(attribute);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(login.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    const token = sessionCookieOf(login) ?? "";
    const who = await tls.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: `__Host-entente_session=${token}` },
    });
    expect(who.json().user.username).toBe("partner.kor");
  });

  // KNOWN DEFECT (report #4): src/http/auth.ts reads `__Host-entente_session ?? entente_session`
  // whatever the protocol, so over HTTPS the unprefixed cookie (which a sibling subdomain or a
  // plain-HTTP response can set) is accepted, defeating the __Host- prefix (session fixation).
  it("the unprefixed cookie is not accepted: a cookie planted by a sibling host or over HTTP cannot log the browser in", async () => {
    const token = (await loginHttp(tls, "partner.kor", demoPassword("partner.kor"))).token ?? "";
    const planted = await tls.inject({
      method: "GET",
      url: "/api/auth/me",
      headers: { cookie: `entente_session=${token}` },
    });
    expect(planted.json().user).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe("login failures and throttling", () => {
  it("unknown user, wrong password and disabled user get the same status, body and headers", async () => {
    const partnerOrg = (await userNamed("partner.geo")).organisation.id;
    const disabled = await createUser(
      t.db,
      null,
      {
        username: "disabled.geo",
        displayName: "Disabled",
        organisationId: partnerOrg,
        clearance: "NU",
        roles: ["partner"],
        password: "disabled-geo-password",
      },
      clock.now(),
    );
    expect((await post(`/api/users/${disabled.id}/disable`, bearer(adminToken))).statusCode).toBe(200);
    const answers = [
      await post("/api/auth/login", {}, { username: "no.such.user", password: "some-password-1" }),
      await post("/api/auth/login", {}, { username: "partner.geo", password: "some-password-1" }),
      await post("/api/auth/login", {}, { username: "disabled.geo", password: "disabled-geo-password" }),
    ];
    const shape = (res: LightMyRequestResponse) => ({
      status: res.statusCode,
      body: res.body,
      setCookie: res.headers["set-cookie"] ?? null,
      headers: Object.keys(res.headers)
        .filter((h) => h !== "date")
        .sort(),
      length: res.headers["content-length"],
    });
    const [first, ...rest] = answers.map(shape);
    expect(first?.status).toBe(401);
    expect(first?.setCookie).toBeNull();
    for (const other of rest) expect(other).toEqual(first);
  });

  it("with the configured limits: free failures, then a growing delay", async () => {
    const { freeFailures } = t.config.throttle;
    const timings: number[] = [];
    for (let i = 0; i <= freeFailures + 1; i++) {
      const started = performance.now();
      const res = await post("/api/auth/login", {}, { username: "slow.down", password: "wrong-password" });
      timings.push(performance.now() - started);
      expect(res.statusCode).toBe(401);
    }
    const free = Math.max(...timings.slice(0, freeFailures + 1));
    const delayed = timings[freeFailures + 1] ?? 0;
    expect(delayed, `timings ${timings.map(Math.round).join(", ")}`).toBeGreaterThanOrEqual(240);
    expect(delayed).toBeGreaterThan(free);
  });

  it("the default limits lock a name after ten failures for fifteen minutes (domain level, no waiting)", async () => {
    const limits = t.config.throttle;
    expect(limits).toEqual({ freeFailures: 3, lockAfter: 10, lockMinutes: 15 });
    const at = new Date("2026-05-01T10:00:00Z");
    for (let i = 0; i < limits.lockAfter; i++) {
      expect((await throttleState(t.db, "lock.me", at, limits)).locked).toBe(false);
      await t.db.transaction().execute((trx) => recordLoginFailure(trx, "lock.me", at, limits));
    }
    expect(await throttleState(t.db, "lock.me", at, limits)).toMatchObject({ locked: true });
    const later = new Date(at.getTime() + limits.lockMinutes * MINUTE - 1000);
    expect((await throttleState(t.db, "lock.me", later, limits)).locked).toBe(true);
    const after = new Date(at.getTime() + limits.lockMinutes * MINUTE + 1000);
    expect((await throttleState(t.db, "lock.me", after, limits)).locked).toBe(false);
  });

  it("a locked name refuses even the right password, for a real and an unknown user alike, until the lock ends", async () => {
    const { app: strict } = await appWith({ throttle: { freeFailures: 1, lockAfter: 3, lockMinutes: 15 } });
    const attempt = (username: string, password: string) => post("/api/auth/login", {}, { username, password }, strict);
    for (let i = 0; i < 3; i++) {
      expect((await attempt("delegation.nor", "wrong-password")).statusCode).toBe(401);
      expect((await attempt("ghost.nor", "wrong-password")).statusCode).toBe(401);
    }
    const real = await attempt("delegation.nor", demoPassword("delegation.nor"));
    const ghost = await attempt("ghost.nor", demoPassword("delegation.nor"));
    expect(real.statusCode).toBe(401);
    expect(real.headers["set-cookie"]).toBeUndefined();
    expect(real.body).toBe(ghost.body);
    clock.advance(16 * MINUTE);
    const afterLock = await attempt("delegation.nor", demoPassword("delegation.nor"));
    expect(afterLock.statusCode).toBe(200);
  });

  it("the second factor is throttled and locked per user too", async () => {
    const { app: strict } = await appWith({ throttle: { freeFailures: 1, lockAfter: 3, lockMinutes: 15 } });
    const login = await loginHttp(strict, "staff", demoPassword("staff"));
    expect(login.body.stage).toBe("totp-required");
    const pending = login.token ?? "";
    const secret = secretOf("staff");
    for (let i = 0; i < 3; i++)
      expect((await post("/api/auth/totp", sameOrigin(pending), { code: wrongCode(secret) }, strict)).statusCode).toBe(
        400,
      );
    const right = totpCodeAt(secret, stepAt(clock.now()));
    const locked = await post("/api/auth/totp", sameOrigin(pending), { code: right }, strict);
    expect(locked.statusCode, "the right code is refused while locked").toBe(401);
    expect((await me(pending, strict)).stage).toBe("totp-required");
  });
});

// ---------------------------------------------------------------------------------------------

describe("second factor (TOTP)", () => {
  it("a valid code works once: the same code is refused the second time, even in a new session", async () => {
    const first = await loginHttp(app, "partner.jpn", demoPassword("partner.jpn"));
    const code = nextCode(secretOf("partner.jpn"));
    expect((await post("/api/auth/totp", sameOrigin(first.token ?? ""), { code })).statusCode).toBe(200);
    const second = await loginHttp(app, "partner.jpn", demoPassword("partner.jpn"));
    const replay = await post("/api/auth/totp", sameOrigin(second.token ?? ""), { code });
    expect(replay.statusCode).toBe(400);
    expect(fieldsOf(replay.json())).toEqual(["code"]);
    expect((await me(second.token ?? "")).stage).toBe("totp-required");
    // A code of the previous step is no good either once a later one was used.
    const previous = totpCodeAt(secretOf("partner.jpn"), stepAt(clock.now()) - 1);
    expect((await post("/api/auth/totp", sameOrigin(second.token ?? ""), { code: previous })).statusCode).toBe(400);
    expect(
      (await post("/api/auth/totp", sameOrigin(second.token ?? ""), { code: nextCode(secretOf("partner.jpn")) }))
        .statusCode,
    ).toBe(200);
  });

  it("a session that owes its code grants nothing but the second-factor routes", async () => {
    const pending = (await loginHttp(app, "partner.jpn", demoPassword("partner.jpn"))).token ?? "";
    const jpn = await documentId("IPCP-JPN(2012)");
    const headers = { cookie: `entente_session=${pending}` };
    expect((await get(`/api/documents/${jpn}`, headers)).statusCode).toBe(404);
    const list = (await get("/api/documents", headers)).json() as {
      documents: { label: { classification: string } }[];
    };
    expect(list.documents.every((d) => d.label.classification === "PUBLIC")).toBe(true);
    expect((await post("/api/auth/tokens", sameOrigin(pending), { name: "bypass" })).statusCode).toBe(401);
    expect((await get("/api/auth/sessions", headers)).statusCode).toBe(401);
    // Enrolment cannot be restarted (or the secret replaced) before the current code is given.
    expect((await post("/api/auth/totp/enrol", sameOrigin(pending))).statusCode).toBe(409);
  });

  it("staff without TOTP must enrol first (reading only public documents meanwhile); recovery codes then work once each", async () => {
    await createUser(
      t.db,
      null,
      {
        username: "new.staff",
        displayName: "New staff",
        organisationId: (await userNamed("staff")).organisation.id,
        clearance: "NS",
        roles: ["staff"],
        password: "new-staff-password",
      },
      clock.now(),
    );
    const login = await loginHttp(app, "new.staff", "new-staff-password");
    expect(login.status).toBe(200);
    expect(login.body.stage).toBe("totp-enrolment-required");
    const pending = login.token ?? "";
    const headers = { cookie: `entente_session=${pending}` };
    expect((await me(pending)).stage).toBe("totp-enrolment-required");
    const staffOnly = await documentId("IS-NOTE(2011)42");
    expect((await get(`/api/documents/${staffOnly}`, headers)).statusCode).toBe(404);
    expect((await get(`/api/documents/${staffOnly}/content`, headers)).statusCode).toBe(404);
    const list = (await get("/api/documents?limit=100", headers)).json() as {
      documents: { label: { classification: string } }[];
    };
    expect(list.documents.length).toBeGreaterThan(0);
    expect(list.documents.every((d) => d.label.classification === "PUBLIC")).toBe(true);
    expect((await get("/api/organisations", headers)).statusCode).toBe(401);
    expect((await post("/api/auth/tokens", sameOrigin(pending), { name: "bypass" })).statusCode).toBe(401);
    const upload = multipartUpload(
      { reference: "BYPASS-1", title: "Bypass", date: "2026-01-01", label: { classification: "NU" } },
      { filename: "b.txt", content: "b" },
    );
    expect(
      (
        await app.inject({
          method: "POST",
          url: "/api/documents",
          headers: { ...sameOrigin(pending), ...upload.headers },
          payload: upload.payload,
        })
      ).statusCode,
    ).toBe(401);

    const enrol = await post("/api/auth/totp/enrol", sameOrigin(pending));
    expect(enrol.statusCode).toBe(200);
    const { secret, uri } = enrol.json() as { secret: string; uri: string };
    expect(uri).toContain("otpauth://totp/");
    const wrongConfirm = await post("/api/auth/totp/confirm", sameOrigin(pending), { code: wrongCode(secret) });
    expect(wrongConfirm.statusCode).toBe(400);
    const confirm = await post("/api/auth/totp/confirm", sameOrigin(pending), { code: nextCode(secret) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json() as { recoveryCodes: string[] };
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const verified = sessionCookieOf(confirm) ?? "";
    expect(verified).not.toBe(pending);
    expect((await me(pending)).user).toBeNull();
    expect((await get(`/api/documents/${staffOnly}`, { cookie: `entente_session=${verified}` })).statusCode).toBe(200);
    // Only hashes of the recovery codes are stored.
    const stored = await t.db
      .selectFrom("recovery_code")
      .select("code_hash")
      .where("user_id", "=", (await userNamed("new.staff")).id)
      .execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);

    const [codeA, codeB] = recoveryCodes;
    const again = await loginHttp(app, "new.staff", "new-staff-password");
    expect(again.body.stage).toBe("totp-required");
    expect((await post("/api/auth/totp", sameOrigin(again.token ?? ""), { code: codeA ?? "" })).statusCode).toBe(200);
    const third = await loginHttp(app, "new.staff", "new-staff-password");
    expect((await post("/api/auth/totp", sameOrigin(third.token ?? ""), { code: codeA ?? "" })).statusCode).toBe(400);
    expect(
      (await post("/api/auth/totp", sameOrigin(third.token ?? ""), { code: (codeB ?? "").toUpperCase() })).statusCode,
    ).toBe(200);
  });

  it("two requests racing with the same code: exactly one wins", async () => {
    const a = (await loginHttp(app, "admin", demoPassword("admin"))).token ?? "";
    const b = (await loginHttp(app, "admin", demoPassword("admin"))).token ?? "";
    const code = nextCode(secretOf("admin"));
    const results = await Promise.all([
      post("/api/auth/totp", sameOrigin(a), { code }),
      post("/api/auth/totp", sameOrigin(b), { code }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 400]);
  });

  describe("restarting enrolment from a verified session, then abandoning it", () => {
    // partner.jpn's TOTP is optional for its role: once it is off, a password alone logs in.
    let stageAfter: string | undefined;
    it("is allowed (the session has given its code)", async () => {
      const session = await fullSession("partner.jpn");
      const restart = await post("/api/auth/totp/enrol", sameOrigin(session));
      expect(restart.statusCode).toBe(200);
      // Abandoned here: no code confirms the new secret. The next login:
      const next = await loginHttp(app, "partner.jpn", demoPassword("partner.jpn"));
      expect(next.status).toBe(200);
      stageAfter = next.body.stage;
      // Put the demo factor back for any later test.
      await t.db
        .updateTable("app_user")
        .set({ totp_secret: secretOf("partner.jpn"), totp_enabled: 1, totp_last_step: stepAt(clock.now()) })
        .where("username", "=", "partner.jpn")
        .execute();
    });
    // KNOWN DEFECT (report #2): startTotpEnrolment sets totp_enabled = 0 before the new secret
    // is confirmed, so an abandoned (or hostile) restart switches the second factor off.
    it("leaves the enrolled factor on: the next login still owes a code", () => {
      expect(stageAfter).toBe("totp-required");
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe("mass assignment: unexpected fields are 400 naming them", () => {
  const valid = {
    username: "mass.assign",
    displayName: "Mass",
    organisationId: "org",
    clearance: "NU",
    roles: ["partner"],
    password: "mass-assign-password",
  };
  const cases: [string, string, Record<string, unknown>, string[]][] = [
    [
      "login",
      "/api/auth/login",
      { username: "partner.kor", password: demoPassword("partner.kor"), isAdmin: true },
      ["isAdmin"],
    ],
    [
      "login",
      "/api/auth/login",
      { username: "partner.kor", password: demoPassword("partner.kor"), roles: ["admin"] },
      ["roles"],
    ],
    ["create user", "/api/users", { ...valid, isAdmin: true, classification: "NS" }, ["isAdmin", "classification"]],
    ["create user", "/api/users", { ...valid, totpEnabled: true, disabled: false }, ["totpEnabled", "disabled"]],
    ["create token", "/api/auth/tokens", { name: "x", roles: ["admin"] }, ["roles"]],
    ["create token", "/api/auth/tokens", { name: "x", userId: "someone-else" }, ["userId"]],
    [
      "label preview",
      "/api/labels/preview",
      { label: { classification: "NU" }, classification: "NS" },
      ["classification"],
    ],
    ["label preview", "/api/labels/preview", { label: { classification: "NU", isAdmin: true } }, ["label.isAdmin"]],
    ["organisation", "/api/organisations", { name: "X org", kind: "mission", nation: "CHL", id: "chosen" }, ["id"]],
    ["TOTP", "/api/auth/totp", { code: "123456", stage: "authenticated" }, ["stage"]],
  ];
  it.each(cases)("%s: %j", async (_what, url, body, fields) => {
    const res = await post(url, bearer(adminToken), body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION");
    expect(fieldsOf(res.json())).toEqual(expect.arrayContaining(fields));
  });

  it("reset-password and upload metadata refuse extra fields too", async () => {
    const analyst = await userNamed("analyst");
    const reset = await post(`/api/users/${analyst.id}/reset-password`, bearer(adminToken), {
      password: "another-long-password",
      roles: ["admin"],
    });
    expect(reset.statusCode).toBe(400);
    expect(fieldsOf(reset.json())).toContain("roles");
    const staffToken = (await createApiToken(t.db, viewerOf(await userNamed("staff")), { name: "m" }, clock.now()))
      .token;
    const meta = {
      reference: "MA-1",
      title: "Mass",
      date: "2026-01-01",
      label: { classification: "NU", releasableTo: ["JPN"] },
    };
    for (const [extra, field] of [
      [{ ...meta, uploadedBy: "admin" }, "uploadedBy"],
      [{ ...meta, label: { ...meta.label, classificationRank: 0 } }, "label.classificationRank"],
    ] as const) {
      const body = multipartUpload(extra, { filename: "m.txt", content: "mass" });
      const res = await app.inject({
        method: "POST",
        url: "/api/documents",
        headers: { ...bearer(staffToken), ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(fieldsOf(res.json())).toContain(field);
    }
    const body = multipartUpload(meta, { filename: "m.txt", content: "mass" }, { roles: "admin" });
    const res = await app.inject({
      method: "POST",
      url: "/api/documents",
      headers: { ...bearer(staffToken), ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toContain("roles");
  });

  it("nothing was created by the refused requests", async () => {
    expect(await findUserByUsername(t.db, "mass.assign")).toBeUndefined();
    expect(
      await t.db.selectFrom("document").select("id").where("reference", "=", "MA-1").executeTakeFirst(),
    ).toBeUndefined();
  });

  const xml = (value: string) =>
    `<originatorConfidentialityLabel xmlns="urn:nato:stanag:4774:confidentialitymetadatalabel:1:0"><ConfidentialityInformation><PolicyIdentifier>NATO</PolicyIdentifier><Classification>NATO UNCLASSIFIED</Classification><Category TagName="ReleasableTo" Type="PERMISSIVE"><GenericValue>${value}</GenericValue></Category></ConfidentialityInformation></originatorConfidentialityLabel>`;

  it("a label read from XML: valid is 200; DTDs and foreign categories are 400 naming xml", async () => {
    expect((await post("/api/labels/from-xml", {}, { xml: xml("JPN") })).json().label).toMatchObject({
      classification: "NU",
      releasableTo: ["JPN"],
    });
    for (const bad of [
      `<!DOCTYPE x [<!ENTITY e "JPN">]>${xml("&e;")}`,
      xml("JPN").replace('TagName="ReleasableTo"', 'TagName="Administrator"'),
    ]) {
      const res = await post("/api/labels/from-xml", {}, { xml: bad });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res.json())).toContain("xml");
    }
  });

  // KNOWN DEFECT (report #3): src/http/routes/labels.ts calls ZLabelInput.parse(), whose ZodError
  // is not an AppError: the error handler answers 500 INTERNAL to a client's bad input.
  it("a label read from XML that breaks the label rules is 400 naming the field, never 500", async () => {
    for (const value of ["J", "JP1", "A".repeat(20)]) {
      const res = await post("/api/labels/from-xml", {}, { xml: xml(value) });
      expect(res.statusCode, `${value}: ${res.body}`).toBe(400);
      expect(fieldsOf(res.json()).join(" "), value).toMatch(/releasableTo|xml/);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("API tokens", () => {
  it("the secret is shown once: not in the list, not in the database", async () => {
    const session = await fullSession("partner.kor");
    const created = await post("/api/auth/tokens", sameOrigin(session), { name: "shown once" });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json() as { id: string; token: string };
    expect(token).toMatch(/^ent_[A-Za-z0-9_-]{43}$/);
    const list = await get("/api/auth/tokens", { cookie: `entente_session=${session}` });
    expect(list.body).not.toContain(token);
    expect((list.json() as { tokens: { id: string }[] }).tokens.map((x) => x.id)).toContain(id);
    const row = await t.db.selectFrom("api_token").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(row.token_hash).toBe(sha256(token));
  });

  it("acts as its user; revoked, it is 401 everywhere, even on public routes", async () => {
    const session = await fullSession("partner.kor");
    const { id, token } = (await post("/api/auth/tokens", sameOrigin(session), { name: "to revoke" })).json() as {
      id: string;
      token: string;
    };
    const kor = await documentId("IPCP-KOR(2012)");
    expect((await get(`/api/documents/${kor}`, bearer(token))).statusCode).toBe(200);
    expect(
      (await app.inject({ method: "DELETE", url: `/api/auth/tokens/${id}`, headers: bearer(token) })).statusCode,
    ).toBe(204);
    for (const url of ["/api/auth/me", `/api/documents/${kor}`, "/api/health"]) {
      const res = await get(url, bearer(token));
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("another user's token cannot be revoked (404, as if it did not exist) and keeps working", async () => {
    const victim = await createApiToken(
      t.db,
      viewerOf(await userNamed("partner.aus")),
      { name: "victim" },
      clock.now(),
    );
    const session = await fullSession("partner.kor");
    const res = await app.inject({
      method: "DELETE",
      url: `/api/auth/tokens/${victim.id}`,
      headers: sameOrigin(session),
    });
    expect(res.statusCode).toBe(404);
    expect((await get("/api/auth/me", bearer(victim.token))).json().user.username).toBe("partner.aus");
  });

  it("an unknown or malformed bearer token is 401, and tokens and session cookies are not interchangeable", async () => {
    for (const value of ["ent_", "ent_AAAA", "nonsense", `ent_${"A".repeat(43)}`]) {
      expect((await get("/api/auth/me", bearer(value))).statusCode, value).toBe(401);
    }
    const session = await fullSession("partner.kor");
    expect((await get("/api/auth/me", bearer(session))).statusCode).toBe(401);
    const { token } = await createApiToken(t.db, viewerOf(await userNamed("partner.kor")), { name: "x" }, clock.now());
    expect((await me(token)).user).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe("no secrets in answers or in the audit trail", () => {
  it("the user list holds no password hash, TOTP secret or token", async () => {
    const res = await get("/api/users", bearer(adminToken));
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("$argon2");
    for (const u of DEMO_USERS) if (u.totpSecret) expect(res.body).not.toContain(u.totpSecret);
    expect(res.body).not.toMatch(/password|totp_?secret|token_?hash/i);
  });

  it("outside demo mode the login page lists no demo accounts", async () => {
    expect(t.config.demo).toBe(false);
    expect((await get("/api/auth/config")).json()).toEqual({ demo: false, demoAccounts: [] });
  });

  it("no password, session token or TOTP secret used in this file was written to the audit trail", async () => {
    const rows = await t.db.selectFrom("audit_event").selectAll().execute();
    const trail = JSON.stringify(rows);
    expect(rows.length).toBeGreaterThan(50);
    const secrets = [
      ...DEMO_USERS.map((u) => demoPassword(u.username)),
      ...DEMO_USERS.flatMap((u) => (u.totpSecret ? [u.totpSecret] : [])),
      "wrong-password",
      "some-password-1",
      "new-staff-password",
      "a-brand-new-analyst-password",
      adminToken,
    ];
    for (const secret of secrets) expect(trail, secret).not.toContain(secret);
    const sessions = await t.db.selectFrom("user_session").select("token_hash").execute();
    for (const s of sessions) expect(trail).not.toContain(s.token_hash);
  });
});
