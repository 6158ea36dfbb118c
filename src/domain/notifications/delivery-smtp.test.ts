import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../../test/support/test-db.js";
import { type Db, openDatabase } from "../../db/connect.js";
import { deliverNotifications } from "./delivery.js";
import { createMailer, type Mailer } from "./mailer.js";
import { type NewNotification, queueNotifications } from "./notifications.js";

// Delivery over SMTP to a real SMTP server (smtp-server on 127.0.0.1, an ephemeral port):
// each notice arrives exactly once; a rejection or a refused connection keeps it pending with
// back-off, and a later run sends it with the same Message-ID.

const NOW = new Date("2026-11-28T09:00:00Z");
const FROM = "entente@alliance.example";
const MINUTE = 60_000;
let t: TestDb;
let labelId: string;
let orgId: string;

type Received = { rcpt: string[]; raw: string; accepted: boolean };
type TestSmtp = { port: number; received: Received[]; rejectNext: number; stop: () => Promise<void> };

async function startSmtp(): Promise<TestSmtp> {
  const state = { received: [] as Received[], rejectNext: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const accepted = state.rejectNext === 0;
        const rcpt = session.envelope.rcptTo.map((a) => a.address);
        state.received.push({ rcpt, raw: Buffer.concat(chunks).toString("utf8"), accepted });
        if (accepted) return callback();
        state.rejectNext -= 1;
        callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(state, {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const smtpMailer = (port: number): Mailer =>
  createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, outboxDir: "/nonexistent/unused" });

beforeAll(async () => {
  t = await createTestDb();
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
afterAll(async () => t.destroy());

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

/** Queues notices in a committed transaction, as a change would; returns their ids in title order. */
async function queue(entries: Array<{ recipient: NewNotification["recipient"]; title: string }>): Promise<string[]> {
  const notices = entries.map(
    (e): NewNotification => ({
      recipient: e.recipient,
      kind: "silence-opened",
      subject: { type: "decision", id: `decision-${e.title}` },
      title: e.title,
      body: `${e.title}: the body.`,
      labelId,
    }),
  );
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

function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r\n[ \t]+/g, " ");
  const line = head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

describe("delivery over SMTP", () => {
  it("sends each addressable notice exactly once, and nothing on the next run", async () => {
    const smtp = await startSmtp();
    try {
      const alice = await insertUser("alice", "alice@example.org");
      const bob = await insertUser("bob", null);
      const [toAlice, toBob, toGuest] = await queue([
        { recipient: { userId: alice }, title: "A silence procedure opened" },
        { recipient: { userId: bob }, title: "B silence procedure opened" },
        { recipient: { email: "guest@example.org" }, title: "C silence procedure opened" },
      ]);
      const mailer = smtpMailer(smtp.port);
      expect(mailer.kind).toBe("smtp");

      expect(await deliverNotifications(t.db, mailer, NOW)).toEqual({ sent: 2, failed: 0, inboxOnly: 1 });
      // Notices queued together go out in id order: find each message by its recipient.
      expect(smtp.received.map((m) => m.rcpt).sort()).toEqual([["alice@example.org"], ["guest@example.org"]]);
      const first = smtp.received.find((m) => m.rcpt[0] === "alice@example.org");
      const second = smtp.received.find((m) => m.rcpt[0] === "guest@example.org");
      expect(header(first?.raw ?? "", "To")).toBe("alice@example.org");
      expect(header(first?.raw ?? "", "From")).toBe(FROM);
      expect(header(first?.raw ?? "", "Subject")).toBe("A silence procedure opened");
      expect(header(first?.raw ?? "", "Message-ID")).toBe(`<notification.${toAlice}@alliance.example>`);
      expect(first?.raw).toContain("A silence procedure opened: the body.");
      expect(first?.raw).toContain("/decisions/decision-A%20silence%20procedure%20opened");
      expect(header(second?.raw ?? "", "Subject")).toBe("C silence procedure opened");
      expect(header(second?.raw ?? "", "Message-ID")).toBe(`<notification.${toGuest}@alliance.example>`);

      expect((await stateOf(toAlice ?? "")).delivery).toBe("sent");
      expect((await stateOf(toGuest ?? "")).delivery).toBe("sent");
      expect((await stateOf(toBob ?? "")).delivery).toBe("inbox-only");

      expect(await deliverNotifications(t.db, mailer, new Date(NOW.getTime() + 60 * MINUTE))).toEqual({
        sent: 0,
        failed: 0,
        inboxOnly: 0,
      });
      expect(smtp.received.length).toBe(2);
    } finally {
      await smtp.stop();
    }
  });

  it("keeps a rejected notice pending with back-off, then sends it once with the same Message-ID", async () => {
    const smtp = await startSmtp();
    try {
      const carol = await insertUser("carol", "carol@example.org");
      const [id] = await queue([{ recipient: { userId: carol }, title: "D silence procedure ended" }]);
      if (!id) throw new Error("one notice expected");
      const mailer = smtpMailer(smtp.port);
      smtp.rejectNext = 1;

      expect(await deliverNotifications(t.db, mailer, NOW, { holder: "instance-a" })).toEqual({
        sent: 0,
        failed: 1,
        inboxOnly: 0,
      });
      const failed = await stateOf(id);
      expect(failed.delivery).toBe("pending");
      expect(failed.delivery_attempts).toBe(1);
      expect(failed.next_attempt_at).toBe(new Date(NOW.getTime() + MINUTE).toISOString());
      expect(failed.last_error).toMatch(/^instance-a: .*Mailbox busy, try again later/);
      expect(failed.sent_at).toBeNull();

      // Before the next attempt is due: nothing is sent.
      expect(await deliverNotifications(t.db, mailer, new Date(NOW.getTime() + MINUTE - 1000))).toEqual({
        sent: 0,
        failed: 0,
        inboxOnly: 0,
      });
      expect(smtp.received.length).toBe(1);

      const retryAt = new Date(NOW.getTime() + MINUTE);
      expect(await deliverNotifications(t.db, mailer, retryAt)).toEqual({ sent: 1, failed: 0, inboxOnly: 0 });
      expect(smtp.received.map((m) => m.accepted)).toEqual([false, true]);
      const messageIds = smtp.received.map((m) => header(m.raw, "Message-ID"));
      expect(messageIds).toEqual([`<notification.${id}@alliance.example>`, `<notification.${id}@alliance.example>`]);
      expect(await stateOf(id)).toEqual({
        delivery: "sent",
        delivery_attempts: 1,
        next_attempt_at: null,
        last_error: null,
        sent_at: retryAt.toISOString(),
      });
    } finally {
      await smtp.stop();
    }
  });

  it("retries a notice while the server is down, with growing back-off, and never loses it", async () => {
    const gone = await startSmtp();
    await gone.stop(); // its port now refuses connections
    const dave = await insertUser("dave", "dave@example.org");
    const [id] = await queue([{ recipient: { userId: dave }, title: "E access request decided" }]);
    if (!id) throw new Error("one notice expected");
    const down = smtpMailer(gone.port);

    expect(await deliverNotifications(t.db, down, NOW)).toEqual({ sent: 0, failed: 1, inboxOnly: 0 });
    const second = new Date(NOW.getTime() + MINUTE);
    expect(await deliverNotifications(t.db, down, second)).toEqual({ sent: 0, failed: 1, inboxOnly: 0 });
    const third = new Date(second.getTime() + 2 * MINUTE);
    expect(await deliverNotifications(t.db, down, third)).toEqual({ sent: 0, failed: 1, inboxOnly: 0 });
    const state = await stateOf(id);
    expect(state.delivery).toBe("pending");
    expect(state.delivery_attempts).toBe(3);
    expect(state.next_attempt_at).toBe(new Date(third.getTime() + 4 * MINUTE).toISOString());
    expect(state.last_error).toMatch(/ECONNREFUSED/);

    // Days later the mail server is back: the notice goes out once.
    const smtp = await startSmtp();
    try {
      const back = new Date(NOW.getTime() + 3 * 24 * 60 * MINUTE);
      expect(await deliverNotifications(t.db, smtpMailer(smtp.port), back)).toEqual({
        sent: 1,
        failed: 0,
        inboxOnly: 0,
      });
      expect(smtp.received.map((m) => m.rcpt)).toEqual([["dave@example.org"]]);
      expect((await stateOf(id)).delivery).toBe("sent");
    } finally {
      await smtp.stop();
    }
  });

  it("two instances draining at once deliver every notice exactly once", async () => {
    const smtp = await startSmtp();
    // PostgreSQL: a second pool, as a second app instance would have. SQLite: one file, one instance.
    const other: Db = t.engine === "postgres" ? openDatabase(t.config.database) : t.db;
    try {
      const erin = await insertUser("erin", "erin@example.org");
      const ids = await queue(
        Array.from({ length: 24 }, (_, i) => ({
          recipient: { userId: erin },
          title: `F${String(i).padStart(2, "0")}`,
        })),
      );
      const mailer = smtpMailer(smtp.port);
      const drain = async (db: Db, holder: string) => {
        let sent = 0;
        for (;;) {
          const r = await deliverNotifications(db, mailer, NOW, { batch: 2, holder });
          expect(r.failed + r.inboxOnly).toBe(0);
          if (r.sent === 0) return sent;
          sent += r.sent;
        }
      };
      await sql`select 1`.execute(other); // a connected pool, so neither instance starts late
      const [a, b] = await Promise.all([drain(t.db, "a"), drain(other, "b")]);
      expect(a + b).toBe(24);
      const received = smtp.received.map((m) => header(m.raw, "Message-ID")).sort();
      expect(received).toEqual(ids.map((id) => `<notification.${id}@alliance.example>`).sort());
    } finally {
      if (other !== t.db) await other.destroy();
      await smtp.stop();
    }
  });
});
