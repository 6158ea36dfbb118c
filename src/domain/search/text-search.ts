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

/**
 * Keeps SQLite's FTS5 table in step with a written record (PostgreSQL's column is generated).
 * The key table (migration 0012) says which FTS row holds the record, so an update replaces that
 * row by rowid instead of scanning the index for the id.
 */
export async function indexText(
  trx: Db | Transaction<Database>,
  table: SearchableTable,
  id: string,
  text: string,
): Promise<void> {
  await indexTexts(trx, table, [{ id, text }]);
}

/** indexText for many records at once (imports, generated menus): the same rows, fewer statements. */
export async function indexTexts(
  trx: Db | Transaction<Database>,
  table: SearchableTable,
  records: readonly { id: string; text: string }[],
): Promise<void> {
  if (engineOf(trx) === "postgres" || records.length === 0) return;
  const fts = sql.table(INDEXES[table].fts);
  const key = sql.table(`${INDEXES[table].fts}_key`);
  // One row a record (the last text given wins); 300 a statement stays under SQLite's bound-parameter limit.
  const unique = [...new Map(records.map((r) => [r.id, r])).values()];
  for (let i = 0; i < unique.length; i += 300) {
    const chunk = unique.slice(i, i + 300);
    const ids = chunk.map((r) => r.id);
    const old = await sql<{ fts_rowid: number }>`select fts_rowid from ${key} where id in (${sql.join(ids)})`.execute(
      trx,
    );
    if (old.rows.length > 0) {
      // One rowid at a time: FTS5 looks up `rowid = ?` directly, an IN list may scan.
      for (const row of old.rows) await sql`delete from ${fts} where rowid = ${row.fts_rowid}`.execute(trx);
      await sql`delete from ${key} where id in (${sql.join(ids)})`.execute(trx);
    }
    const last = await sql<{ rowid: number }>`select rowid from ${fts} order by rowid desc limit 1`.execute(trx);
    const first = Number(last.rows[0]?.rowid ?? 0) + 1;
    await sql`insert into ${fts} (rowid, id, search_text)
              values ${sql.join(chunk.map((r, n) => sql`(${first + n}, ${r.id}, ${r.text})`))}`.execute(trx);
    await sql`insert into ${key} (id, fts_rowid) values ${sql.join(chunk.map((r, n) => sql`(${r.id}, ${first + n})`))}`.execute(
      trx,
    );
  }
}
