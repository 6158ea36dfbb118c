import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAudit, countNotices } from "../../../test/support/decisions.js";
import {
  FG_NOW,
  type ForceGenerationCast,
  insertForceGenerationCast,
  requirementInput,
} from "../../../test/support/force-generation.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { AppError } from "../../errors.js";
import type { Viewer } from "../labels/viewer.js";
import { actOnForceOffer, offerForces } from "./offers.js";
import { createRequirement, getForceGenerationBoard } from "./requirements.js";

// Force generation against the seeded ISAF: who may write lines and offers, what each viewer
// sees of the board, the offer workflow, and concurrent accepts that would overfill a line.

let t: TestDb;
let cast: ForceGenerationCast;
beforeAll(async () => {
  t = await createSeededTestDb();
  cast = await insertForceGenerationCast(t.db);
}, 120_000);
afterAll(async () => t.destroy());

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

const fieldsOf = (error: AppError) => (error.details?.fields as { field: string }[] | undefined)?.map((f) => f.field);

const line = (quantity: number, operation = "ISAF") =>
  createRequirement(t.db, cast.staff, requirementInput({ operation, quantity }), FG_NOW);

const offer = (actor: Viewer, requirementId: string, quantity: number, nation?: string) =>
  offerForces(t.db, actor, { requirementId, quantity, ...(nation === undefined ? {} : { nation }) }, FG_NOW);

const act = (actor: Viewer, id: string, action: "accept" | "decline" | "withdraw") =>
  actOnForceOffer(t.db, actor, id, { action }, FG_NOW);

async function deniedCount(action: string) {
  const row = await t.db
    .selectFrom("audit_event")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("action", "=", action)
    .where("outcome", "=", "denied")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("requirement lines", () => {
  it("staff create numbered lines with the default label NR releasable to NATO and CONTRIB:<op>", async () => {
    const before = await countAudit(t.db, { action: "requirement.create" });
    const first = await createRequirement(
      t.db,
      cast.staff,
      requirementInput({ operation: "OAP", capability: "Frigate", quantity: 2, unit: "ships" }),
      FG_NOW,
    );
    const second = await createRequirement(
      t.db,
      cast.staff,
      requirementInput({ operation: "oap", capability: "Maritime patrol aircraft", quantity: 1, unit: "aircraft" }),
      FG_NOW,
    );
    expect(first).toMatchObject({
      operation: "OAP",
      lineNumber: 1,
      capability: "Frigate",
      quantity: 2,
      unit: "ships",
      status: "open",
      accepted: 0,
      pending: 0,
      gap: 2,
      fillRate: 0,
      offers: [],
      canOffer: true,
    });
    expect(first.label.classification).toBe("NR");
    expect(first.label.releasableTo).toEqual(["NATO", "CONTRIB:OAP"]);
    expect(second.lineNumber).toBe(2);
    expect(await countAudit(t.db, { action: "requirement.create" })).toBe(before + 2);
    const taken = await errorOf(
      createRequirement(t.db, cast.staff, requirementInput({ operation: "OAP", lineNumber: 2 }), FG_NOW),
    );
    expect(taken.code).toBe("CONFLICT");
    const seventh = await createRequirement(
      t.db,
      cast.staff,
      requirementInput({ operation: "OAP", lineNumber: 7 }),
      FG_NOW,
    );
    expect(seventh.lineNumber).toBe(7);
    expect((await createRequirement(t.db, cast.staff, requirementInput({ operation: "OAP" }), FG_NOW)).lineNumber).toBe(
      8,
    );
  });

  it("refuses partners and delegations (FORBIDDEN, audited) and bad fields (VALIDATION naming them)", async () => {
    const before = await deniedCount("requirement.create");
    expect((await errorOf(createRequirement(t.db, cast.aus, requirementInput(), FG_NOW))).code).toBe("FORBIDDEN");
    expect((await errorOf(createRequirement(t.db, cast.nor, requirementInput(), FG_NOW))).code).toBe("FORBIDDEN");
    expect(await deniedCount("requirement.create")).toBe(before + 2);
    const unknown = await errorOf(createRequirement(t.db, cast.staff, requirementInput({ operation: "NOPE" }), FG_NOW));
    expect(unknown.code).toBe("VALIDATION");
    expect(fieldsOf(unknown)).toEqual(["operation"]);
    const period = await errorOf(
      createRequirement(
        t.db,
        cast.staff,
        requirementInput({ periodStart: "2011-01-01", periodEnd: "2010-01-01" }),
        FG_NOW,
      ),
    );
    expect(period.code).toBe("VALIDATION");
    expect(fieldsOf(period)).toEqual(["periodEnd"]);
  });

  it("the board of an unknown operation is NOT_FOUND", async () => {
    expect((await errorOf(getForceGenerationBoard(t.db, cast.staff, "NOPE", FG_NOW))).code).toBe("NOT_FOUND");
  });
});

describe("who may offer", () => {
  it("an Ally's delegation may; so may a partner recognised for the operation on the offer date", async () => {
    const l = await line(500);
    const nor = await offer(cast.nor, l.id, 200);
    expect(nor).toMatchObject({ nation: { code: "NOR", name: "Norway" }, quantity: 200, status: "offered" });
    expect(nor.actions).toEqual(["withdraw"]);
    const aus = await offer(cast.aus, l.id, 150);
    expect(aus).toMatchObject({ nation: { code: "AUS", name: "Australia" }, quantity: 150, status: "offered" });
    const byStaff = await offer(cast.staff, l.id, 30, "NZL");
    expect(byStaff.nation.code).toBe("NZL");
    expect(byStaff.actions).toEqual(["accept", "decline", "withdraw"]);
    expect(await countAudit(t.db, { action: "force-offer.create", objectId: aus.id })).toBe(1);
    const stored = await t.db
      .selectFrom("force_offer")
      .innerJoin("label_releasable", "label_releasable.label_id", "force_offer.label_id")
      .select("label_releasable.token")
      .where("force_offer.id", "=", aus.id)
      .orderBy("label_releasable.token")
      .execute();
    expect(stored.map((r) => r.token)).toEqual(["AUS", "NATO"]);
  });

  it("a partner recognised only from a later date may not (FORBIDDEN, audited)", async () => {
    const l = await createRequirement(
      t.db,
      cast.staff,
      requirementInput({ quantity: 100, label: { classification: "NR", releasableTo: ["NATO", "KOR", "JPN"] } }),
      FG_NOW,
    );
    const before = await deniedCount("force-offer.create");
    const kor = await errorOf(offer(cast.kor, l.id, 10));
    expect(kor.code).toBe("FORBIDDEN");
    expect(kor.message).toBe("KOR is neither an Ally nor a recognised contributor to ISAF on 2010-11-15");
    const jpn = await errorOf(offer(cast.jpn, l.id, 10));
    expect(jpn.code).toBe("FORBIDDEN");
    expect(await deniedCount("force-offer.create")).toBe(before + 2);
    // After its recognition, Korea may.
    const later = await offerForces(
      t.db,
      cast.kor,
      { requirementId: l.id, quantity: 10 },
      new Date("2011-01-02T10:00:00Z"),
    );
    expect(later.nation.code).toBe("KOR");
    const staffForKor = await errorOf(offer(cast.staff, l.id, 10, "KOR"));
    expect(staffForKor.code).toBe("VALIDATION");
    expect(fieldsOf(staffForKor)).toEqual(["nation"]);
  });

  it("a partner may not offer for another nation (FORBIDDEN, audited)", async () => {
    const l = await line(100);
    const before = await deniedCount("force-offer.create");
    const error = await errorOf(offer(cast.aus, l.id, 10, "NZL"));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("You may offer forces for AUS only");
    expect(await deniedCount("force-offer.create")).toBe(before + 1);
    const count = await t.db
      .selectFrom("force_offer")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("requirement_id", "=", l.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it("an offer above the remaining gap is VALIDATION on quantity, with the numbers", async () => {
    const l = await line(100);
    const first = await offer(cast.nor, l.id, 70);
    await act(cast.staff, first.id, "accept");
    const error = await errorOf(offer(cast.dnk, l.id, 31));
    expect(error.code).toBe("VALIDATION");
    expect(fieldsOf(error)).toEqual(["quantity"]);
    expect(error.message).toContain("31 exceeds the remaining gap of line");
    expect(error.message).toContain("100 required − 70 accepted = 30");
    expect((await offer(cast.dnk, l.id, 30)).quantity).toBe(30);
  });

  it("a closed line takes no offers, and no pending offer on it can be accepted", async () => {
    const l = await line(100);
    const pending = await offer(cast.nor, l.id, 10);
    await t.db.updateTable("requirement").set({ status: "closed" }).where("id", "=", l.id).execute();
    const error = await errorOf(offer(cast.nor, l.id, 10));
    expect(error.code).toBe("INVALID_STATE");
    const accept = await errorOf(act(cast.staff, pending.id, "accept"));
    expect([accept.code, accept.message]).toEqual([
      "INVALID_STATE",
      expect.stringContaining("is closed: no offer can be accepted"),
    ]);
    const board = await getForceGenerationBoard(t.db, cast.nor, "ISAF", FG_NOW);
    expect(board.lines.find((x) => x.id === l.id)?.canOffer).toBe(false);
  });
});

describe("the offer workflow", () => {
  it("accept, decline and withdraw follow the table; the nation is told of decisions", async () => {
    const l = await line(100);
    const a = await offer(cast.nor, l.id, 40);
    const b = await offer(cast.nor, l.id, 30);
    const c = await offer(cast.aus, l.id, 20);
    const noticesBefore = await countNotices(t.db, { subjectId: "ISAF", kind: "force-offer-decided" });
    const accepted = await act(cast.staff, a.id, "accept");
    expect(accepted.status).toBe("accepted");
    expect(accepted.decidedAt).toBe(FG_NOW.toISOString());
    expect((await act(cast.staff, b.id, "decline")).status).toBe("declined");
    // One NOR delegate, told twice.
    expect(await countNotices(t.db, { subjectId: "ISAF", kind: "force-offer-decided" })).toBe(noticesBefore + 2);
    const notice = await t.db
      .selectFrom("notification")
      .select(["subject_type", "recipient_user_id"])
      .where("kind", "=", "force-offer-decided")
      .where("subject_id", "=", "ISAF")
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    expect(notice).toEqual({ subject_type: "force-generation", recipient_user_id: cast.nor.userId });
    // Partners may not accept; the offering nation withdraws its own; the staff may too.
    expect((await errorOf(act(cast.aus, c.id, "accept"))).code).toBe("FORBIDDEN");
    expect((await errorOf(act(cast.nor, c.id, "withdraw"))).code).toBe("NOT_FOUND");
    expect((await act(cast.aus, c.id, "withdraw")).status).toBe("withdrawn");
    expect(await countNotices(t.db, { subjectId: "ISAF", kind: "force-offer-decided" })).toBe(noticesBefore + 2);
    // Every move from a decided state is INVALID_STATE.
    for (const id of [a.id, b.id, c.id]) {
      for (const action of ["accept", "decline", "withdraw"] as const) {
        expect((await errorOf(act(cast.staff, id, action))).code).toBe("INVALID_STATE");
      }
    }
    expect(await countAudit(t.db, { action: "force-offer.accept", objectId: a.id })).toBe(1);
    expect(await countAudit(t.db, { action: "force-offer.withdraw", objectId: c.id })).toBe(1);
    const board = await getForceGenerationBoard(t.db, cast.staff, "ISAF", FG_NOW);
    expect(board.lines.find((x) => x.id === l.id)).toMatchObject({ accepted: 40, pending: 0, gap: 60, fillRate: 0.4 });
  });

  it("an accept that would overfill the line is INVALID_STATE", async () => {
    const l = await line(50);
    const a = await offer(cast.nor, l.id, 30);
    const b = await offer(cast.dnk, l.id, 30);
    await act(cast.staff, a.id, "accept");
    const error = await errorOf(act(cast.staff, b.id, "accept"));
    expect(error.code).toBe("INVALID_STATE");
    expect(error.message).toContain("requires 50 and 30 are accepted, leaving 20");
    const board = await getForceGenerationBoard(t.db, cast.staff, "ISAF", FG_NOW);
    const shown = board.lines.find((x) => x.id === l.id);
    expect(shown?.offers.find((o) => o.id === b.id)?.actions).toEqual(["decline", "withdraw"]);
  });
});

describe("concurrent accepts", () => {
  it("two accepts that together would overfill a line: exactly one succeeds", async () => {
    const l = await line(10);
    const a = await offer(cast.nor, l.id, 6);
    const b = await offer(cast.dnk, l.id, 6);
    const results = await Promise.allSettled([act(cast.staff, a.id, "accept"), act(cast.staff, b.id, "accept")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(rejected.map((e) => (e instanceof AppError ? e.code : String(e)))).toEqual(["INVALID_STATE"]);
    const board = await getForceGenerationBoard(t.db, cast.staff, "ISAF", FG_NOW);
    expect(board.lines.find((x) => x.id === l.id)).toMatchObject({ accepted: 6, gap: 4 });
  });

  it("ten accepts of 3 against a line of 10: exactly three succeed, seven are INVALID_STATE", async () => {
    const l = await line(10);
    const offers = [];
    for (let i = 0; i < 10; i += 1) offers.push(await offer(i % 2 === 0 ? cast.nor : cast.aus, l.id, 3));
    const results = await Promise.allSettled(offers.map((o) => act(cast.staff, o.id, "accept")));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const codes = results.flatMap((r) =>
      r.status === "rejected" ? [r.reason instanceof AppError ? r.reason.code : String(r.reason)] : [],
    );
    expect(codes).toEqual(Array(7).fill("INVALID_STATE"));
    const accepted = await t.db
      .selectFrom("force_offer")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("requirement_id", "=", l.id)
      .where("status", "=", "accepted")
      .executeTakeFirstOrThrow();
    expect(Number(accepted.n)).toBe(3);
    const board = await getForceGenerationBoard(t.db, cast.staff, "ISAF", FG_NOW);
    expect(board.lines.find((x) => x.id === l.id)).toMatchObject({ accepted: 9, gap: 1, pending: 21, fillRate: 0.9 });
  });
});

describe("confidentiality of the board", () => {
  it("a partner not recognised sees no lines; a recognised one sees lines, totals and only its own offers", async () => {
    const l1 = await line(100, "KFOR");
    const l2 = await line(50, "KFOR");
    // KFOR: AUS is not recognised; NZL is, from 2004.
    await t.db
      .insertInto("contributor_recognition")
      .values({
        id: "rec-kfor-nzl",
        operation_code: "KFOR",
        nation_code: "NZL",
        status: "recognised",
        offer: "test",
        offered_on: "2004-01-01",
        advice: null,
        advised_by: null,
        advised_at: null,
        decision_id: null,
        recognised_from: "2004-01-01",
        recognised_to: null,
        label_id: l1.label.id,
        created_by: cast.staff.userId ?? "",
        created_at: "2004-01-01T00:00:00.000Z",
        updated_at: "2004-01-01T00:00:00.000Z",
      })
      .execute();
    const nor = await offer(cast.nor, l1.id, 60);
    await act(cast.staff, nor.id, "accept");
    const nzl = await offer(cast.nzl, l1.id, 20);
    await offer(cast.dnk, l2.id, 10);

    const hidden = await getForceGenerationBoard(t.db, cast.aus, "KFOR", FG_NOW);
    expect(hidden.lines).toEqual([]);
    expect(hidden.totals).toEqual({ quantity: 0, accepted: 0, gap: 0, fillRate: 0, linesFilled: 0, linesWithGap: 0 });
    expect((await errorOf(offer(cast.aus, l1.id, 5))).code).toBe("NOT_FOUND");
    expect((await errorOf(act(cast.aus, nzl.id, "withdraw"))).code).toBe("NOT_FOUND");

    const seen = await getForceGenerationBoard(t.db, cast.nzl, "KFOR", FG_NOW);
    expect(seen.lines.map((x) => [x.lineNumber, x.accepted, x.pending, x.gap, x.canOffer])).toEqual([
      [1, 60, 20, 40, true],
      [2, 0, 10, 50, true],
    ]);
    expect(seen.lines.flatMap((x) => x.offers.map((o) => o.nation.code))).toEqual(["NZL"]);
    expect(seen.totals).toEqual({
      quantity: 150,
      accepted: 60,
      gap: 90,
      fillRate: 0.4,
      linesFilled: 0,
      linesWithGap: 2,
    });

    // An Ally sees the lines and only its own offers too; staff see them all.
    const norBoard = await getForceGenerationBoard(t.db, cast.nor, "KFOR", FG_NOW);
    expect(norBoard.lines.flatMap((x) => x.offers.map((o) => o.nation.code))).toEqual(["NOR"]);
    const staffBoard = await getForceGenerationBoard(t.db, cast.staff, "KFOR", FG_NOW);
    expect(staffBoard.lines.flatMap((x) => x.offers.map((o) => o.nation.code))).toEqual(["NOR", "NZL", "DNK"]);
    expect(staffBoard.totals).toEqual(seen.totals);

    // Before its recognition, NZL saw nothing.
    const before = await getForceGenerationBoard(t.db, cast.nzl, "KFOR", new Date("2003-12-31T10:00:00Z"));
    expect(before.lines).toEqual([]);
  });
});
