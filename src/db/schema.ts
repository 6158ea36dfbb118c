import type { Generated, Insertable, Selectable } from "kysely";

// Kysely table interfaces: the one description of the schema the code relies on.
// Dates are ISO-8601 text (YYYY-MM-DD) on both engines; booleans are 0/1 integers.
// Validity periods are half-open: valid_from is inclusive, valid_to (null = open) exclusive.

export type Precision = "day" | "month" | "year";
export type Certainty = "confirmed" | "uncertain" | "disputed";

export interface SourceTable {
  id: string;
  url: string;
  title: string;
  reliability: "primary" | "secondary" | "weak";
  note: string | null;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export interface NationTable {
  code: string;
  numeric_code: string | null;
  name: string;
  kind: "state" | "organisation";
  cite: string | null;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export interface FrameworkTable {
  code: string;
  name: string;
  kind: "alliance" | "partnership" | "dialogue";
  /** How one member is called, e.g. "an Ally", "a Contact Country". */
  member_title: string;
  includes_allies: number;
  description: string;
  sort_order: number;
  cite: string;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export interface FrameworkNameTable {
  framework_code: string;
  name: string;
  member_title: string;
  valid_from: string;
  valid_to: string | null;
  cite: string;
}

export interface MembershipTable {
  id: string;
  framework_code: string;
  nation_code: string;
  valid_from: string;
  valid_from_precision: Precision;
  valid_to: string | null;
  cite: string;
  certainty: Certainty;
  note: string | null;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export interface SuspensionTable {
  id: string;
  membership_id: string;
  valid_from: string;
  valid_to: string | null;
  cite: string;
  certainty: Certainty;
  note: string | null;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export interface MilestoneTable {
  id: string;
  date: string;
  precision: Precision;
  title: string;
  summary: string;
  cite: string;
  certainty: Certainty;
  note: string | null;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export interface MilestoneFrameworkTable {
  milestone_id: string;
  framework_code: string;
}

export interface MilestoneNationTable {
  milestone_id: string;
  nation_code: string;
}

export interface PolicyRuleTable {
  id: string;
  name: string;
  valid_from: string;
  valid_from_precision: Precision;
  valid_to: string | null;
  priority: number;
  partner_scope: "audience-member" | "member-of" | "any-nation";
  outcome: "open" | "council-approval" | "not-open";
  summary: string;
  milestone_id: string | null;
  cite: string;
}

export interface PolicyRuleFrameworkTable {
  rule_id: string;
  framework_code: string;
}

export interface PolicyRuleAudienceTable {
  rule_id: string;
  token: string;
}

export interface AreaTable {
  code: string;
  name: string;
}

export interface PartnerAreaTable {
  nation_code: string;
  area_code: string;
  extent: "exploratory" | "regular" | "intensive";
  since: string | null;
  cite: string;
  note: string | null;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export interface PartnerEventTable {
  id: string;
  nation_code: string;
  date: string;
  precision: Precision;
  title: string;
  cite: string;
  certainty: Certainty;
  note: string | null;
  /** Confidentiality label (migration 0003); "public" for the reference registry. */
  label_id: Generated<string>;
}

export type Role = "admin" | "staff" | "delegation" | "partner" | "hq" | "auditor" | "analyst";
export type ClearanceCode = "NU" | "NR" | "NC" | "NS";
export type ClassificationCode = "PUBLIC" | ClearanceCode;

export interface OrganisationTable {
  id: string;
  name: string;
  kind: "alliance-staff" | "command" | "delegation" | "mission" | "international-organisation";
  nation_code: string | null;
  created_at: string;
}

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  organisation_id: string;
  clearance: ClearanceCode;
  is_poc: number;
  password_hash: string;
  disabled: number;
  totp_secret: string | null;
  /** Being enrolled; becomes totp_secret when a code confirms it (migration 0004). */
  totp_pending_secret: Generated<string | null>;
  totp_enabled: number;
  totp_last_step: number | null;
  created_at: string;
  /** Where e-mail notifications go (migration 0015); none: inbox only. */
  email: Generated<string | null>;
}

export interface UserRoleTable {
  user_id: string;
  role: Role;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  mfa_verified: number;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: string;
  locked_until: string | null;
}

export interface LabelTable {
  id: string;
  policy_identifier: string;
  classification: ClassificationCode;
  classification_rank: number;
  created_at: string;
  review_at: string | null;
}

export interface LabelReleasableTable {
  label_id: string;
  token: string;
}

export interface AuditEventTable {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_username: string | null;
  actor_nation: string | null;
  actor_organisation: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  object_label: string | null;
  outcome: "success" | "denied" | "invalid";
  details: string | null;
  prev_hash: string;
  hash: string;
}

export interface DocumentTable {
  id: string;
  reference: string;
  title: string;
  document_date: string;
  label_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  search_text: string;
  uploaded_by: string;
  uploaded_at: string;
}

export type ActivityKind =
  | "course"
  | "exercise"
  | "workshop"
  | "conference"
  | "seminar"
  | "strategic-level-training"
  | "information-exchange"
  | "intelligence-exchange"
  | "technology-exchange"
  | "joint-operation-support";
export type ActivityStatus =
  | "proposed"
  | "approved"
  | "published"
  | "nominations-open"
  | "nominations-closed"
  | "conducted"
  | "feedback-collected"
  | "archived"
  | "cancelled";
export type NominationStatus = "confirmed" | "waitlisted" | "pending-owner" | "withdrawn" | "declined";

export interface ActivityTable {
  id: string;
  reference: string;
  /** The owning institution, as written. */
  owner: string;
  /** The owner's organisation in Entente, if it has users (migration 0008): they review nominations. */
  owner_organisation_id: string | null;
  title: string;
  kind: ActivityKind;
  description: string;
  /** Aim and objectives, fees and point of contact (migration 0013; '' when not given). */
  aim: Generated<string>;
  fees: Generated<string>;
  point_of_contact: Generated<string>;
  /** As written; read with parseTokens. */
  audience: string;
  required_clearance: ClearanceCode;
  language: string;
  /** STANAG 6001 level, 0-5. */
  language_level: number;
  label_id: string;
  status: ActivityStatus;
  created_at: string;
  updated_at: string;
  /** Folded reference, title, description and owner (migration 0007); indexed for full-text search. */
  search_text: Generated<string>;
}

export interface ActivityAreaTable {
  activity_id: string;
  area_code: string;
}

export interface IterationTable {
  id: string;
  activity_id: string;
  code: string;
  start_date: string;
  end_date: string;
  city: string;
  country_code: string;
  seats: number;
  confirmed_count: Generated<number>;
  nomination_deadline: string;
  two_step: Generated<number>;
  created_at: string;
  /** One run can be cancelled on its own (migration 0014). */
  status: Generated<IterationStatus>;
}

export type IterationStatus = "scheduled" | "cancelled";

export interface NominationTable {
  id: string;
  iteration_id: string;
  nation_code: string;
  participant_name: string;
  participant_email: string;
  rank: string;
  clearance: ClearanceCode;
  language_level: number;
  status: NominationStatus;
  waitlist_position: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AttendanceTable {
  nomination_id: string;
  iteration_id: string;
  /** 0/1. */
  attended: number;
  recorded_by: string;
  recorded_at: string;
}

export interface FeedbackTable {
  nomination_id: string;
  iteration_id: string;
  questionnaire_version: number;
  submitted_by: string;
  submitted_as: "partner" | "staff";
  submitted_at: string;
}

export interface FeedbackAnswerTable {
  nomination_id: string;
  question_id: string;
  rating: number | null;
  /** 0/1 for yes/no questions. */
  choice: number | null;
  comment: string | null;
}

export interface CalendarFeedTable {
  id: string;
  user_id: string;
  scope: "nation" | "mine";
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export type NotificationKind =
  | "activity-invitation"
  | "activity-cancelled"
  | "programme-commented"
  | "programme-submitted"
  | "programme-agreed"
  | "programme-status"
  | "silence-opened"
  | "silence-deadline-approaching"
  | "decision-ended"
  | "access-request-decided"
  | "meeting-invitation"
  | "meeting-changed"
  | "recognition-decided"
  | "force-offer-decided"
  | "action-item-assigned";

export type NotificationDelivery = "pending" | "sent" | "inbox-only";

/** A notice to a user (inbox) or to an e-mail address only (migration 0011); labelled like its subject. */
export interface NotificationTable {
  id: string;
  recipient_user_id: string | null;
  recipient_email: string | null;
  kind: NotificationKind;
  subject_type: string;
  subject_id: string;
  title: string;
  body: string;
  label_id: string;
  created_at: string;
  read_at: string | null;
  sent_at: string | null;
  /** E-mail delivery after commit (migration 0015): retried with back-off until sent. */
  delivery: Generated<NotificationDelivery>;
  delivery_attempts: Generated<number>;
  next_attempt_at: Generated<string | null>;
  last_error: Generated<string | null>;
}

export type DecisionBody = "NAC" | "PPC";
export type DecisionFormat = "allies-only" | "allies-plus-one" | "allies-plus-n" | "eapc" | "md" | "ici";
export type DecisionProcedure = "meeting" | "silence";
export type DecisionSubjectType =
  | "programme"
  | "access-request"
  | "contributor-recognition"
  | "meeting-format"
  | "free-text";
export type DecisionStatus = "open" | "adopted" | "silence-broken" | "not-adopted" | "withdrawn";

/** A decision of the Council or a committee, in a meeting or by silence procedure (migration 0015). */
export interface DecisionTable {
  id: string;
  reference: string;
  title: string;
  body: DecisionBody;
  format: DecisionFormat;
  procedure: DecisionProcedure;
  subject_type: DecisionSubjectType;
  subject_id: string | null;
  subject_text: Generated<string>;
  decision_date: string;
  status: DecisionStatus;
  deadline_at: string | null;
  deadline_local: string | null;
  deadline_zone: string | null;
  reminder_sent_at: string | null;
  broken_by_nation: string | null;
  broken_by_user_id: string | null;
  broken_reason: string | null;
  broken_at: string | null;
  outcome_note: Generated<string>;
  closed_at: string | null;
  label_id: string;
  created_by: string;
  created_at: string;
  search_text: Generated<string>;
}

export interface DecisionParticipantTable {
  decision_id: string;
  nation_code: string;
}

export interface DecisionAllyPresentTable {
  decision_id: string;
  nation_code: string;
}

export type ProgrammeType = "annual-work-programme" | "ipcp" | "itpp";
export type ProgrammeStatus =
  | "draft"
  | "consultation"
  | "submitted"
  | "agreed"
  | "in-force"
  | "under-review"
  | "completed"
  | "superseded"
  | "withdrawn";

/** A partner's programme of cooperation (migration 0015); its content lives in revisions. */
export interface ProgrammeTable {
  id: string;
  nation_code: string;
  type: ProgrammeType;
  title: string;
  period_start: string;
  period_end: string;
  status: ProgrammeStatus;
  current_revision: Generated<number>;
  council_decision_id: string | null;
  accepted_at: string | null;
  accepted_by: string | null;
  superseded_by: string | null;
  label_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  search_text: Generated<string>;
}

export interface ProgrammeRevisionTable {
  programme_id: string;
  number: number;
  title: string;
  /** JSON: TProgrammeContent. */
  content: string;
  note: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface ProgrammeCommentTable {
  id: string;
  programme_id: string;
  revision_number: number;
  section: string;
  body: string;
  author_user_id: string;
  created_at: string;
}

export type AccessRequestStatus = "requested" | "in-decision" | "granted" | "refused" | "withdrawn";

/** A nation's request to join one activity with the Council's case-by-case approval (migration 0015). */
export interface AccessRequestTable {
  id: string;
  nation_code: string;
  activity_id: string;
  reason: string;
  status: AccessRequestStatus;
  decision_id: string | null;
  label_id: string;
  requested_by: string;
  created_at: string;
  decided_at: string | null;
}

export interface JobLeaseTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** A NATO-led operation (migration 0016): public reference data, from data/seed/operations.yaml. */
export interface OperationTable {
  code: string;
  name: string;
  theatre: string;
  mandate: string;
  start_date: string;
  start_precision: Precision;
  /** Exclusive; null while ongoing. */
  end_date: string | null;
  end_precision: Precision | null;
  cite: string;
  note: string | null;
  sort_order: Generated<number>;
  label_id: Generated<string>;
}

export type RecognitionStatus =
  | "offered"
  | "advised"
  | "in-decision"
  | "recognised"
  | "declined"
  | "withdrawn"
  | "ended";

/** A non-NATO nation's case for recognition as a contributor to an operation (migration 0016). */
export interface ContributorRecognitionTable {
  id: string;
  operation_code: string;
  nation_code: string;
  status: RecognitionStatus;
  offer: string;
  offered_on: string;
  advice: string | null;
  advised_by: string | null;
  advised_at: string | null;
  decision_id: string | null;
  /** The Council decision's date; the contributor's PMF rights start on it. */
  recognised_from: string | null;
  /** Exclusive; null while recognised. */
  recognised_to: string | null;
  label_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export type ContributionKind = "troops" | "funding" | "development-project" | "medical" | "equipment" | "training";

/** What a nation contributed to an operation (migration 0016); troops are dated snapshots. */
export interface ContributionTable {
  id: string;
  operation_code: string;
  nation_code: string;
  kind: ContributionKind;
  as_of: string;
  /** Required for troops, null for other kinds. */
  troops: number | null;
  /** Whole units of `currency`; both null or both set. */
  amount: number | null;
  currency: string | null;
  description: Generated<string>;
  cite: string | null;
  label_id: string;
  created_by: string;
  created_at: string;
}

/** A line of an operation's statement of requirements (CJSOR) (migration 0016). */
export interface RequirementTable {
  id: string;
  operation_code: string;
  line_number: number;
  capability: string;
  quantity: number;
  unit: Generated<string>;
  period_start: string;
  period_end: string;
  location: string;
  status: Generated<"open" | "closed">;
  label_id: string;
  created_by: string;
  created_at: string;
}

export type ForceOfferStatus = "offered" | "accepted" | "declined" | "withdrawn";

/** A nation's offer against a requirement line (migration 0016). */
export interface ForceOfferTable {
  id: string;
  requirement_id: string;
  nation_code: string;
  quantity: number;
  status: ForceOfferStatus;
  note: Generated<string>;
  label_id: string;
  offered_by: string;
  offered_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export type Headquarters =
  | "SHAPE"
  | "NATO-HQ"
  | "ISAF-HQ"
  | "KFOR-HQ"
  | "JFC-BRUNSSUM"
  | "JFC-NAPLES"
  | "MARCOM"
  | "ICC";
export type PostingRole = "liaison-officer" | "partner-representative" | "staff-officer";

/** A nation's officer posted to a headquarters (migration 0016). */
export interface PostingTable {
  id: string;
  nation_code: string;
  officer_name: string;
  headquarters: Headquarters;
  role: PostingRole;
  operation_code: string | null;
  start_date: string;
  /** Exclusive; null while posted. */
  end_date: string | null;
  note: Generated<string>;
  label_id: string;
  created_by: string;
  created_at: string;
}

export type MeetingLevel = "ambassadors" | "ministers" | "heads-of-state-and-government";
export type MeetingStatus = "planning" | "format-in-decision" | "format-agreed" | "invited" | "held" | "cancelled";
export type MeetingCriterionKind = "framework" | "contributors" | "area" | "nation";

/** A meeting in a flexible format (migration 0016). */
export interface MeetingTable {
  id: string;
  title: string;
  topic: Generated<string>;
  body: DecisionBody;
  level: MeetingLevel;
  format: DecisionFormat;
  starts_at: string;
  starts_local: string;
  time_zone: string;
  meeting_date: string;
  duration_minutes: number;
  place: string;
  status: MeetingStatus;
  format_decision_id: string | null;
  outcome: Generated<string>;
  label_id: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  search_text: Generated<string>;
}

export interface MeetingCriterionTable {
  meeting_id: string;
  kind: MeetingCriterionKind;
  value: string;
}

export interface MeetingAdjustmentTable {
  meeting_id: string;
  nation_code: string;
  action: "add" | "remove";
  note: Generated<string>;
  adjusted_by: string;
  adjusted_at: string;
}

/** The participant list frozen when invitations go out; attendance is recorded on it. */
export interface MeetingInvitationTable {
  meeting_id: string;
  nation_code: string;
  /** JSON: TParticipantReason[]. */
  reasons: string;
  invited_at: string;
  attended: number | null;
  representative: string | null;
}

export interface AgendaItemTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  description: Generated<string>;
  operation_code: string | null;
  outcome: Generated<string>;
}

export interface AgendaDocumentTable {
  agenda_item_id: string;
  document_id: string;
}

export type ActionItemStatus = "open" | "in-progress" | "done" | "dropped";

export interface ActionItemTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  text: string;
  owner_code: string;
  due_date: string;
  status: ActionItemStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  source: SourceTable;
  nation: NationTable;
  framework: FrameworkTable;
  framework_name: FrameworkNameTable;
  membership: MembershipTable;
  suspension: SuspensionTable;
  milestone: MilestoneTable;
  milestone_framework: MilestoneFrameworkTable;
  milestone_nation: MilestoneNationTable;
  policy_rule: PolicyRuleTable;
  policy_rule_framework: PolicyRuleFrameworkTable;
  policy_rule_audience: PolicyRuleAudienceTable;
  area: AreaTable;
  partner_area: PartnerAreaTable;
  partner_event: PartnerEventTable;
  organisation: OrganisationTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  recovery_code: RecoveryCodeTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  label: LabelTable;
  label_releasable: LabelReleasableTable;
  audit_event: AuditEventTable;
  document: DocumentTable;
  activity: ActivityTable;
  activity_area: ActivityAreaTable;
  iteration: IterationTable;
  nomination: NominationTable;
  attendance: AttendanceTable;
  feedback: FeedbackTable;
  feedback_answer: FeedbackAnswerTable;
  calendar_feed: CalendarFeedTable;
  notification: NotificationTable;
  decision: DecisionTable;
  decision_participant: DecisionParticipantTable;
  decision_ally_present: DecisionAllyPresentTable;
  programme: ProgrammeTable;
  programme_revision: ProgrammeRevisionTable;
  programme_comment: ProgrammeCommentTable;
  access_request: AccessRequestTable;
  job_lease: JobLeaseTable;
  operation: OperationTable;
  contributor_recognition: ContributorRecognitionTable;
  contribution: ContributionTable;
  requirement: RequirementTable;
  force_offer: ForceOfferTable;
  posting: PostingTable;
  meeting: MeetingTable;
  meeting_criterion: MeetingCriterionTable;
  meeting_adjustment: MeetingAdjustmentTable;
  meeting_invitation: MeetingInvitationTable;
  agenda_item: AgendaItemTable;
  agenda_document: AgendaDocumentTable;
  action_item: ActionItemTable;
}

export type Nation = Selectable<NationTable>;
export type NewNation = Insertable<NationTable>;
export type Membership = Selectable<MembershipTable>;
export type PolicyRule = Selectable<PolicyRuleTable>;
