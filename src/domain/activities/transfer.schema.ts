import { z } from "zod";
import { ZQueryFlag } from "../shared/query.schema.js";

// Excel/CSV import and export of the cooperation menu (issue 4): the report an import answers.

/** Files larger than this are refused before they are read (an e-PRIME menu is well under 5 MiB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Data rows per import file; beyond it the file is refused as a whole. */
export const MAX_IMPORT_ROWS = 50_000;
/** Rows (iterations) per export; beyond it the export is refused with a hint to narrow the filters. */
export const MAX_EXPORT_ROWS = 20_000;
/** Errors listed in one report; the rest are summed up in one last entry. */
export const MAX_REPORTED_ERRORS = 1_000;

export const TRANSFER_FORMATS = ["csv", "xlsx"] as const;
export const ZTransferFormat = z.enum(TRANSFER_FORMATS);

/** One problem of an import file, where a spreadsheet user finds it: row 1 is the header row. */
export const ZImportError = z.object({
  row: z.number().int(),
  /** The header text of the column, or null for a problem of the whole row or file. */
  column: z.string().nullable(),
  /** The input field (e.g. `startDate`, `label.releasableTo`), or null. */
  field: z.string().nullable(),
  reference: z.string().nullable(),
  message: z.string(),
});

const ZCounts = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const ZImportReport = z.object({
  dryRun: z.boolean(),
  /** Whether the changes were written: only when not a dry run and without errors. */
  applied: z.boolean(),
  /** Data rows read (blank rows not counted). */
  rows: z.number().int(),
  activities: ZCounts,
  iterations: ZCounts,
  errors: z.array(ZImportError),
});

export const ZImportQuery = z.strictObject({
  dryRun: ZQueryFlag.default(false),
});

export type TTransferFormat = z.infer<typeof ZTransferFormat>;
export type TImportError = z.infer<typeof ZImportError>;
export type TImportReport = z.infer<typeof ZImportReport>;
