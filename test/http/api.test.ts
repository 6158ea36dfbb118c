import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { createSeededTestDb, type TestDb, testContext } from "../support/test-db.js";

let t: TestDb;
let app: FastifyInstance;
beforeAll(async () => {
  t = await createSeededTestDb();
  app = await buildApp(testContext(t), { serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await t.destroy();
});

const get = async (url: string) => {
  const res = await app.inject({ method: "GET", url });
  return { status: res.statusCode, body: res.json(), headers: res.headers };
};

describe("registry API", () => {
  it("lists nations and organisations, and gets one", async () => {
    const all = await get("/api/nations");
    expect(all.status).toBe(200);
    expect(all.body.nations.length).toBeGreaterThan(240);
    const orgs = await get("/api/nations?kind=organisation");
    expect(orgs.body.nations.map((n: { code: string }) => n.code)).toEqual(
      expect.arrayContaining(["UN", "EU", "AU", "OSCE"]),
    );
    const jpn = await get("/api/nations/jpn");
    expect(jpn.body).toMatchObject({ code: "JPN", name: "Japan", numericCode: "392", kind: "state" });
  });

  it("answers who the partners across the globe were on a date", async () => {
    const res = await get("/api/frameworks/GLOBAL/members?asOf=2012-05-20");
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(8);
    expect(res.body.name).toBe("Partners across the globe");
  });

  it("lists frameworks with names and counts as of a date", async () => {
    const res = await get("/api/frameworks?asOf=2010-06-01");
    const global = res.body.frameworks.find((f: { code: string }) => f.code === "GLOBAL");
    expect(global.name).toBe("Contact Countries");
    expect(global.memberCount).toBe(4);
  });

  it("gives a nation's memberships, profile and timeline", async () => {
    const memberships = await get("/api/nations/MNE/memberships");
    expect(memberships.body.memberships.map((m: { framework: string }) => m.framework)).toEqual(
      expect.arrayContaining(["PFP", "NATO"]),
    );
    const profile = await get("/api/nations/JPN/profile");
    expect(profile.body.areas.length).toBeGreaterThan(0);
    const timeline = await get("/api/nations/JPN/timeline");
    const kinds = timeline.body.entries.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain("membership-start");
    expect(kinds).toContain("milestone");
    const dates = timeline.body.entries.map((e: { date: string }) => e.date);
    expect([...dates].sort()).toEqual(dates);
  });

  it("gives the map of memberships for a date", async () => {
    const res = await get("/api/map?asOf=2012-05-20");
    const jpn = res.body.nations.find((n: { code: string }) => n.code === "JPN");
    expect(jpn.frameworks).toEqual(["GLOBAL"]);
  });

  it("expands tokens as of a date", async () => {
    const res = await get("/api/tokens/expand?tokens=GLOBAL,UN&asOf=2012-05-20");
    expect(res.body.nations).toHaveLength(9);
  });

  it("answers the access question differently in 2010 and 2012, with reasons", async () => {
    const before = await get("/api/policy/access?partner=JPN&audience=PFP,MD,ICI&date=2010-06-01");
    expect(before.status).toBe(200);
    expect(before.body.outcome).toBe("council-approval");
    expect(before.body.explanation).toContain("needs Council approval");
    const after = await get("/api/policy/access?partner=JPN&audience=PFP,MD,ICI&date=2012-06-01");
    expect(after.body.outcome).toBe("open");
    expect(after.body.rule.id).toBe("berlin-one-menu");
  });

  it("serves milestones, rules, sources and the OpenAPI document", async () => {
    expect((await get("/api/milestones?framework=GLOBAL")).body.milestones.length).toBeGreaterThan(0);
    expect((await get("/api/policy/rules?asOf=2010-06-01")).body.rules.map((r: { id: string }) => r.id)).toContain(
      "contact-country-access",
    );
    expect((await get("/api/sources")).body.sources.length).toBeGreaterThan(10);
    const openapi = await get("/api/openapi.json");
    expect(openapi.body.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.body.paths)).toContain("/api/policy/access");
    const docs = await app.inject({ method: "GET", url: "/api/docs" });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it("sends security headers and no-store on the API", async () => {
    const res = await get("/api/health");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(String(res.headers["content-security-policy"])).toContain("object-src 'none'");
  });
});

describe("bad input", () => {
  const fieldsOf = (body: { error: { details?: { fields?: { field: string }[] } } }) =>
    (body.error.details?.fields ?? []).map((f) => f.field);

  it("a wrong date is 400 naming the field", async () => {
    for (const url of [
      "/api/frameworks/PFP/members?asOf=2011-02-30",
      "/api/frameworks/PFP/members?asOf=yesterday",
      "/api/policy/access?partner=JPN&audience=PFP&date=2010-6-1",
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION");
      expect(
        fieldsOf(res.body).some((f) => f === "asOf" || f === "date"),
        url,
      ).toBe(true);
    }
  });

  it("unknown codes are 404 naming the code", async () => {
    const nation = await get("/api/nations/XYZ");
    expect(nation.status).toBe(404);
    expect(nation.body.error.message).toContain("XYZ");
    const framework = await get("/api/frameworks/NOPE/members");
    expect(framework.status).toBe(404);
    expect(framework.body.error.message).toContain("NOPE");
    const token = await get("/api/policy/access?partner=JPN&audience=PFP,ZZZ&date=2012-01-01");
    expect(token.status).toBe(404);
    expect(token.body.error.message).toContain("ZZZ");
    const partner = await get("/api/policy/access?partner=QQQ&audience=PFP&date=2012-01-01");
    expect(partner.status).toBe(404);
    expect(partner.body.error.message).toContain("QQQ");
  });

  it("missing, overlong and unexpected fields are 400 naming them", async () => {
    const missing = await get("/api/policy/access?partner=JPN&date=2012-01-01");
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing.body)).toContain("audience");
    const long = await get(`/api/nations?q=${"a".repeat(500)}`);
    expect(long.status).toBe(400);
    expect(fieldsOf(long.body)).toContain("q");
    const extra = await get("/api/frameworks?asOf=2012-01-01&colour=blue");
    expect(extra.status).toBe(400);
    expect(fieldsOf(extra.body)).toContain("colour");
    const code = await get(`/api/nations/${"A".repeat(30)}`);
    expect(code.status).toBe(400);
    expect(fieldsOf(code.body)).toContain("code");
  });

  it("unknown API routes are 404 JSON", async () => {
    const res = await get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
  });

  it("never answers 500, whatever the query string", async () => {
    const paths = [
      "/api/nations",
      "/api/frameworks",
      "/api/frameworks/PFP/members",
      "/api/map",
      "/api/policy/access",
      "/api/tokens/expand",
      "/api/milestones",
      "/api/nations/JPN/timeline",
    ];
    const keys = ["asOf", "date", "partner", "audience", "tokens", "q", "kind", "framework", "from", "to", "x"];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.dictionary(fc.constantFrom(...keys), fc.string({ maxLength: 40 }), { maxKeys: 4 }),
        async (path, query) => {
          const qs = new URLSearchParams(query).toString();
          const res = await app.inject({ method: "GET", url: qs ? `${path}?${qs}` : path });
          expect(res.statusCode, `${path}?${qs}: ${res.body}`).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});
