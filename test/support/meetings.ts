import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/connect.js";
import { openDecision } from "../../src/domain/decisions/decisions.js";
import type { DecisionRow } from "../../src/domain/decisions/records.js";
import { createLabel } from "../../src/domain/labels/labels.js";
import type { TLabelInput } from "../../src/domain/labels/labels.schema.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import type { TMeetingInput } from "../../src/domain/meetings/meetings.schema.js";
import { runDueDecisions } from "../../src/jobs/due-decisions.js";
import { silenceInput } from "./decisions.js";

// Builders for the meetings module's tests: inputs, documents to table, and the Council's
// agreement to a meeting's format by silence procedure.

/**
 * The 18 non-Allies NATO news 78064 names at the September 2011 counter-piracy meeting, written
 * out here on purpose: the tests check that the demo's criteria (COUNTER_PIRACY_CRITERIA, from
 * src/domain/demo/demo-operations.ts) resolve to exactly these and the Allies of 2011.
 */
export const COUNTER_PIRACY_NATIONS = [
  "AUS",
  "CHN",
  "EGY",
  "IND",
  "IDN",
  "JPN",
  "MYS",
  "NZL",
  "PAK",
  "KOR",
  "RUS",
  "SAU",
  "SGP",
  "SWE",
  "ARE",
  "EU",
  "UN",
  "AU",
] as const;

export { COUNTER_PIRACY_CRITERIA } from "../../src/domain/demo/demo-operations.js";

/** The 28 Allies of 2011, sorted by code. */
export const ALLIES_2011 = [
  "ALB",
  "BEL",
  "BGR",
  "CAN",
  "CZE",
  "DEU",
  "DNK",
  "ESP",
  "EST",
  "FRA",
  "GBR",
  "GRC",
  "HRV",
  "HUN",
  "ISL",
  "ITA",
  "LTU",
  "LUX",
  "LVA",
  "NLD",
  "NOR",
  "POL",
  "PRT",
  "ROU",
  "SVK",
  "SVN",
  "TUR",
  "USA",
] as const;

/** An Allies + n meeting on 2011-09-14 10:00 in Brussels (08:00 UTC), overridable. */
export function meetingInput(overrides: Partial<TMeetingInput> = {}): TMeetingInput {
  return {
    title: "Counter-piracy consultations",
    topic: "Piracy off the Horn of Africa",
    format: "allies-plus-n",
    start: { date: "2011-09-14", time: "10:00", timeZone: "Europe/Brussels" },
    criteria: [{ kind: "nation", value: "JPN" }],
    ...overrides,
  };
}

/** A document row with its own label (no file behind it: the meetings module reads the row only). */
export async function insertDocument(
  db: Db,
  options: { label: TLabelInput; uploadedBy: string; title?: string },
): Promise<{ id: string; reference: string }> {
  const label = await createLabel(db, options.label, "2011-01-01T00:00:00.000Z");
  const id = randomUUID();
  const reference = `PO(2011)${id.slice(0, 4)}`;
  await db
    .insertInto("document")
    .values({
      id,
      reference,
      title: options.title ?? "Counter-piracy paper",
      document_date: "2011-08-01",
      label_id: label.id,
      filename: "paper.pdf",
      content_type: "application/pdf",
      size: 1,
      sha256: "0".repeat(64),
      search_text: "",
      uploaded_by: options.uploadedBy,
      uploaded_at: "2011-08-01T00:00:00.000Z",
    })
    .execute();
  return { id, reference };
}

/** Opens a silence procedure on the meeting's format at `now`, deadline three days later (17:00 Brussels). */
export async function putFormatToCouncil(db: Db, staff: Viewer, meetingId: string, now: Date): Promise<DecisionRow> {
  const deadline = new Date(now.getTime() + 3 * 86_400_000).toISOString().slice(0, 10);
  return openDecision(
    db,
    staff,
    silenceInput(
      { date: deadline, time: "17:00" },
      { title: "Meeting format", subject: { type: "meeting-format", id: meetingId } },
    ),
    now,
  );
}

/** The format agreed by silence: the procedure opened at `now` and the scheduler run four days later. */
export async function agreeFormatBySilence(db: Db, staff: Viewer, meetingId: string, now: Date): Promise<DecisionRow> {
  const decision = await putFormatToCouncil(db, staff, meetingId, now);
  await runDueDecisions(db, new Date(now.getTime() + 4 * 86_400_000), { holder: "meetings-test" });
  return decision;
}
