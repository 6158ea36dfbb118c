import { apiUrl, code, send } from "../../api/client.ts";
import type { Briefing } from "./types.ts";

/** The report endpoints (src/http/routes/reports.ts). */
export const reportsApi = {
  briefing: (nation: string, asOf: string | undefined, signal?: AbortSignal) =>
    send<Briefing>(`/partners/${code(nation)}/briefing`, { query: { asOf }, signal }),
  briefingFileUrl: (nation: string, format: "pdf" | "xlsx", asOf: string | undefined) =>
    apiUrl(`/partners/${code(nation)}/briefing.${format}`, { asOf }),
  operationReportUrl: (operation: string, format: "pdf" | "xlsx", asOf: string | undefined) =>
    apiUrl(`/operations/${code(operation)}/report.${format}`, { asOf }),
};
