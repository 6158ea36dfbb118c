import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../db/connect.js";
import { AppError, notFound } from "../../errors.js";
import { recordAuditEvent, recordAuditEventAlone } from "../audit/audit.js";
import { requireRole } from "../identity/authorize.js";
import { createLabel, getLabels, readableLabel } from "../labels/labels.js";
import { CLASSIFICATION_NAMES } from "../labels/labels.schema.js";
import { rankOf, type Viewer } from "../labels/viewer.js";
import { indexText, matchesText, searchTextOf } from "../search/text-search.js";
import { parseInput } from "../shared/validation.js";
import { detectContentType } from "./content-type.js";
import {
  MAX_DOCUMENT_BYTES,
  type TDocument,
  type TDocumentPage,
  type TListDocumentsQuery,
  ZDocumentMeta,
  ZListDocumentsQuery,
} from "./documents.schema.js";

export type UploadedFile = { filename: string; bytes: Buffer };
export type DocumentStore = { dir: string };

const UPLOADERS = ["admin", "staff", "hq"] as const;

export function documentStore(dataDir: string): DocumentStore {
  return { dir: path.join(dataDir, "documents") };
}

function blobPath(store: DocumentStore, sha256: string): string {
  return path.join(store.dir, sha256.slice(0, 2), sha256);
}

/**
 * Stores a document: bytes on disk under their SHA-256, metadata and label in the database
 * in one transaction with its audit event. A blob written for a failed transaction is removed.
 */
export async function uploadDocument(
  db: Db,
  store: DocumentStore,
  actor: Viewer,
  meta: unknown,
  file: UploadedFile,
  now: Date,
): Promise<TDocument> {
  await requireRole(db, actor, "document.upload", UPLOADERS, now);
  const parsed = parseInput(ZDocumentMeta, meta);
  if (rankOf(parsed.label.classification) > actor.clearanceRank) {
    throw new AppError("VALIDATION", "Invalid input: label.classification: above your clearance", {
      fields: [
        {
          field: "label.classification",
          message: `you may not mark above ${CLASSIFICATION_NAMES[parsed.label.classification]}`,
        },
      ],
    });
  }
  if (file.bytes.length === 0 || file.bytes.length > MAX_DOCUMENT_BYTES) {
    throw new AppError(
      "VALIDATION",
      `Invalid input: file: must hold 1 byte to ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB`,
      {
        fields: [{ field: "file", message: "is empty or too large" }],
      },
    );
  }
  const filename = path.basename(file.filename).slice(0, 200);
  const contentType = detectContentType(filename, file.bytes);
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const target = blobPath(store, sha256);
  const existed = existsSync(target);
  if (!existed) {
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomUUID()}.part`;
    await writeFile(temp, file.bytes, { flag: "wx" });
    await rename(temp, target);
  }
  const id = randomUUID();
  try {
    return await db.transaction().execute(async (trx) => {
      const label = await createLabel(trx, parsed.label, now.toISOString());
      const searchText = searchTextOf(parsed.reference, parsed.title);
      await trx
        .insertInto("document")
        .values({
          id,
          reference: parsed.reference,
          title: parsed.title,
          document_date: parsed.date,
          label_id: label.id,
          filename,
          content_type: contentType,
          size: file.bytes.length,
          sha256,
          search_text: searchText,
          uploaded_by: actor.userId ?? "",
          uploaded_at: now.toISOString(),
        })
        .execute();
      await indexText(trx, "document", id, searchText);
      await recordAuditEvent(
        trx,
        {
          actor,
          action: "document.upload",
          objectType: "document",
          objectId: id,
          objectLabel: label,
          outcome: "success",
          details: { reference: parsed.reference, sha256 },
        },
        now,
      );
      return {
        id,
        reference: parsed.reference,
        title: parsed.title,
        date: parsed.date,
        label,
        filename,
        contentType,
        size: file.bytes.length,
        sha256,
        uploadedAt: now.toISOString(),
      };
    });
  } catch (error) {
    if (!existed) {
      const stillUsed = await db.selectFrom("document").select("id").where("sha256", "=", sha256).executeTakeFirst();
      if (!stillUsed) await unlink(target).catch(() => undefined);
    }
    throw error;
  }
}

type Cursor = { date: string; id: string };
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decodeCursor(raw: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Cursor>;
    if (typeof value.date === "string" && typeof value.id === "string") return { date: value.date, id: value.id };
  } catch {}
  throw new AppError("VALIDATION", "Invalid input: cursor: not a cursor this API returned", {
    fields: [{ field: "cursor", message: "is not valid" }],
  });
}

/**
 * The documents `viewer` may read on `at`, newest first, matching every word of `q` in the
 * reference or title. The label rule is in the SQL, before the LIMIT; keyset pagination.
 */
export async function listDocuments(
  db: Db,
  viewer: Viewer,
  query: TListDocumentsQuery,
  at: string,
): Promise<TDocumentPage> {
  const { q, cursor, limit } = parseInput(ZListDocumentsQuery, query);
  let select = db
    .selectFrom("document")
    .selectAll()
    .where(readableLabel(db, viewer, at, "document.label_id"))
    .orderBy("document_date", "desc")
    .orderBy("id", "desc")
    .limit(limit + 1);
  const text = matchesText(db, "document", q);
  if (text) select = select.where(text);
  if (cursor) {
    const c = decodeCursor(cursor);
    select = select.where((eb) =>
      eb.or([eb("document_date", "<", c.date), eb.and([eb("document_date", "=", c.date), eb("id", "<", c.id)])]),
    );
  }
  const rows = await select.execute();
  const page = rows.slice(0, limit);
  const labels = await getLabels(
    db,
    page.map((r) => r.label_id),
  );
  const last = page[page.length - 1];
  return {
    documents: page.flatMap((r) => {
      const label = labels.get(r.label_id);
      return label ? [presentDocument(r, label)] : [];
    }),
    nextCursor: rows.length > limit && last ? encodeCursor({ date: last.document_date, id: last.id }) : null,
  };
}

type DocumentRow = {
  id: string;
  reference: string;
  title: string;
  document_date: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_at: string;
};

function presentDocument(r: DocumentRow, label: TDocument["label"]): TDocument {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    date: r.document_date,
    label,
    filename: r.filename,
    contentType: r.content_type,
    size: r.size,
    sha256: r.sha256,
    uploadedAt: r.uploaded_at,
  };
}

/**
 * One document, if `viewer` may read it; otherwise NOT_FOUND exactly as for a missing one.
 * Every read is audited, and so is every refused read.
 */
export async function getDocument(
  db: Db,
  viewer: Viewer,
  id: string,
  at: string,
  now: Date,
  action = "document.read",
): Promise<TDocument> {
  const row = await db
    .selectFrom("document")
    .selectAll()
    .where("id", "=", id)
    .where(readableLabel(db, viewer, at, "document.label_id"))
    .executeTakeFirst();
  if (!row) {
    const error = notFound("document", id);
    const exists = await db.selectFrom("document").select("id").where("id", "=", id).executeTakeFirst();
    if (exists) {
      const denied = { actor: viewer, action, objectType: "document", objectId: id, outcome: "denied" } as const;
      await recordAuditEventAlone(db, denied, now);
      error.markAudited();
    }
    throw error;
  }
  const label = (await getLabels(db, [row.label_id])).get(row.label_id);
  if (!label) throw notFound("document", id);
  await recordAuditEventAlone(
    db,
    { actor: viewer, action, objectType: "document", objectId: id, objectLabel: label, outcome: "success" },
    now,
  );
  return presentDocument(row, label);
}

/** The file behind a readable document (audited as a download). */
export async function openDocumentContent(
  db: Db,
  store: DocumentStore,
  viewer: Viewer,
  id: string,
  at: string,
  now: Date,
) {
  const document = await getDocument(db, viewer, id, at, now, "document.download");
  return { document, path: blobPath(store, document.sha256) };
}
