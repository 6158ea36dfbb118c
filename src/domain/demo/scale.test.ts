import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSeededTestDb, type TestDb } from "../../../test/support/test-db.js";
import { matchesText } from "../search/text-search.js";
import { generateScaleMenu, PARTICIPATING_ENTITIES, participatingEntities, type ScaleReport } from "./scale.js";

// A small scale factor (300 activities, 1,350 participants, chunks of 120 so chunking is
// exercised); the invariants are checked in SQL, as the real scales would be.

let t: TestDb;
let report: ScaleReport;
const now = new Date("2026-11-28T12:00:00Z");

beforeAll(async () => {
  t = await createSeededTestDb();
  report = await generateScaleMenu(t.db, null, { activities: 300, participants: 1350, chunk: 120, seed: 7 }, now);
}, 120_000);
afterAll(async () => t.destroy());

const one = async (query: { execute: () => Promise<{ n: unknown }[]> }) => Number((await query.execute())[0]?.n);

describe("the e-PRIME scale generator (small scale factor)", () => {
  it("writes what it reports", async () => {
    const count = (table: "activity" | "iteration" | "nomination") =>
      one(t.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")));
    expect(report.activities).toBe(300);
    expect(await count("activity")).toBe(300);
    expect(await count("iteration")).toBe(report.iterations);
    expect(await count("nomination")).toBe(report.nominations);
    expect(report.iterations).toBeGreaterThanOrEqual(300);
    expect(report.nominations).toBeGreaterThan(1350);
  });

  it("draws 158 distinct participating nations and organisations from the registry", async () => {
    const e = await participatingEntities(t.db, "2026-11-28");
    const all = [...e.allies, ...e.partners, ...e.approved, ...e.organisations];
    expect(all).toHaveLength(PARTICIPATING_ENTITIES);
    expect(new Set(all).size).toBe(PARTICIPATING_ENTITIES);
    expect(e.allies).toContain("USA");
    expect(e.partners).toContain("JPN");
    expect(e.organisations).toContain("EU");
    // Other nations are sovereign states (Brazil), not dependent territories (Aruba).
    expect(e.approved).toContain("BRA");
    expect(e.approved).not.toContain("ABW");
    expect(report.entities).toBe(PARTICIPATING_ENTITIES);
  });

  it("keeps confirmed_count equal to the confirmed nominations, within the seats", async () => {
    const bad = await sql<{ n: number }>`
      select count(*) as n from iteration i
      where i.confirmed_count > i.seats
         or i.confirmed_count <> (select count(*) from nomination n where n.iteration_id = i.id and n.status = 'confirmed')`.execute(
      t.db,
    );
    expect(Number(bad.rows[0]?.n)).toBe(0);
    const full = await sql<{ n: number }>`select count(*) as n from iteration where confirmed_count = seats`.execute(
      t.db,
    );
    expect(Number(full.rows[0]?.n)).toBeGreaterThan(0);
  });

  it("numbers every waitlist 1..n, and only where the iteration is full", async () => {
    const lists = await sql<{ iteration_id: string; n: number; lo: number; hi: number; free: number }>`
      select n.iteration_id, count(*) as n, min(n.waitlist_position) as lo, max(n.waitlist_position) as hi,
             max(i.seats - i.confirmed_count) as free
      from nomination n join iteration i on i.id = n.iteration_id
      where n.status = 'waitlisted' group by n.iteration_id`.execute(t.db);
    expect(lists.rows.length).toBeGreaterThan(0);
    for (const row of lists.rows) {
      expect([Number(row.lo), Number(row.hi), Number(row.free)]).toEqual([1, Number(row.n), 0]);
    }
    const stray = await sql<{ n: number }>`
      select count(*) as n from nomination
      where (status = 'waitlisted') <> (waitlist_position is not null)`.execute(t.db);
    expect(Number(stray.rows[0]?.n)).toBe(0);
  });

  it("gives a participant at most one active nomination per iteration, and nominates distinct people", async () => {
    const dupes = await sql<{ n: number }>`
      select count(*) as n from (
        select iteration_id, participant_email from nomination
        where status in ('confirmed','waitlisted','pending-owner')
        group by iteration_id, participant_email having count(*) > 1) d`.execute(t.db);
    expect(Number(dupes.rows[0]?.n)).toBe(0);
    const people = await sql<{ n: number }>`select count(distinct participant_email) as n from nomination`.execute(
      t.db,
    );
    expect(Number(people.rows[0]?.n)).toBe(1350);
  });

  it("keeps the text index in step: a search for 'piracy' finds every activity whose text says so", async () => {
    const text = matchesText(t.db, "activity", "piracy");
    if (!text) throw new Error("no condition");
    const found = await one(
      t.db
        .selectFrom("activity")
        .select((eb) => eb.fn.countAll().as("n"))
        .where(text),
    );
    const written = await one(
      t.db
        .selectFrom("activity")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("search_text", "like", "%piracy%"),
    );
    expect(found).toBeGreaterThan(5);
    expect(found).toBe(written);
  });

  it("labels every activity, with releasability tokens the registry knows", async () => {
    const orphans = await sql<{ n: number }>`
      select count(*) as n from activity a where not exists (select 1 from label l where l.id = a.label_id)`.execute(
      t.db,
    );
    expect(Number(orphans.rows[0]?.n)).toBe(0);
    const unknown = await sql<{ n: number }>`
      select count(*) as n from label_releasable r
      where r.token not in (select code from framework) and r.token not in (select code from nation)`.execute(t.db);
    expect(Number(unknown.rows[0]?.n)).toBe(0);
    const kinds = await sql<{ classification: string }>`
      select distinct l.classification from activity a join label l on l.id = a.label_id`.execute(t.db);
    expect(kinds.rows.map((r) => r.classification)).toContain("NU");
  });

  it("spreads statuses over the lifecycle and iterations over 2019-2027", async () => {
    const statuses = await t.db.selectFrom("activity").select("status").distinct().execute();
    expect(statuses.length).toBeGreaterThanOrEqual(8);
    const span = await sql<{ lo: string; hi: string }>`
      select min(start_date) as lo, max(start_date) as hi from iteration`.execute(t.db);
    const { lo = "", hi = "" } = span.rows[0] ?? {};
    expect(lo >= "2019-01-01" && hi <= "2027-12-31" && hi > "2026-11-28").toBe(true);
  });

  it("records one audit event, and refuses to generate twice into the same database", async () => {
    const events = await t.db
      .selectFrom("audit_event")
      .select("details")
      .where("action", "=", "demo.generate-menu")
      .execute();
    expect(events).toHaveLength(1);
    await expect(
      generateScaleMenu(t.db, null, { activities: 10, participants: 50, seed: 7 }, now),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await one(t.db.selectFrom("activity").select((eb) => eb.fn.countAll().as("n")));
    expect(after).toBe(300);
  });
});
