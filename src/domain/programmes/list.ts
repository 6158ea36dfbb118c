import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { Db } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { escapeFormula } from "../activities/transfer-columns.js";
import { isStaff } from "../identity/authorize.js";
import { getLabels } from "../labels/labels.js";
import type { Viewer } from "../labels/viewer.js";
import { searchWords } from "../search/text-search.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import {
  PROGRAMME_ACTIONS,
  type TListProgrammesQuery,
  type TProgrammeList,
  type TProgrammeSummary,
  ZListProgrammesQuery,
} from "./programmes.schema.js";
import { isPartnerOf, PROGRAMME_TRANSITIONS, type ProgrammeRow, visibleProgramme } from "./rules.js";

// The programme list, its counts and its CSV export: one filtered query, visibility first.

type Filters = ReturnType<typeof parseFilters>;
const parseFilters = (query: TListProgrammesQuery) => parseInput(ZListProgrammesQuery, query);

const openProcedure = (eb: ExpressionBuilder<Database, "programme">) =>
  eb.exists(
    eb
      .selectFrom("decision")
      .select("decision.id")
      .where("decision.subject_type", "=", "programme")
      .whereRef("decision.subject_id", "=", "programme.id")
      .where("decision.status", "=", "open"),
  );

/** The SQL twin of allowedActionsFor: some action of the table applies to this viewer now. */
function actionableBy(viewer: Viewer) {
  return (eb: ExpressionBuilder<Database, "programme">): Expression<SqlBool> => {
    const options: Expression<SqlBool>[] = [];
    for (const action of PROGRAMME_ACTIONS) {
      const t = PROGRAMME_TRANSITIONS[action];
      const who: Expression<SqlBool>[] = [];
      if (t.by.includes("staff") && isStaff(viewer)) who.push(eb.lit(true));
      if (t.by.includes("partner") && viewer.nation !== null && isPartnerOf(viewer, viewer.nation)) {
        who.push(eb("programme.nation_code", "=", viewer.nation));
      }
      if (who.length === 0) continue;
      const parts: Expression<SqlBool>[] = [eb("programme.status", "in", t.from), eb.or(who)];
      if (t.notWhileProcedureOpen === true) parts.push(eb.not(openProcedure(eb)));
      if (t.notOnceAdopted === true) parts.push(eb("programme.council_decision_id", "is", null));
      if (t.onlyOnceAdopted === true) parts.push(eb("programme.council_decision_id", "is not", null));
      options.push(eb.and(parts));
    }
    return options.length === 0 ? eb.lit(false) : eb.or(options);
  };
}

/** The viewer's programmes matching the filters (no status filter: byStatus counts across them). */
function filtered(db: Db, viewer: Viewer, f: Filters, at: string) {
  let select = db
    .selectFrom("programme")
    .innerJoin("nation", "nation.code", "programme.nation_code")
    .where(visibleProgramme(db, viewer, at));
  if (f.nation !== undefined) select = select.where("programme.nation_code", "=", f.nation);
  if (f.type !== undefined) select = select.where("programme.type", "=", f.type);
  if (f.actionable === true) select = select.where(actionableBy(viewer));
  for (const word of searchWords(f.q)) {
    select = select.where("programme.search_text", "like", `%${word.replace(/[%_\\]/g, "")}%`);
  }
  return select;
}

type Row = ProgrammeRow & { nation_name: string };

async function present(db: Db, rows: readonly Row[]): Promise<TProgrammeSummary[]> {
  const labels = await getLabels(
    db,
    rows.map((r) => r.label_id),
  );
  return rows.map((r) => ({
    id: r.id,
    nation: { code: r.nation_code, name: r.nation_name },
    type: r.type,
    title: r.title,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    currentRevision: r.current_revision,
    updatedAt: r.updated_at,
    marking: labels.get(r.label_id)?.marking ?? "",
  }));
}

/** Programmes the viewer may see, newest change first, with the total and counts per status. */
export async function listProgrammes(
  db: Db,
  viewer: Viewer,
  query: TListProgrammesQuery,
  now: Date,
): Promise<TProgrammeList> {
  const f = parseFilters(query);
  const at = today(now);
  const base = filtered(db, viewer, f, at);
  const [rows, counts] = await Promise.all([
    base
      .selectAll("programme")
      .select("nation.name as nation_name")
      .$if(f.status !== undefined, (q) => q.where("programme.status", "=", f.status ?? "draft"))
      .orderBy("programme.updated_at", "desc")
      .orderBy("programme.id")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base
      .select(["programme.status", (eb) => eb.fn.countAll().as("n")])
      .groupBy("programme.status")
      .execute(),
  ]);
  const byStatus: Record<string, number> = {};
  for (const c of counts) byStatus[c.status] = Number(c.n);
  const total = f.status === undefined ? counts.reduce((sum, c) => sum + Number(c.n), 0) : (byStatus[f.status] ?? 0);
  return { programmes: await present(db, rows), total, byStatus };
}

const CSV_COLUMNS: readonly [string, (p: TProgrammeSummary) => string | number][] = [
  ["Id", (p) => p.id],
  ["Nation", (p) => p.nation.code],
  ["Nation name", (p) => p.nation.name],
  ["Type", (p) => p.type],
  ["Title", (p) => p.title],
  ["Period start", (p) => p.periodStart],
  ["Period end", (p) => p.periodEnd],
  ["Status", (p) => p.status],
  ["Revision", (p) => p.currentRevision],
  ["Updated", (p) => p.updatedAt],
  ["Marking", (p) => p.marking],
];

/** RFC 4180 field, escaped against spreadsheet formulas like the activity export. */
function csvField(value: string | number): string {
  const text = typeof value === "string" ? escapeFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same filtered list as CSV (every match, up to 5000 rows; limit and offset ignored). */
export async function exportProgrammesCsv(db: Db, viewer: Viewer, query: TListProgrammesQuery, now: Date) {
  const f = parseFilters(query);
  const rows = await filtered(db, viewer, f, today(now))
    .selectAll("programme")
    .select("nation.name as nation_name")
    .$if(f.status !== undefined, (q) => q.where("programme.status", "=", f.status ?? "draft"))
    .orderBy("programme.updated_at", "desc")
    .orderBy("programme.id")
    .limit(5000)
    .execute();
  const summaries = await present(db, rows);
  const lines = [CSV_COLUMNS.map(([h]) => csvField(h)).join(",")];
  for (const p of summaries) lines.push(CSV_COLUMNS.map(([, value]) => csvField(value(p))).join(","));
  return {
    filename: "programmes.csv",
    contentType: "text/csv; charset=utf-8",
    body: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8"),
    rows: summaries.length,
  };
}
