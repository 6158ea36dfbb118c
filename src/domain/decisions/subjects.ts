import type { Transaction } from "kysely";
import type { Database, DecisionSubjectType } from "../../db/schema.js";
import { accessRequestDecisionHooks } from "../access-requests/decision-effects.js";
import type { Viewer } from "../labels/viewer.js";
import { meetingFormatDecisionHooks } from "../meetings/decision-effects.js";
import type { NewNotification } from "../notifications/notifications.js";
import { recognitionDecisionHooks } from "../operations/decision-effects.js";
import { programmeDecisionHooks } from "../programmes/decision-effects.js";
import type { DecisionRow } from "./records.js";
import { decisionInfo } from "./records.js";
import type { DecisionSubjectHooks } from "./subject-hooks.js";

// Which module moves which kind of subject. Subjects not listed are described in text only.

const HOOKS: Partial<Record<DecisionSubjectType, DecisionSubjectHooks>> = {
  programme: programmeDecisionHooks,
  "access-request": accessRequestDecisionHooks,
  "contributor-recognition": recognitionDecisionHooks,
  "meeting-format": meetingFormatDecisionHooks,
};

/** The hooks of a linked subject type (a record the decision moves), or null for text subjects. */
export function subjectHooksFor(type: DecisionSubjectType): DecisionSubjectHooks | null {
  return HOOKS[type] ?? null;
}

/** Tells a linked subject how its decision ended (in the caller's transaction); its notices to queue. */
export async function closeSubject(
  trx: Transaction<Database>,
  decision: DecisionRow,
  actor: Viewer | null,
  now: Date,
): Promise<NewNotification[]> {
  const hooks = subjectHooksFor(decision.subject_type);
  if (hooks === null || decision.subject_id === null) return [];
  return hooks.close(trx, decision.subject_id, decisionInfo(decision), actor, now);
}
