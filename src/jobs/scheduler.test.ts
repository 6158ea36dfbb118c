import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../../test/support/cli.js";
import { insertDelegate, insertStaff, silenceInput } from "../../test/support/decisions.js";
import { createSeededTestDb, type TestDb } from "../../test/support/test-db.js";
import type { AppContext } from "../context.js";
import { openDatabase } from "../db/connect.js";
import { openDecision } from "../domain/decisions/decisions.js";
import type { Mailer, MailMessage } from "../domain/notifications/mailer.js";
import { type SchedulerLog, startScheduler } from "./scheduler.js";

let t: TestDb;
const OPENED = new Date("2012-03-10T09:00:00Z");
const AFTER = new Date("2012-03-16T16:00:01Z");

beforeAll(async () => {
  t = await createSeededTestDb();
});
afterAll(async () => t.destroy());

const contextAt = (now: Date, db = t.db): AppContext =>
  Object.freeze({ config: t.config, db, clock: { now: () => now, today: () => now.toISOString().slice(0, 10) } });

function recordingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { kind: "outbox", sent, send: async (message) => void sent.push(message) };
}

function recordingLog() {
  const info: string[] = [];
  const errors: string[] = [];
  const log: SchedulerLog = { info: (m) => info.push(m), error: (m) => errors.push(m) };
  return { log, info, errors };
}

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 500; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("condition never held");
}

describe("the scheduler loop", () => {
  it("runs a pass at start: adopts the due decision and e-mails its notices; stop() waits and ends the loop", async () => {
    const staff = await insertStaff(t.db);
    await insertDelegate(t.db, "NOR");
    await t.db
      .updateTable("app_user")
      .set({ email: "staff@example.org" })
      .where("id", "=", staff.userId ?? "")
      .execute();
    const decision = await openDecision(t.db, staff, silenceInput({ date: "2012-03-16", time: "17:00" }), OPENED);
    const mailer = recordingMailer();
    const { log, errors } = recordingLog();
    const stop = startScheduler(contextAt(AFTER), { log, mailer, holder: "loop-test", intervalMs: 20 });
    await until(async () => {
      const row = await t.db.selectFrom("decision").select("status").where("id", "=", decision.id).executeTakeFirst();
      return row?.status === "adopted" && mailer.sent.some((m) => m.subject.includes("adopted by silence procedure"));
    });
    await stop();
    expect(errors).toEqual([]);
    const toStaff = mailer.sent.filter((m) => m.to === "staff@example.org").map((m) => m.subject);
    expect(toStaff).toEqual([
      `Silence procedure opened: ${decision.reference} Statement on counter-piracy cooperation`,
      `${decision.reference} Statement on counter-piracy cooperation: adopted by silence procedure`,
    ]);
    // The lease is given up on stop.
    expect(await t.db.selectFrom("job_lease").selectAll().where("holder", "=", "loop-test").execute()).toEqual([]);
  });

  it("logs a failing pass and keeps the server up", async () => {
    const broken = openDatabase({ engine: "sqlite", file: ":memory:" });
    await broken.destroy();
    const { log, errors } = recordingLog();
    const stop = startScheduler(contextAt(AFTER, broken), { log, mailer: recordingMailer(), intervalMs: 10_000 });
    await until(async () => errors.length >= 2);
    await stop();
    expect(errors.slice(0, 2)).toEqual([
      "Scheduler: processing decision deadlines failed",
      "Scheduler: e-mail delivery failed",
    ]);
  });
});

describe("entente scheduler run", () => {
  it("runs one pass and prints what it did", async () => {
    const staff = await insertStaff(t.db);
    const decision = await openDecision(t.db, staff, silenceInput({ date: "2012-03-20", time: "17:00" }), OPENED);
    const ctx = contextAt(new Date("2012-03-20T16:00:00Z"));
    const first = await runCliCaptured(ctx, "scheduler", "run");
    expect(first).toEqual({ code: 0, out: `Adopted: ${decision.reference}\nReminded: none`, err: "" });
    const second = await runCliCaptured(ctx, "scheduler", "run", "--json");
    expect(JSON.parse(second.out)).toEqual({ adopted: [], reminded: [], skipped: false });
    const bad = await runCliCaptured(ctx, "scheduler", "start");
    expect(bad.code).toBe(2);
  });
});
