// Response types, inferred from the backend's own Zod schemas so that the web app and the API
// cannot drift apart. Type-only imports: no Zod code reaches the browser bundle.
import type { z } from "zod";
import type {
  ZFramework,
  ZMapResponse,
  ZMember,
  ZMembership,
  ZMembersResponse,
} from "../../../src/domain/frameworks/frameworks.schema.ts";
import type { ZNation } from "../../../src/domain/nations/nations.schema.ts";
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
