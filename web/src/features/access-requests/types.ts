// The access request API's types, taken type-only from the backend's Zod schemas.
export type {
  TAccessRequest as AccessRequest,
  TAccessRequestInput as AccessRequestInput,
  TAccessRequestList as AccessRequestList,
  TListAccessRequestsQuery as ListAccessRequestsQuery,
} from "../../../../src/domain/access-requests/access-requests.schema.ts";

import type { ACCESS_REQUEST_STATUSES } from "../../../../src/domain/access-requests/access-requests.schema.ts";

export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];
