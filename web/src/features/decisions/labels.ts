import { type MessageKey, t } from "../../i18n/index.ts";
import type { DecisionBody, DecisionFormat, DecisionProcedure, DecisionStatus, DecisionSubjectType } from "./types.ts";

// The decision vocabularies, in the order forms and filters list them, with their names.

export const STATUSES = [
  "open",
  "adopted",
  "silence-broken",
  "not-adopted",
  "withdrawn",
] as const satisfies readonly DecisionStatus[];
export const BODIES = ["NAC", "PPC"] as const satisfies readonly DecisionBody[];
export const FORMATS = [
  "allies-only",
  "allies-plus-one",
  "allies-plus-n",
  "eapc",
  "md",
  "ici",
] as const satisfies readonly DecisionFormat[];
export const PROCEDURES = ["silence", "meeting"] as const satisfies readonly DecisionProcedure[];
export const SUBJECT_TYPES = [
  "programme",
  "access-request",
  "contributor-recognition",
  "meeting-format",
  "free-text",
] as const satisfies readonly DecisionSubjectType[];
/** Subjects that are records in Entente, named by their id rather than described in words. */
export const LINKED_SUBJECTS: readonly DecisionSubjectType[] = [
  "programme",
  "access-request",
  "contributor-recognition",
  "meeting-format",
];

const SUBJECT_ID_KEYS: Partial<Record<DecisionSubjectType, MessageKey>> = {
  programme: "decisions.new.programmeId",
  "access-request": "decisions.new.accessRequestId",
  "contributor-recognition": "decisions.new.recognitionId",
  "meeting-format": "decisions.new.meetingId",
};

/** The label of the subject's id field in the new-decision form. */
export function subjectIdLabel(type: DecisionSubjectType): string {
  return t(SUBJECT_ID_KEYS[type] ?? "decisions.new.programmeId");
}

const STATUS_KEYS: Record<DecisionStatus, MessageKey> = {
  open: "decisions.status.open",
  adopted: "decisions.status.adopted",
  "silence-broken": "decisions.status.silenceBroken",
  "not-adopted": "decisions.status.notAdopted",
  withdrawn: "decisions.status.withdrawn",
};
const BODY_KEYS: Record<DecisionBody, MessageKey> = { NAC: "decisions.body.NAC", PPC: "decisions.body.PPC" };
const FORMAT_KEYS: Record<DecisionFormat, MessageKey> = {
  "allies-only": "decisions.format.alliesOnly",
  "allies-plus-one": "decisions.format.alliesPlusOne",
  "allies-plus-n": "decisions.format.alliesPlusN",
  eapc: "decisions.format.eapc",
  md: "decisions.format.md",
  ici: "decisions.format.ici",
};
const PROCEDURE_KEYS: Record<DecisionProcedure, MessageKey> = {
  meeting: "decisions.procedure.meeting",
  silence: "decisions.procedure.silence",
};
const SUBJECT_KEYS: Record<DecisionSubjectType, MessageKey> = {
  programme: "decisions.subject.programme",
  "access-request": "decisions.subject.accessRequest",
  "contributor-recognition": "decisions.subject.contributorRecognition",
  "meeting-format": "decisions.subject.meetingFormat",
  "free-text": "decisions.subject.freeText",
};

export const statusName = (s: DecisionStatus) => t(STATUS_KEYS[s]);
export const bodyName = (b: DecisionBody) => t(BODY_KEYS[b]);
export const formatName = (f: DecisionFormat) => t(FORMAT_KEYS[f]);
export const procedureName = (p: DecisionProcedure) => t(PROCEDURE_KEYS[p]);
export const subjectTypeName = (s: DecisionSubjectType) => t(SUBJECT_KEYS[s]);

/** Narrows a query-string value to one of a vocabulary's values. */
export function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The page of the record a decision is about: a programme, or the access requests list. */
export function subjectHref(type: DecisionSubjectType, id: string | null): string | null {
  if (id === null) return null;
  if (type === "programme") return `/programmes/${encodeURIComponent(id)}`;
  if (type === "access-request") return "/access-requests";
  if (type === "contributor-recognition") return `/recognitions/${encodeURIComponent(id)}`;
  if (type === "meeting-format") return `/meetings/${encodeURIComponent(id)}`;
  return null;
}
