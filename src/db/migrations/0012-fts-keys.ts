import { type Kysely, PostgresAdapter, sql } from "kysely";

// SQLite only: which FTS5 row holds each record's text. FTS5 cannot index its `id` column, so
// finding a record's row by id scanned the whole index on every write (a 10,000-row import spent
// most of its time there). With this key table, re-indexing a record is a primary-key lookup and
// a delete by rowid. PostgreSQL's generated tsvector columns need nothing. Frozen once shipped.

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const fts of ["document_fts", "activity_fts"]) {
    await sql`create table ${sql.table(`${fts}_key`)} (id text primary key, fts_rowid integer not null unique)`.execute(
      db,
    );
    await sql`insert into ${sql.table(`${fts}_key`)} (id, fts_rowid) select id, rowid from ${sql.table(fts)}`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const fts of ["document_fts", "activity_fts"]) await sql`drop table ${sql.table(`${fts}_key`)}`.execute(db);
}
