// The operations and force generation API's types, inferred from the backend's Zod schemas
// (type-only: no Zod code reaches the browser bundle).
export type {
  TForceGenerationBoard as ForceGenerationBoard,
  TForceOffer as ForceOffer,
  TForceOfferActionInput as ForceOfferActionInput,
  TForceOfferInput as ForceOfferInput,
  TRequirementInput as RequirementInput,
  TRequirementLine as RequirementLine,
} from "../../../../src/domain/force-generation/force-generation.schema.ts";
export type {
  TContribution as Contribution,
  TContributionHistory as ContributionHistory,
  TContributionInput as ContributionInput,
  TListContributionsQuery as ListContributionsQuery,
  TListPostingsQuery as ListPostingsQuery,
  TListRecognitionsQuery as ListRecognitionsQuery,
  TNationRef as NationRef,
  TOfferRecognitionInput as OfferRecognitionInput,
  TOperation as Operation,
  TOperationSummary as OperationSummary,
  TPlacemat as Placemat,
  TPosting as Posting,
  TPostingInput as PostingInput,
  TRecognition as Recognition,
  TRecognitionActionInput as RecognitionActionInput,
} from "../../../../src/domain/operations/operations.schema.ts";

import type { TContribution, TPosting, TRecognition } from "../../../../src/domain/operations/operations.schema.ts";

export type ContributionKind = TContribution["kind"];
export type RecognitionStatus = TRecognition["status"];
export type RecognitionAction = TRecognition["actions"][number];
export type Headquarters = TPosting["headquarters"];
export type PostingRole = TPosting["role"];
export type ForceOfferAction = "accept" | "decline" | "withdraw";
