import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { documentStore, listDocuments, uploadDocument } from "../documents/documents.js";
import type { Viewer } from "../labels/viewer.js";
import { searchWords } from "./text-search.js";

let t: TestDb;
const staff: Viewer = {
  userId: "u-staff",
  username: "staff",
  organisation: "IS",
  nation: null,
  isAlliance: true,
  clearanceRank: 4,
  roles: ["staff"],
};

beforeAll(async () => {
  t = await createSeededTestDb();
  await t.db
    .insertInto("organisation")
    .values({ id: "o", name: "IS", kind: "alliance-staff", nation_code: null, created_at: "2026-01-01" })
    .execute();
  await t.db
    .insertInto("app_user")
    .values({
      id: "u-staff",
      username: "staff",
      display_name: "Staff",
      organisation_id: "o",
      clearance: "NS",
      is_poc: 0,
      password_hash: "x",
      disabled: 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      created_at: "2026-01-01",
    })
    .execute();
  const store = documentStore(mkdtempSync(path.join(os.tmpdir(), "entente-search-")));
  const docs = [
    ["C-M(2012)0014", "Arrangements to facilitate operations"],
    ["PCM(2012)0001", "Partnership Cooperation Menu: overview"],
    ["IPCP-JPN(2012)", "Programme de coopération individuel"],
  ] as const;
  for (const [reference, title] of docs) {
    await uploadDocument(
      t.db,
      store,
      staff,
      { reference, title, date: "2012-01-01", label: { classification: "NU", releasableTo: ["NATO"] } },
      { filename: "a.txt", bytes: Buffer.from(title) },
      new Date(),
    );
  }
});
afterAll(async () => t.destroy());

const search = async (q: string) =>
  (await listDocuments(t.db, staff, { q }, "2026-11-28")).documents.map((d) => d.reference).sort();

describe("full-text search (FTS5 on SQLite, tsvector on PostgreSQL, one function)", () => {
  it("matches every word, by prefix, ignoring case and accents", async () => {
    expect(await search("partnership menu")).toEqual(["PCM(2012)0001"]);
    expect(await search("OPERAT")).toEqual(["C-M(2012)0014"]);
    expect(await search("cooperation")).toEqual(["IPCP-JPN(2012)", "PCM(2012)0001"]);
    expect(await search("2012")).toHaveLength(3);
    expect(await search("partnership arrangements")).toEqual([]);
  });

  it("finds a reference as written, and shrugs off query syntax", async () => {
    expect(await search("C-M(2012)0014")).toEqual(["C-M(2012)0014"]);
    expect(await search('"NEAR( * OR -')).toEqual([]);
    expect(searchWords("  ")).toEqual([]);
    expect(searchWords("Coopération, C-M(2012)")).toEqual(["cooperation", "c", "m", "2012"]);
  });
});
