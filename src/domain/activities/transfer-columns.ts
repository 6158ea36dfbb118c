import type { TLabel } from "../labels/labels.schema.js";
import type { Activity, Iteration } from "./activities.js";

// THE table of spreadsheet columns, shared by export and import: what is written is what is read
// back, so an exported file re-imports unchanged. One row per iteration; the activity's columns
// repeat on each of its iteration rows; an activity without iterations is one row whose
// iteration columns are blank.

/** A cell as read from XLSX or CSV, or as written to XLSX (dates are real dates there). */
export type Cell = string | number | boolean | Date | null;

/** Everything one exported row shows. */
export type ExportRow = Readonly<{
  activity: Activity;
  /** The owner organisation's name; null when there is none or the viewer may not see organisations. */
  ownerOrganisation: string | null;
  areas: readonly string[];
  label: TLabel;
  iteration: Iteration | null;
}>;

type CellKind = "text" | "integer" | "date" | "list" | "tokens" | "boolean";

export type Column = Readonly<{
  header: string;
  /** Which input the column feeds: ZActivityInput, ZIterationInput, or none (export only, ignored on import). */
  level: "activity" | "iteration" | "export";
  /** The input field (a dotted path into ZActivityInput / ZIterationInput), named in errors. */
  field: string;
  kind: CellKind;
  /** The header must be present in an import file. */
  required: boolean;
  value: (row: ExportRow) => Cell;
}>;

const yesNo = (b: boolean) => (b ? "yes" : "no");
const it = <T>(row: ExportRow, f: (i: Iteration) => T): T | null => (row.iteration ? f(row.iteration) : null);

export const COLUMNS: readonly Column[] = [
  {
    header: "Reference",
    level: "activity",
    field: "reference",
    kind: "text",
    required: true,
    value: (r) => r.activity.reference,
  },
  { header: "Title", level: "activity", field: "title", kind: "text", required: true, value: (r) => r.activity.title },
  { header: "Owner", level: "activity", field: "owner", kind: "text", required: true, value: (r) => r.activity.owner },
  {
    header: "Owner organisation",
    level: "activity",
    field: "ownerOrganisation",
    kind: "text",
    required: false,
    value: (r) => r.ownerOrganisation,
  },
  { header: "Kind", level: "activity", field: "kind", kind: "text", required: true, value: (r) => r.activity.kind },
  {
    header: "Areas",
    level: "activity",
    field: "areas",
    kind: "list",
    required: false,
    value: (r) => r.areas.join("; "),
  },
  {
    header: "Description",
    level: "activity",
    field: "description",
    kind: "text",
    required: false,
    value: (r) => r.activity.description,
  },
  {
    header: "Aim and objectives",
    level: "activity",
    field: "aim",
    kind: "text",
    required: false,
    value: (r) => r.activity.aim,
  },
  { header: "Fees", level: "activity", field: "fees", kind: "text", required: false, value: (r) => r.activity.fees },
  {
    header: "Point of contact",
    level: "activity",
    field: "pointOfContact",
    kind: "text",
    required: false,
    value: (r) => r.activity.point_of_contact,
  },
  {
    header: "Audience",
    level: "activity",
    field: "audience",
    kind: "text",
    required: true,
    value: (r) => r.activity.audience,
  },
  {
    header: "Required clearance",
    level: "activity",
    field: "requiredClearance",
    kind: "text",
    required: true,
    value: (r) => r.activity.required_clearance,
  },
  {
    header: "Language",
    level: "activity",
    field: "language",
    kind: "text",
    required: false,
    value: (r) => r.activity.language,
  },
  {
    header: "Language level",
    level: "activity",
    field: "languageLevel",
    kind: "integer",
    required: false,
    value: (r) => r.activity.language_level,
  },
  {
    header: "Classification",
    level: "activity",
    field: "label.classification",
    kind: "text",
    required: true,
    value: (r) => r.label.classification,
  },
  {
    header: "Releasable to",
    level: "activity",
    field: "label.releasableTo",
    kind: "tokens",
    required: false,
    value: (r) => r.label.releasableTo.join(", "),
  },
  {
    header: "Iteration code",
    level: "iteration",
    field: "code",
    kind: "text",
    required: false,
    value: (r) => it(r, (i) => i.code),
  },
  {
    header: "Start date",
    level: "iteration",
    field: "startDate",
    kind: "date",
    required: false,
    value: (r) => it(r, (i) => i.start_date),
  },
  {
    header: "End date",
    level: "iteration",
    field: "endDate",
    kind: "date",
    required: false,
    value: (r) => it(r, (i) => i.end_date),
  },
  {
    header: "City",
    level: "iteration",
    field: "city",
    kind: "text",
    required: false,
    value: (r) => it(r, (i) => i.city),
  },
  {
    header: "Country",
    level: "iteration",
    field: "countryCode",
    kind: "text",
    required: false,
    value: (r) => it(r, (i) => i.country_code),
  },
  {
    header: "Seats",
    level: "iteration",
    field: "seats",
    kind: "integer",
    required: false,
    value: (r) => it(r, (i) => i.seats),
  },
  {
    header: "Nomination deadline",
    level: "iteration",
    field: "nominationDeadline",
    kind: "date",
    required: false,
    value: (r) => it(r, (i) => i.nomination_deadline),
  },
  {
    header: "Two-step",
    level: "iteration",
    field: "twoStep",
    kind: "boolean",
    required: false,
    value: (r) => it(r, (i) => yesNo(i.two_step === 1)),
  },
  {
    header: "Status",
    level: "export",
    field: "status",
    kind: "text",
    required: false,
    value: (r) => r.activity.status,
  },
  {
    header: "Iteration status",
    level: "export",
    field: "iterationStatus",
    kind: "text",
    required: false,
    value: (r) => it(r, (i) => i.status),
  },
  {
    header: "Seats left",
    level: "export",
    field: "seatsLeft",
    kind: "integer",
    required: false,
    value: (r) => it(r, (i) => Math.max(0, i.seats - i.confirmed_count)),
  },
];

/** The iteration columns an import needs as soon as it has an "Iteration code" column. */
export const ITERATION_HEADERS_REQUIRED_WITH_CODE = [
  "Start date",
  "End date",
  "City",
  "Country",
  "Seats",
  "Nomination deadline",
] as const;

/** The column an input field (or a path below it, such as `areas.2`) is read from. */
export function columnOfField(level: "activity" | "iteration", path: readonly PropertyKey[]): Column | null {
  const joined = path.map(String).join(".");
  let best: Column | null = null;
  for (const column of COLUMNS) {
    if (column.level !== level) continue;
    if (joined === column.field || joined.startsWith(`${column.field}.`)) {
      if (!best || column.field.length > best.field.length) best = column;
    }
  }
  return best;
}

// Formula injection (OWASP "CSV Injection"): a spreadsheet evaluates a text cell starting with
// one of these as a formula, so exported text gets a leading apostrophe, which the import strips
// again (a text genuinely starting with an apostrophe and one of these loses the apostrophe).
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoOfDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function isRealDate(iso: string): boolean {
  const m = ISO_DATE.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return isoOfDate(d) === iso;
}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}

function asText(cell: Cell): string {
  if (cell instanceof Date) return isoOfDate(cell);
  if (typeof cell === "boolean") return yesNo(cell);
  return unescapeFormula(String(cell).trim());
}

/**
 * A cell as the input field's value, or a message for the spreadsheet user. Blank cells are
 * `undefined`, so the schema's default (or its "required") applies. Dates may be Excel dates
 * (real dates or serial numbers) or text written YYYY-MM-DD.
 */
export function convertCell(column: Column, cell: Cell): Converted {
  if (isBlank(cell)) return { ok: true, value: undefined };
  switch (column.kind) {
    case "text":
      return { ok: true, value: asText(cell) };
    case "integer": {
      const n = typeof cell === "number" ? cell : /^-?\d+$/.test(asText(cell)) ? Number(asText(cell)) : Number.NaN;
      return Number.isInteger(n) ? { ok: true, value: n } : { ok: false, message: "must be a whole number" };
    }
    case "date": {
      if (cell instanceof Date) {
        return Number.isNaN(cell.getTime())
          ? { ok: false, message: "is not a date" }
          : { ok: true, value: isoOfDate(cell) };
      }
      if (typeof cell === "number") {
        if (!Number.isInteger(cell) || cell < 1 || cell > 2_958_465)
          return { ok: false, message: "is not an Excel date" };
        return { ok: true, value: isoOfDate(new Date(EXCEL_EPOCH + cell * DAY_MS)) };
      }
      const text = asText(cell);
      return isRealDate(text) ? { ok: true, value: text } : { ok: false, message: "must be a date written YYYY-MM-DD" };
    }
    case "list":
      return {
        ok: true,
        value: asText(cell)
          .split(";")
          .map((s) => s.trim())
          .filter(Boolean),
      };
    case "tokens":
      return {
        ok: true,
        value: asText(cell)
          .split(/[\s,;]+/)
          .filter(Boolean),
      };
    case "boolean": {
      const text = asText(cell).toLowerCase();
      if (["yes", "y", "true", "1"].includes(text)) return { ok: true, value: true };
      if (["no", "n", "false", "0"].includes(text)) return { ok: true, value: false };
      return { ok: false, message: "must be yes or no" };
    }
  }
}

/** Sets `value` at a dotted path of `target`, creating the objects on the way. */
export function setField(target: Record<string, unknown>, field: string, value: unknown): void {
  const keys = field.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === "object" && next !== null) node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  const last = keys[keys.length - 1];
  if (last !== undefined && value !== undefined) node[last] = value;
}
