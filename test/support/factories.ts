import type { Insertable } from "kysely";
import type { Db } from "../../src/db/connect.js";
import type {
  FrameworkTable,
  MembershipTable,
  NationTable,
  OperationTable,
  SuspensionTable,
} from "../../src/db/schema.js";
import { createLabel } from "../../src/domain/labels/labels.js";

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

export async function insertOperation(db: Db, overrides: Partial<Insertable<OperationTable>> = {}) {
  const row = {
    code: `OP${String.fromCharCode(65 + (next() % 26))}${String.fromCharCode(65 + (next() % 26))}`,
    name: "Test operation",
    theatre: "Testland",
    mandate: "A mandate written by a test.",
    start_date: "2000-01-01",
    start_precision: "day" as const,
    end_date: null,
    end_precision: null,
    cite: "test",
    note: null,
    ...overrides,
  };
  await db.insertInto("operation").values(row).execute();
  return row;
}

/**
 * A recognised contributor, written directly (as if the Council had decided on `from`), for
 * tests of what recognition gives; the workflow itself is tested in src/domain/operations.
 */
export async function insertRecognition(
  db: Db,
  input: { operation: string; nation: string; from: string; to?: string; createdBy: string },
) {
  const label = await createLabel(
    db,
    { classification: "NR", releasableTo: ["NATO", input.nation] },
    "2000-01-01T00:00:00.000Z",
  );
  const row = {
    id: `rec${next()}`,
    operation_code: input.operation,
    nation_code: input.nation,
    status: input.to === undefined ? ("recognised" as const) : ("ended" as const),
    offer: "An offer recorded by a test.",
    offered_on: input.from,
    advice: "Advice recorded by a test.",
    advised_by: null,
    advised_at: null,
    decision_id: null,
    recognised_from: input.from,
    recognised_to: input.to ?? null,
    label_id: label.id,
    created_by: input.createdBy,
    created_at: `${input.from}T00:00:00.000Z`,
    updated_at: `${input.from}T00:00:00.000Z`,
  };
  await db.insertInto("contributor_recognition").values(row).execute();
  return row;
}
