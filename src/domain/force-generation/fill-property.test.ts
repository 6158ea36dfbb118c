import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertOperation } from "../../../test/support/factories.js";
import {
  FG_NOW,
  type ForceGenerationCast,
  insertForceGenerationCast,
  recogniseForForceGeneration,
  requirementInput,
} from "../../../test/support/force-generation.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { AppError } from "../../errors.js";
import type { Viewer } from "../labels/viewer.js";
import { actOnForceOffer, offerForces } from "./offers.js";
import { createRequirement, getForceGenerationBoard } from "./requirements.js";

// Random statements and random sequences of offers, accepts, declines and withdrawals, run
// through the real domain functions: the board must agree with a model kept in the test.

let t: TestDb;
let cast: ForceGenerationCast;
beforeAll(async () => {
  t = await createSeededTestDb();
  cast = await insertForceGenerationCast(t.db);
}, 120_000);
afterAll(async () => t.destroy());

type Command =
  | { kind: "offer"; line: number; nation: number; quantity: number }
  | { kind: "accept" | "decline" | "withdraw"; offer: number };

type ModelOffer = {
  id: string;
  line: number;
  by: Viewer;
  quantity: number;
  status: "offered" | "accepted" | "declined" | "withdrawn";
};

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("offer" as const),
      line: fc.nat(),
      nation: fc.nat(),
      quantity: fc.integer({ min: 1, max: 25 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("accept" as const), offer: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("decline" as const), offer: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), offer: fc.nat() }) },
);

let runs = 0;
/** A fresh operation code per run (letters only): its board holds that run's lines alone. */
function nextOperationCode(): string {
  runs += 1;
  let n = runs;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return `FGP${letters}`;
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

async function offerCount(lineIds: readonly string[]) {
  const row = await t.db
    .selectFrom("force_offer")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("requirement_id", "in", lineIds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("force generation arithmetic against the database (fast-check)", () => {
  it("the board's accepted, gap and fill rate equal the model; accepted never exceeds quantity", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 3 }),
        fc.array(command, { minLength: 1, maxLength: 14 }),
        async (quantities, commands) => {
          const code = nextOperationCode();
          await insertOperation(t.db, { code, name: `Operation ${code}` });
          await recogniseForForceGeneration(t.db, code, cast.staff);
          const lines = [];
          for (const quantity of quantities) {
            lines.push(
              await createRequirement(t.db, cast.staff, requirementInput({ operation: code, quantity }), FG_NOW),
            );
          }
          const lineIds = lines.map((l) => l.id);
          const nations: Viewer[] = [cast.nor, cast.dnk, cast.aus];
          const model: ModelOffer[] = [];
          const acceptedOf = (line: number) =>
            model.filter((o) => o.line === line && o.status === "accepted").reduce((s, o) => s + o.quantity, 0);

          for (const c of commands) {
            if (c.kind === "offer") {
              const line = c.line % lines.length;
              const target = lines[line];
              const nation = nations[c.nation % nations.length];
              if (target === undefined || nation === undefined) throw new Error("no line or nation");
              const gap = target.quantity - acceptedOf(line);
              const before = await offerCount(lineIds);
              if (c.quantity > gap) {
                const error = await offerForces(
                  t.db,
                  nation,
                  { requirementId: target.id, quantity: c.quantity },
                  FG_NOW,
                ).then(
                  () => null,
                  (e: unknown) => e,
                );
                expect(error).toBeInstanceOf(AppError);
                expect(error instanceof AppError ? [error.code, error.details?.fields] : null).toEqual([
                  "VALIDATION",
                  [{ field: "quantity", message: expect.stringContaining(`= ${gap}`) }],
                ]);
                expect(await offerCount(lineIds)).toBe(before);
              } else {
                const made = await offerForces(
                  t.db,
                  nation,
                  { requirementId: target.id, quantity: c.quantity },
                  FG_NOW,
                );
                model.push({ id: made.id, line, by: nation, quantity: c.quantity, status: "offered" });
                expect(await offerCount(lineIds)).toBe(before + 1);
              }
              continue;
            }
            if (model.length === 0) continue;
            const target = model[c.offer % model.length];
            if (target === undefined) throw new Error("no offer");
            const fits = acceptedOf(target.line) + target.quantity <= (lines[target.line]?.quantity ?? 0);
            const legal = target.status === "offered" && (c.kind !== "accept" || fits);
            // Withdrawals come from the offering nation itself; the rest from the staff.
            const actor = c.kind === "withdraw" ? target.by : cast.staff;
            const code = await codeOf(actOnForceOffer(t.db, actor, target.id, { action: c.kind }, FG_NOW));
            if (legal) {
              expect(code).toBeNull();
              target.status = c.kind === "accept" ? "accepted" : c.kind === "decline" ? "declined" : "withdrawn";
            } else {
              expect(code).toBe("INVALID_STATE");
            }
          }

          const board = await getForceGenerationBoard(t.db, cast.staff, code, FG_NOW);
          const expected = lines.map((l, i) => {
            const accepted = acceptedOf(i);
            const pending = model
              .filter((o) => o.line === i && o.status === "offered")
              .reduce((s, o) => s + o.quantity, 0);
            return {
              id: l.id,
              quantity: l.quantity,
              accepted,
              pending,
              gap: l.quantity - accepted,
              fillRate: accepted / l.quantity,
            };
          });
          expect(
            board.lines.map((l) => ({
              id: l.id,
              quantity: l.quantity,
              accepted: l.accepted,
              pending: l.pending,
              gap: l.gap,
              fillRate: l.fillRate,
            })),
          ).toEqual(expected);
          for (const l of board.lines) expect(l.accepted).toBeLessThanOrEqual(l.quantity);
          const quantity = expected.reduce((s, l) => s + l.quantity, 0);
          const accepted = expected.reduce((s, l) => s + l.accepted, 0);
          expect(board.totals).toEqual({
            quantity,
            accepted,
            gap: quantity - accepted,
            fillRate: accepted / quantity,
            linesFilled: expected.filter((l) => l.gap === 0).length,
            linesWithGap: expected.filter((l) => l.gap > 0).length,
          });
          // The recognised partner sees the same lines and totals, and only its own offers.
          const partner = await getForceGenerationBoard(t.db, cast.aus, code, FG_NOW);
          expect(partner.totals).toEqual(board.totals);
          expect(partner.lines.map((l) => l.gap)).toEqual(expected.map((l) => l.gap));
          expect(partner.lines.flatMap((l) => l.offers.map((o) => o.nation.code)).every((n) => n === "AUS")).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  }, 300_000);
});
