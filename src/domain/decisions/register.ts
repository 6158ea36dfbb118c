import type { Db } from "../../db/connect.js";
import { getLabels, readableLabel } from "../labels/labels.js";
import { hasRole, type Viewer } from "../labels/viewer.js";
import { searchWords } from "../search/text-search.js";
import { today } from "../shared/dates.js";
import { parseInput } from "../shared/validation.js";
import { listAlliesAt, objectionRefusal } from "./allies.js";
import {
  type TDecision,
  type TDecisionList,
  type TDecisionSummary,
  type TListDecisionsQuery,
  ZListDecisionsQuery,
} from "./decisions.schema.js";
import { type DecisionRow, deadlineText, findReadableDecision } from "./records.js";
import { subjectHooksFor } from "./subjects.js";

// The decision register: every decision the viewer may read, with its outcome in words.

const BODY_NAMES = { NAC: "NAC", PPC: "PPC" } as const;

async function nationNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom("nation")
    .select(["code", "name"])
    .where("code", "in", [...new Set(codes)])
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The outcome as the register words it ("Adopted by silence procedure at 2012-03-16 17:00 Europe/Brussels"). */
export function outcomeTextOf(row: DecisionRow, names: ReadonlyMap<string, string>, presentCount: number): string {
  const body = BODY_NAMES[row.body];
  switch (row.status) {
    case "open":
      return `Open: silence procedure until ${deadlineText(row)}`;
    case "adopted":
      return row.procedure === "silence"
        ? `Adopted by silence procedure at ${deadlineText(row)}`
        : `Consensus reached in a meeting of the ${body}, ${presentCount} Allies present`;
    case "not-adopted":
      return `No consensus in a meeting of the ${body}, ${presentCount} Allies present`;
    case "silence-broken": {
      const nation =
        row.broken_by_nation === null ? "an Ally" : (names.get(row.broken_by_nation) ?? row.broken_by_nation);
      return `Silence broken by ${nation} on ${deadlineText(row, row.broken_at)}`;
    }
    case "withdrawn":
      return `Withdrawn on ${(row.closed_at ?? "").slice(0, 10)}`;
  }
}

async function subjectTitle(db: Db, row: DecisionRow): Promise<string> {
  const hooks = subjectHooksFor(row.subject_type);
  if (hooks === null || row.subject_id === null) return row.subject_text;
  return (await hooks.title(db, row.subject_id)) ?? (row.subject_text || row.subject_id);
}

async function summariesOf(db: Db, rows: readonly DecisionRow[]): Promise<TDecisionSummary[]> {
  const ids = rows.map((r) => r.id);
  const [labels, names, present] = await Promise.all([
    getLabels(
      db,
      rows.map((r) => r.label_id),
    ),
    nationNames(
      db,
      rows.flatMap((r) => (r.broken_by_nation === null ? [] : [r.broken_by_nation])),
    ),
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom("decision_ally_present").select("decision_id").where("decision_id", "in", ids).execute(),
  ]);
  const summaries: TDecisionSummary[] = [];
  for (const row of rows) {
    const presentCount = present.filter((p) => p.decision_id === row.id).length;
    summaries.push({
      id: row.id,
      reference: row.reference,
      title: row.title,
      body: row.body,
      format: row.format,
      procedure: row.procedure,
      subject: {
        type: row.subject_type,
        id: row.subject_id,
        text: row.subject_text,
        title: await subjectTitle(db, row),
      },
      decisionDate: row.decision_date,
      status: row.status,
      outcomeText: outcomeTextOf(row, names, presentCount),
      deadline:
        row.deadline_at === null
          ? null
          : { at: row.deadline_at, local: row.deadline_local ?? "", timeZone: row.deadline_zone ?? "UTC" },
      closedAt: row.closed_at,
      marking: labels.get(row.label_id)?.marking ?? "",
      createdAt: row.created_at,
    });
  }
  return summaries;
}

/**
 * The register, newest first: filters, and every word of `q` found in the reference, title or
 * subject (folded text). The label rule is in the SQL, before LIMIT and in the count.
 */
export async function listDecisions(
  db: Db,
  viewer: Viewer,
  query: TListDecisionsQuery,
  now: Date,
): Promise<TDecisionList> {
  const f = parseInput(ZListDecisionsQuery, query);
  const words = searchWords(f.q);
  const base = db
    .selectFrom("decision")
    .where(readable(db, viewer, now))
    .$if(f.status !== undefined, (q) => q.where("decision.status", "=", f.status ?? "open"))
    .$if(f.procedure !== undefined, (q) => q.where("decision.procedure", "=", f.procedure ?? "silence"))
    .$if(f.subjectType !== undefined, (q) => q.where("decision.subject_type", "=", f.subjectType ?? "free-text"))
    .$if(f.subjectId !== undefined, (q) => q.where("decision.subject_id", "=", f.subjectId ?? ""))
    .$if(f.body !== undefined, (q) => q.where("decision.body", "=", f.body ?? "NAC"))
    .$if(f.from !== undefined, (q) => q.where("decision.decision_date", ">=", f.from ?? ""))
    .$if(f.to !== undefined, (q) => q.where("decision.decision_date", "<=", f.to ?? ""))
    .$if(words.length > 0, (q) =>
      q.where((eb) => eb.and(words.map((w) => eb("decision.search_text", "like", `%${w}%`)))),
    );
  const [rows, total] = await Promise.all([
    base
      .selectAll("decision")
      .orderBy("decision.created_at", "desc")
      .orderBy("decision.id", "desc")
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { decisions: await summariesOf(db, rows), total: Number(total.n) };
}

function readable(db: Db, viewer: Viewer, now: Date) {
  return readableLabel(db, viewer, today(now), "decision.label_id");
}

/** One decision with its participants, the Allies present and what the viewer may do with it. */
export async function getDecision(db: Db, viewer: Viewer, id: string, now: Date): Promise<TDecision> {
  const row = await findReadableDecision(db, viewer, id, now);
  const [summary] = await summariesOf(db, [row]);
  const [participants, present, allies, labels] = await Promise.all([
    db.selectFrom("decision_participant").select("nation_code").where("decision_id", "=", id).execute(),
    db.selectFrom("decision_ally_present").select("nation_code").where("decision_id", "=", id).execute(),
    listAlliesAt(db, row.decision_date),
    getLabels(db, [row.label_id]),
  ]);
  const codes = [
    ...participants.map((p) => p.nation_code),
    ...present.map((p) => p.nation_code),
    ...(row.broken_by_nation === null ? [] : [row.broken_by_nation]),
  ];
  const names = await nationNames(db, codes);
  const ref = (code: string) => ({ code, name: names.get(code) ?? code });
  const label = labels.get(row.label_id);
  if (summary === undefined || label === undefined) throw new Error(`decision ${id} could not be presented`);
  const open = row.status === "open" && row.procedure === "silence" && row.deadline_at !== null;
  const canObject =
    open &&
    now.toISOString() < (row.deadline_at ?? "") &&
    (await objectionRefusal(db, viewer, row.decision_date)) === null;
  return {
    ...summary,
    participants: participants.map((p) => ref(p.nation_code)).sort((a, b) => a.code.localeCompare(b.code)),
    alliesPresent: present.map((p) => ref(p.nation_code)).sort((a, b) => a.code.localeCompare(b.code)),
    alliesCount: allies.length,
    brokenBy:
      row.broken_by_nation === null
        ? null
        : { nation: ref(row.broken_by_nation), reason: row.broken_reason ?? "", at: row.broken_at ?? "" },
    note: row.outcome_note,
    canObject,
    canWithdraw: row.status === "open" && viewer.userId !== null && hasRole(viewer, "staff", "admin"),
    label,
  };
}
