import type { Db } from "../../src/db/connect.js";
import { openDecision } from "../../src/domain/decisions/decisions.js";
import type { DecisionRow } from "../../src/domain/decisions/records.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import { actOnRecognition, offerRecognition } from "../../src/domain/operations/recognitions.js";
import { type AppError, isAppError } from "../../src/errors.js";
import { runDueDecisions } from "../../src/jobs/due-decisions.js";
import { silenceInput } from "./decisions.js";

// Builders for the operations module's tests: a recognition driven through the real workflow
// (offer, advice, a silence procedure adopted by the scheduler).

/** The instant `time` (UTC) on `date`. */
export const instant = (date: string, time = "09:00:00") => new Date(`${date}T${time}Z`);

/** Opens a silence procedure on the case, the day before `deadlineDate`, ending at `time` (Brussels) on it. */
export async function putToCouncil(db: Db, staff: Viewer, recognitionId: string, deadlineDate: string, time = "17:00") {
  const opened = new Date(instant(deadlineDate).getTime() - 2 * 24 * 3600 * 1000);
  return openDecision(
    db,
    staff,
    silenceInput(
      { date: deadlineDate, time },
      {
        title: "Recognition of a contributing nation",
        subject: { type: "contributor-recognition", id: recognitionId },
      },
    ),
    opened,
  );
}

/**
 * The whole workflow: the partner offers, the staff advise and put it to the Council by
 * silence; the scheduler adopts it after the deadline on `adoptedOn`. Returns the case's id.
 */
export async function recogniseByWorkflow(
  db: Db,
  actors: { staff: Viewer; partner: Viewer },
  input: { operation: string; offeredOn: string; adoptedOn: string },
): Promise<{ id: string; decision: DecisionRow }> {
  const offered = await offerRecognition(
    db,
    actors.partner,
    {
      operation: input.operation,
      offer: "A contingent and a provincial reconstruction team",
      offeredOn: input.offeredOn,
    },
    instant(input.offeredOn),
  );
  await actOnRecognition(
    db,
    actors.staff,
    offered.id,
    { action: "advise", note: "The Military Committee advises acceptance" },
    instant(input.offeredOn, "10:00:00"),
  );
  const decision = await putToCouncil(db, actors.staff, offered.id, input.adoptedOn);
  await runDueDecisions(db, instant(input.adoptedOn, "23:00:00"));
  return { id: offered.id, decision };
}

/** The AppError a promise rejects with (fails the test if it resolves). */
export async function expectError(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

/** The fields a VALIDATION error names. */
export const fieldsOf = (error: AppError) => ((error.details?.fields ?? []) as { field: string }[]).map((f) => f.field);
