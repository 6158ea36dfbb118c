import { z } from "zod";
import type { AppContext } from "../../context.js";
import { previewLabel } from "../../domain/labels/labels.js";
import { ZLabel, ZLabelInput } from "../../domain/labels/labels.schema.js";
import { labelFromXml, labelToXml } from "../../domain/labels/stanag4774.js";
import { parseInput } from "../../domain/shared/validation.js";
import type { ZodApp } from "../types.js";

const tags = ["labels"];

export function registerLabelRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    "/api/labels/preview",
    {
      schema: {
        tags,
        summary: "Render a label as its marking and as STANAG 4774-style XML (nothing is stored)",
        body: z.strictObject({ label: ZLabelInput }),
        response: { 200: z.object({ label: ZLabel, xml: z.string() }) },
      },
    },
    async (request) => {
      const label = await previewLabel(ctx.db, request.body.label, ctx.clock.now().toISOString());
      return { label, xml: labelToXml(label) };
    },
  );

  app.post(
    "/api/labels/from-xml",
    {
      schema: {
        tags,
        summary: "Read a STANAG 4774-style XML label into the JSON label structure",
        body: z.strictObject({ xml: z.string().min(1).max(65536) }),
        response: { 200: z.object({ label: ZLabelInput }) },
      },
    },
    async (request) => ({ label: parseInput(ZLabelInput, labelFromXml(request.body.xml)) }),
  );
}
