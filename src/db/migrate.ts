import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Db } from "./connect.js";
import * as m0001 from "./migrations/0001-registry.js";
import * as m0002 from "./migrations/0002-identity.js";
import * as m0003 from "./migrations/0003-registry-labels.js";
import * as m0004 from "./migrations/0004-totp-pending.js";
import * as m0005 from "./migrations/0005-document-search.js";
import * as m0006 from "./migrations/0006-activities.js";
import * as m0007 from "./migrations/0007-activity-search.js";
import * as m0008 from "./migrations/0008-activity-owner.js";
import * as m0009 from "./migrations/0009-feedback.js";
import * as m0010 from "./migrations/0010-menu-indexes.js";
import * as m0011 from "./migrations/0011-notifications.js";
import * as m0012 from "./migrations/0012-fts-keys.js";
import * as m0013 from "./migrations/0013-activity-details.js";
import * as m0014 from "./migrations/0014-iteration-status.js";
import * as m0015 from "./migrations/0015-programmes-decisions.js";
import * as m0016 from "./migrations/0016-operations-meetings.js";

// Registered explicitly (no directory scan) so the compiled build and tsx run the same list.
const migrations: Record<string, Migration> = {
  "0001-registry": m0001,
  "0002-identity": m0002,
  "0003-registry-labels": m0003,
  "0004-totp-pending": m0004,
  "0005-document-search": m0005,
  "0006-activities": m0006,
  "0007-activity-search": m0007,
  "0008-activity-owner": m0008,
  "0009-feedback": m0009,
  "0010-menu-indexes": m0010,
  "0011-notifications": m0011,
  "0012-fts-keys": m0012,
  "0013-activity-details": m0013,
  "0014-iteration-status": m0014,
  "0015-programmes-decisions": m0015,
  "0016-operations-meetings": m0016,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

export type MigrationReport = { applied: string[] };

/** Brings the schema to the latest version; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? "(unknown)"} failed: ${reason}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
