import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { createTransport } from "nodemailer";
import type { Config } from "../../config.js";

// How e-mail leaves the application: SMTP when a URL is configured, else RFC 5322 files in the
// outbox folder of the data directory (an operator or a mail pickup agent takes them from there).
// Either way a failure throws: delivery.ts keeps the notice pending and retries it later.

export type MailMessage = { id: string; to: string; subject: string; text: string };

export type Mailer = {
  kind: "smtp" | "outbox";
  send(message: MailMessage): Promise<void>;
};

// A stalled server must not hold a scheduler run (and its claims) for nodemailer's default minutes.
const SMTP_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 };

// Notification ids are UUIDs; anything else must never become a path outside the outbox.
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,127}$/;

export function createMailer(mail: Config["mail"]): Mailer {
  return mail.smtpUrl === null
    ? createOutboxMailer(mail.outboxDir, mail.from)
    : createSmtpMailer(mail.smtpUrl, mail.from);
}

/** The Message-ID a notice always gets: a retried send is recognisably the same message. */
export function messageIdOf(id: string, from: string): string {
  const domain = from.split("@")[1] || "localhost";
  return `<notification.${id}@${domain}>`;
}

function createSmtpMailer(url: string, from: string): Mailer {
  // Options from the URL (host, port, auth, ?query options) take precedence over the timeouts.
  const transport = createTransport({ url, ...SMTP_TIMEOUTS });
  return {
    kind: "smtp",
    async send(message) {
      checkId(message.id);
      const info = await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: messageIdOf(message.id, from),
      });
      // One recipient: nodemailer already fails when it is rejected; stay explicit anyway.
      if (info.rejected.length > 0) throw new Error(`SMTP server rejected ${info.rejected.join(", ")}`);
    },
  };
}

function createOutboxMailer(outboxDir: string, from: string): Mailer {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: "windows" });
  return {
    kind: "outbox",
    async send(message) {
      checkId(message.id);
      const info = await composer.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: messageIdOf(message.id, from),
      });
      if (!Buffer.isBuffer(info.message)) throw new Error("The e-mail composer returned no message");
      await mkdir(outboxDir, { recursive: true });
      // Temp name then rename: a reader never sees half a file; the same id overwrites (idempotent).
      const final = path.join(outboxDir, `${message.id}.eml`);
      const temp = path.join(outboxDir, `.${message.id}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        await writeDurably(temp, info.message);
        await rename(temp, final);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      await syncDirectory(outboxDir);
    },
  };
}

/** Written and flushed before the rename: the notice is marked sent only once the bytes are on disk. */
async function writeDurably(file: string, data: Buffer): Promise<void> {
  const handle = await open(file, "wx");
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the rename itself durable where the platform allows syncing a directory (not Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Best effort only: the file is complete either way.
  } finally {
    await handle?.close();
  }
}

function checkId(id: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`Unsafe notification id for an e-mail: ${JSON.stringify(id)}`);
}
