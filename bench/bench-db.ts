import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { type Config, readConfig } from "../src/config.js";
import { type Db, openDatabase } from "../src/db/connect.js";
import { migrateToLatest } from "../src/db/migrate.js";

/**
 * A fresh, migrated database for one benchmark run: a SQLite file in a temp directory (as in
 * production), or a new database on the PostgreSQL server named by DATABASE_URL. Dropped after.
 */
export async function openBenchDb(): Promise<{ db: Db; config: Config; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "entente-bench-"));
  const url = process.env.DATABASE_URL;
  if (!url) {
    const config = readConfig({ ENTENTE_DATA_DIR: dir });
    const db = openDatabase(config.database);
    await migrateToLatest(db);
    const close = async () => {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
    return { db, config, close };
  }
  const name = `entente_bench_${randomBytes(4).toString("hex")}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const config = readConfig({ ENTENTE_DATA_DIR: dir, DATABASE_URL: target.toString() });
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  return {
    db,
    config,
    close: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)}`.execute(admin);
      await admin.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
