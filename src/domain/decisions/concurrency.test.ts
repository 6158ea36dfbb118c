import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countAudit, insertDelegate, insertStaff, silenceInput } from "../../../test/support/decisions.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { AppError } from "../../errors.js";
import { runDueDecisions } from "../../jobs/due-decisions.js";
import type { Viewer } from "../labels/viewer.js";
import { openDecision } from "./decisions.js";
import { breakSilence } from "./silence.js";

// Objections racing each other and the scheduler near the deadline. On PostgreSQL these run on
// separate pooled connections at once; on SQLite the one connection serialises them, and the
// outcome must be the same: one conditional update decides.

let t: TestDb;
let staff: Viewer;
const ALLIES = ["BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT"];
const delegates: Viewer[] = [];

beforeAll(async () => {
  t = await createSeededTestDb();
  staff = await insertStaff(t.db);
  for (const nation of ALLIES) delegates.push(await insertDelegate(t.db, nation));
});
afterAll(async () => t.destroy());

const OPENED = new Date("2012-03-10T09:00:00Z");
const DEADLINE = new Date("2012-03-16T16:00:00Z");
const at = (offsetSeconds: number) => new Date(DEADLINE.getTime() + offsetSeconds * 1000);

async function settle<T>(promises: Promise<T>[]) {
  const results = await Promise.allSettled(promises);
  return {
    fulfilled: results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === "fulfilled"),
    rejected: results
      .filter((r): r is PromiseRejectedResult => r.status === "rejected")
      .map((r) => r.reason as AppError),
  };
}

describe("concurrent objections", () => {
  it("10 Allies objecting one second before the deadline: exactly one breaks silence, 9 are INVALID_STATE", async () => {
    const decision = await openDecision(t.db, staff, silenceInput({ date: "2012-03-16", time: "17:00" }), OPENED);
    const { fulfilled, rejected } = await settle(
      delegates.map((delegate, i) =>
        breakSilence(t.db, delegate, decision.id, { reason: `Objection ${ALLIES[i]}` }, at(-1)),
      ),
    );
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(9);
    expect(rejected.map((e) => e.code)).toEqual(Array(9).fill("INVALID_STATE"));
    const row = await t.db.selectFrom("decision").selectAll().where("id", "=", decision.id).executeTakeFirstOrThrow();
    const winner = fulfilled[0]?.value.broken_by_nation;
    expect(row.status).toBe("silence-broken");
    expect(row.broken_by_nation).toBe(winner);
    expect(row.broken_reason).toBe(`Objection ${winner}`);
    const winnerName = (
      await t.db
        .selectFrom("nation")
        .select("name")
        .where("code", "=", winner ?? "")
        .executeTakeFirstOrThrow()
    ).name;
    for (const error of rejected) {
      expect(error.message).toBe(`Silence already broken by ${winnerName} at 2012-03-16 16:59:59 Europe/Brussels`);
    }
    const events = await t.db
      .selectFrom("audit_event")
      .select(["outcome", "actor_nation"])
      .where("object_id", "=", decision.id)
      .where("action", "=", "decision.break-silence")
      .execute();
    expect(events).toEqual([{ outcome: "success", actor_nation: winner }]);
  });

  it("an objection at deadline-1s racing the scheduler at deadline+1s: exactly one outcome, never both", async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 6; round += 1) {
      const decision = await openDecision(t.db, staff, silenceInput({ date: "2012-03-16", time: "17:00" }), OPENED);
      const delegate = delegates[round % delegates.length] as Viewer;
      const [objection, run] = await Promise.allSettled([
        breakSilence(t.db, delegate, decision.id, { reason: "Race" }, at(-1)),
        runDueDecisions(t.db, at(1)),
      ]);
      expect(run.status).toBe("fulfilled");
      const row = await t.db.selectFrom("decision").selectAll().where("id", "=", decision.id).executeTakeFirstOrThrow();
      const broken = await countAudit(t.db, { action: "decision.break-silence", objectId: decision.id });
      const adopted = await countAudit(t.db, { action: "decision.adopt", objectId: decision.id });
      if (objection.status === "fulfilled") {
        expect(row.status).toBe("silence-broken");
        expect(row.closed_at).toBe("2012-03-16T15:59:59.000Z");
        expect(row.broken_by_nation).toBe(delegate.nation);
        expect([broken, adopted]).toEqual([1, 0]);
        if (run.status === "fulfilled") expect(run.value.adopted).not.toContain(decision.reference);
      } else {
        expect((objection.reason as AppError).code).toBe("INVALID_STATE");
        expect((objection.reason as AppError).message).toBe(
          "The silence procedure ended at 2012-03-16 17:00 Europe/Brussels; silence was kept",
        );
        expect(row.status).toBe("adopted");
        expect(row.closed_at).toBe("2012-03-16T16:00:00.000Z");
        expect(row.broken_by_nation).toBeNull();
        expect([broken, adopted]).toEqual([0, 1]);
        if (run.status === "fulfilled") expect(run.value.adopted).toContain(decision.reference);
      }
      outcomes.push(row.status);
      // Afterwards nothing moves it any more.
      await runDueDecisions(t.db, at(2));
      const after = await t.db
        .selectFrom("decision")
        .select("status")
        .where("id", "=", decision.id)
        .executeTakeFirstOrThrow();
      expect(after.status).toBe(row.status);
    }
    expect(outcomes).toHaveLength(6);
  });
});
