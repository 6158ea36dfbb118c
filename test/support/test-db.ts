import { randomBytes } from "node:crypto";
import path from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { type Config, readConfig } from "../../src/config.js";
import type { AppContext, Clock } from "../../src/context.js";
import { type Db, openDatabase } from "../../src/db/connect.js";
import { migrateToLatest } from "../../src/db/migrate.js";
import { loadSeedData } from "../../src/domain/demo/load-seed.js";
import { readSeedFiles, type SeedFiles } from "../../src/domain/demo/read-seed-files.js";
import { findProjectRoot } from "../../src/paths.js";

export type TestDb = { db: Db; engine: "sqlite" | "postgres"; config: Config; destroy: () => Promise<void> };

/**
 * A fresh, migrated database for one test file: in-memory SQLite by default, or a new
 * PostgreSQL database on the server named by DATABASE_URL (dropped again by destroy()).
 */
export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const config = testConfig({});
    const db = openDatabase({ engine: "sqlite", file: ":memory:" });
    await migrateToLatest(db);
    return { db, engine: "sqlite", config, destroy: () => db.destroy() };
  }
  const name = `entente_test_${randomBytes(6).toString("hex")}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
  });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const config = testConfig({ DATABASE_URL: testUrl.toString() });
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  return {
    db,
    engine: "postgres",
    config,
    destroy: async () => {
      await db.destroy();
      await sql`drop database if exists ${sql.id(name)}`.execute(admin);
      await admin.destroy();
    },
  };
}

function testConfig(env: Record<string, string>): Config {
  return readConfig({ ENTENTE_DATA_DIR: path.join("/tmp", "entente-test-unused"), ...env });
}

let cachedSeed: SeedFiles | undefined;

/** The repository's demo data, read and validated once per test file. */
export function seedFiles(): SeedFiles {
  cachedSeed ??= readSeedFiles(path.join(findProjectRoot(), "data", "seed"));
  return cachedSeed;
}

export async function createSeededTestDb(): Promise<TestDb> {
  const testDb = await createTestDb();
  await loadSeedData(testDb.db, seedFiles());
  return testDb;
}

export const fixedClock = (today: string): Clock => ({ today: () => today, now: () => new Date(`${today}T12:00:00Z`) });

export function testContext(testDb: TestDb, today = "2026-11-28"): AppContext {
  return Object.freeze({ config: testDb.config, db: testDb.db, clock: fixedClock(today) });
}
