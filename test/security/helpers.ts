import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import type { Config } from "../../src/config.js";
import type { AppContext, Clock } from "../../src/context.js";
import { type DocumentStore, documentStore } from "../../src/domain/documents/documents.js";
import type { TestDb } from "../support/test-db.js";

// Shared plumbing for the security suite: temporary document stores, contexts with a clock the
// test controls, session cookies and audit-trail counting. No assertions live here.

/** A clock the test moves by hand: sessions, throttling and TOTP all read it through the context. */
export class MutableClock implements Clock {
  current: Date;
  constructor(start: string | Date) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  today(): string {
    return this.current.toISOString().slice(0, 10);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(at: string | Date): void {
    this.current = new Date(at);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export type TempDataDir = { dataDir: string; store: DocumentStore; cleanup: () => void };

/** A data directory of its own under the system temp dir; the document store the routes use lives in it. */
export function tempDataDir(prefix = "entente-security-"): TempDataDir {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dataDir,
    store: documentStore(dataDir),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export type ContextOptions = {
  dataDir?: string;
  throttle?: Config["throttle"];
  session?: Config["session"];
};

/** An AppContext over the test database with a chosen clock and (optionally) data dir and limits. */
export function securityContext(testDb: TestDb, clock: Clock, options: ContextOptions = {}): AppContext {
  const config: Config = Object.freeze({
    ...testDb.config,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.throttle === undefined ? {} : { throttle: Object.freeze({ ...options.throttle }) }),
    ...(options.session === undefined ? {} : { session: Object.freeze({ ...options.session }) }),
  });
  return Object.freeze({ config, db: testDb.db, clock });
}

/** The session cookie a response set (plain name: app.inject speaks HTTP), or undefined. */
export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === "entente_session" || c.name === "__Host-entente_session")?.value;
}

/** Headers a same-origin browser sends with a cookie-authenticated request. */
export function sameOrigin(token: string): Record<string, string> {
  return { cookie: `entente_session=${token}`, "sec-fetch-site": "same-origin" };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Password login through the API; returns the response and the session token it set. */
export async function loginHttp(app: FastifyInstance, username: string, password: string) {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  return { res, status: res.statusCode, body: res.json(), token: sessionCookieOf(res) };
}

export type AuditRow = {
  seq: number;
  action: string;
  outcome: string;
  actor_username: string | null;
  object_id: string | null;
  object_label: string | null;
};

/** The newest sequence number of the audit trail (0 when empty). */
export async function auditHead(testDb: TestDb): Promise<number> {
  const row = await testDb.db
    .selectFrom("audit_event")
    .select("seq")
    .orderBy("seq", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.seq ?? 0;
}

/** The audit events written after `seq`, oldest first. */
export async function auditSince(testDb: TestDb, seq: number): Promise<AuditRow[]> {
  return testDb.db
    .selectFrom("audit_event")
    .select(["seq", "action", "outcome", "actor_username", "object_id", "object_label"])
    .where("seq", ">", seq)
    .orderBy("seq")
    .execute();
}

/** Field names a VALIDATION error names. */
export function fieldsOf(body: unknown): string[] {
  const error = (body as { error?: { details?: { fields?: { field: string }[] } } }).error;
  return (error?.details?.fields ?? []).map((f) => f.field);
}

/** Runs `tasks` with at most `limit` in flight; results in order. */
export async function inBatches<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      const task = tasks[i];
      if (task === undefined) return;
      results[i] = await task();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A multipart/form-data upload body: a `meta` JSON field and a `file`, plus any extra text fields. */
export function multipartUpload(
  meta: unknown,
  file: { filename: string; content: string | Buffer },
  extraFields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----entente-security-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  const field = (name: string, value: string) =>
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  field("meta", JSON.stringify(meta));
  for (const [name, value] of Object.entries(extraFields)) field(name, value);
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
