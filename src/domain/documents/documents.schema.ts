import { z } from "zod";
import { ZLabel, ZLabelInput } from "../labels/labels.schema.js";
import { ZIsoDate } from "../shared/dates.js";

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const ZDocumentMeta = z.strictObject({
  reference: z
    .string()
    .trim()
    .min(1, "is required")
    .max(60, "must be at most 60 characters")
    .regex(/^[A-Za-z0-9()/_.\- ]+$/, "may contain letters, digits, spaces and ( ) / _ . -"),
  title: z.string().trim().min(1, "is required").max(300, "must be at most 300 characters"),
  date: ZIsoDate,
  label: ZLabelInput,
});

export const ZListDocumentsQuery = z.strictObject({
  q: z.string().trim().max(200, "must be at most 200 characters").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZDocument = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  date: z.string(),
  label: ZLabel,
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

export const ZDocumentPage = z.object({ documents: z.array(ZDocument), nextCursor: z.string().nullable() });

export type TDocumentMeta = z.input<typeof ZDocumentMeta>;
export type TListDocumentsQuery = z.input<typeof ZListDocumentsQuery>;
export type TDocument = z.infer<typeof ZDocument>;
export type TDocumentPage = z.infer<typeof ZDocumentPage>;
