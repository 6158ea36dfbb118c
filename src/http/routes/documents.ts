import "@fastify/multipart";
import { createReadStream } from "node:fs";
import { z } from "zod";
import type { AppContext } from "../../context.js";
import {
  documentStore,
  getDocument,
  listDocuments,
  openDocumentContent,
  uploadDocument,
} from "../../domain/documents/documents.js";
import {
  MAX_DOCUMENT_BYTES,
  ZDocument,
  ZDocumentPage,
  ZListDocumentsQuery,
} from "../../domain/documents/documents.schema.js";
import { AppError } from "../../errors.js";
import { requireLogin, viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["documents"];
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });

export function registerDocumentRoutes(app: ZodApp, ctx: AppContext): void {
  const store = documentStore(ctx.config.dataDir);

  app.get(
    "/api/documents",
    {
      schema: {
        tags,
        summary: "Documents you may read, newest first; q searches reference and title",
        querystring: ZListDocumentsQuery,
        response: { 200: ZDocumentPage },
      },
    },
    async (request) => listDocuments(ctx.db, viewerOfRequest(request), request.query, ctx.clock.today()),
  );

  app.get(
    "/api/documents/:id",
    {
      schema: {
        tags,
        summary: "One document's metadata (404 if missing or not releasable to you)",
        params: ZIdParams,
        response: { 200: ZDocument },
      },
    },
    async (request) =>
      getDocument(ctx.db, viewerOfRequest(request), request.params.id, ctx.clock.today(), ctx.clock.now()),
  );

  app.get(
    "/api/documents/:id/content",
    { schema: { tags, summary: "Download the file", params: ZIdParams } },
    async (request, reply) => {
      const { document, path } = await openDocumentContent(
        ctx.db,
        store,
        viewerOfRequest(request),
        request.params.id,
        ctx.clock.today(),
        ctx.clock.now(),
      );
      const safeName = document.filename.replace(/[^\w.\- ()]/g, "_");
      return reply
        .type(document.contentType)
        .header("Content-Disposition", `attachment; filename="${safeName}"`)
        .header("X-Confidentiality-Label", document.label.marking)
        .send(createReadStream(path));
    },
  );

  app.post(
    "/api/documents",
    {
      schema: {
        tags,
        summary: "Upload a document (multipart: a `meta` JSON field {reference, title, date, label} and a `file`)",
        consumes: ["multipart/form-data"],
        response: { 201: ZDocument },
      },
    },
    async (request, reply) => {
      const actor = requireLogin(request);
      if (!request.isMultipart()) {
        throw new AppError("VALIDATION", "Invalid input: send multipart/form-data with 'meta' and 'file'", {
          fields: [{ field: "file", message: "is required" }],
        });
      }
      let meta: unknown;
      let file: { filename: string; bytes: Buffer } | undefined;
      for await (const part of request.parts({
        limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 4, fieldSize: 16 * 1024 },
      })) {
        if (part.type === "file") {
          if (part.fieldname !== "file")
            throw new AppError("VALIDATION", `Invalid input: ${part.fieldname}: unexpected file field`, {
              fields: [{ field: part.fieldname, message: "is not an accepted field" }],
            });
          const bytes = await part.toBuffer();
          if (part.file.truncated)
            throw new AppError("VALIDATION", "Invalid input: file: larger than 20 MiB", {
              fields: [{ field: "file", message: "is too large" }],
            });
          file = { filename: part.filename, bytes };
        } else if (part.fieldname === "meta") {
          try {
            meta = JSON.parse(String(part.value));
          } catch {
            throw new AppError("VALIDATION", "Invalid input: meta: not JSON", {
              fields: [{ field: "meta", message: "must be JSON" }],
            });
          }
        } else {
          throw new AppError("VALIDATION", `Invalid input: ${part.fieldname}: is not an accepted field`, {
            fields: [{ field: part.fieldname, message: "is not an accepted field" }],
          });
        }
      }
      if (!file)
        throw new AppError("VALIDATION", "Invalid input: file: is required", {
          fields: [{ field: "file", message: "is required" }],
        });
      const document = await uploadDocument(ctx.db, store, actor, meta, file, ctx.clock.now());
      return reply.status(201).send(document);
    },
  );
}
