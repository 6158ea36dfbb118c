import type { Db } from "../../db/connect.js";
import type { Viewer } from "../labels/viewer.js";
import { getPartnerBriefing } from "./briefing.js";
import { getOperationReport } from "./operation-report.js";
import { renderBriefingPdf, renderOperationReportPdf } from "./render-pdf.js";
import { renderBriefingXlsx, renderOperationReportXlsx } from "./render-xlsx.js";
import type { REPORT_FORMATS, TBriefingQuery } from "./reports.schema.js";

export type TReportFormat = (typeof REPORT_FORMATS)[number];

export type ReportFile = Readonly<{ filename: string; contentType: string; body: Buffer }>;

export const REPORT_CONTENT_TYPES: Record<TReportFormat, string> = {
  pdf: "application/pdf",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The partner briefing as a file, e.g. briefing-JPN-2011-09-01.pdf. */
export async function exportPartnerBriefing(
  db: Db,
  viewer: Viewer,
  code: string,
  query: TBriefingQuery,
  format: TReportFormat,
  now: Date,
): Promise<ReportFile> {
  const briefing = await getPartnerBriefing(db, viewer, code, query, now);
  return {
    filename: `briefing-${briefing.nation.code}-${briefing.asOf}.${format}`,
    contentType: REPORT_CONTENT_TYPES[format],
    body: format === "pdf" ? await renderBriefingPdf(briefing) : await renderBriefingXlsx(briefing),
  };
}

/** The operation report (placemat, history, force generation fill) as a file, e.g. operation-ISAF-2010-11-01.xlsx. */
export async function exportOperationReport(
  db: Db,
  viewer: Viewer,
  code: string,
  query: TBriefingQuery,
  format: TReportFormat,
  now: Date,
): Promise<ReportFile> {
  const report = await getOperationReport(db, viewer, code, query, now);
  return {
    filename: `operation-${report.placemat.operation.code}-${report.asOf}.${format}`,
    contentType: REPORT_CONTENT_TYPES[format],
    body: format === "pdf" ? await renderOperationReportPdf(report) : await renderOperationReportXlsx(report),
  };
}
