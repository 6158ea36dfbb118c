import { type Expression, type SqlBool, sql, type Transaction } from "kysely";
import { type Db, engineOf } from "../../db/connect.js";
import type { Database } from "../../db/schema.js";

/** The searchable tables and how each engine indexes them (migration 0005). */
const INDEXES = {
  document: { fts: "document_fts", vector: "search_vector", id: "id" },
  activity: { fts: "activity_fts", vector: "search_vector", id: "id" },
} as const;

export type SearchableTable = keyof typeof INDEXES;

/** Lower case without accents: indexed text and queries are folded the same way on both engines. */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** Words of a query, reduced to letters and digits; at most 8, so a query stays cheap. */
export function searchWords(q: string | undefined): string[] {
  return foldText(q ?? "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * The one full-text condition, for either engine: every word of `q` must start a word of the
 * record's indexed text (prefix match, accents and case ignored). FTS5 on SQLite, tsvector on
 * PostgreSQL. Returns null when `q` has no words (no condition).
 */
export function matchesText(
  db: Db | Transaction<Database>,
  table: SearchableTable,
  q: string | undefined,
): Expression<SqlBool> | null {
  const words = searchWords(q);
  if (words.length === 0) return null;
  const index = INDEXES[table];
  if (engineOf(db) === "postgres") {
    const query = words.map((w) => `${w}:*`).join(" & ");
    return sql<SqlBool>`${sql.ref(`${table}.${index.vector}`)} @@ to_tsquery('simple', ${query})`;
  }
  const query = words.map((w) => `"${w}"*`).join(" ");
  return sql<SqlBool>`${sql.ref(`${table}.${index.id}`)} in (select id from ${sql.table(index.fts)} where ${sql.table(index.fts)} match ${query})`;
}

/**
 * The text to index for a record, folded; store it in the table's `search_text` and call
 * indexText with it in the same transaction.
 */
export function searchTextOf(...parts: string[]): string {
  const text = parts.join(" ");
  // Also the text split at punctuation: PostgreSQL's parser keeps "act.396" or "c-m" as one
  // word, so "396" alone would not find it there (FTS5 splits such words anyway).
  return foldText(`${text} ${text.replace(/[^\p{L}\p{N}]+/gu, " ")}`);
}

/** Keeps SQLite's FTS5 table in step with a written record (PostgreSQL's column is generated). */
export async function indexText(
  trx: Db | Transaction<Database>,
  table: SearchableTable,
  id: string,
  text: string,
): Promise<void> {
  if (engineOf(trx) === "postgres") return;
  const fts = INDEXES[table].fts;
  await sql`delete from ${sql.table(fts)} where id = ${id}`.execute(trx);
  await sql`insert into ${sql.table(fts)} (id, search_text) values (${id}, ${text})`.execute(trx);
}
