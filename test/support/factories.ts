import type { Insertable } from "kysely";
import type { Db } from "../../src/db/connect.js";
import type { FrameworkTable, MembershipTable, NationTable, SuspensionTable } from "../../src/db/schema.js";

// Builders for synthetic registry rows: sensible defaults, any column overridable.

let sequence = 0;
const next = () => ++sequence;

export async function insertNation(db: Db, overrides: Partial<Insertable<NationTable>> = {}) {
  const row = {
    code: `N${String(next()).padStart(3, "0")}`.slice(0, 8),
    name: "Testland",
    kind: "state" as const,
    ...overrides,
  };
  await db.insertInto("nation").values(row).execute();
  return row;
}

export async function insertFramework(db: Db, overrides: Partial<Insertable<FrameworkTable>> = {}) {
  const row = {
    code: `F${next()}`,
    name: "Test framework",
    kind: "partnership" as const,
    member_title: "a test partner",
    includes_allies: 0,
    description: "A framework made by a test.",
    sort_order: next(),
    cite: "test",
    ...overrides,
  };
  await db.insertInto("framework").values(row).execute();
  return row;
}

export async function insertMembership(
  db: Db,
  overrides: Partial<Insertable<MembershipTable>> & Pick<Insertable<MembershipTable>, "framework_code" | "nation_code">,
) {
  const row = {
    id: `m${next()}`,
    valid_from: "2000-01-01",
    valid_from_precision: "day" as const,
    valid_to: null,
    cite: "test",
    certainty: "confirmed" as const,
    note: null,
    ...overrides,
  };
  await db.insertInto("membership").values(row).execute();
  return row;
}

export async function insertSuspension(
  db: Db,
  overrides: Partial<Insertable<SuspensionTable>> & Pick<Insertable<SuspensionTable>, "membership_id">,
) {
  const row = {
    id: `s${next()}`,
    valid_from: "2010-01-01",
    valid_to: null,
    cite: "test",
    certainty: "confirmed" as const,
    note: null,
    ...overrides,
  };
  await db.insertInto("suspension").values(row).execute();
  return row;
}
