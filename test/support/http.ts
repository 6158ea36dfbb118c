import type { AppContext } from "../../src/context.js";
import type { Db } from "../../src/db/connect.js";
import { createApiToken } from "../../src/domain/identity/api-tokens.js";
import { findUserByUsername, viewerOf } from "../../src/domain/identity/users.js";
import type { Viewer } from "../../src/domain/labels/viewer.js";
import { buildApp } from "../../src/http/app.js";
import type { TestDb } from "./test-db.js";

// The app in-process for HTTP tests: API tokens for the test's users, and one `call` that sends a
// request as one of them. The clock is the test's, so a test can move it across a deadline.

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function startHttpHarness(t: TestDb, now: () => Date) {
  const ctx: AppContext = Object.freeze({
    config: t.config,
    db: t.db,
    clock: { now, today: () => now().toISOString().slice(0, 10) },
  });
  const app = await buildApp(ctx, { serveWeb: false });
  const tokens = new Map<string, string>();

  /** Gives the viewer's user an API token under `key`, for `call(…, key)`. */
  async function tokenFor(key: string, viewer: Viewer, db: Db = t.db): Promise<void> {
    const user = await findUserByUsername(db, viewer.username ?? "");
    if (!user) throw new Error(`no user ${viewer.username}`);
    tokens.set(key, (await createApiToken(db, viewerOf(user), { name: key }, now())).token);
  }

  /** One request, as the user of `as` (anonymous without); JSON answers are parsed. */
  async function call(method: HttpMethod, url: string, as?: string, payload?: unknown) {
    const token = as === undefined ? undefined : tokens.get(as);
    if (as !== undefined && token === undefined) throw new Error(`no token for ${as}`);
    const res = await app.inject({
      method,
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const json = res.headers["content-type"]?.toString().startsWith("application/json") ? res.json() : null;
    return { status: res.statusCode, body: json, text: res.body, type: res.headers["content-type"], raw: res };
  }

  return { app, tokenFor, call, close: () => app.close() };
}

/** The fields an error answer names. */
export const fieldsOf = (body: { error: { details?: { fields?: { field: string }[] } } }) =>
  body.error.details?.fields?.map((f) => f.field);

export type HttpHarness = Awaited<ReturnType<typeof startHttpHarness>>;
