import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb, testContext } from "../../../test/support/test-db.js";
import { buildApp } from "../../http/app.js";
import { seedDemoIdentity } from "../demo/demo-identity.js";
import { documentStore } from "../documents/documents.js";
import { createApiToken } from "../identity/api-tokens.js";
import { findUserByUsername, viewerOf } from "../identity/users.js";

const TODAY = "2026-11-28";
let t: TestDb;
let app: FastifyInstance;
let dir: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createSeededTestDb();
  dir = mkdtempSync(path.join(tmpdir(), "entente-activities-"));
  const ctx = testContext(t, TODAY);
  const seeded = await seedDemoIdentity(t.db, documentStore(dir), ctx.clock.now());
  expect(seeded?.activities).toBe(9);
  for (const username of ["staff", "partner.jpn", "partner.kor"]) {
    const user = await findUserByUsername(t.db, username);
    if (!user) throw new Error(`no demo user ${username}`);
    tokens[username] = (await createApiToken(t.db, viewerOf(user), { name: "activities" }, ctx.clock.now())).token;
  }
  app = await buildApp(ctx, { serveWeb: false });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: "GET" | "POST" | "PUT", url: string, as?: string, payload?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: as ? { authorization: `Bearer ${tokens[as]}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.json() };
}

async function activityId(reference: string, as = "staff"): Promise<string> {
  const res = await call("GET", `/api/activities?q=${encodeURIComponent(reference)}`, as);
  const found = res.body.activities.find((a: { reference: string }) => a.reference === reference);
  if (!found) throw new Error(`no ${reference}`);
  return found.id;
}

const participant = {
  name: "Taro Yamada",
  email: "Taro.Yamada@example.jp",
  rank: "Lieutenant Colonel",
  clearance: "NR",
  languageLevel: 3,
};

describe("activities over HTTP", () => {
  it("searches the menu with facets, and hides what the label does not release", async () => {
    const res = await call("GET", "/api/activities?q=piracy", "partner.jpn");
    expect(res.status).toBe(200);
    expect(res.body.activities.map((a: { reference: string }) => a.reference)).toEqual(["ACO.115", "ACT.412"]);
    expect(res.body.activities[0].label.marking).toMatch(/NATO UNCLASSIFIED/);
    const all = await call("GET", "/api/activities", "partner.jpn");
    expect(all.body.activities.map((a: { reference: string }) => a.reference)).not.toContain("ACT.604");
    const anonymous = await call("GET", "/api/activities");
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.activities).toEqual([]);
    const hidden = await activityId("ACT.604");
    const refused = await call("GET", `/api/activities/${hidden}`, "partner.jpn");
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("NOT_FOUND");
  });

  it("gives the activity page with seats and the policy decision for the partner's nation", async () => {
    const id = await activityId("ACT.396", "partner.jpn");
    const res = await call("GET", `/api/activities/${id}`, "partner.jpn");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      fees: "650 EUR per participant",
      aim: expect.stringMatching(/protocol/),
      pointOfContact: expect.stringContaining("NATO School Oberammergau"),
    });
    expect(res.body.iterations).toHaveLength(2);
    expect(res.body.iterations[1]).toMatchObject({
      startDate: "2027-06-07",
      seats: 30,
      seatsLeft: 30,
      waitlistLength: 0,
    });
    expect(res.body.iterations[1].access.outcome).toMatch(/open|council-approval|not-open/);
  });

  it("says why Japan may join the counter-piracy course in 2012 and why it needed the Council in 2010", async () => {
    const id = await activityId("ACT.412", "partner.jpn");
    const res = await call("GET", `/api/activities/${id}`, "partner.jpn");
    const byCode = (code: string) => res.body.iterations.find((i: { code: string }) => i.code === code);
    expect(byCode("2010-1").access.outcome).toBe("council-approval");
    expect(byCode("2010-1").access.explanation).toMatch(/Contact Countr/i);
    expect(byCode("2012-1").access.outcome).toBe("open");
    expect(byCode("2012-1").access.explanation).toMatch(/Berlin|2011/);
  });

  it("the owner organisation reviews two-step nominations; a partner lists only its nation's", async () => {
    const shape = await findUserByUsername(t.db, "planner.shape");
    if (!shape) throw new Error("no planner.shape");
    const token = (await createApiToken(t.db, viewerOf(shape), { name: "review" }, new Date(`${TODAY}T10:00:00Z`)))
      .token;
    const pending = await app.inject({
      method: "GET",
      url: "/api/nominations?status=pending-owner",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(pending.statusCode).toBe(200);
    const nations = pending.json().nominations.map((n: { nation: string }) => n.nation);
    expect(nations.sort()).toEqual(["AUS", "KOR"]);
    const [first] = pending.json().nominations;
    const accept = await app.inject({
      method: "POST",
      url: `/api/nominations/${first.id}/decision`,
      headers: { authorization: `Bearer ${token}` },
      payload: { answer: "accept" },
    });
    expect(accept.statusCode).toBe(200);
    expect(accept.json().status).toBe("confirmed");
    const bad = await app.inject({
      method: "POST",
      url: `/api/nominations/${first.id}/decision`,
      headers: { authorization: `Bearer ${token}` },
      payload: { answer: "maybe" },
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain("answer");
    const jpn = await call("GET", "/api/nominations", "partner.jpn");
    expect(jpn.status).toBe(200);
    expect(jpn.body.nominations.every((n: { nation: string }) => n.nation === "JPN")).toBe(true);
    const anonymous = await call("GET", "/api/nominations");
    expect(anonymous.status).toBe(401);
  });

  it("the partner's inbox holds the invitations of the published menu open to it; marking one read", async () => {
    const inbox = await call("GET", "/api/notifications", "partner.jpn");
    expect(inbox.status).toBe(200);
    const titles = inbox.body.notifications.map((n: { title: string }) => n.title);
    expect(titles).toContainEqual(expect.stringMatching(/^ACT\.412 .* is open to Japan$/));
    // ACT.604 is for Allies only: no invitation to a partner.
    expect(titles.some((title: string) => title.startsWith("ACT.604"))).toBe(false);
    const first = inbox.body.notifications[0];
    const read = await app.inject({
      method: "POST",
      url: `/api/notifications/${first.id}/read`,
      headers: { authorization: `Bearer ${tokens["partner.jpn"]}` },
    });
    expect(read.statusCode).toBe(204);
    const after = await call("GET", "/api/notifications?unread=true", "partner.jpn");
    expect(after.body.unreadCount).toBe(inbox.body.unreadCount - 1);
    const other = await app.inject({
      method: "POST",
      url: `/api/notifications/${first.id}/read`,
      headers: { authorization: `Bearer ${tokens["partner.kor"]}` },
    });
    expect(other.statusCode).toBe(404);
  });

  it("a nomination takes a seat and the seat count drops; the partner lists its own; withdraw frees it", async () => {
    const id = await activityId("ACT.412", "partner.jpn");
    const before = await call("GET", `/api/activities/${id}`, "partner.jpn");
    const iteration = before.body.iterations.find((i: { code: string }) => i.code === "2027-1");
    expect(iteration.seatsLeft).toBe(24);
    const created = await call("POST", `/api/iterations/${iteration.id}/nominations`, "partner.jpn", participant);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "confirmed", nation: "JPN", email: "taro.yamada@example.jp" });
    const after = await call("GET", `/api/activities/${id}`, "partner.jpn");
    expect(after.body.iterations[2]).toMatchObject({ confirmedCount: 1, seatsLeft: 23 });
    const again = await call("POST", `/api/iterations/${iteration.id}/nominations`, "partner.jpn", participant);
    expect(again.status).toBe(409);

    const kor = await call("POST", `/api/iterations/${iteration.id}/nominations`, "partner.kor", {
      ...participant,
      email: "kim@example.kr",
    });
    expect(kor.status).toBe(201);
    const jpnList = await call("GET", `/api/iterations/${iteration.id}/nominations`, "partner.jpn");
    expect(jpnList.body.nominations.map((n: { nation: string }) => n.nation)).toEqual(["JPN"]);
    const staffList = await call("GET", `/api/iterations/${iteration.id}/nominations`, "staff");
    expect(staffList.body.nominations).toHaveLength(2);

    const withdrawn = await call("POST", `/api/nominations/${created.body.id}/withdraw`, "partner.jpn");
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.status).toBe("withdrawn");
    const otherNation = await call("POST", `/api/nominations/${kor.body.id}/withdraw`, "partner.jpn");
    expect(otherNation.status).toBe(404);
    const last = await call("GET", `/api/activities/${id}`, "partner.jpn");
    expect(last.body.iterations[2]).toMatchObject({ confirmedCount: 1, seatsLeft: 23 });

    const seats = await call("PUT", `/api/iterations/${iteration.id}/seats`, "staff", { seats: 40 });
    expect(seats.status).toBe(200);
    expect(seats.body).toEqual({ seats: 40, promoted: [] });
    const partnerSeats = await call("PUT", `/api/iterations/${iteration.id}/seats`, "partner.jpn", { seats: 50 });
    expect(partnerSeats.status).toBe(403);
  });

  it("creates an activity, adds an iteration and moves it; an illegal transition is 409", async () => {
    const body = {
      reference: "HTTP.1",
      owner: "NATO School Oberammergau",
      title: "Created over HTTP",
      kind: "course",
      audience: "PFP, MD, ICI",
      requiredClearance: "NU",
      label: { classification: "PUBLIC" },
    };
    const created = await call("POST", "/api/activities", "staff", body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ reference: "HTTP.1", status: "proposed" });
    const id = created.body.id;
    const forbidden = await call("POST", "/api/activities", "partner.jpn", { ...body, reference: "HTTP.2" });
    expect(forbidden.status).toBe(403);
    const iteration = await call("POST", `/api/activities/${id}/iterations`, "staff", {
      code: "2027-1",
      startDate: "2027-02-01",
      endDate: "2027-02-05",
      city: "Oberammergau",
      countryCode: "deu",
      seats: 20,
      nominationDeadline: "2027-01-15",
    });
    expect(iteration.status).toBe(201);
    expect(iteration.body).toMatchObject({ countryCode: "DEU", seats: 20, seatsLeft: 20 });
    const illegal = await call("POST", `/api/activities/${id}/transitions`, "staff", { action: "publish" });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe("INVALID_STATE");
    const approved = await call("POST", `/api/activities/${id}/transitions`, "staff", { action: "approve" });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe("approved");
    // Found by full text once created (the index is kept in step).
    const found = await call("GET", "/api/activities?q=created%20http", "staff");
    expect(found.body.activities.map((a: { reference: string }) => a.reference)).toEqual(["HTTP.1"]);
  });

  it("bad input is 400 naming the field", async () => {
    const kind = await call("GET", "/api/activities?kind=party", "staff");
    expect(kind.status).toBe(400);
    expect(kind.body.error.details.fields[0].field).toBe("kind");
    const extra = await call("GET", "/api/activities?colour=red", "staff");
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.fields[0].field).toBe("colour");
    const seats = await call("GET", "/api/activities?openSeats=maybe", "staff");
    expect(seats.status).toBe(400);
    expect(seats.body.error.details.fields[0].field).toBe("openSeats");
    const id = await activityId("ACT.412");
    const detail = await call("GET", `/api/activities/${id}`, "staff");
    const nomination = await call(
      "POST",
      `/api/iterations/${detail.body.iterations[0].id}/nominations`,
      "partner.jpn",
      { ...participant, email: "not-an-email" },
    );
    expect(nomination.status).toBe(400);
    expect(nomination.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["email"]);
    const action = await call("POST", `/api/activities/${id}/transitions`, "staff", { action: "explode" });
    expect(action.status).toBe(400);
    expect(action.body.error.details.fields[0].field).toBe("action");
    const seatsBody = await call("PUT", `/api/iterations/${detail.body.iterations[0].id}/seats`, "staff", { seats: 0 });
    expect(seatsBody.status).toBe(400);
    expect(seatsBody.body.error.details.fields[0].field).toBe("seats");
  });

  it("documents the routes in OpenAPI", async () => {
    const res = await call("GET", "/api/openapi.json");
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(["/api/activities", "/api/activities/{id}", "/api/iterations/{id}/nominations"]),
    );
  });
});
