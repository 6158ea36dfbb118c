import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import type { DatabaseConfig } from "../config.js";
import type { Database } from "./schema.js";

export type Db = Kysely<Database>;
export type Engine = DatabaseConfig["engine"];

/** Opens the configured engine. The caller owns the handle and must `destroy()` it. */
export function openDatabase(config: DatabaseConfig): Db {
  if (config.engine === "postgres") {
    // JIT off: for these short OLTP queries PostgreSQL's JIT spent ~0.9 s compiling a 20k-row
    // label count that runs in ~0.1 s without it (docs/performance.md).
    const pool = new pg.Pool({ connectionString: config.url, max: 10, options: "-c jit=off" });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  if (config.file !== ":memory:") mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** Which engine a handle talks to, for the few statements that differ (locks). */
export function engineOf(db: Db | Transaction<Database>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * Serialises a critical section across app instances for the rest of the transaction.
 * PostgreSQL: a transaction-scoped advisory lock. SQLite: nothing to take; a SQLite file is
 * served by one instance, whose connection runs one transaction at a time.
 */
export async function lockForTransaction(trx: Transaction<Database>, name: string): Promise<void> {
  if (engineOf(trx) === "postgres") await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}
