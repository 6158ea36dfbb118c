import ExcelJS from "exceljs";
import type { Db } from "../../db/connect.js";
import { AppError } from "../../errors.js";
import { isStaff } from "../identity/authorize.js";
import { getLabels } from "../labels/labels.js";
import type { TLabel } from "../labels/labels.schema.js";
import type { Viewer } from "../labels/viewer.js";
import type { Iteration } from "./activities.js";
import type { TListActivitiesQuery } from "./activities.schema.js";
import { areasOf, filteredActivities } from "./search.js";
import { MAX_EXPORT_ROWS, type TTransferFormat } from "./transfer.schema.js";
import { type Cell, COLUMNS, type ExportRow, escapeFormula } from "./transfer-columns.js";

export type ExportFile = Readonly<{ filename: string; contentType: string; body: Buffer; rows: number }>;

const CONTENT_TYPES: Record<TTransferFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

const IDS_PER_QUERY = 1000;

function tooLarge(): AppError {
  return new AppError(
    "VALIDATION",
    `Invalid input: the export would have more than ${MAX_EXPORT_ROWS} rows; narrow it with filters (q, area, kind, status, from, to)`,
    { fields: [{ field: "(query)", message: `selects more than ${MAX_EXPORT_ROWS} rows` }] },
  );
}

/**
 * The rows of the menu as `viewer` sees it on `at` with the list's filters: the list's own SQL
 * (filteredActivities, with visibleActivity before the LIMIT), one row per iteration.
 * The owner organisation's name is shown to staff only (the organisation list is staff's).
 */
export async function exportRows(
  db: Db,
  viewer: Viewer,
  query: TListActivitiesQuery,
  at: string,
): Promise<ExportRow[]> {
  const activities = await (await filteredActivities(db, viewer, query, at)).limit(MAX_EXPORT_ROWS + 1).execute();
  if (activities.length > MAX_EXPORT_ROWS) throw tooLarge();
  const labels = new Map<string, TLabel>();
  const areas = new Map<string, string[]>();
  const iterations = new Map<string, Iteration[]>();
  const organisations = new Map<string, string>();
  for (let i = 0; i < activities.length; i += IDS_PER_QUERY) {
    const part = activities.slice(i, i + IDS_PER_QUERY);
    const ids = part.map((a) => a.id);
    const orgIds = [...new Set(part.flatMap((a) => (a.owner_organisation_id ? [a.owner_organisation_id] : [])))];
    const [partLabels, partAreas, partIterations, partOrgs] = await Promise.all([
      getLabels(
        db,
        part.map((a) => a.label_id),
      ),
      areasOf(db, ids),
      db
        .selectFrom("iteration")
        .selectAll()
        .where("activity_id", "in", ids)
        .orderBy("start_date")
        .orderBy("code")
        .execute(),
      isStaff(viewer) && orgIds.length > 0
        ? db.selectFrom("organisation").select(["id", "name"]).where("id", "in", orgIds).execute()
        : Promise.resolve([]),
    ]);
    for (const [id, label] of partLabels) labels.set(id, label);
    for (const [id, list] of partAreas) areas.set(id, list);
    for (const it of partIterations) iterations.set(it.activity_id, [...(iterations.get(it.activity_id) ?? []), it]);
    for (const o of partOrgs) organisations.set(o.id, o.name);
  }
  const rows: ExportRow[] = [];
  for (const activity of activities) {
    const label = labels.get(activity.label_id);
    if (!label) continue;
    const base = {
      activity,
      ownerOrganisation: activity.owner_organisation_id
        ? (organisations.get(activity.owner_organisation_id) ?? null)
        : null,
      areas: areas.get(activity.id) ?? [],
      label,
    };
    const own = iterations.get(activity.id) ?? [];
    if (own.length === 0) rows.push({ ...base, iteration: null });
    for (const iteration of own) rows.push({ ...base, iteration });
    if (rows.length > MAX_EXPORT_ROWS) throw tooLarge();
  }
  return rows;
}

/** RFC 4180: quoted when it holds a quote, the delimiter or a line break; quotes doubled. */
function csvField(cell: Cell): string {
  if (cell === null) return "";
  const text =
    typeof cell === "string" ? escapeFormula(cell) : cell instanceof Date ? cell.toISOString() : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV for Excel: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends, dates as ISO text. */
export function toCsv(rows: readonly ExportRow[]): Buffer {
  const lines = [COLUMNS.map((c) => csvField(c.header)).join(",")];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvField(c.value(row))).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/** XLSX: a bold, frozen header row; dates as real dates; every text cell escaped against formulas. */
export async function toXlsx(rows: readonly ExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Entente";
  const sheet = workbook.addWorksheet("Activities", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: Math.max(12, c.header.length + 2),
    ...(c.kind === "date" ? { style: { numFmt: "yyyy-mm-dd" } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      COLUMNS.map((c) => {
        const value = c.value(row);
        if (typeof value !== "string") return value;
        return c.kind === "date" ? new Date(`${value}T00:00:00Z`) : escapeFormula(value);
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The current filtered view of the menu as a CSV or XLSX file, under the list's visibility rule. */
export async function exportActivities(
  db: Db,
  viewer: Viewer,
  query: TListActivitiesQuery,
  format: TTransferFormat,
  at: string,
): Promise<ExportFile> {
  const rows = await exportRows(db, viewer, query, at);
  return {
    filename: `entente-activities-${at}.${format}`,
    contentType: CONTENT_TYPES[format],
    body: format === "csv" ? toCsv(rows) : await toXlsx(rows),
    rows: rows.length,
  };
}
