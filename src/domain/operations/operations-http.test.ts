import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertDelegate, insertPartnerUser, insertStaff } from "../../../test/support/decisions.js";
import { fieldsOf, type HttpHarness, startHttpHarness } from "../../../test/support/http.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";

// The operations routes in-process: operations, placemat, history, recognitions, contributions, postings.

let t: TestDb;
let http: HttpHarness;
const current = new Date("2010-11-15T09:00:00Z");

beforeAll(async () => {
  t = await createSeededTestDb();
  http = await startHttpHarness(t, () => current);
  await http.tokenFor("staff", await insertStaff(t.db));
  await http.tokenFor("nor", await insertDelegate(t.db, "NOR"));
  await http.tokenFor("kor", await insertPartnerUser(t.db, "KOR"));
  await http.tokenFor("jpn", await insertPartnerUser(t.db, "JPN"));
}, 120_000);
const call: HttpHarness["call"] = (...args) => http.call(...args);

afterAll(async () => {
  await http?.close();
  await t.destroy();
});

describe("operations over HTTP", () => {
  it("GET /api/operations and /api/operations/:code for anyone; 404 for an unknown code", async () => {
    const list = await call("GET", "/api/operations?asOf=2010-11-01");
    expect(list.status).toBe(200);
    const isaf = list.body.operations.find((o: { code: string }) => o.code === "ISAF");
    expect(isaf).toEqual({
      code: "ISAF",
      name: "International Security Assistance Force",
      theatre: "Afghanistan",
      startDate: "2003-08-11",
      startPrecision: "day",
      endDate: "2014-12-29",
      endPrecision: "day",
      active: true,
    });
    expect(list.body.operations.find((o: { code: string }) => o.code === "IFOR").active).toBe(false);
    const one = await call("GET", "/api/operations/isaf");
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      code: "ISAF",
      contributorsToken: "CONTRIB:ISAF",
      cite: "nato-summit2009-operations",
    });
    expect(typeof one.body.citeUrl).toBe("string");
    expect((await call("GET", "/api/operations/NOPE")).status).toBe(404);
    const bad = await call("GET", "/api/operations?asOf=yesterday");
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["asOf"]);
  });

  it("POST /api/contributions: 201 for staff, 403 for a partner, 401 anonymous, 400 naming the field; placemat and history", async () => {
    const body = {
      operation: "ISAF",
      nation: "KOR",
      kind: "troops",
      asOf: "2010-11-01",
      troops: 246,
      label: { classification: "PUBLIC" },
    };
    expect((await call("POST", "/api/contributions", undefined, body)).status).toBe(401);
    expect((await call("POST", "/api/contributions", "kor", body)).status).toBe(403);
    const bad = await call("POST", "/api/contributions", "staff", { ...body, troops: -1 });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["troops"]);
    const created = await call("POST", "/api/contributions", "staff", body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: "troops", troops: 246, marking: "PUBLIC" });
    const placemat = await call("GET", "/api/operations/ISAF/placemat?asOf=2010-11-01");
    expect(placemat.status).toBe(200);
    expect(placemat.body).toMatchObject({ asOf: "2010-11-01", totalTroops: 246, contributingNations: 1 });
    expect((await call("GET", "/api/operations/ISAF/placemat?asOf=2010-10-31")).body.rows).toEqual([]);
    const history = await call("GET", "/api/operations/ISAF/history");
    expect(history.body).toMatchObject({
      dates: ["2010-11-01"],
      series: [{ nation: { code: "KOR" }, points: [{ asOf: "2010-11-01", troops: 246 }] }],
    });
    const listed = await call("GET", "/api/contributions?operation=ISAF&kind=troops");
    expect(listed.body.contributions.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
  });

  it("recognitions: offer 201, 400 naming the field, 404 to another partner, actions", async () => {
    const bad = await call("POST", "/api/recognitions", "kor", { operation: "ISAF" });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["offer"]);
    const ally = await call("POST", "/api/recognitions", "staff", { operation: "ISAF", nation: "NOR", offer: "x" });
    expect(ally.status).toBe(400);
    expect(fieldsOf(ally.body)).toEqual(["nation"]);
    const forOther = await call("POST", "/api/recognitions", "kor", { operation: "ISAF", nation: "MNG", offer: "x" });
    expect(forOther.status).toBe(403);
    const offered = await call("POST", "/api/recognitions", "kor", { operation: "ISAF", offer: "A PRT" });
    expect(offered.status).toBe(201);
    expect(offered.body).toMatchObject({ status: "offered", offeredOn: "2010-11-15", nation: { code: "KOR" } });
    const id = offered.body.id as string;
    expect((await call("GET", `/api/recognitions/${id}`, "jpn")).status).toBe(404);
    expect((await call("GET", `/api/recognitions/${id}`)).status).toBe(401);
    expect((await call("GET", `/api/recognitions/${id}`, "nor")).status).toBe(200);
    expect((await call("GET", "/api/recognitions?operation=ISAF", "jpn")).body).toEqual({ recognitions: [] });
    const forbidden = await call("POST", `/api/recognitions/${id}/actions`, "kor", { action: "advise", note: "x" });
    expect(forbidden.status).toBe(403);
    const unknownAction = await call("POST", `/api/recognitions/${id}/actions`, "staff", { action: "recognise" });
    expect(unknownAction.status).toBe(400);
    expect(fieldsOf(unknownAction.body)).toEqual(["action"]);
    const advised = await call("POST", `/api/recognitions/${id}/actions`, "staff", {
      action: "advise",
      note: "Useful",
    });
    expect(advised.status).toBe(200);
    expect(advised.body).toMatchObject({ status: "advised", canPutToCouncil: true });
    const illegal = await call("POST", `/api/recognitions/${id}/actions`, "staff", { action: "end" });
    expect(illegal.status).toBe(409);
    expect(illegal.body.error.code).toBe("INVALID_STATE");
  });

  it("postings: 201, 400 naming endDate, list with current, end", async () => {
    const input = {
      nation: "KOR",
      officerName: "Col. Kim",
      headquarters: "ISAF-HQ",
      role: "liaison-officer",
      startDate: "2010-07-01",
    };
    const bad = await call("POST", "/api/postings", "kor", { ...input, endDate: "2010-06-01" });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad.body)).toEqual(["endDate"]);
    expect((await call("POST", "/api/postings", "jpn", input)).status).toBe(403);
    const created = await call("POST", "/api/postings", "kor", input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ current: true, endDate: null });
    const listed = await call("GET", "/api/postings?headquarters=ISAF-HQ&asOf=2010-08-01", "staff");
    expect(
      listed.body.postings.map((p: { officerName: string; current: boolean }) => [p.officerName, p.current]),
    ).toEqual([["Col. Kim", true]]);
    expect((await call("GET", "/api/postings", undefined)).status).toBe(401);
    expect((await call("GET", "/api/postings?nation=KOR", "jpn")).body).toEqual({ postings: [] });
    const ended = await call("POST", `/api/postings/${created.body.id}/end`, "staff", { endDate: "2010-11-01" });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endDate: "2010-11-01", current: false });
    expect((await call("POST", `/api/postings/${created.body.id}/end`, "jpn", { endDate: "2010-12-01" })).status).toBe(
      404,
    );
  });
});
