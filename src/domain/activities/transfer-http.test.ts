import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount } from "../../../test/support/activities.js";
import {
  csvOf,
  multipartFile,
  readCsvRecords,
  readXlsxSheet,
  rowCount,
  sheetRow,
} from "../../../test/support/spreadsheets.js";
import { createSeededTestDb, type TestDb, testContext } from "../../../test/support/test-db.js";
import { buildApp } from "../../http/app.js";
import { createApiToken } from "../identity/api-tokens.js";
import { createOrganisation } from "../identity/organisations.js";
import { createUser, viewerOf } from "../identity/users.js";

const TODAY = "2026-11-28";
let t: TestDb;
let app: FastifyInstance;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createSeededTestDb();
  const ctx = testContext(t, TODAY);
  const now = ctx.clock.now();
  const staffOrg = await createOrganisation(
    t.db,
    null,
    { name: "International Staff", kind: "alliance-staff", nation: null },
    now,
  );
  const mission = await createOrganisation(
    t.db,
    null,
    { name: "Mission of Japan", kind: "mission", nation: "JPN" },
    now,
  );
  for (const [username, organisationId, roles] of [
    ["staff", staffOrg.id, ["staff"]],
    ["partner.jpn", mission.id, ["partner"]],
  ] as const) {
    const user = await createUser(
      t.db,
      null,
      {
        username,
        displayName: username,
        organisationId,
        clearance: "NS",
        roles: [...roles],
        password: "a-long-test-password",
      },
      now,
    );
    tokens[username] = (await createApiToken(t.db, viewerOf(user), { name: "transfer" }, now)).token;
  }
  app = await buildApp(ctx, { serveWeb: false });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t.destroy();
});

async function upload(filename: string, bytes: Buffer, dryRun: boolean, as?: string) {
  const body = multipartFile(filename, bytes);
  const res = await app.inject({
    method: "POST",
    url: `/api/activities/import?dryRun=${dryRun}`,
    headers: { ...body.headers, ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}) },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.json() };
}

const activityCount = () => rowCount(t.db, "activity");

const bad = () => csvOf([sheetRow({ Reference: "HTTP.1" }), sheetRow({ Reference: "HTTP.2", Kind: "lecture" })]);

describe("activity import and export over HTTP", () => {
  it("a dry run answers 200 with the errors by row and column, and writes nothing", async () => {
    const before = { activities: await activityCount(), audit: await auditCount(t.db) };
    const res = await upload("menu.csv", bad(), true, "staff");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, applied: false, rows: 2 });
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, column: "Kind", reference: "HTTP.2" })]);
    expect({ activities: await activityCount(), audit: await auditCount(t.db) }).toEqual(before);
  });

  it("applying a file with errors answers 400 with details.errors, writes nothing, and is audited once", async () => {
    const before = { activities: await activityCount(), audit: await auditCount(t.db) };
    const res = await upload("menu.csv", bad(), false, "staff");
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION");
    expect(res.body.error.details.errors).toEqual([expect.objectContaining({ row: 3, column: "Kind" })]);
    expect(await activityCount()).toBe(before.activities);
    expect(await auditCount(t.db)).toBe(before.audit + 1);
  });

  it("applies a valid file (200, applied) and exports it back", async () => {
    const res = await upload(
      "menu.csv",
      csvOf([sheetRow({ Reference: "HTTP.3", Classification: "PUBLIC" })]),
      false,
      "staff",
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applied: true, activities: { created: 1 } });
    const exported = await app.inject({
      method: "GET",
      url: "/api/activities/export.csv?q=HTTP",
      headers: { authorization: `Bearer ${tokens.staff}` },
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("text/csv");
    expect(exported.headers["content-disposition"]).toBe(`attachment; filename="entente-activities-${TODAY}.csv"`);
    expect(readCsvRecords(exported.rawPayload).map((r) => r[0])).toEqual(["Reference", "HTTP.3"]);
    // Proposed: neither a partner nor the anonymous sees it.
    for (const headers of [{ authorization: `Bearer ${tokens["partner.jpn"]}` }, {}]) {
      const hidden = await app.inject({ method: "GET", url: "/api/activities/export.xlsx?q=HTTP", headers });
      expect(hidden.statusCode).toBe(200);
      expect(hidden.headers["content-disposition"]).toBe(`attachment; filename="entente-activities-${TODAY}.xlsx"`);
      expect((await readXlsxSheet(hidden.rawPayload)).rows).toHaveLength(1);
    }
    const anonymous = await app.inject({ method: "GET", url: "/api/activities/export.csv?q=HTTP" });
    expect(readCsvRecords(anonymous.rawPayload)).toHaveLength(1);
    const paths = Object.keys((await app.inject({ method: "GET", url: "/api/openapi.json" })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(["/api/activities/import", "/api/activities/export.csv", "/api/activities/export.xlsx"]),
    );
  });

  it("a partner may not import (403, audited once); a bad filter is 400", async () => {
    const before = { activities: await activityCount(), audit: await auditCount(t.db) };
    const res = await upload("menu.csv", csvOf([sheetRow()]), false, "partner.jpn");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect(await activityCount()).toBe(before.activities);
    expect(await auditCount(t.db)).toBe(before.audit + 1);
    const anonymous = await upload("menu.csv", csvOf([sheetRow()]), true);
    expect(anonymous.status).toBe(401);
    const badFilter = await app.inject({ method: "GET", url: "/api/activities/export.csv?from=yesterday" });
    expect(badFilter.statusCode).toBe(400);
  });

  it("a file that is not XLSX or CSV is 400 naming `file`", async () => {
    for (const [name, bytes] of [
      ["menu.pdf", Buffer.from("%PDF-1.7\n")],
      ["menu.xlsx", Buffer.from("Reference,Title\n")],
    ] as const) {
      const res = await upload(name, bytes, true, "staff");
      expect(res.status).toBe(400);
      expect(res.body.error.details.fields).toEqual([expect.objectContaining({ field: "file" })]);
    }
    const none = await app.inject({
      method: "POST",
      url: "/api/activities/import",
      headers: { authorization: `Bearer ${tokens.staff}`, "content-type": "application/json" },
      payload: "{}",
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.details.fields).toEqual([expect.objectContaining({ field: "file" })]);
  });
});
