import { type Kysely, PostgresAdapter, sql } from "kysely";

// Full-text search over documents' reference and title, the engine's own way: an FTS5 table on
// SQLite (kept in step by the code that writes documents, in the same transaction), a stored
// tsvector with a GIN index on PostgreSQL. src/domain/search/text-search.ts is the one function
// that queries either.

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table document add column search_vector tsvector
              generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
    await sql`create index document_search_idx on document using gin (search_vector)`.execute(db);
    return;
  }
  await sql`create virtual table document_fts using fts5(
              id unindexed, search_text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`insert into document_fts (id, search_text) select id, search_text from document`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index document_search_idx`.execute(db);
    await sql`alter table document drop column search_vector`.execute(db);
    return;
  }
  await sql`drop table document_fts`.execute(db);
}
