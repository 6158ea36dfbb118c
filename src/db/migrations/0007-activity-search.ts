import { type Kysely, PostgresAdapter, sql } from "kysely";

// Full-text search over activities (reference, title, description, owner), as 0005 does for
// documents: a `search_text` column written by the code that writes activities; an FTS5 table
// on SQLite (kept in step in the same transaction), a generated tsvector with a GIN index on
// PostgreSQL. src/domain/search/text-search.ts is the one function that queries either.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity add column search_text text not null default ''`.execute(db);
  await sql`update activity set search_text = lower(reference || ' ' || replace(reference, '.', ' ') || ' ' || title || ' ' || description || ' ' || owner)`.execute(
    db,
  );
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`alter table activity add column search_vector tsvector
              generated always as (to_tsvector('simple', search_text)) stored`.execute(db);
    await sql`create index activity_search_idx on activity using gin (search_vector)`.execute(db);
    return;
  }
  await sql`create virtual table activity_fts using fts5(
              id unindexed, search_text, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`insert into activity_fts (id, search_text) select id, search_text from activity`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop index activity_search_idx`.execute(db);
    await sql`alter table activity drop column search_vector`.execute(db);
  } else {
    await sql`drop table activity_fts`.execute(db);
  }
  await sql`alter table activity drop column search_text`.execute(db);
}
