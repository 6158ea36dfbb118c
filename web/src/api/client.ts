import type {
  AccessDecision,
  ApiErrorBody,
  ApiToken,
  AuditEvent,
  AuditQuery,
  AuditVerification,
  AuthConfig,
  CreateOrganisationInput,
  CreateUserInput,
  DocumentItem,
  DocumentMetaInput,
  DocumentPage,
  FieldError,
  FrameworksResponse,
  LabelInput,
  LabelPreview,
  LoginResponse,
  MapResponse,
  MembersResponse,
  MeResponse,
  MilestonesResponse,
  Nation,
  NationsResponse,
  NewApiToken,
  Organisation,
  PartnerProfile,
  Session,
  SourcesResponse,
  Timeline,
  TotpConfirmation,
  TotpEnrolment,
  User,
} from "./types.ts";

/** A failed API call: the HTTP status and the API's error code, message and field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: FieldError[] = [],
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

type Query = Record<string, string | undefined>;

/**
 * "/activities" + { q: "piracy" } → "/api/activities?q=piracy". Undefined values are left out; an
 * empty string is sent, so the API can say that a required field is empty.
 */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `/api${path}?${qs}` : `/api${path}`;
}

export type SendOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  query?: Query | undefined;
  /** A JSON body, or FormData for a multipart upload. */
  body?: unknown;
  signal?: AbortSignal | undefined;
};

/**
 * One API call. Cookies go with it (same origin); the browser adds Origin and Sec-Fetch-Site,
 * which the API checks on cookie-authenticated writes. 204 answers resolve to undefined.
 */
export async function send<T>(path: string, options: SendOptions = {}): Promise<T> {
  const { method = "GET", query, body, signal } = options;
  const headers: Record<string, string> = { Accept: "application/json" };
  let payload: BodyInit | null = null;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      body: payload,
      credentials: "same-origin",
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK", cause instanceof Error ? cause.message : String(cause));
  }
  if (response.status === 204) return undefined as T;
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(json)) {
      const details = json.error.details ?? {};
      const fields = Array.isArray(details.fields) ? details.fields : [];
      throw new ApiError(response.status, json.error.code, json.error.message, fields, details);
    }
    throw new ApiError(response.status, "HTTP", `HTTP ${response.status}`);
  }
  return json as T;
}

const getJson = <T>(path: string, query?: Query, signal?: AbortSignal) => send<T>(path, { query, signal });
const post = <T>(path: string, body?: unknown) => send<T>(path, { method: "POST", body: body ?? {} });
const del = (path: string) => send<void>(path, { method: "DELETE" });

/** A path segment: codes and ids are encoded before they go into a URL. */
export const code = (c: string) => encodeURIComponent(c);

/** The typed API client: one function per endpoint the web app uses. */
export const api = {
  nations: (signal?: AbortSignal) => getJson<NationsResponse>("/nations", undefined, signal),
  nation: (c: string, signal?: AbortSignal) => getJson<Nation>(`/nations/${code(c)}`, undefined, signal),
  profile: (c: string, signal?: AbortSignal) =>
    getJson<PartnerProfile>(`/nations/${code(c)}/profile`, undefined, signal),
  timeline: (c: string, signal?: AbortSignal) => getJson<Timeline>(`/nations/${code(c)}/timeline`, undefined, signal),
  frameworks: (asOf: string | undefined, signal?: AbortSignal) =>
    getJson<FrameworksResponse>("/frameworks", { asOf }, signal),
  members: (c: string, asOf: string | undefined, signal?: AbortSignal) =>
    getJson<MembersResponse>(`/frameworks/${code(c)}/members`, { asOf }, signal),
  map: (asOf: string, signal?: AbortSignal) => getJson<MapResponse>("/map", { asOf }, signal),
  access: (q: { partner: string; audience: string; date: string }, signal?: AbortSignal) =>
    getJson<AccessDecision>("/policy/access", q, signal),
  milestones: (framework: string | undefined, signal?: AbortSignal) =>
    getJson<MilestonesResponse>("/milestones", { framework }, signal),
  sources: (signal?: AbortSignal) => getJson<SourcesResponse>("/sources", undefined, signal),

  // Authentication and the caller's own account
  authConfig: (signal?: AbortSignal) => getJson<AuthConfig>("/auth/config", undefined, signal),
  me: (signal?: AbortSignal) => getJson<MeResponse>("/auth/me", undefined, signal),
  login: (username: string, password: string) => post<LoginResponse>("/auth/login", { username, password }),
  secondFactor: (code: string) => post<LoginResponse>("/auth/totp", { code }),
  startEnrolment: () => post<TotpEnrolment>("/auth/totp/enrol"),
  confirmEnrolment: (code: string) => post<TotpConfirmation>("/auth/totp/confirm", { code }),
  logout: () => post<void>("/auth/logout"),
  sessions: (signal?: AbortSignal) => getJson<{ sessions: Session[] }>("/auth/sessions", undefined, signal),
  endSession: (id: string) => del(`/auth/sessions/${code(id)}`),
  tokens: (signal?: AbortSignal) => getJson<{ tokens: ApiToken[] }>("/auth/tokens", undefined, signal),
  createToken: (name: string) => post<NewApiToken>("/auth/tokens", { name }),
  revokeToken: (id: string) => del(`/auth/tokens/${code(id)}`),

  // Administration
  users: (signal?: AbortSignal) => getJson<{ users: User[] }>("/users", undefined, signal),
  createUser: (input: CreateUserInput) => post<User>("/users", input),
  disableUser: (id: string) => post<User>(`/users/${code(id)}/disable`),
  resetPassword: (id: string, password: string) => post<void>(`/users/${code(id)}/reset-password`, { password }),
  organisations: (signal?: AbortSignal) =>
    getJson<{ organisations: Organisation[] }>("/organisations", undefined, signal),
  createOrganisation: (input: CreateOrganisationInput) => post<Organisation>("/organisations", input),

  // Labelled documents
  documents: (q: { q?: string | undefined; cursor?: string | undefined; limit?: number }, signal?: AbortSignal) =>
    getJson<DocumentPage>(
      "/documents",
      { q: q.q, cursor: q.cursor, limit: q.limit === undefined ? undefined : String(q.limit) },
      signal,
    ),
  document: (id: string, signal?: AbortSignal) => getJson<DocumentItem>(`/documents/${code(id)}`, undefined, signal),
  documentContentUrl: (id: string) => `/api/documents/${code(id)}/content`,
  uploadDocument: (meta: DocumentMetaInput, file: File) => {
    const form = new FormData();
    form.append("meta", JSON.stringify(meta));
    form.append("file", file, file.name);
    return send<DocumentItem>("/documents", { method: "POST", body: form });
  },
  previewLabel: (label: LabelInput, signal?: AbortSignal) =>
    send<LabelPreview>("/labels/preview", { method: "POST", body: { label }, signal }),
  labelFromXml: (xml: string) => post<{ label: LabelInput }>("/labels/from-xml", { xml }),

  // Audit trail
  audit: (q: AuditQuery & { after?: number; limit?: number }, signal?: AbortSignal) =>
    getJson<{ events: AuditEvent[] }>(
      "/audit",
      {
        from: q.from,
        to: q.to,
        action: q.action,
        actor: q.actor,
        outcome: q.outcome,
        after: q.after === undefined ? undefined : String(q.after),
        limit: q.limit === undefined ? undefined : String(q.limit),
      },
      signal,
    ),
  verifyAudit: (signal?: AbortSignal) => getJson<AuditVerification>("/audit/verify", undefined, signal),
};
