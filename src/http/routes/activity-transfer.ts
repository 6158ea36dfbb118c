import "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../../context.js";
import { ZListActivitiesQuery } from "../../domain/activities/activities.schema.js";
import {
  MAX_IMPORT_BYTES,
  type TTransferFormat,
  ZImportQuery,
  ZImportReport,
} from "../../domain/activities/transfer.schema.js";
import { exportActivities } from "../../domain/activities/transfer-export.js";
import { importActivities } from "../../domain/activities/transfer-import.js";
import type { TransferFile } from "../../domain/activities/transfer-read.js";
import { fieldError } from "../../domain/shared/validation.js";
import { viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["activities"];

/** The one `file` part of a multipart upload; VALIDATION naming `file` (or the unexpected field) otherwise. */
async function uploadedFile(request: FastifyRequest): Promise<TransferFile> {
  if (!request.isMultipart()) throw fieldError("file", "is required (send multipart/form-data with a 'file' field)");
  let file: TransferFile | undefined;
  for await (const part of request.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 0 } })) {
    if (part.type !== "file" || part.fieldname !== "file") throw fieldError(part.fieldname, "is not an accepted field");
    const bytes = await part.toBuffer();
    if (part.file.truncated) throw fieldError("file", "is larger than 20 MiB");
    file = { filename: part.filename, bytes };
  }
  if (!file) throw fieldError("file", "is required");
  return file;
}

export function registerActivityTransferRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    "/api/activities/import",
    {
      schema: {
        tags,
        summary:
          "Import activities and iterations from an .xlsx or .csv file (multipart `file`); dryRun=true only reports. " +
          "All or nothing: a file with errors answers 400 with details.errors (row, column, message). Staff, admin.",
        consumes: ["multipart/form-data"],
        querystring: ZImportQuery,
        response: { 200: ZImportReport },
      },
    },
    async (request) => {
      const file = await uploadedFile(request);
      return importActivities(
        ctx.db,
        viewerOfRequest(request),
        file,
        { dryRun: request.query.dryRun },
        ctx.clock.now(),
      );
    },
  );

  const exportRoute = (format: TTransferFormat) =>
    app.get(
      `/api/activities/export.${format}`,
      {
        schema: {
          tags,
          summary: `The menu you may see, with the list's filters (paging ignored), as ${format.toUpperCase()}: one row per iteration`,
          querystring: ZListActivitiesQuery,
        },
      },
      async (request, reply) => {
        const file = await exportActivities(ctx.db, viewerOfRequest(request), request.query, format, ctx.clock.today());
        return reply
          .type(file.contentType)
          .header("Content-Disposition", `attachment; filename="${file.filename}"`)
          .send(file.body);
      },
    );
  exportRoute("csv");
  exportRoute("xlsx");
}
