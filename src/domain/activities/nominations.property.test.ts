import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JPN_PARTNER, NOW, openIteration, participant, STAFF } from "../../../test/support/activities.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { AppError } from "../../errors.js";
import { changeSeats, nominate, withdraw } from "./nominations.js";

let t: TestDb;
beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

type Op = { kind: "nominate"; who: number } | { kind: "withdraw"; pick: number } | { kind: "seats"; seats: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant("nominate" as const), who: fc.nat(11) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("withdraw" as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("seats" as const), seats: fc.integer({ min: 1, max: 6 }) }) },
);

/** The reference model: who holds a seat, and the waitlist as a FIFO queue. */
type Model = { seats: number; confirmed: Set<string>; queue: string[]; ids: Map<string, string> };

function promote(m: Model) {
  while (m.confirmed.size < m.seats && m.queue.length > 0) m.confirmed.add(m.queue.shift() as string);
}

async function check(iterationId: string, m: Model) {
  const iteration = await t.db
    .selectFrom("iteration")
    .selectAll()
    .where("id", "=", iterationId)
    .executeTakeFirstOrThrow();
  const rows = await t.db.selectFrom("nomination").selectAll().where("iteration_id", "=", iterationId).execute();
  const confirmed = rows.filter((r) => r.status === "confirmed").map((r) => r.participant_email);
  const waitlist = rows
    .filter((r) => r.status === "waitlisted")
    .sort((a, b) => (a.waitlist_position ?? 0) - (b.waitlist_position ?? 0));
  const active = confirmed.length + waitlist.length;
  expect(iteration.seats).toBe(m.seats);
  expect(iteration.confirmed_count).toBe(confirmed.length);
  expect(iteration.confirmed_count).toBeLessThanOrEqual(iteration.seats);
  expect(confirmed.length).toBe(Math.min(iteration.seats, active));
  expect(waitlist.map((r) => r.waitlist_position)).toEqual(waitlist.map((_, i) => i + 1));
  expect(new Set(confirmed)).toEqual(m.confirmed);
  expect(waitlist.map((r) => r.participant_email)).toEqual(m.queue);
}

describe("seat and waitlist invariants under any sequence of operations", () => {
  it("confirmed = min(seats, active), confirmed <= seats, positions exactly 1..n, FIFO preserved", async () => {
    let round = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(op, { minLength: 1, maxLength: 25 }),
        async (seats, ops) => {
          round += 1;
          const { iteration } = await openIteration(t.db, {}, { seats });
          const m: Model = { seats, confirmed: new Set(), queue: [], ids: new Map() };
          for (const o of ops) {
            if (o.kind === "nominate") {
              const p = participant(`p${round}-${o.who}`);
              const email = p.email.toLowerCase();
              const result = await nominate(t.db, JPN_PARTNER, iteration.id, p, NOW).catch((e: AppError) => e);
              if (m.ids.has(email)) {
                expect((result as AppError).code).toBe("CONFLICT");
              } else {
                expect(result).not.toBeInstanceOf(Error);
                m.ids.set(email, (result as { id: string }).id);
                if (m.confirmed.size < m.seats) m.confirmed.add(email);
                else m.queue.push(email);
              }
            } else if (o.kind === "withdraw") {
              const active = [...m.ids.keys()];
              if (active.length === 0) continue;
              const email = active[o.pick % active.length] as string;
              await withdraw(t.db, JPN_PARTNER, m.ids.get(email) as string, NOW);
              m.ids.delete(email);
              if (m.confirmed.delete(email)) promote(m);
              else m.queue = m.queue.filter((e) => e !== email);
            } else {
              const result = await changeSeats(t.db, STAFF, iteration.id, o.seats, NOW).catch((e: AppError) => e);
              if (o.seats < m.confirmed.size) {
                expect((result as AppError).code).toBe("CONFLICT");
              } else {
                expect(result).not.toBeInstanceOf(Error);
                m.seats = o.seats;
                promote(m);
              }
            }
            await check(iteration.id, m);
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 120_000);
});
