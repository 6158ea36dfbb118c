import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { z } from "zod";
import { type Db, engineOf } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";
import { AppError, isAppError } from "../../errors.js";
import { recordAuditEvent } from "../audit/audit.js";
import { requireRole } from "../identity/authorize.js";
import { createLabel, getLabels, previewLabel } from "../labels/labels.js";
import type { TLabel, TLabelInput } from "../labels/labels.schema.js";
import { rankOf, type Viewer } from "../labels/viewer.js";
import { indexTexts, searchTextOf } from "../search/text-search.js";
import { today } from "../shared/dates.js";
import {
  ACCEPTS_ITERATIONS,
  type Activity,
  BEFORE_CONDUCTED,
  checkActivityReferences,
  type Iteration,
  isUniqueViolation,
  visibleActivity,
} from "./activities.js";
import { ZActivityInput, ZIterationInput } from "./activities.schema.js";
import { MAX_REPORTED_ERRORS, type TImportError, type TImportReport } from "./transfer.schema.js";
import {
  COLUMNS,
  type Column,
  columnOfField,
  convertCell,
  ITERATION_HEADERS_REQUIRED_WITH_CODE,
  setField,
} from "./transfer-columns.js";
import { readTable, type SheetTable, type TransferFile } from "./transfer-read.js";

type DbOrTrx = Db | Transaction<Database>;
type ParsedActivity = z.output<typeof ZActivityInput>;
type ParsedIteration = z.output<typeof ZIterationInput>;

export type ImportProgress = Readonly<{ phase: "validate" | "apply"; done: number; total: number }>;
export type ImportOptions = Readonly<{ dryRun: boolean; onProgress?: (progress: ImportProgress) => void }>;

/** Rows per multi-row INSERT and ids per IN list: well under either engine's bound-parameter limit. */
const CHUNK = 500;
const PROGRESS_EVERY = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const byHeader = new Map(COLUMNS.map((c) => [c.header.toLowerCase(), c]));
const columnNamed = (header: string): Column => {
  const column = byHeader.get(header.toLowerCase());
  if (!column) throw new Error(`no column ${header}`);
  return column;
};
const REFERENCE = columnNamed("Reference");
const CODE = columnNamed("Iteration code");

/** One data row, parsed: the activity's input and, if the row has iteration cells, the iteration's. */
type ParsedRow = {
  row: number;
  reference: string | null;
  activity: ParsedActivity | null;
  /** undefined: the row has no iteration; null: it has one that did not parse. */
  iteration: ParsedIteration | null | undefined;
};

type ActivityGroup = { reference: string; first: ParsedRow & { activity: ParsedActivity }; rows: ParsedRow[] };

type Existing = {
  activity: Activity;
  visible: boolean;
  label: TLabel | undefined;
  areas: string[];
  iterations: Map<string, Iteration>;
};

type ActivityPlan = {
  row: number;
  parsed: ParsedActivity;
  ownerOrganisationId: string | null;
  areas: string[];
  /** The label as stored (ordered tokens), from previewLabel. */
  label: TLabel;
  existing: Existing | undefined;
  change: "create" | "update" | "unchanged";
  labelChanged: boolean;
  areasChanged: boolean;
};

type IterationPlan = {
  row: number;
  activity: ActivityPlan;
  parsed: ParsedIteration;
  existing: Iteration | undefined;
  change: "create" | "update" | "unchanged";
};

type Plan = { activities: ActivityPlan[]; iterations: IterationPlan[] };

class Problems {
  readonly list: TImportError[] = [];
  add(row: number, column: Column | string | null, message: string, reference: string | null, field?: string) {
    const header = column === null ? null : typeof column === "string" ? column : column.header;
    const fieldName = field ?? (column !== null && typeof column !== "string" ? column.field : null);
    this.list.push({ row, column: header, field: fieldName, reference, message });
  }
  /** Sorted by row, then by the column's position; capped so a broken file gives a readable report. */
  sorted(): TImportError[] {
    const position = (e: TImportError) => COLUMNS.findIndex((c) => c.header === e.column);
    const all = [...this.list].sort((a, b) => a.row - b.row || position(a) - position(b));
    if (all.length <= MAX_REPORTED_ERRORS) return all;
    const more = all.length - MAX_REPORTED_ERRORS;
    return [
      ...all.slice(0, MAX_REPORTED_ERRORS),
      { row: 0, column: null, field: null, reference: null, message: `… and ${more} more errors not listed` },
    ];
  }
}

/** The header row: each header names a known column once; required ones are present. */
function checkHeaders(table: SheetTable, problems: Problems): (Column | null)[] {
  const seen = new Set<Column>();
  const columns = table.headers.map((text) => {
    if (text === "") return null;
    const column = byHeader.get(text.toLowerCase());
    if (!column) {
      problems.add(1, text, `unknown column; the columns are: ${COLUMNS.map((c) => c.header).join(", ")}`, null);
      return null;
    }
    if (seen.has(column)) problems.add(1, column, "appears twice", null);
    seen.add(column);
    return column;
  });
  const required = COLUMNS.filter((c) => c.required);
  if (seen.has(CODE)) required.push(...ITERATION_HEADERS_REQUIRED_WITH_CODE.map(columnNamed));
  for (const column of required) if (!seen.has(column)) problems.add(1, column, "is missing", null);
  return columns;
}

function zodProblems(
  problems: Problems,
  row: number,
  reference: string | null,
  level: "activity" | "iteration",
  error: z.ZodError,
  skip: Set<string>,
) {
  for (const issue of error.issues) {
    const column = columnOfField(level, issue.path);
    if (column && skip.has(column.field)) continue;
    problems.add(row, column, issue.message, reference, issue.path.map(String).join(".") || undefined);
  }
}

/** Converts and validates each row on its own (the schemas of the API: ZActivityInput, ZIterationInput). */
function parseRows(
  table: SheetTable,
  columns: (Column | null)[],
  problems: Problems,
  progress: (done: number) => void,
): ParsedRow[] {
  const parsed: ParsedRow[] = [];
  for (const [n, { row, cells }] of table.rows.entries()) {
    if (n % PROGRESS_EVERY === 0) progress(n);
    const raw = { activity: {} as Record<string, unknown>, iteration: {} as Record<string, unknown> };
    const bad = { activity: new Set<string>(), iteration: new Set<string>() };
    let hasIteration = false;
    const referenceCell = cells[columns.indexOf(REFERENCE)];
    const reference = typeof referenceCell === "string" ? referenceCell.trim() || null : null;
    for (const [i, column] of columns.entries()) {
      if (!column || column.level === "export") continue;
      const converted = convertCell(column, cells[i] ?? null);
      if (!converted.ok) {
        problems.add(row, column, converted.message, reference);
        bad[column.level].add(column.field);
        continue;
      }
      if (column.level === "iteration" && converted.value !== undefined) hasIteration = true;
      setField(raw[column.level], column.field, converted.value);
    }
    const activity = ZActivityInput.safeParse(raw.activity);
    if (!activity.success) zodProblems(problems, row, reference, "activity", activity.error, bad.activity);
    let iteration: ParsedIteration | null | undefined;
    if (hasIteration) {
      const result = ZIterationInput.safeParse(raw.iteration);
      if (!result.success) zodProblems(problems, row, reference, "iteration", result.error, bad.iteration);
      iteration = result.success && bad.iteration.size === 0 ? result.data : null;
    }
    parsed.push({
      row,
      reference: activity.success ? activity.data.reference : reference,
      activity: activity.success && bad.activity.size === 0 ? activity.data : null,
      iteration,
    });
  }
  progress(table.rows.length);
  return parsed;
}

/** The activity's fields as compared between rows (areas and tokens as sets). */
function activityKey(a: ParsedActivity): Record<string, string> {
  const sorted = (xs: readonly string[]) => [...new Set(xs)].sort().join(";");
  return {
    title: a.title,
    owner: a.owner,
    ownerOrganisation: a.ownerOrganisation ?? "",
    kind: a.kind,
    description: a.description,
    aim: a.aim,
    fees: a.fees,
    pointOfContact: a.pointOfContact,
    audience: a.audience,
    requiredClearance: a.requiredClearance,
    language: a.language,
    languageLevel: String(a.languageLevel),
    areas: sorted(a.areas),
    "label.classification": a.label.classification,
    "label.releasableTo": sorted(a.label.releasableTo),
  };
}

/** Rows of one reference must agree on the activity's columns; an iteration code appears once per activity. */
function groupRows(rows: ParsedRow[], problems: Problems): ActivityGroup[] {
  const groups = new Map<string, ActivityGroup>();
  for (const r of rows) {
    if (r.activity === null || r.reference === null) continue;
    const group = groups.get(r.reference);
    if (!group) {
      groups.set(r.reference, { reference: r.reference, first: { ...r, activity: r.activity }, rows: [r] });
      continue;
    }
    const mine = activityKey(r.activity);
    const theirs = activityKey(group.first.activity);
    const differing = Object.keys(mine).find((k) => mine[k] !== theirs[k]);
    if (differing !== undefined) {
      problems.add(
        r.row,
        columnOfField("activity", differing.split(".")),
        `differs from row ${group.first.row}, which has the same reference`,
        r.reference,
      );
      continue;
    }
    group.rows.push(r);
  }
  // Rows whose activity columns failed still count for the iteration-code check below.
  for (const group of groups.values()) {
    const codes = new Map<string, number>();
    for (const r of group.rows) {
      if (!r.iteration) continue;
      const earlier = codes.get(r.iteration.code);
      if (earlier !== undefined) {
        problems.add(
          r.row,
          CODE,
          `'${r.iteration.code}' appears twice for ${group.reference} (row ${earlier})`,
          r.reference,
        );
      } else codes.set(r.iteration.code, r.row);
    }
  }
  return [...groups.values()];
}

function firstField(error: unknown): { field: string; message: string } | null {
  if (!isAppError(error) || error.code !== "VALIDATION") return null;
  const fields = error.details?.fields;
  const first = Array.isArray(fields) ? (fields[0] as { field?: unknown; message?: unknown } | undefined) : undefined;
  return typeof first?.field === "string" && typeof first.message === "string"
    ? { field: first.field, message: first.message }
    : null;
}

/** Memoised per distinct value: a 10,000-row menu has few distinct audiences, area lists and labels. */
function memo<K, V>(compute: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<string, Promise<V>>();
  return (key) => {
    const k = JSON.stringify(key);
    let hit = cache.get(k);
    if (!hit) {
      hit = compute(key);
      cache.set(k, hit);
    }
    return hit;
  };
}

async function loadExisting(db: DbOrTrx, actor: Viewer, references: string[], at: string) {
  const existing = new Map<string, Existing>();
  for (const refs of chunks(references)) {
    const [rows, visible] = await Promise.all([
      db.selectFrom("activity").selectAll().where("reference", "in", refs).execute(),
      db
        .selectFrom("activity")
        .select("activity.id")
        .where("activity.reference", "in", refs)
        .where(visibleActivity(db, actor, at))
        .execute(),
    ]);
    if (rows.length === 0) continue;
    const ids = rows.map((r) => r.id);
    const visibleIds = new Set(visible.map((v) => v.id));
    const [labels, areas, iterations] = await Promise.all([
      getLabels(
        db,
        rows.map((r) => r.label_id),
      ),
      db.selectFrom("activity_area").selectAll().where("activity_id", "in", ids).execute(),
      db.selectFrom("iteration").selectAll().where("activity_id", "in", ids).execute(),
    ]);
    const byId = new Map<string, Existing>();
    for (const activity of rows) {
      const entry: Existing = {
        activity,
        visible: visibleIds.has(activity.id),
        label: labels.get(activity.label_id),
        areas: [],
        iterations: new Map(),
      };
      existing.set(activity.reference, entry);
      byId.set(activity.id, entry);
    }
    for (const a of areas) byId.get(a.activity_id)?.areas.push(a.area_code);
    for (const i of iterations) byId.get(i.activity_id)?.iterations.set(i.code, i);
  }
  return existing;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");

/** The activity fields that differ from the stored record (only columns the file has). */
function activityChanges(p: ActivityPlan, e: Existing, present: Set<string>): string[] {
  const a = e.activity;
  const compared: [string, unknown, unknown][] = [
    ["title", a.title, p.parsed.title],
    ["owner", a.owner, p.parsed.owner],
    ["kind", a.kind, p.parsed.kind],
    ["description", a.description, p.parsed.description],
    ["aim", a.aim, p.parsed.aim],
    ["fees", a.fees, p.parsed.fees],
    ["pointOfContact", a.point_of_contact, p.parsed.pointOfContact],
    ["audience", a.audience, p.parsed.audience],
    ["requiredClearance", a.required_clearance, p.parsed.requiredClearance],
    ["language", a.language, p.parsed.language],
    ["languageLevel", a.language_level, p.parsed.languageLevel],
    ["ownerOrganisation", a.owner_organisation_id, p.ownerOrganisationId],
  ];
  const changed = compared.filter(([field, was, is]) => present.has(field) && was !== is).map(([field]) => field);
  if (present.has("areas") && !sameSet(e.areas, p.areas)) changed.push("areas");
  if (e.label?.classification !== p.label.classification) changed.push("label.classification");
  if (present.has("label.releasableTo") && !sameSet(e.label?.releasableTo ?? [], p.label.releasableTo)) {
    changed.push("label.releasableTo");
  }
  return changed;
}

function iterationChanges(p: ParsedIteration, e: Iteration, present: Set<string>): string[] {
  const compared: [string, unknown, unknown][] = [
    ["startDate", e.start_date, p.startDate],
    ["endDate", e.end_date, p.endDate],
    ["city", e.city, p.city],
    ["countryCode", e.country_code, p.countryCode],
    ["seats", e.seats, p.seats],
    ["nominationDeadline", e.nomination_deadline, p.nominationDeadline],
    ["twoStep", e.two_step === 1, p.twoStep],
  ];
  return compared.filter(([field, was, is]) => present.has(field) && was !== is).map(([field]) => field);
}

/**
 * Validates the whole file against the database and decides, row by row, what would be created,
 * updated or left unchanged. Reads only: the same code for a dry run and (inside the apply
 * transaction) for the real thing.
 */
async function planImport(
  db: DbOrTrx,
  actor: Viewer,
  table: SheetTable,
  now: Date,
  progress: (done: number) => void,
): Promise<{ plan: Plan; problems: Problems; present: Set<string> }> {
  const problems = new Problems();
  const plan: Plan = { activities: [], iterations: [] };
  const columns = checkHeaders(table, problems);
  const present = new Set(columns.flatMap((c) => (c ? [c.field] : [])));
  if (problems.list.length > 0) return { plan, problems, present };
  const rows = parseRows(table, columns, problems, progress);
  const groups = groupRows(rows, problems);
  const at = now.toISOString();

  // References: audience tokens, areas, owner organisation (checkActivityReferences), label tokens
  // (previewLabel) and countries, each distinct value checked once.
  const references = memo((p: { audience: string; areas: string[]; ownerOrganisation?: string | undefined }) =>
    checkActivityReferences(db, p).then(
      (ok) => ({ ok: true as const, ...ok }),
      (error: unknown) => {
        const f = firstField(error);
        if (!f) throw error;
        return { ok: false as const, ...f };
      },
    ),
  );
  const labels = memo((input: TLabelInput) =>
    previewLabel(db, input, at).then(
      (label) => ({ ok: true as const, label }),
      (error: unknown) => {
        const f = firstField(error);
        if (!f) throw error;
        return { ok: false as const, ...f };
      },
    ),
  );
  const countries = new Set<string>();
  const wanted = [...new Set(rows.flatMap((r) => (r.iteration ? [r.iteration.countryCode] : [])))];
  for (const codes of chunks(wanted)) {
    for (const n of await db.selectFrom("nation").select("code").where("code", "in", codes).execute()) {
      countries.add(n.code);
    }
  }
  for (const r of rows) {
    if (r.iteration && !countries.has(r.iteration.countryCode)) {
      problems.add(r.row, columnNamed("Country"), `unknown nation '${r.iteration.countryCode}'`, r.reference);
    }
  }

  const existing = await loadExisting(
    db,
    actor,
    groups.map((g) => g.reference),
    today(now),
  );
  for (const group of groups) {
    const { first } = group;
    const parsed = first.activity;
    const refs = await references({
      audience: parsed.audience,
      areas: parsed.areas,
      ownerOrganisation: parsed.ownerOrganisation,
    });
    if (!refs.ok)
      problems.add(first.row, columnOfField("activity", refs.field.split(".")), refs.message, group.reference);
    if (rankOf(parsed.label.classification) > actor.clearanceRank) {
      problems.add(first.row, columnNamed("Classification"), "is above your own clearance", group.reference);
    }
    const label = await labels(parsed.label);
    if (!label.ok) {
      problems.add(first.row, columnOfField("activity", label.field.split(".")), label.message, group.reference);
    }
    if (!refs.ok || !label.ok) continue;
    const found = existing.get(group.reference);
    if (found && !found.visible) {
      problems.add(first.row, REFERENCE, "is the reference of an activity you may not change", group.reference);
      continue;
    }
    const activity: ActivityPlan = {
      row: first.row,
      parsed,
      ownerOrganisationId: refs.ownerOrganisationId,
      areas: refs.areas,
      label: label.label,
      existing: found,
      change: "create",
      labelChanged: true,
      areasChanged: true,
    };
    if (found) {
      const changed = activityChanges(activity, found, present);
      activity.change = changed.length > 0 ? "update" : "unchanged";
      activity.labelChanged = changed.some((f) => f.startsWith("label."));
      activity.areasChanged = changed.includes("areas");
      const status = found.activity.status;
      const firstChange = changed[0];
      if (firstChange !== undefined && !BEFORE_CONDUCTED.includes(status)) {
        problems.add(
          first.row,
          columnOfField("activity", firstChange.split(".")),
          `cannot change activity ${group.reference}: it is ${status}`,
          group.reference,
        );
      }
    }
    plan.activities.push(activity);
    const status = found?.activity.status ?? "proposed";
    for (const r of group.rows) {
      if (!r.iteration) continue;
      const was = found?.iterations.get(r.iteration.code);
      const item: IterationPlan = { row: r.row, activity, parsed: r.iteration, existing: was, change: "create" };
      if (!was) {
        if (!ACCEPTS_ITERATIONS.includes(status)) {
          problems.add(
            r.row,
            CODE,
            `cannot add an iteration to activity ${group.reference}: it is ${status}`,
            r.reference,
          );
        }
      } else {
        const changed = iterationChanges(r.iteration, was, present);
        item.change = changed.length > 0 ? "update" : "unchanged";
        const firstChange = changed[0];
        if (firstChange !== undefined && !BEFORE_CONDUCTED.includes(status)) {
          problems.add(
            r.row,
            columnOfField("iteration", [firstChange]),
            `cannot change iteration ${was.code}: activity ${group.reference} is ${status}`,
            r.reference,
          );
        }
        if (r.iteration.seats < was.confirmed_count) {
          problems.add(
            r.row,
            columnNamed("Seats"),
            `${was.confirmed_count} participants are confirmed; the seats cannot be fewer`,
            r.reference,
          );
        }
      }
      plan.iterations.push(item);
    }
  }
  await checkWaitlists(db, plan, problems);
  return { plan, problems, present };
}

/**
 * More seats on an iteration with a waitlist must promote from it (changeSeats does, in the
 * nominations' lock order); an import does not, so it refuses and points to that action.
 */
async function checkWaitlists(db: DbOrTrx, plan: Plan, problems: Problems) {
  const growing = plan.iterations.filter((i) => i.existing && i.parsed.seats > i.existing.seats);
  const waiting = new Set<string>();
  for (const part of chunks(growing)) {
    const ids = part.flatMap((i) => (i.existing ? [i.existing.id] : []));
    const rows = await db
      .selectFrom("nomination")
      .select("iteration_id")
      .distinct()
      .where("iteration_id", "in", ids)
      .where("status", "=", "waitlisted")
      .execute();
    for (const r of rows) waiting.add(r.iteration_id);
  }
  for (const i of growing) {
    if (i.existing && waiting.has(i.existing.id)) {
      problems.add(
        i.row,
        columnNamed("Seats"),
        `iteration ${i.existing.code} has a waitlist: change its seats with the seats action, which promotes from it`,
        i.activity.parsed.reference,
      );
    }
  }
}

function counts<T extends { change: "create" | "update" | "unchanged" }>(items: T[]) {
  return {
    created: items.filter((i) => i.change === "create").length,
    updated: items.filter((i) => i.change === "update").length,
    unchanged: items.filter((i) => i.change === "unchanged").length,
  };
}

function report(table: SheetTable, plan: Plan, errors: TImportError[], dryRun: boolean): TImportReport {
  return {
    dryRun,
    applied: !dryRun && errors.length === 0,
    rows: table.rows.length,
    activities: counts(plan.activities),
    iterations: counts(plan.iterations),
    errors,
  };
}

/** Writes the plan: multi-row inserts for new rows, one UPDATE per changed row. Inside the import's transaction. */
async function applyPlan(
  trx: Transaction<Database>,
  plan: Plan,
  present: Set<string>,
  now: Date,
  progress: (done: number) => void,
) {
  const at = now.toISOString();
  let done = 0;
  // One label row per distinct label of the file: labels are immutable, so sharing one is safe.
  const labelFor = memo((input: TLabelInput) => createLabel(trx, input, at));
  const ids = new Map<ActivityPlan, string>();
  const created: Activity[] = [];
  const newAreas: { activity_id: string; area_code: string }[] = [];
  for (const p of plan.activities) {
    const input = p.parsed;
    if (p.change === "unchanged" && p.existing) ids.set(p, p.existing.activity.id);
    if (p.change !== "create") continue;
    const label = await labelFor(input.label);
    const row: Activity = {
      id: randomUUID(),
      reference: input.reference,
      owner: input.owner,
      owner_organisation_id: p.ownerOrganisationId,
      title: input.title,
      kind: input.kind,
      description: input.description,
      aim: input.aim,
      fees: input.fees,
      point_of_contact: input.pointOfContact,
      audience: input.audience,
      required_clearance: input.requiredClearance,
      language: input.language,
      language_level: input.languageLevel,
      label_id: label.id,
      status: "proposed",
      created_at: at,
      updated_at: at,
      search_text: searchTextOf(input.reference, input.title, input.description, input.aim, input.owner),
    };
    ids.set(p, row.id);
    created.push(row);
    for (const area_code of p.areas) newAreas.push({ activity_id: row.id, area_code });
  }
  for (const part of chunks(created)) {
    await trx.insertInto("activity").values(part).execute();
    await indexTexts(
      trx,
      "activity",
      part.map((row) => ({ id: row.id, text: row.search_text })),
    );
    done += part.length;
    progress(done);
  }
  for (const part of chunks(newAreas)) await trx.insertInto("activity_area").values(part).execute();

  const reindexed: { id: string; text: string }[] = [];
  for (const p of plan.activities) {
    if (p.change !== "update" || !p.existing) continue;
    const was = p.existing.activity;
    ids.set(p, was.id);
    const keep = <T>(field: string, next: T, current: T) => (present.has(field) ? next : current);
    const next = {
      owner: p.parsed.owner,
      title: p.parsed.title,
      kind: p.parsed.kind,
      description: keep("description", p.parsed.description, was.description),
      aim: keep("aim", p.parsed.aim, was.aim),
      fees: keep("fees", p.parsed.fees, was.fees),
      point_of_contact: keep("pointOfContact", p.parsed.pointOfContact, was.point_of_contact),
      audience: p.parsed.audience,
      required_clearance: p.parsed.requiredClearance,
      language: keep("language", p.parsed.language, was.language),
      language_level: keep("languageLevel", p.parsed.languageLevel, was.language_level),
      owner_organisation_id: keep("ownerOrganisation", p.ownerOrganisationId, was.owner_organisation_id),
    };
    let labelId = was.label_id;
    if (p.labelChanged) {
      const releasableTo = present.has("label.releasableTo")
        ? p.label.releasableTo
        : (p.existing.label?.releasableTo ?? []);
      labelId = (await labelFor({ ...p.parsed.label, releasableTo })).id;
    }
    const searchText = searchTextOf(was.reference, next.title, next.description, next.aim, next.owner);
    // Conditional on the state that was checked: a concurrent transition makes the import fail, never both.
    const result = await trx
      .updateTable("activity")
      .set({ ...next, label_id: labelId, updated_at: at, search_text: searchText })
      .where("id", "=", was.id)
      .where("status", "=", was.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("CONFLICT", `Activity ${was.reference} changed during the import; import the file again`, {
        reference: was.reference,
      });
    }
    reindexed.push({ id: was.id, text: searchText });
    if (p.areasChanged) {
      await trx.deleteFrom("activity_area").where("activity_id", "=", was.id).execute();
      if (p.areas.length > 0) {
        await trx
          .insertInto("activity_area")
          .values(p.areas.map((area_code) => ({ activity_id: was.id, area_code })))
          .execute();
      }
    }
    progress(++done);
  }
  await indexTexts(trx, "activity", reindexed);

  const newIterations: Iteration[] = [];
  for (const i of plan.iterations) {
    const activityId = ids.get(i.activity);
    if (i.change !== "create" || activityId === undefined) continue;
    newIterations.push({
      id: randomUUID(),
      activity_id: activityId,
      code: i.parsed.code,
      start_date: i.parsed.startDate,
      end_date: i.parsed.endDate,
      city: i.parsed.city,
      country_code: i.parsed.countryCode,
      seats: i.parsed.seats,
      confirmed_count: 0,
      nomination_deadline: i.parsed.nominationDeadline,
      two_step: i.parsed.twoStep ? 1 : 0,
      created_at: at,
      status: "scheduled",
    });
  }
  for (const part of chunks(newIterations)) {
    await trx.insertInto("iteration").values(part).execute();
    done += part.length;
    progress(done);
  }

  const updates = plan.iterations.filter((i) => i.change === "update");
  if (updates.length > 0 && engineOf(trx) === "postgres") {
    // The nominations' lock order (iteration rows by id) before changing seats.
    const lockIds = updates.flatMap((i) => (i.existing ? [i.existing.id] : [])).sort();
    for (const part of chunks(lockIds)) {
      await trx.selectFrom("iteration").select("id").where("id", "in", part).orderBy("id").forUpdate().execute();
    }
  }
  for (const i of updates) {
    if (!i.existing) continue;
    const was = i.existing;
    const twoStep = present.has("twoStep") ? (i.parsed.twoStep ? 1 : 0) : was.two_step;
    const result = await trx
      .updateTable("iteration")
      .set({
        start_date: i.parsed.startDate,
        end_date: i.parsed.endDate,
        city: i.parsed.city,
        country_code: i.parsed.countryCode,
        seats: i.parsed.seats,
        nomination_deadline: i.parsed.nominationDeadline,
        two_step: twoStep,
      })
      .where("id", "=", was.id)
      .where("confirmed_count", "<=", i.parsed.seats)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new AppError("VALIDATION", `Invalid input: row ${i.row}: Seats: fewer than the confirmed participants`, {
        errors: [
          {
            row: i.row,
            column: "Seats",
            field: "seats",
            reference: i.activity.parsed.reference,
            message: "fewer than the participants confirmed meanwhile",
          },
        ],
      });
    }
    progress(++done);
  }
}

function refusal(r: TImportReport): AppError {
  const first = r.errors[0];
  const where = first ? ` (first: row ${first.row}${first.column ? `, ${first.column}` : ""}: ${first.message})` : "";
  return new AppError(
    "VALIDATION",
    `Invalid input: the file has ${r.errors.length} error(s); nothing was imported${where}`,
    {
      errors: r.errors,
      report: r,
    },
  );
}

/**
 * Imports activities and iterations from an XLSX or CSV file (one row per iteration; see
 * transfer-columns.ts). Idempotent by reference: an existing activity is updated, iterations
 * are matched by (activity, code); nothing is ever deleted. All or nothing: with any error,
 * nothing is written, and the error lists each problem by row and column. A dry run does the
 * same validation and comparison and writes nothing at all. Staff and admins only.
 */
export async function importActivities(
  db: Db,
  actor: Viewer,
  file: TransferFile,
  options: ImportOptions,
  now: Date,
): Promise<TImportReport> {
  await requireRole(db, actor, "activity.import", ["staff", "admin"], now);
  const table = await readTable(file);
  const total = table.rows.length;
  const validating = (done: number) => options.onProgress?.({ phase: "validate", done, total });
  if (options.dryRun) {
    const { plan, problems } = await planImport(db, actor, table, now, validating);
    return report(table, plan, problems.sorted(), true);
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const { plan, problems, present } = await planImport(trx, actor, table, now, validating);
      const result = report(table, plan, problems.sorted(), false);
      if (result.errors.length > 0) throw refusal(result);
      const work = plan.activities.length + plan.iterations.length;
      await applyPlan(trx, plan, present, now, (done) =>
        options.onProgress?.({ phase: "apply", done: Math.min(done, work), total: work }),
      );
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "activity.import",
          objectType: "activity",
          outcome: "success",
          details: {
            file: file.filename,
            rows: result.rows,
            activities: result.activities,
            iterations: result.iterations,
          },
        },
        now,
      );
      return result;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(
        "CONFLICT",
        "Another import or edit created the same activities meanwhile; import the file again",
      );
    }
    throw error;
  }
}
