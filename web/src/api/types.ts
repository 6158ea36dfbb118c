// Response types, inferred from the backend's own Zod schemas so that the web app and the API
// cannot drift apart. Type-only imports: no Zod code reaches the browser bundle.
import type { z } from "zod";
import type {
  TActivityAction,
  TActivityInput,
  TActivityKind,
  TActivityStatus,
  TIterationInput,
  TNominationStatus,
  TParticipantInput,
  ZActivityDetail,
  ZActivityPage,
  ZActivityRecord,
  ZActivitySummary,
  ZFacetCount,
  ZIterationDetail,
  ZIterationView,
  ZNominationListItem,
  ZNominationView,
} from "../../../src/domain/activities/activities.schema.ts";
import type { TImportReport } from "../../../src/domain/activities/transfer.schema.ts";
import type { TCreatedFeed, TCreateFeed, TFeedView } from "../../../src/domain/calendar/calendar.schema.ts";
import type { TDocument, TDocumentMeta, TDocumentPage } from "../../../src/domain/documents/documents.schema.ts";
import type {
  TAttendanceInput,
  TAttendanceSheet,
  TFeedbackReceipt,
  TFeedbackReport,
  TFeedbackSubmission,
  TQuestion,
  TQuestionnaire,
} from "../../../src/domain/feedback/feedback.schema.ts";
import type {
  ZFramework,
  ZMapResponse,
  ZMember,
  ZMembership,
  ZMembersResponse,
} from "../../../src/domain/frameworks/frameworks.schema.ts";
import type {
  TRole,
  TUserView,
  ZCreateOrganisation,
  ZCreateUser,
} from "../../../src/domain/identity/identity.schema.ts";
import type { TClassification, TClearance, TLabel } from "../../../src/domain/labels/labels.schema.ts";
import type { ZNation } from "../../../src/domain/nations/nations.schema.ts";
import type { ZNotificationList, ZNotificationView } from "../../../src/domain/notifications/notifications.schema.ts";
import type {
  ZPartnerArea,
  ZPartnerProfile,
  ZTimeline,
  ZTimelineEntry,
} from "../../../src/domain/partners/partners.schema.ts";
import type { ZAccessDecision, ZMilestone, ZOutcome, ZPolicyRule } from "../../../src/domain/policy/policy.schema.ts";
import type { Precision as BackendPrecision } from "../../../src/domain/shared/dates.ts";
import type { ZSource } from "../../../src/domain/sources/sources.schema.ts";

export type Precision = BackendPrecision;
export type Certainty = "confirmed" | "uncertain" | "disputed";

export type Nation = z.infer<typeof ZNation>;
export type NationsResponse = { nations: Nation[] };

export type Framework = z.infer<typeof ZFramework>;
export type FrameworksResponse = { asOf: string; frameworks: Framework[] };
export type Membership = z.infer<typeof ZMembership>;
export type Member = z.infer<typeof ZMember>;
export type MembersResponse = z.infer<typeof ZMembersResponse>;
export type MapResponse = z.infer<typeof ZMapResponse>;

export type PartnerArea = z.infer<typeof ZPartnerArea>;
export type PartnerProfile = z.infer<typeof ZPartnerProfile>;
export type Timeline = z.infer<typeof ZTimeline>;
export type TimelineEntry = z.infer<typeof ZTimelineEntry>;

export type Outcome = z.infer<typeof ZOutcome>;
export type PolicyRule = z.infer<typeof ZPolicyRule>;
export type AccessDecision = z.infer<typeof ZAccessDecision>;
export type Milestone = z.infer<typeof ZMilestone>;
export type MilestonesResponse = { milestones: Milestone[] };

export type Source = z.infer<typeof ZSource>;
export type SourcesResponse = { sources: Source[] };

/** The API's error body: { error: { code, message, details } }. */
export type FieldError = { field: string; message: string };
export type ApiErrorBody = {
  error: { code: string; message: string; details?: { fields?: FieldError[] } & Record<string, unknown> };
};

// ---------- Identity, labels, documents, audit ----------

export type Role = TRole;
export type Clearance = TClearance;
export type Classification = TClassification;
export type User = TUserView;
export type OrganisationKind = User["organisation"]["kind"];
export type LoginStage = "authenticated" | "totp-required" | "totp-enrolment-required";
export type LoginResponse = { stage: LoginStage; user: User };
export type MeResponse = { user: User | null; stage: LoginStage | null };
export type CreateUserInput = z.input<typeof ZCreateUser>;
export type CreateOrganisationInput = z.input<typeof ZCreateOrganisation>;

export type Label = TLabel;
export type LabelInput = { classification: Classification; releasableTo: string[]; policyIdentifier?: string };
export type LabelPreview = { label: Label; xml: string };

export type DocumentItem = TDocument;
export type DocumentPage = TDocumentPage;
export type DocumentMetaInput = TDocumentMeta;

// The following response shapes are declared inline in the backend's route files (which the
// browser build cannot import), so they are written out here; keep them in step with
// src/http/routes/{auth,admin,audit}.ts.

export type DemoAccount = {
  username: string;
  password: string;
  role: string;
  nation: string | null;
  totpSecret: string | null;
};
export type AuthConfig = { demo: boolean; demoAccounts: DemoAccount[] };
export type TotpEnrolment = { secret: string; uri: string; qrSvg: string };
export type TotpConfirmation = { recoveryCodes: string[]; user: User };

export type Session = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  /** Present once the API marks the caller's own session. */
  current?: boolean;
};
export type ApiToken = {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};
export type NewApiToken = { id: string; name: string; token: string };

export type Organisation = {
  id: string;
  name: string;
  kind: OrganisationKind;
  nation: string | null;
  createdAt: string;
};

export type AuditOutcome = "success" | "denied" | "invalid";
export type AuditEvent = {
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
  outcome: AuditOutcome;
  details: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
};
export type AuditQuery = {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  actor?: string | undefined;
  outcome?: AuditOutcome | undefined;
};
export type AuditVerification = {
  intact: boolean;
  events: number;
  head?: string;
  brokenAt?: number;
  reason?: string;
};

// ---------- The cooperation menu: activities, iterations, nominations ----------

export type ActivityKind = TActivityKind;
export type ActivityStatus = TActivityStatus;
export type ActivityAction = TActivityAction;
export type NominationStatus = TNominationStatus;
export type ActivityPage = z.infer<typeof ZActivityPage>;
export type ActivitySummary = z.infer<typeof ZActivitySummary>;
export type ActivityDetail = z.infer<typeof ZActivityDetail>;
export type ActivityRecord = z.infer<typeof ZActivityRecord>;
export type IterationDetail = z.infer<typeof ZIterationDetail>;
export type IterationView = z.infer<typeof ZIterationView>;
export type FacetCount = z.infer<typeof ZFacetCount>;
export type NominationView = z.infer<typeof ZNominationView>;
export type NominationListItem = z.infer<typeof ZNominationListItem>;
export type ParticipantInput = TParticipantInput;
export type ActivityInput = TActivityInput;
export type IterationInput = TIterationInput;

export type ImportReport = TImportReport;
export type Question = TQuestion;
export type Questionnaire = TQuestionnaire;
export type FeedbackSubmission = TFeedbackSubmission;
export type FeedbackReceipt = TFeedbackReceipt;
export type FeedbackReport = TFeedbackReport;
export type AttendanceSheet = TAttendanceSheet;
export type AttendanceInput = TAttendanceInput;
export type CalendarFeed = TFeedView;
export type CreatedCalendarFeed = TCreatedFeed;
export type CreateCalendarFeed = TCreateFeed;

// Notifications (the inbox).
export type Notification = z.infer<typeof ZNotificationView>;
export type NotificationList = z.infer<typeof ZNotificationList>;
