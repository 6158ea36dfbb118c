import { code as id, send } from "../../api/client.ts";
import type {
  Contribution,
  ContributionHistory,
  ContributionInput,
  ForceGenerationBoard,
  ForceOffer,
  ForceOfferActionInput,
  ForceOfferInput,
  ListContributionsQuery,
  ListPostingsQuery,
  ListRecognitionsQuery,
  OfferRecognitionInput,
  Operation,
  OperationSummary,
  Placemat,
  Posting,
  PostingInput,
  Recognition,
  RecognitionActionInput,
  RequirementInput,
  RequirementLine,
} from "./types.ts";

/** The operations and force generation endpoints (src/http/routes/operations.ts, force-generation.ts). */
export const operationsApi = {
  list: (asOf: string | undefined, signal?: AbortSignal) =>
    send<{ operations: OperationSummary[] }>("/operations", { query: { asOf }, signal }),
  get: (c: string, signal?: AbortSignal) => send<Operation>(`/operations/${id(c)}`, { signal }),
  placemat: (c: string, asOf: string | undefined, signal?: AbortSignal) =>
    send<Placemat>(`/operations/${id(c)}/placemat`, { query: { asOf }, signal }),
  history: (c: string, signal?: AbortSignal) => send<ContributionHistory>(`/operations/${id(c)}/history`, { signal }),

  recognitions: (q: ListRecognitionsQuery, signal?: AbortSignal) =>
    send<{ recognitions: Recognition[] }>("/recognitions", { query: q, signal }),
  recognition: (rid: string, signal?: AbortSignal) => send<Recognition>(`/recognitions/${id(rid)}`, { signal }),
  offerRecognition: (input: OfferRecognitionInput) =>
    send<Recognition>("/recognitions", { method: "POST", body: input }),
  actOnRecognition: (rid: string, input: RecognitionActionInput) =>
    send<Recognition>(`/recognitions/${id(rid)}/actions`, { method: "POST", body: input }),

  contributions: (q: ListContributionsQuery, signal?: AbortSignal) =>
    send<{ contributions: Contribution[] }>("/contributions", { query: q, signal }),
  recordContribution: (input: ContributionInput) =>
    send<Contribution>("/contributions", { method: "POST", body: input }),

  postings: (q: ListPostingsQuery, signal?: AbortSignal) =>
    send<{ postings: Posting[] }>("/postings", { query: q, signal }),
  createPosting: (input: PostingInput) => send<Posting>("/postings", { method: "POST", body: input }),
  endPosting: (pid: string, endDate: string) =>
    send<Posting>(`/postings/${id(pid)}/end`, { method: "POST", body: { endDate } }),

  board: (c: string, signal?: AbortSignal) =>
    send<ForceGenerationBoard>(`/operations/${id(c)}/force-generation`, { signal }),
  createRequirement: (input: RequirementInput) =>
    send<RequirementLine>("/requirements", { method: "POST", body: input }),
  offerForces: (input: ForceOfferInput) => send<ForceOffer>("/force-offers", { method: "POST", body: input }),
  actOnForceOffer: (oid: string, input: ForceOfferActionInput) =>
    send<ForceOffer>(`/force-offers/${id(oid)}/actions`, { method: "POST", body: input }),
};
