import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FG_NOW, insertForceGenerationCast, requirementInput } from "../../../test/support/force-generation.js";
import { fieldsOf, type HttpHarness, startHttpHarness } from "../../../test/support/http.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";

// The force generation routes in-process, with API tokens (no session, so no CSRF token).

let t: TestDb;
let http: HttpHarness;

beforeAll(async () => {
  t = await createSeededTestDb();
  http = await startHttpHarness(t, () => FG_NOW);
  const cast = await insertForceGenerationCast(t.db);
  await http.tokenFor("staff", cast.staff);
  await http.tokenFor("nor", cast.nor);
  await http.tokenFor("aus", cast.aus);
  await http.tokenFor("jpn", cast.jpn);
}, 120_000);
const call: HttpHarness["call"] = (...args) => http.call(...args);

afterAll(async () => {
  await http?.close();
  await t.destroy();
});

describe("force generation over HTTP", () => {
  it("POST /api/requirements: 201 for staff, 403 for a partner, 400 naming the field, 401 anonymous", async () => {
    const created = await call("POST", "/api/requirements", "staff", requirementInput({ quantity: 120 }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ operation: "ISAF", lineNumber: 1, quantity: 120, gap: 120, fillRate: 0 });
    expect(created.body.label.marking).toContain("NATO RESTRICTED");
    expect((await call("POST", "/api/requirements", "aus", requirementInput())).status).toBe(403);
    expect((await call("POST", "/api/requirements", undefined, requirementInput())).status).toBe(401);
    const bad = await call("POST", "/api/requirements", "staff", { ...requirementInput(), quantity: "many" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION");
    expect(fieldsOf(bad.body)).toEqual(["quantity"]);
    const unknown = await call("POST", "/api/requirements", "staff", requirementInput({ operation: "NOPE" }));
    expect(unknown.status).toBe(400);
    expect(fieldsOf(unknown.body)).toEqual(["operation"]);
  });

  it("POST /api/force-offers and /actions, then GET the board", async () => {
    const line = await call("POST", "/api/requirements", "staff", requirementInput({ quantity: 100 }));
    const id = line.body.id as string;
    const nor = await call("POST", "/api/force-offers", "nor", { requirementId: id, quantity: 60 });
    expect(nor.status).toBe(201);
    expect(nor.body).toMatchObject({
      nation: { code: "NOR", name: "Norway" },
      status: "offered",
      actions: ["withdraw"],
    });
    const aus = await call("POST", "/api/force-offers", "aus", {
      requirementId: id,
      quantity: 50,
      note: "Mentoring team",
    });
    expect(aus.status).toBe(201);
    // Japan cannot read the line (not a contributor): a hidden line is missing.
    expect((await call("POST", "/api/force-offers", "jpn", { requirementId: id, quantity: 5 })).status).toBe(404);
    expect(
      (await call("POST", "/api/force-offers", "aus", { requirementId: id, quantity: 5, nation: "NZL" })).status,
    ).toBe(403);
    const tooMany = await call("POST", "/api/force-offers", "aus", { requirementId: id, quantity: 101 });
    expect(tooMany.status).toBe(400);
    expect(fieldsOf(tooMany.body)).toEqual(["quantity"]);
    const badBody = await call("POST", "/api/force-offers", "aus", { requirementId: id, quantity: 0 });
    expect(badBody.status).toBe(400);
    expect(fieldsOf(badBody.body)).toEqual(["quantity"]);

    const accepted = await call("POST", `/api/force-offers/${nor.body.id}/actions`, "staff", { action: "accept" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("accepted");
    const overfill = await call("POST", `/api/force-offers/${aus.body.id}/actions`, "staff", { action: "accept" });
    expect(overfill.status).toBe(409);
    expect(overfill.body.error.code).toBe("INVALID_STATE");
    expect((await call("POST", `/api/force-offers/${aus.body.id}/actions`, "aus", { action: "accept" })).status).toBe(
      403,
    );
    const badAction = await call("POST", `/api/force-offers/${aus.body.id}/actions`, "staff", { action: "approve" });
    expect(badAction.status).toBe(400);
    expect(fieldsOf(badAction.body)).toEqual(["action"]);
    expect((await call("POST", "/api/force-offers/nope/actions", "staff", { action: "accept" })).status).toBe(404);

    const board = await call("GET", "/api/operations/ISAF/force-generation", "aus");
    expect(board.status).toBe(200);
    const shown = board.body.lines.find((l: { id: string }) => l.id === id);
    expect(shown).toMatchObject({ quantity: 100, accepted: 60, pending: 50, gap: 40, fillRate: 0.6, canOffer: true });
    expect(shown.offers.map((o: { nation: { code: string } }) => o.nation.code)).toEqual(["AUS"]);
    const hidden = await call("GET", "/api/operations/ISAF/force-generation", "jpn");
    expect(hidden.status).toBe(200);
    expect(hidden.body.lines).toEqual([]);
    expect((await call("GET", "/api/operations/NOPE/force-generation", "staff")).status).toBe(404);
    const withdrawn = await call("POST", `/api/force-offers/${aus.body.id}/actions`, "aus", { action: "withdraw" });
    expect(withdrawn.body.status).toBe("withdrawn");
  });
});
