import type { Db } from "../../src/db/connect.js";
import type { TRequirementInput } from "../../src/domain/force-generation/force-generation.schema.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import { insertDelegate, insertPartnerUser, insertStaff } from "./decisions.js";
import { insertRecognition } from "./factories.js";

// Builders for the force generation tests: the cast (staff, two Allies' delegations, partners
// recognised for ISAF before, after, and never) on the seeded database, and requirement inputs.

/** The day the tests live on: ISAF in November 2010. */
export const FG_NOW = new Date("2010-11-15T10:00:00Z");

export type ForceGenerationCast = Readonly<{
  staff: Viewer;
  /** Allies' delegations. */
  nor: Viewer;
  dnk: Viewer;
  /** Recognised for ISAF since 2003. */
  aus: Viewer;
  /** Recognised for ISAF since 2003 too (the nation AUS must not offer for). */
  nzl: Viewer;
  /** Recognised for ISAF only from 2011-01-01, after FG_NOW. */
  kor: Viewer;
  /** Never recognised for ISAF. */
  jpn: Viewer;
}>;

/** Users for every role in the tests, and the recognitions they rely on (needs the seed loaded). */
export async function insertForceGenerationCast(db: Db, operation = "ISAF"): Promise<ForceGenerationCast> {
  const staff = await insertStaff(db);
  const cast = {
    staff,
    nor: await insertDelegate(db, "NOR"),
    dnk: await insertDelegate(db, "DNK"),
    aus: await insertPartnerUser(db, "AUS"),
    nzl: await insertPartnerUser(db, "NZL"),
    kor: await insertPartnerUser(db, "KOR"),
    jpn: await insertPartnerUser(db, "JPN"),
  };
  await recogniseForForceGeneration(db, operation, staff);
  return cast;
}

/** AUS and NZL recognised from 2003-10-01, KOR from 2011-01-01, for `operation`. */
export async function recogniseForForceGeneration(db: Db, operation: string, staff: Viewer): Promise<void> {
  const createdBy = staff.userId ?? "";
  await insertRecognition(db, { operation, nation: "AUS", from: "2003-10-01", createdBy });
  await insertRecognition(db, { operation, nation: "NZL", from: "2003-10-01", createdBy });
  await insertRecognition(db, { operation, nation: "KOR", from: "2011-01-01", createdBy });
}

/** A requirement line for `operation` (default ISAF), with fields as overrides. */
export function requirementInput(overrides: Partial<TRequirementInput> = {}): TRequirementInput {
  return {
    operation: "ISAF",
    capability: "Provincial Reconstruction Team security company",
    quantity: 150,
    periodStart: "2010-12-01",
    periodEnd: "2011-06-30",
    location: "Uruzgan",
    ...overrides,
  };
}
