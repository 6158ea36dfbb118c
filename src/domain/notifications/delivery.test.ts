import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/support/test-db.js";
import { type Db, openDatabase } from "../../db/connect.js";
import { type DeliveryResult, deliverNotifications, linkPathOf, retryDelayMs } from "./delivery.js";
import { createMailer, type Mailer } from "./mailer.js";
import { type NewNotification, queueNotifications } from "./notifications.js";

// Outbox delivery (no SMTP configured): real .eml files in a temporary outbox folder, a real
// database; two runs at once (two handles on PostgreSQL) send each notice exactly once.

const NOW = new Date("2026-11-28T09:00:00Z");
const FROM = "entente@alliance.example";
let t: TestDb;
let outboxDir: string;
let labelId: string;
let orgId: string;

beforeAll(async () => {
  t = await createTestDb();
  outboxDir = await mkdtemp(path.join(tmpdir(), "entente-outbox-"));
  labelId = randomUUID();
  orgId = randomUUID();
  const at = NOW.toISOString();
  await t.db
    .insertInto("label")
    .values({
      id: labelId,
      policy_identifier: "NATO",
      classification: "NU",
      classification_rank: 1,
      created_at: at,
      review_at: null,
    })
    .execute();
  await t.db
    .insertInto("organisation")
    .values({ id: orgId, name: "International Staff", kind: "alliance-staff", nation_code: null, created_at: at })
    .execute();
}, 60_000);
afterAll(async () => {
  await t.destroy();
  await rm(outboxDir, { recursive: true, force: true });
});

async function insertUser(username: string, email: string | null): Promise<string> {
  const id = randomUUID();
  await t.db
    .insertInto("app_user")
    .values({
      id,
      username,
      display_name: username,
      organisation_id: orgId,
      clearance: "NR",
      is_poc: 0,
      password_hash: "unused",
      disabled: 0,
      totp_secret: null,
      totp_enabled: 0,
      totp_last_step: null,
      created_at: NOW.toISOString(),
    })
    .execute();
  // The factories do not set e-mail addresses: set the column directly.
  if (email !== null) await t.db.updateTable("app_user").set({ email }).where("id", "=", id).execute();
  return id;
}

function notice(recipient: NewNotification["recipient"], title: string, subjectId = randomUUID()): NewNotification {
  return {
    recipient,
    kind: "programme-submitted",
    subject: { type: "programme", id: subjectId },
    title,
    body: `${title}: the body.`,
    labelId,
  };
}

async function queue(notices: NewNotification[]): Promise<string[]> {
  await t.db.transaction().execute((trx) => queueNotifications(trx, notices, NOW));
  const rows = await t.db
    .selectFrom("notification")
    .select("id")
    .where(
      "title",
      "in",
      notices.map((n) => n.title),
    )
    .orderBy("title")
    .execute();
  return rows.map((r) => r.id);
}

async function stateOf(id: string) {
  return t.db
    .selectFrom("notification")
    .select(["delivery", "delivery_attempts", "next_attempt_at", "last_error", "sent_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Header fields of an RFC 5322 message: CRLF lines, folded lines unfolded, names lower-cased. */
function parseHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf("\r\n\r\n");
  expect(split).toBeGreaterThan(0);
  const unfolded = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const headers = new Map<string, string>();
  for (const line of unfolded.split("\r\n")) {
    const colon = line.indexOf(":");
    expect(colon).toBeGreaterThan(0);
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

/** The real outbox mailer, counting the sends (the files are still written by it). */
function countingMailer(inner: Mailer): { mailer: Mailer; sends: string[] } {
  const sends: string[] = [];
  return {
    sends,
    mailer: {
      kind: inner.kind,
      async send(message) {
        sends.push(message.id);
        await inner.send(message);
      },
    },
  };
}

const emlFiles = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith(".eml")).sort();

describe("the outbox mailer", () => {
  it("is chosen without an SMTP URL", () => {
    expect(createMailer({ smtpUrl: null, from: FROM, outboxDir }).kind).toBe("outbox");
    expect(createMailer({ smtpUrl: "smtp://127.0.0.1:2525", from: FROM, outboxDir }).kind).toBe("smtp");
  });

  it("refuses an id that is not safe as a file name (no write outside the outbox)", async () => {
    const mailer = createMailer({ smtpUrl: null, from: FROM, outboxDir });
    await expect(mailer.send({ id: "../escape", to: "a@example.org", subject: "s", text: "t" })).rejects.toThrow(
      /Unsafe notification id/,
    );
  });

  it("throws when the folder cannot be written (no fake success)", async () => {
    const blocker = path.join(outboxDir, "not-a-folder");
    await writeFile(blocker, "x");
    const mailer = createMailer({ smtpUrl: null, from: FROM, outboxDir: path.join(blocker, "outbox") });
    await expect(mailer.send({ id: randomUUID(), to: "a@example.org", subject: "s", text: "t" })).rejects.toThrow();
    await rm(blocker);
  });
});

describe("delivery to the outbox folder", () => {
  it("writes one .eml per addressable notice, marks the rest inbox-only, and sends nothing twice", async () => {
    const dir = path.join(outboxDir, "run");
    const alice = await insertUser("alice", "Alice.Partner@example.org");
    const bob = await insertUser("bob", null);
    const programmeId = randomUUID();
    const [toAlice, toBob, toGuest] = await queue([
      notice({ userId: alice }, "A programme was submitted", programmeId),
      notice({ userId: bob }, "B programme was submitted"),
      notice({ email: "Guest@Example.org" }, "C programme was submitted"),
    ]);
    if (!toAlice || !toBob || !toGuest) throw new Error("three notices expected");
    const mailer = createMailer({ smtpUrl: null, from: FROM, outboxDir: dir });

    expect(await deliverNotifications(t.db, mailer, NOW)).toEqual({ sent: 2, failed: 0, inboxOnly: 1 });
    expect(await emlFiles(dir)).toEqual([`${toAlice}.eml`, `${toGuest}.eml`].sort());
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const alices = parseHeaders(await readFile(path.join(dir, `${toAlice}.eml`), "utf8"));
    expect(alices.headers.get("to")).toBe("Alice.Partner@example.org");
    expect(alices.headers.get("from")).toBe(FROM);
    expect(alices.headers.get("subject")).toBe("A programme was submitted");
    expect(alices.headers.get("message-id")).toBe(`<notification.${toAlice}@alliance.example>`);
    expect(alices.headers.get("mime-version")).toBe("1.0");
    expect(alices.headers.has("date")).toBe(true);
    expect(alices.body).toContain("A programme was submitted: the body.");
    expect(alices.body).toContain(`/programmes/${programmeId}`);

    const guests = parseHeaders(await readFile(path.join(dir, `${toGuest}.eml`), "utf8"));
    expect(guests.headers.get("to")).toBe("guest@example.org");
    expect(guests.headers.get("subject")).toBe("C programme was submitted");

    expect(await stateOf(toAlice)).toEqual({
      delivery: "sent",
      delivery_attempts: 0,
      next_attempt_at: null,
      last_error: null,
      sent_at: NOW.toISOString(),
    });
    expect((await stateOf(toGuest)).delivery).toBe("sent");
    expect(await stateOf(toBob)).toEqual({
      delivery: "inbox-only",
      delivery_attempts: 0,
      next_attempt_at: null,
      last_error: null,
      sent_at: null,
    });

    // A second run, even much later, finds nothing to do.
    const later = new Date(NOW.getTime() + 24 * 3600_000);
    expect(await deliverNotifications(t.db, mailer, later)).toEqual({ sent: 0, failed: 0, inboxOnly: 0 });
    expect((await emlFiles(dir)).length).toBe(2);
  });

  it("keeps a notice pending with back-off when the outbox cannot be written, and sends it later", async () => {
    const carol = await insertUser("carol", "carol@example.org");
    const [id] = await queue([notice({ userId: carol }, "D programme was agreed")]);
    if (!id) throw new Error("one notice expected");
    const blocker = path.join(outboxDir, "blocked");
    await writeFile(blocker, "a file where the folder should be");
    const broken = createMailer({ smtpUrl: null, from: FROM, outboxDir: path.join(blocker, "outbox") });

    expect(await deliverNotifications(t.db, broken, NOW, { holder: "instance-a" })).toEqual({
      sent: 0,
      failed: 1,
      inboxOnly: 0,
    });
    const failed = await stateOf(id);
    expect(failed.delivery).toBe("pending");
    expect(failed.delivery_attempts).toBe(1);
    expect(failed.next_attempt_at).toBe(new Date(NOW.getTime() + 60_000).toISOString());
    expect(failed.last_error).toMatch(/^instance-a: /);

    const dir = path.join(outboxDir, "retry");
    const working = createMailer({ smtpUrl: null, from: FROM, outboxDir: dir });
    expect(await deliverNotifications(t.db, working, new Date(NOW.getTime() + 59_999))).toEqual({
      sent: 0,
      failed: 0,
      inboxOnly: 0,
    });
    const retryAt = new Date(NOW.getTime() + 60_000);
    expect(await deliverNotifications(t.db, working, retryAt)).toEqual({ sent: 1, failed: 0, inboxOnly: 0 });
    expect(await emlFiles(dir)).toEqual([`${id}.eml`]);
    expect(await stateOf(id)).toEqual({
      delivery: "sent",
      delivery_attempts: 1,
      next_attempt_at: null,
      last_error: null,
      sent_at: retryAt.toISOString(),
    });
  });

  it("two instances draining at once send every notice exactly once", async () => {
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, i) => insertUser(`concurrent${i}`, `concurrent${i}@example.org`)),
    );
    const ids = await queue(
      Array.from({ length: 60 }, (_, i) => notice({ userId: users[i % 6] ?? "" }, `E${String(i).padStart(2, "0")}`)),
    );
    const dir = path.join(outboxDir, "concurrent");
    const { mailer, sends } = countingMailer(createMailer({ smtpUrl: null, from: FROM, outboxDir: dir }));
    // PostgreSQL: a second pool, as a second app instance would have. SQLite: one file, one instance.
    const other: Db = t.engine === "postgres" ? openDatabase(t.config.database) : t.db;
    // Each instance runs small batches until it finds nothing: their claims interleave many times.
    const drain = async (db: Db, holder: string) => {
      let sent = 0;
      for (;;) {
        const r = await deliverNotifications(db, mailer, NOW, { batch: 3, holder });
        expect(r.failed + r.inboxOnly).toBe(0);
        if (r.sent === 0) return sent;
        sent += r.sent;
      }
    };
    try {
      await sql`select 1`.execute(other); // a connected pool, so neither instance starts late
      const [a, b] = await Promise.all([drain(t.db, "a"), drain(other, "b")]);
      expect(a + b).toBe(60);
    } finally {
      if (other !== t.db) await other.destroy();
    }
    expect([...sends].sort()).toEqual([...ids].sort());
    expect(await emlFiles(dir)).toEqual(ids.map((id) => `${id}.eml`).sort());
    const states = await t.db.selectFrom("notification").select(["delivery"]).where("id", "in", ids).execute();
    expect(states.map((s) => s.delivery)).toEqual(ids.map(() => "sent"));
  });

  it("a run whose claim expired mid-send leaves the newer holder's state alone (at least once)", async () => {
    const frank = await insertUser("frank", "frank@example.org");
    const [id] = await queue([notice({ userId: frank }, "G programme in force")]);
    if (!id) throw new Error("one notice expected");
    const dir = path.join(outboxDir, "expired");
    const real = createMailer({ smtpUrl: null, from: FROM, outboxDir: dir });
    const expired = new Date(NOW.getTime() + 5 * 60_000);
    const { mailer: second, sends: secondSends } = countingMailer(real);
    const inner: DeliveryResult[] = [];
    // The first run is stuck in its send past the claim: meanwhile another run takes the row over.
    const slow: Mailer = {
      kind: "outbox",
      async send(message) {
        inner.push(await deliverNotifications(t.db, second, expired));
        await real.send(message);
      },
    };
    expect(await deliverNotifications(t.db, slow, NOW)).toEqual({ sent: 1, failed: 0, inboxOnly: 0 });
    expect(inner).toEqual([{ sent: 1, failed: 0, inboxOnly: 0 }]);
    expect(secondSends).toEqual([id]);
    expect(await emlFiles(dir)).toEqual([`${id}.eml`]); // sent twice, one file: the same id overwrites
    expect(await stateOf(id)).toEqual({
      delivery: "sent",
      delivery_attempts: 0,
      next_attempt_at: null,
      last_error: null,
      sent_at: expired.toISOString(),
    });
  });

  it("claims at most one batch per run", async () => {
    const dave = await insertUser("dave", "dave@example.org");
    await queue(Array.from({ length: 5 }, (_, i) => notice({ userId: dave }, `F${i}`)));
    const mailer = createMailer({ smtpUrl: null, from: FROM, outboxDir: path.join(outboxDir, "batch") });
    expect(await deliverNotifications(t.db, mailer, NOW, { batch: 2 })).toEqual({ sent: 2, failed: 0, inboxOnly: 0 });
    expect(await deliverNotifications(t.db, mailer, NOW, { batch: 2 })).toEqual({ sent: 2, failed: 0, inboxOnly: 0 });
    expect(await deliverNotifications(t.db, mailer, NOW, { batch: 2 })).toEqual({ sent: 1, failed: 0, inboxOnly: 0 });
    expect(await deliverNotifications(t.db, mailer, NOW, { batch: 2 })).toEqual({ sent: 0, failed: 0, inboxOnly: 0 });
  });
});

describe("delivery rules", () => {
  it("backs off exponentially from one minute, capped at one hour", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  it("links to the subject's page as a path", () => {
    expect(linkPathOf("programme", "p1")).toBe("/programmes/p1");
    expect(linkPathOf("decision", "d1")).toBe("/decisions/d1");
    expect(linkPathOf("activity", "a1")).toBe("/activities/a1");
    expect(linkPathOf("access-request", "r1")).toBe("/access-requests");
    expect(linkPathOf("something-else", "x")).toBe("/inbox");
  });
});
