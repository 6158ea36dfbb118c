import { z } from "zod";
import type { AppContext } from "../../context.js";
import { ZOperationCode } from "../../domain/operations/operations.schema.js";
import { getPartnerBriefing } from "../../domain/reports/briefing.js";
import { exportOperationReport, exportPartnerBriefing, type TReportFormat } from "../../domain/reports/report-files.js";
import { ZBriefing, ZBriefingParams, ZBriefingQuery } from "../../domain/reports/reports.schema.js";
import { requireLogin, viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["reports"];
const ZOperationParams = z.strictObject({ code: ZOperationCode });
const FORMATS: readonly TReportFormat[] = ["pdf", "xlsx"];

export function registerReportRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/partners/:code/briefing",
    {
      schema: {
        tags,
        summary: "A partner's briefing (staff: any nation; a nation's users: their own), within your labels",
        params: ZBriefingParams,
        querystring: ZBriefingQuery,
        response: { 200: ZBriefing },
      },
    },
    async (request) =>
      getPartnerBriefing(ctx.db, requireLogin(request), request.params.code, request.query, ctx.clock.now()),
  );

  for (const format of FORMATS) {
    app.get(
      `/api/partners/:code/briefing.${format}`,
      {
        schema: {
          tags,
          summary: `The partner briefing as ${format.toUpperCase()} (marked at the top and bottom of every page)`,
          params: ZBriefingParams,
          querystring: ZBriefingQuery,
        },
      },
      async (request, reply) => {
        const file = await exportPartnerBriefing(
          ctx.db,
          requireLogin(request),
          request.params.code,
          request.query,
          format,
          ctx.clock.now(),
        );
        return reply
          .type(file.contentType)
          .header("Content-Disposition", `attachment; filename="${file.filename}"`)
          .send(file.body);
      },
    );

    app.get(
      `/api/operations/:code/report.${format}`,
      {
        schema: {
          tags,
          summary: `An operation's report as ${format.toUpperCase()}: placemat on asOf, troop history, force generation fill (within your labels)`,
          params: ZOperationParams,
          querystring: ZBriefingQuery,
        },
      },
      async (request, reply) => {
        const file = await exportOperationReport(
          ctx.db,
          viewerOfRequest(request),
          request.params.code,
          request.query,
          format,
          ctx.clock.now(),
        );
        return reply
          .type(file.contentType)
          .header("Content-Disposition", `attachment; filename="${file.filename}"`)
          .send(file.body);
      },
    );
  }
}
