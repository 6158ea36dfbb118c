// The decision API's types, taken type-only from the backend's Zod schemas.
export type {
  TDecision as Decision,
  TDecisionInput as DecisionInput,
  TDecisionList as DecisionList,
  TDecisionStatus as DecisionStatus,
  TDecisionSummary as DecisionSummary,
  TListDecisionsQuery as ListDecisionsQuery,
} from "../../../../src/domain/decisions/decisions.schema.ts";

import type {
  DECISION_BODIES,
  DECISION_FORMATS,
  DECISION_PROCEDURES,
  DECISION_SUBJECT_TYPES,
} from "../../../../src/domain/decisions/decisions.schema.ts";

export type DecisionBody = (typeof DECISION_BODIES)[number];
export type DecisionFormat = (typeof DECISION_FORMATS)[number];
export type DecisionProcedure = (typeof DECISION_PROCEDURES)[number];
export type DecisionSubjectType = (typeof DECISION_SUBJECT_TYPES)[number];
