// The meetings API's types, taken type-only from the backend's Zod schemas.
export type {
  TActionItem as ActionItem,
  TActionItemInput as ActionItemInput,
  TActionItemUpdate as ActionItemUpdate,
  TAdjustmentInput as AdjustmentInput,
  TAgendaItem as AgendaItem,
  TAgendaItemInput as AgendaItemInput,
  TAgendaItemUpdate as AgendaItemUpdate,
  TAttendanceInput as AttendanceInput,
  TCriterion as Criterion,
  TMeeting as Meeting,
  TMeetingActionInput as MeetingActionInput,
  TMeetingInput as MeetingInput,
  TMeetingList as MeetingList,
  TMeetingSummary as MeetingSummary,
  TMeetingUpdate as MeetingUpdate,
  TParticipant as Participant,
  TParticipantReason as ParticipantReason,
  TResolvedParticipants as ResolvedParticipants,
  TResolveParticipantsInput as ResolveParticipantsInput,
} from "../../../../src/domain/meetings/meetings.schema.ts";
export type { TOperationSummary as OperationSummary } from "../../../../src/domain/operations/operations.schema.ts";
export type { TArea as Area } from "../../../../src/domain/partners/partners.schema.ts";

import type {
  ACTION_ITEM_STATUSES,
  CRITERION_KINDS,
  MEETING_ACTIONS,
  MEETING_LEVELS,
  MEETING_STATUSES,
} from "../../../../src/domain/meetings/meetings.schema.ts";

export type MeetingLevel = (typeof MEETING_LEVELS)[number];
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export type CriterionKind = (typeof CRITERION_KINDS)[number];
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
