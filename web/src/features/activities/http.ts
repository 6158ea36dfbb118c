import { ApiError } from "../../api/client.ts";

// The shared API client (api/client.ts) keeps its request function private and has no PUT, so the
// cooperation-menu features send their calls through this small twin of it. It throws the same
// ApiError, so Field.tsx and States.tsx read its errors exactly as they read the client's.

type Query = Record<string, string | undefined>;

export type SendOptions = {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  query?: Query | undefined;
  /** A JSON body, or FormData for a multipart upload. */
  body?: unknown;
  signal?: AbortSignal | undefined;
};

/** "/activities" + { q: "piracy" } → "/api/activities?q=piracy" (undefined and "" values left out). */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== "") params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `/api${path}?${qs}` : `/api${path}`;
}

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

/** One same-origin API call; 204 resolves to undefined, failures throw ApiError. */
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

export const id = (value: string) => encodeURIComponent(value);
