import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeCouncilProcedure,
  insertCast,
  openCouncilProcedure,
  PNOW,
  programmeInput,
} from "../../../test/support/programmes.js";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import type { ProgrammeStatus } from "../../db/schema.js";
import { isAppError } from "../../errors.js";
import type { DecisionInfo } from "../decisions/subject-hooks.js";
import type { Viewer } from "../labels/viewer.js";
import { createProgramme } from "./programmes.js";
import { PROGRAMME_ACTIONS, type TProgrammeAction } from "./programmes.schema.js";
import { transitionProgramme } from "./workflow.js";

// Model-based test of the programme workflow: random sequences of every action by the partner
// and by staff, and of the Council's procedure, against a small reference model.

let t: TestDb;
let cast: Awaited<ReturnType<typeof insertCast>>;

beforeAll(async () => {
  t = await createSeededTestDb();
  cast = await insertCast(t.db);
}, 120_000);
afterAll(async () => t.destroy());

type Model = { status: ProgrammeStatus; councilAdopted: boolean; procedureOpen: boolean };
type Real = { id: string; decision: DecisionInfo | null };
type Who = "partner" | "staff";

/** The reference: the workflow written out plainly, independent of PROGRAMME_TRANSITIONS. */
function expected(m: Model, action: TProgrammeAction, who: Who): { outcome: string; to?: ProgrammeStatus } {
  const rule = (from: ProgrammeStatus[], to: ProgrammeStatus, by: Who[], extra: string | null = null) => {
    if (!from.includes(m.status)) return { outcome: "INVALID_STATE" };
    if (!by.includes(who)) return { outcome: "FORBIDDEN" };
    if (extra !== null) return { outcome: "INVALID_STATE" };
    return { outcome: "OK", to };
  };
  switch (action) {
    case "open-consultation":
      return rule(["draft"], "consultation", ["partner", "staff"]);
    case "submit":
      return rule(["consultation"], "submitted", ["partner"]);
    case "return-to-consultation":
      return rule(
        ["submitted"],
        "consultation",
        ["partner", "staff"],
        m.procedureOpen ? "open" : m.councilAdopted ? "adopted" : null,
      );
    case "accept":
      return rule(["submitted"], "agreed", ["partner"], m.councilAdopted ? null : "not adopted");
    case "enter-into-force":
      return rule(["agreed"], "in-force", ["staff"]);
    case "start-review":
      return rule(["in-force"], "under-review", ["staff"]);
    case "end-review":
      return rule(["under-review"], "in-force", ["staff"]);
    case "complete":
      return rule(["in-force", "under-review"], "completed", ["staff"]);
    case "withdraw":
      return rule(["draft", "consultation", "submitted"], "withdrawn", ["partner"], m.procedureOpen ? "open" : null);
  }
}

async function snapshot(id: string) {
  const row = await t.db.selectFrom("programme").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const open = await t.db
    .selectFrom("decision")
    .select("id")
    .where("subject_id", "=", id)
    .where("status", "=", "open")
    .execute();
  return { row, procedureOpen: open.length > 0 };
}

async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

/** The statuses the runs reached: the test checks the sequences went deep enough to mean something. */
const reached = new Set<ProgrammeStatus>();

async function expectInStep(m: Model, r: Real) {
  reached.add(m.status);
  const now = await snapshot(r.id);
  expect(now.row.status).toBe(m.status);
  expect(now.row.council_decision_id !== null).toBe(m.councilAdopted);
  expect(now.procedureOpen).toBe(m.procedureOpen);
}

class ActionCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly action: TProgrammeAction,
    readonly who: Who,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const actor: Viewer = this.who === "partner" ? cast.jpn : cast.staff;
    const before = await snapshot(r.id);
    const want = expected(m, this.action, this.who);
    const got = await outcomeOf(transitionProgramme(t.db, actor, r.id, this.action, PNOW));
    expect(got).toBe(want.outcome);
    if (want.to !== undefined) m.status = want.to;
    else expect(await snapshot(r.id)).toEqual(before);
    await expectInStep(m, r);
  }
  toString = () => `${this.who} ${this.action}`;
}

class OpenProcedureCommand implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const legal = m.status === "submitted" && !m.councilAdopted && !m.procedureOpen;
    const before = await snapshot(r.id);
    let outcome = "OK";
    try {
      r.decision = await openCouncilProcedure(t.db, r.id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      outcome = error.code;
    }
    expect(outcome).toBe(legal ? "OK" : "INVALID_STATE");
    if (legal) m.procedureOpen = true;
    else expect(await snapshot(r.id)).toEqual(before);
    await expectInStep(m, r);
  }
  toString = () => "Council opens a procedure";
}

class CloseProcedureCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly result: "adopted" | "silence-broken" | "not-adopted" | "withdrawn") {}
  check = (m: Readonly<Model>) => m.procedureOpen;
  async run(m: Model, r: Real) {
    if (r.decision === null) throw new Error("no open decision");
    await closeCouncilProcedure(t.db, r.decision, this.result);
    r.decision = null;
    m.procedureOpen = false;
    if (this.result === "adopted") m.councilAdopted = true;
    if (this.result === "silence-broken" || this.result === "not-adopted") m.status = "consultation";
    await expectInStep(m, r);
  }
  toString = () => `Council: ${this.result}`;
}

const commands = [
  ...PROGRAMME_ACTIONS.flatMap((action) =>
    (["partner", "staff"] as const).map((who) => fc.constant(new ActionCommand(action, who))),
  ),
  fc.constant(new OpenProcedureCommand()),
  fc.constant(new CloseProcedureCommand("adopted")),
  fc.constant(new CloseProcedureCommand("silence-broken")),
  fc.constant(new CloseProcedureCommand("not-adopted")),
  fc.constant(new CloseProcedureCommand("withdrawn")),
];

/** A legal path through the whole workflow; each run starts somewhere along it (so runs go deep). */
const PATH: fc.AsyncCommand<Model, Real>[] = [
  new ActionCommand("open-consultation", "partner"),
  new ActionCommand("submit", "partner"),
  new OpenProcedureCommand(),
  new CloseProcedureCommand("adopted"),
  new ActionCommand("accept", "partner"),
  new ActionCommand("enter-into-force", "staff"),
  new ActionCommand("start-review", "staff"),
];
const START_POINTS = PATH.map((_, i) => i).concat(PATH.length);

describe("the programme workflow against its model", () => {
  it("never diverges: legal moves land where the model says, illegal ones answer 409 (or 403) and change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...START_POINTS),
        fc.commands(commands, { maxCommands: 30, size: "large" }),
        async (start, cmds) => {
          const setup = async () => {
            const p = await createProgramme(t.db, cast.jpn, programmeInput(), PNOW);
            const model: Model = { status: "draft", councilAdopted: false, procedureOpen: false };
            const real: Real = { id: p.id, decision: null };
            // Reach the starting point by legal steps, through the same commands (checked as they go).
            for (const step of PATH.slice(0, start)) await step.run(model, real);
            return { model, real };
          };
          await fc.asyncModelRun(setup, cmds);
        },
      ),
      { numRuns: 30, seed: 20120216 },
    );
    expect([...reached].sort()).toEqual([
      "agreed",
      "completed",
      "consultation",
      "draft",
      "in-force",
      "submitted",
      "under-review",
      "withdrawn",
    ]);
  }, 120_000);
});
