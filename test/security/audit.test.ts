import { createHash } from "node:crypto";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import type { AuditEventTable, Database } from "../../src/db/schema.js";
import { type ChainReport, recordAuditEventAlone, verifyAuditChain } from "../../src/domain/audit/audit.js";
import { DEMO_USERS, demoPassword } from "../../src/domain/demo/demo-accounts.js";
import { seedDemoIdentity } from "../../src/domain/demo/demo-identity.js";
import { createApiToken } from "../../src/domain/identity/api-tokens.js";
import type { TUserView } from "../../src/domain/identity/identity.schema.js";
import { listOrganisations } from "../../src/domain/identity/organisations.js";
import { stepAt, totpCodeAt } from "../../src/domain/identity/totp.js";
import { createUser, disableUser, findUserByUsername, viewerOf } from "../../src/domain/identity/users.js";
import { presentLabel } from "../../src/domain/labels/labels.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import { buildApp } from "../../src/http/app.js";
import { createSeededTestDb, createTestDb, type TestDb } from "../support/test-db.js";
import {
  type AuditRow,
  auditHead,
  auditSince,
  bearer,
  loginHttp,
  MutableClock,
  multipartUpload,
  sameOrigin,
  securityContext,
  type TempDataDir,
  tempDataDir,
} from "./helpers.js";

// The audit trail: the hash chain detects every kind of tampering at the right event, and every
// mutating route (successes and refusals alike) and every document read leaves exactly one event.

// ---------------------------------------------------------------------------------------------
// 1. The hash chain, on a small hand-made trail in a database of its own.
// ---------------------------------------------------------------------------------------------

describe("verifyAuditChain", () => {
  let chain: TestDb;
  let rows: AuditEventTable[] = [];
  let intact: ChainReport;

  const actor = (username: string, nation: string | null): Viewer => {
    const viewer: Viewer = {
      userId: `id-${username}`,
      username,
      organisation: nation ? `Mission ${nation}` : "International Staff",
      nation,
      isAlliance: nation === null,
      clearanceRank: 2,
      roles: ["partner"],
    };
    return Object.freeze(viewer);
  };

  beforeAll(async () => {
    chain = await createTestDb();
    const label = presentLabel({
      id: "l1",
      policyIdentifier: "NATO",
      classification: "NR",
      releasableTo: ["JPN"],
      createdAt: "2026-01-01T00:00:00.000Z",
      reviewAt: null,
    });
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute));
    await recordAuditEventAlone(
      chain.db,
      { actor: null, action: "auth.login", outcome: "denied", details: { username: "x" } },
      at(0),
    );
    await recordAuditEventAlone(
      chain.db,
      { actor: actor("partner.jpn", "JPN"), action: "auth.login", outcome: "success" },
      at(1),
    );
    await recordAuditEventAlone(
      chain.db,
      {
        actor: actor("partner.jpn", "JPN"),
        action: "document.read",
        objectType: "document",
        objectId: "d1",
        objectLabel: label,
        outcome: "success",
      },
      at(2),
    );
    await recordAuditEventAlone(
      chain.db,
      {
        actor: actor("partner.kor", "KOR"),
        action: "document.read",
        objectType: "document",
        objectId: "d1",
        outcome: "denied",
      },
      at(3),
    );
    await recordAuditEventAlone(
      chain.db,
      {
        actor: actor("staff", null),
        action: "document.upload",
        objectType: "document",
        objectId: "d2",
        objectLabel: label,
        outcome: "success",
        details: { sha256: "ab" },
      },
      at(4),
    );
    await recordAuditEventAlone(
      chain.db,
      {
        actor: actor("admin", null),
        action: "user.create",
        objectType: "user",
        objectId: "u9",
        outcome: "success",
        details: { roles: ["partner"] },
      },
      at(5),
    );
    await recordAuditEventAlone(
      chain.db,
      {
        actor: actor("partner.geo", "GEO"),
        action: "user.create",
        outcome: "denied",
        details: { requiredRoles: ["admin"] },
      },
      at(6),
    );
    await recordAuditEventAlone(
      chain.db,
      { actor: actor("auditor", null), action: "audit.verify", outcome: "success" },
      at(7),
    );
    await recordAuditEventAlone(
      chain.db,
      { actor: null, action: "labels.import", outcome: "invalid", details: { reason: "dtd" } },
      at(8),
    );
    await recordAuditEventAlone(
      chain.db,
      { actor: actor("admin", null), action: "user.disable", objectType: "user", objectId: "u9", outcome: "success" },
      at(9),
    );
    rows = await chain.db.selectFrom("audit_event").selectAll().orderBy("seq").execute();
    intact = await verifyAuditChain(chain.db);
  }, 60_000);
  afterAll(async () => chain.destroy());

  class Rollback extends Error {}
  /** Tampers inside a transaction, verifies what the tampering left, and rolls it back. */
  async function tampered(
    tamper: (trx: Transaction<Database>) => Promise<void>,
    pageSize?: number,
  ): Promise<ChainReport> {
    const box: { report?: ChainReport } = {};
    try {
      await chain.db.transaction().execute(async (trx) => {
        await tamper(trx);
        box.report = await verifyAuditChain(trx, pageSize);
        throw new Rollback();
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }
    if (!box.report) throw new Error("no report");
    return box.report;
  }

  const row = (seq: number): AuditEventTable => {
    const found = rows.find((r) => r.seq === seq);
    if (!found) throw new Error(`no row ${seq}`);
    return found;
  };

  /** The hash the code computes: a forger who knows the algorithm can recompute it. */
  const hashOf = (r: Omit<AuditEventTable, "hash">) =>
    createHash("sha256")
      .update(
        JSON.stringify([
          r.seq,
          r.at,
          r.actor_user_id,
          r.actor_username,
          r.actor_nation,
          r.actor_organisation,
          r.action,
          r.object_type,
          r.object_id,
          r.object_label,
          r.outcome,
          r.details,
          r.prev_hash,
        ]),
      )
      .digest("hex");

  it("reports an intact chain with its event count and head", () => {
    expect(rows).toHaveLength(10);
    expect(intact).toEqual({ intact: true, events: 10, head: row(10).hash });
    expect(hashOf(row(10))).toBe(row(10).hash);
  });

  it("gives the same answer whatever the page size", async () => {
    for (const pageSize of [1, 2, 3, 9, 10, 11]) expect(await verifyAuditChain(chain.db, pageSize)).toEqual(intact);
    const report = await tampered(
      (trx) => sql`update audit_event set action = 'forged' where seq = 7`.execute(trx).then(() => undefined),
      3,
    );
    expect(report).toMatchObject({ intact: false, brokenAt: 7 });
  });

  const COLUMNS = [
    "seq",
    "at",
    "actor_user_id",
    "actor_username",
    "actor_nation",
    "actor_organisation",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "outcome",
    "details",
    "prev_hash",
    "hash",
  ] as const;

  /** A different value of the same type (and one the table's checks accept). */
  function altered(column: (typeof COLUMNS)[number], r: AuditEventTable): string | number {
    switch (column) {
      case "seq":
        return r.seq + 100;
      case "at":
        return "2020-01-01T00:00:00.000Z";
      case "outcome":
        return r.outcome === "success" ? "denied" : "success";
      case "prev_hash":
      case "hash": {
        const value = r[column];
        return `${value.slice(0, -1)}${value.endsWith("0") ? "1" : "0"}`;
      }
      default: {
        const value = r[column];
        return value === null ? "forged" : `${value} `;
      }
    }
  }

  it("detects an edit of any field of any row, at that row", async () => {
    const misses: string[] = [];
    for (const r of rows) {
      for (const column of COLUMNS) {
        const value = altered(column, r);
        const report = await tampered(async (trx) => {
          await sql`update audit_event set ${sql.ref(column)} = ${value} where seq = ${r.seq}`.execute(trx);
        });
        if (report.intact || report.brokenAt !== r.seq) misses.push(`${column} of ${r.seq}: ${JSON.stringify(report)}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it("detects a deleted row, in the middle or first, at its sequence number", async () => {
    for (const seq of [1, 4, 9]) {
      const report = await tampered(async (trx) => {
        await trx.deleteFrom("audit_event").where("seq", "=", seq).execute();
      });
      expect(report, `deleting ${seq}`).toMatchObject({ intact: false, brokenAt: seq, events: seq - 1 });
      if (!report.intact) expect(report.reason).toContain("missing");
    }
  });

  it("detects a reordering (two rows' contents swapped) at the earlier row", async () => {
    for (const [a, b] of [
      [2, 3],
      [4, 8],
      [1, 10],
    ] as const) {
      const report = await tampered(async (trx) => {
        for (const [target, source] of [
          [a, b],
          [b, a],
        ] as const) {
          const { seq: _seq, ...content } = row(source);
          await trx.updateTable("audit_event").set(content).where("seq", "=", target).execute();
        }
      });
      expect(report, `swapping ${a} and ${b}`).toMatchObject({ intact: false, brokenAt: a });
    }
  });

  /** Moves rows seq >= k one place up, leaving a hole at k (two steps: the key must stay unique). */
  async function openGap(trx: Transaction<Database>, k: number) {
    await sql`update audit_event set seq = seq + 1000 where seq >= ${k}`.execute(trx);
    await sql`update audit_event set seq = seq - 999 where seq >= 1000`.execute(trx);
  }

  it("detects a forged row inserted in the middle: at the row if its hash is wrong, at the next if it is recomputed", async () => {
    const k = 5;
    const forged = {
      ...row(k),
      seq: k,
      at: "2026-01-05T09:04:30.000Z",
      actor_username: "admin",
      action: "user.create",
      outcome: "success" as const,
      details: JSON.stringify({ roles: ["admin"] }),
      prev_hash: row(k - 1).hash,
    };
    const naive = await tampered(async (trx) => {
      await openGap(trx, k);
      await trx
        .insertInto("audit_event")
        .values({ ...forged, hash: "f".repeat(64) })
        .execute();
    });
    expect(naive).toMatchObject({ intact: false, brokenAt: k });
    const careful = await tampered(async (trx) => {
      await openGap(trx, k);
      const { hash: _hash, ...content } = forged;
      await trx
        .insertInto("audit_event")
        .values({ ...forged, hash: hashOf(content) })
        .execute();
    });
    expect(careful).toMatchObject({ intact: false, brokenAt: k + 1 });
    if (!careful.intact) expect(careful.reason).toContain("does not link");
  });

  it("an event appended or removed at the end is visible only against the head kept elsewhere (as documented)", async () => {
    if (!intact.intact) throw new Error("chain not intact");
    const appended = await tampered(async (trx) => {
      const content = { ...row(10), seq: 11, action: "user.create", prev_hash: row(10).hash };
      const { hash: _hash, ...rest } = content;
      await trx
        .insertInto("audit_event")
        .values({ ...content, hash: hashOf(rest) })
        .execute();
    });
    expect(appended).toMatchObject({ intact: true, events: 11 });
    if (appended.intact) expect(appended.head).not.toBe(intact.head);
    const truncated = await tampered(async (trx) => {
      await trx.deleteFrom("audit_event").where("seq", "=", 10).execute();
    });
    expect(truncated).toEqual({ intact: true, events: 9, head: row(9).hash });
  });
});

// ---------------------------------------------------------------------------------------------
// 2. One event per mutating request, through the HTTP API (demo identities).
// ---------------------------------------------------------------------------------------------

let t: TestDb;
let data: TempDataDir;
let app: FastifyInstance;
const clock = new MutableClock("2026-03-02T10:00:00Z");
const users = new Map<string, TUserView>();
let adminToken = "";
let staffToken = "";
let hqToken = "";
let korSession = "";

const user = (username: string): TUserView => {
  const found = users.get(username);
  if (!found) throw new Error(`no user ${username}`);
  return found;
};
const secretOf = (username: string) => DEMO_USERS.find((u) => u.username === username)?.totpSecret ?? "";
/** A code the clock accepts now; the clock moves a minute first so a code is never reused by accident. */
const freshCode = (secret: string) => {
  clock.advance(60_000);
  return totpCodeAt(secret, stepAt(clock.now()));
};
const wrongCode = (secret: string) => {
  const step = stepAt(clock.now());
  const valid = new Set([step - 1, step, step + 1].map((s) => totpCodeAt(secret, s)));
  return ["000000", "111111", "222222", "333333"].find((c) => !valid.has(c)) ?? "444444";
};
const newUserBody = (username: string) => ({
  username,
  displayName: username,
  organisationId: user("partner.kor").organisation.id,
  clearance: "NU",
  roles: ["partner"],
  password: `${username}-password-long`,
});
const documentIdOf = async (reference: string) =>
  (await t.db.selectFrom("document").select("id").where("reference", "=", reference).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  t = await createSeededTestDb();
  data = tempDataDir();
  await seedDemoIdentity(t.db, data.store, clock.now());
  // A small throttle so that the lock cases below need few attempts.
  const ctx = securityContext(t, clock, {
    dataDir: data.dataDir,
    throttle: { freeFailures: 1, lockAfter: 3, lockMinutes: 15 },
  });
  app = await buildApp(ctx, { serveWeb: false });
  for (const u of DEMO_USERS) {
    const found = await findUserByUsername(t.db, u.username);
    if (found) users.set(u.username, found);
  }
  const hq = await createUser(
    t.db,
    null,
    { ...newUserBody("audit.hq"), organisationId: user("staff").organisation.id, clearance: "NR", roles: ["hq"] },
    clock.now(),
  );
  users.set("audit.hq", hq);
  const disabled = await createUser(t.db, null, newUserBody("audit.disabled"), clock.now());
  await disableUser(t.db, null, disabled.id, clock.now());
  adminToken = (await createApiToken(t.db, viewerOf(user("admin")), { name: "audit" }, clock.now())).token;
  staffToken = (await createApiToken(t.db, viewerOf(user("staff")), { name: "audit" }, clock.now())).token;
  hqToken = (await createApiToken(t.db, viewerOf(hq), { name: "audit" }, clock.now())).token;
  const kor = await loginHttp(app, "partner.kor", demoPassword("partner.kor"));
  korSession = kor.token ?? "";
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.destroy();
  data.cleanup();
});

type Expected = {
  action?: string;
  outcome: "success" | "denied" | "invalid" | "denied-or-invalid";
  actor?: string | null;
};
type Request = () => Promise<LightMyRequestResponse>;
type Case = {
  name: string;
  status: number;
  event: Expected;
  /** Prepares (its own events are not counted) and returns the one request under test. */
  prepare: () => Promise<Request>;
};

const post = (url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  app.inject({ method: "POST", url, headers, ...(payload === undefined ? {} : { payload }) });
const now = (request: Request) => async () => request;

/** A pending (second factor owed) or full session for a user, through the API. */
async function sessionOf(username: string, password = demoPassword(username)) {
  const login = await loginHttp(app, username, password);
  if (!login.token) throw new Error(`login of ${username} failed: ${JSON.stringify(login.body)}`);
  return login.token;
}

const uploadAs = (headers: Record<string, string>, reference: string, classification: "NU" | "NR" | "NC") => {
  const body = multipartUpload(
    {
      reference,
      title: `Audit test ${reference}`,
      date: "2026-03-01",
      label: { classification, releasableTo: ["JPN"] },
    },
    { filename: `${reference}.txt`, content: `${reference} body` },
  );
  return app.inject({
    method: "POST",
    url: "/api/documents",
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
};

/** A new staff user (second factor owed, none enrolled) with a pending session. */
async function pendingStaff(username: string) {
  const password = `${username}-password-long`;
  await createUser(
    t.db,
    null,
    { ...newUserBody(username), organisationId: user("staff").organisation.id, roles: ["staff"], password },
    clock.now(),
  );
  return sessionOf(username, password);
}

const CASES: Case[] = [
  {
    name: "POST /api/auth/login, success",
    status: 200,
    event: { action: "auth.login", outcome: "success", actor: "partner.geo" },
    prepare: now(() => post("/api/auth/login", {}, { username: "partner.geo", password: demoPassword("partner.geo") })),
  },
  {
    name: "POST /api/auth/login, wrong password",
    status: 401,
    event: { action: "auth.login", outcome: "denied", actor: null },
    prepare: now(() => post("/api/auth/login", {}, { username: "partner.aus", password: "not-the-password" })),
  },
  {
    name: "POST /api/auth/login, unknown user",
    status: 401,
    event: { action: "auth.login", outcome: "denied", actor: null },
    prepare: now(() => post("/api/auth/login", {}, { username: "nobody.at.all", password: "whatever-password" })),
  },
  {
    name: "POST /api/auth/login, disabled user with its right password",
    status: 401,
    event: { action: "auth.login", outcome: "denied", actor: null },
    prepare: now(() =>
      post("/api/auth/login", {}, { username: "audit.disabled", password: "audit.disabled-password-long" }),
    ),
  },
  {
    name: "POST /api/auth/login, locked username",
    status: 401,
    event: { action: "auth.login", outcome: "denied", actor: null },
    prepare: async () => {
      for (let i = 0; i < 3; i++)
        await post("/api/auth/login", {}, { username: "locked.name", password: "wrong-password" });
      return () => post("/api/auth/login", {}, { username: "locked.name", password: "wrong-password" });
    },
  },
  {
    name: "POST /api/auth/totp, right code",
    status: 200,
    event: { action: "auth.second-factor", outcome: "success", actor: "partner.jpn" },
    prepare: async () => {
      const pending = await sessionOf("partner.jpn");
      const code = freshCode(secretOf("partner.jpn"));
      return () => post("/api/auth/totp", sameOrigin(pending), { code });
    },
  },
  {
    name: "POST /api/auth/totp, wrong code",
    status: 400,
    event: { action: "auth.second-factor", outcome: "denied", actor: "partner.jpn" },
    prepare: async () => {
      const pending = await sessionOf("partner.jpn");
      return () => post("/api/auth/totp", sameOrigin(pending), { code: wrongCode(secretOf("partner.jpn")) });
    },
  },
  {
    name: "POST /api/auth/totp/confirm, right code",
    status: 200,
    event: { action: "totp.enrol", outcome: "success", actor: "audit.enrol" },
    prepare: async () => {
      const pending = await pendingStaff("audit.enrol");
      const { secret } = (await post("/api/auth/totp/enrol", sameOrigin(pending))).json() as { secret: string };
      const code = freshCode(secret);
      return () => post("/api/auth/totp/confirm", sameOrigin(pending), { code });
    },
  },
  {
    name: "POST /api/auth/logout",
    status: 204,
    event: { action: "auth.logout", outcome: "success", actor: "partner.geo" },
    prepare: async () => {
      const session = await sessionOf("partner.geo");
      return () => post("/api/auth/logout", sameOrigin(session));
    },
  },
  {
    name: "POST /api/auth/tokens",
    status: 201,
    event: { action: "token.create", outcome: "success", actor: "partner.kor" },
    prepare: now(() => post("/api/auth/tokens", sameOrigin(korSession), { name: "script" })),
  },
  {
    name: "DELETE /api/auth/tokens/:id, own token",
    status: 204,
    event: { action: "token.revoke", outcome: "success", actor: "partner.kor" },
    prepare: async () => {
      const { id } = (await post("/api/auth/tokens", sameOrigin(korSession), { name: "to revoke" })).json() as {
        id: string;
      };
      return () => app.inject({ method: "DELETE", url: `/api/auth/tokens/${id}`, headers: sameOrigin(korSession) });
    },
  },
  {
    name: "POST /api/users as admin",
    status: 201,
    event: { action: "user.create", outcome: "success", actor: "admin" },
    prepare: now(() => post("/api/users", bearer(adminToken), newUserBody("audit.created"))),
  },
  {
    name: "POST /api/users as a partner: 403",
    status: 403,
    event: { action: "user.create", outcome: "denied", actor: "partner.kor" },
    prepare: now(() => post("/api/users", sameOrigin(korSession), newUserBody("audit.refused"))),
  },
  {
    name: "POST /api/users anonymously: 401",
    status: 401,
    event: { action: "user.create", outcome: "denied", actor: null },
    prepare: now(() => post("/api/users", {}, newUserBody("audit.refused"))),
  },
  {
    name: "POST /api/users/:id/disable as admin",
    status: 200,
    event: { action: "user.disable", outcome: "success", actor: "admin" },
    prepare: async () => {
      const target = await createUser(t.db, null, newUserBody("audit.to-disable"), clock.now());
      return () => post(`/api/users/${target.id}/disable`, bearer(adminToken));
    },
  },
  {
    name: "POST /api/users/:id/disable as a partner: 403",
    status: 403,
    event: { action: "user.disable", outcome: "denied", actor: "partner.kor" },
    prepare: now(() => post(`/api/users/${user("partner.aus").id}/disable`, sameOrigin(korSession))),
  },
  {
    name: "POST /api/users/:id/reset-password as admin",
    status: 204,
    event: { action: "user.reset-password", outcome: "success", actor: "admin" },
    prepare: now(() =>
      post(`/api/users/${user("analyst").id}/reset-password`, bearer(adminToken), { password: "a-new-long-password" }),
    ),
  },
  {
    name: "POST /api/users/:id/reset-password as a partner: 403",
    status: 403,
    event: { action: "user.reset-password", outcome: "denied", actor: "partner.kor" },
    prepare: now(() =>
      post(`/api/users/${user("admin").id}/reset-password`, sameOrigin(korSession), { password: "attacker-chosen-pw" }),
    ),
  },
  {
    name: "POST /api/organisations as admin",
    status: 201,
    event: { action: "organisation.create", outcome: "success", actor: "admin" },
    prepare: now(() =>
      post("/api/organisations", bearer(adminToken), {
        name: "Mission of Chile (audit)",
        kind: "mission",
        nation: "CHL",
      }),
    ),
  },
  {
    name: "POST /api/organisations as a partner: 403",
    status: 403,
    event: { action: "organisation.create", outcome: "denied", actor: "partner.kor" },
    prepare: now(() =>
      post("/api/organisations", sameOrigin(korSession), { name: "Rogue office", kind: "alliance-staff" }),
    ),
  },
  {
    name: "POST /api/documents as staff",
    status: 201,
    event: { action: "document.upload", outcome: "success", actor: "staff" },
    prepare: now(() => uploadAs(bearer(staffToken), "AUD-1", "NU")),
  },
  {
    name: "POST /api/documents as a partner: 403",
    status: 403,
    event: { action: "document.upload", outcome: "denied", actor: "partner.kor" },
    prepare: now(() => uploadAs(sameOrigin(korSession), "AUD-2", "NU")),
  },
  {
    name: "POST /api/auth/logout without a session",
    status: 204,
    event: { action: "auth.logout", outcome: "success", actor: null },
    prepare: now(() => post("/api/auth/logout", {})),
  },
  {
    name: "POST /api/users as admin with a field the schema refuses: 400",
    status: 400,
    event: { outcome: "invalid", actor: "admin" },
    prepare: now(() => post("/api/users", bearer(adminToken), { ...newUserBody("audit.extra"), isAdmin: true })),
  },
  {
    name: "POST /api/auth/tokens with the session cookie from a cross-site page: 403",
    status: 403,
    event: { outcome: "denied" },
    prepare: now(() =>
      post(
        "/api/auth/tokens",
        { cookie: `entente_session=${korSession}`, "sec-fetch-site": "cross-site" },
        { name: "csrf" },
      ),
    ),
  },
  // Refusals decided outside requireRole, and the writes of the second-factor set-up.
  {
    name: "POST /api/auth/totp/enrol (replaces the user's TOTP secret)",
    status: 200,
    event: { outcome: "success", actor: "audit.enrol2" },
    prepare: async () => {
      const pending = await pendingStaff("audit.enrol2");
      return () => post("/api/auth/totp/enrol", sameOrigin(pending));
    },
  },
  {
    name: "POST /api/auth/totp/confirm, wrong code",
    status: 400,
    event: { outcome: "denied-or-invalid", actor: "audit.enrol3" },
    prepare: async () => {
      const pending = await pendingStaff("audit.enrol3");
      const { secret } = (await post("/api/auth/totp/enrol", sameOrigin(pending))).json() as { secret: string };
      return () => post("/api/auth/totp/confirm", sameOrigin(pending), { code: wrongCode(secret) });
    },
  },
  {
    name: "POST /api/auth/totp while the second factor is locked",
    status: 401,
    event: { outcome: "denied", actor: "admin" },
    prepare: async () => {
      const pending = await sessionOf("admin");
      for (let i = 0; i < 3; i++)
        await post("/api/auth/totp", sameOrigin(pending), { code: wrongCode(secretOf("admin")) });
      return () => post("/api/auth/totp", sameOrigin(pending), { code: wrongCode(secretOf("admin")) });
    },
  },
  {
    name: "DELETE /api/auth/sessions/:id (ends a session)",
    status: 204,
    event: { outcome: "success", actor: "partner.kor" },
    prepare: async () => {
      const doomed = await sessionOf("partner.kor");
      const { sessions } = (
        await app.inject({ method: "GET", url: "/api/auth/sessions", headers: sameOrigin(korSession) })
      ).json() as { sessions: { id: string }[] };
      const own = sessions.map((s) => s.id);
      const target = own.find((id) => createHashHex(doomed).startsWith(id));
      if (!target) throw new Error("session not listed");
      return () =>
        app.inject({ method: "DELETE", url: `/api/auth/sessions/${target}`, headers: sameOrigin(korSession) });
    },
  },
  {
    name: "POST /api/documents anonymously: 401",
    status: 401,
    event: { outcome: "denied", actor: null },
    prepare: now(() => uploadAs({}, "AUD-3", "NU")),
  },
  {
    name: "POST /api/auth/tokens anonymously: 401",
    status: 401,
    event: { outcome: "denied", actor: null },
    prepare: now(() => post("/api/auth/tokens", {}, { name: "anonymous" })),
  },
  {
    name: "DELETE /api/auth/tokens/:id of another user: 404",
    status: 404,
    event: { outcome: "denied", actor: "partner.kor" },
    prepare: async () => {
      const victim = await createApiToken(t.db, viewerOf(user("partner.aus")), { name: "victim" }, clock.now());
      return () =>
        app.inject({ method: "DELETE", url: `/api/auth/tokens/${victim.id}`, headers: sameOrigin(korSession) });
    },
  },
  {
    name: "POST /api/documents marked above the uploader's clearance: 400",
    status: 400,
    event: { outcome: "denied-or-invalid", actor: "audit.hq" },
    prepare: now(() => uploadAs(bearer(hqToken), "AUD-4", "NC")),
  },
];

const createHashHex = (token: string) => createHash("sha256").update(token).digest("hex");

function expectOneEvent(events: AuditRow[], expected: Expected): void {
  expect(events, JSON.stringify(events)).toHaveLength(1);
  const [event] = events;
  if (!event) return;
  if (expected.action !== undefined) expect(event.action).toBe(expected.action);
  if (expected.outcome === "denied-or-invalid") expect(["denied", "invalid"]).toContain(event.outcome);
  else expect(event.outcome).toBe(expected.outcome);
  if (expected.actor !== undefined) expect(event.actor_username).toBe(expected.actor);
}

async function runCase(c: Case) {
  const request = await c.prepare();
  const before = await auditHead(t);
  const res = await request();
  return { res, events: await auditSince(t, before) };
}

describe("every mutating route leaves exactly one audit event, refusals included", () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.status}, one event`, async () => {
      const { res, events } = await runCase(c);
      expect(res.statusCode, res.body).toBe(c.status);
      expectOneEvent(events, c.event);
    });
  }
});

describe("document reads are recorded, granted and refused", () => {
  const cases = [
    { who: "partner.kor", ref: "IPCP-KOR(2012)", route: "", action: "document.read", status: 200, outcome: "success" },
    { who: "partner.kor", ref: "IPCP-JPN(2012)", route: "", action: "document.read", status: 404, outcome: "denied" },
    {
      who: "partner.kor",
      ref: "IPCP-KOR(2012)",
      route: "/content",
      action: "document.download",
      status: 200,
      outcome: "success",
    },
    {
      who: "partner.kor",
      ref: "MC-PLAN(2011)07",
      route: "/content",
      action: "document.download",
      status: 404,
      outcome: "denied",
    },
    { who: null, ref: "PUB(2012)001", route: "", action: "document.read", status: 200, outcome: "success" },
    { who: null, ref: "PCM(2012)0001", route: "/content", action: "document.download", status: 404, outcome: "denied" },
  ] as const;
  for (const c of cases) {
    it(`${c.who ?? "anonymous"} GET ${c.ref}${c.route}: ${c.status}, one '${c.outcome}' event`, async () => {
      const id = await documentIdOf(c.ref);
      const before = await auditHead(t);
      const res = await app.inject({
        method: "GET",
        url: `/api/documents/${encodeURIComponent(id)}${c.route}`,
        headers: c.who ? sameOrigin(korSession) : {},
      });
      expect(res.statusCode).toBe(c.status);
      const events = await auditSince(t, before);
      expectOneEvent(events, { action: c.action, outcome: c.outcome, actor: c.who });
      expect(events[0]?.object_id).toBe(id);
      if (c.outcome === "success") {
        const marking = (
          await t.db.selectFrom("document").select("label_id").where("id", "=", id).executeTakeFirstOrThrow()
        ).label_id;
        expect(events[0]?.object_label).toBeTruthy();
        expect(marking).toBeTruthy();
      }
    });
  }

  it("refused role-gated reads are recorded too (user list, audit trail)", async () => {
    for (const [url, action] of [
      ["/api/users", "user.list"],
      ["/api/audit", "audit.read"],
      ["/api/audit/verify", "audit.verify"],
    ] as const) {
      const before = await auditHead(t);
      const res = await app.inject({ method: "GET", url, headers: sameOrigin(korSession) });
      expect(res.statusCode).toBe(403);
      expectOneEvent(await auditSince(t, before), { action, outcome: "denied", actor: "partner.kor" });
    }
  });

  it("the auditor reads and verifies the trail through the API; the chain is intact after all of the above", async () => {
    const auditorToken = (await createApiToken(t.db, viewerOf(user("auditor")), { name: "audit" }, clock.now())).token;
    const verify = await app.inject({ method: "GET", url: "/api/audit/verify", headers: bearer(auditorToken) });
    expect(verify.statusCode).toBe(200);
    expect(verify.json()).toMatchObject({ intact: true, events: await auditHead(t) });
    const denied = await app.inject({
      method: "GET",
      url: "/api/audit?outcome=denied&limit=500",
      headers: bearer(auditorToken),
    });
    expect(denied.statusCode).toBe(200);
    const events = (denied.json() as { events: { outcome: string }[] }).events;
    expect(events.length).toBeGreaterThan(5);
    expect(events.every((e) => e.outcome === "denied")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. The CLI: `entente audit verify` exits 0 on an intact chain and non-zero on a tampered one.
// ---------------------------------------------------------------------------------------------

describe("entente audit verify", () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, securityContext(t, clock));
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("a user created from the CLI leaves one event, with the operator as actor", async () => {
    const organisation = (await listOrganisations(t.db)).find((o) => o.kind === "alliance-staff");
    if (!organisation) throw new Error("no alliance staff organisation");
    const before = await auditHead(t);
    const created = await cli(
      "users",
      "create",
      "cli.analyst",
      "--organisation",
      organisation.name,
      "--clearance",
      "NR",
      "--roles",
      "analyst",
    );
    expect(created.code, created.err).toBe(0);
    const events = await auditSince(t, before);
    expectOneEvent(events, { action: "user.create", outcome: "success" });
    expect(events[0]?.actor_username).toMatch(/^cli:/);
  });

  it("exits 0 on the intact chain, 1 once a row is edited with raw SQL, and 0 again once it is restored", async () => {
    const intact = await cli("audit", "verify");
    expect(intact.code, intact.err).toBe(0);
    expect(intact.out).toContain("intact");
    const json = await cli("audit", "verify", "--json");
    expect(JSON.parse(json.out)).toMatchObject({ intact: true, events: await auditHead(t) });

    const original = await t.db
      .selectFrom("audit_event")
      .select("details")
      .where("seq", "=", 3)
      .executeTakeFirstOrThrow();
    await sql`update audit_event set details = ${JSON.stringify({ forged: true })} where seq = 3`.execute(t.db);
    const broken = await cli("audit", "verify");
    expect(broken.code).not.toBe(0);
    expect(broken.out).toContain("BROKEN at event 3");
    expect(broken.err).toContain("INVALID_STATE");

    await sql`update audit_event set details = ${original.details} where seq = 3`.execute(t.db);
    expect((await cli("audit", "verify")).code).toBe(0);
  });
});
