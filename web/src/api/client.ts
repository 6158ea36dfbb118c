import type {
  AccessDecision,
  ApiErrorBody,
  FieldError,
  FrameworksResponse,
  MapResponse,
  MembersResponse,
  MilestonesResponse,
  Nation,
  NationsResponse,
  PartnerProfile,
  SourcesResponse,
  Timeline,
} from "./types.ts";

/** A failed API call: the HTTP status and the API's error code, message and field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
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

function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `/api${path}?${qs}` : `/api${path}`;
}

async function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers: { Accept: "application/json" }, signal: signal ?? null });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK", cause instanceof Error ? cause.message : String(cause));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    if (isErrorBody(body)) {
      const fields = Array.isArray(body.error.details?.fields) ? body.error.details.fields : [];
      throw new ApiError(response.status, body.error.code, body.error.message, fields);
    }
    throw new ApiError(response.status, "HTTP", `HTTP ${response.status}`);
  }
  return body as T;
}

const code = (c: string) => encodeURIComponent(c);

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
};
