import path from "node:path";
import { z } from "zod";
import { AppError } from "./errors.js";
import { findProjectRoot } from "./paths.js";

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  ENTENTE_DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL (unset it to use SQLite)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ENTENTE_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ENTENTE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  ENTENTE_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /** smtp://user:pass@host:port or smtps://…; unset: e-mails are written to <data dir>/outbox. */
  ENTENTE_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL (unset it to write e-mails to the outbox folder)")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  ENTENTE_MAIL_FROM: z.string().email("must be an e-mail address").default("entente@localhost"),
  ENTENTE_SCHEDULER_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ENTENTE_DEMO: z
    .enum(["0", "1", "true", "false", ""])
    .default("")
    .transform((v) => v === "1" || v === "true"),
});

export type DatabaseConfig =
  | { readonly engine: "sqlite"; readonly file: string }
  | { readonly engine: "postgres"; readonly url: string };

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseConfig;
  logLevel: z.infer<typeof ZEnv>["ENTENTE_LOG_LEVEL"];
  webDir: string;
  /** Demo mode: demo users are seeded and their passwords shown on the login page. */
  demo: boolean;
  session: Readonly<{ idleMinutes: number; maxHours: number }>;
  /** E-mail: SMTP when a URL is set, else .eml files in `outboxDir`. */
  mail: Readonly<{ smtpUrl: string | null; from: string; outboxDir: string }>;
  /** How often the scheduler processes due deadlines and e-mail delivery. */
  schedulerIntervalSeconds: number;
  /** Login throttling: back-off starts after `freeFailures`; `lockAfter` failures lock for `lockMinutes`. */
  throttle: Readonly<{ freeFailures: number; lockAfter: number; lockMinutes: number }>;
}>;

/** Reads the environment once, validates all of it, and lists every problem at once. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new AppError("CONFIG", `Invalid configuration: ${problems.join("; ")}`, { problems });
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.ENTENTE_DATA_DIR);
  const database: DatabaseConfig = e.DATABASE_URL
    ? { engine: "postgres", url: e.DATABASE_URL }
    : { engine: "sqlite", file: path.join(dataDir, "entente.sqlite") };
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: Object.freeze(database),
    logLevel: e.ENTENTE_LOG_LEVEL,
    webDir: path.join(findProjectRoot(), "web", "dist"),
    demo: e.ENTENTE_DEMO,
    session: Object.freeze({ idleMinutes: e.ENTENTE_SESSION_IDLE_MINUTES, maxHours: e.ENTENTE_SESSION_MAX_HOURS }),
    mail: Object.freeze({
      smtpUrl: e.ENTENTE_SMTP_URL ?? null,
      from: e.ENTENTE_MAIL_FROM,
      outboxDir: path.join(dataDir, "outbox"),
    }),
    schedulerIntervalSeconds: e.ENTENTE_SCHEDULER_SECONDS,
    throttle: Object.freeze({ freeFailures: 3, lockAfter: 10, lockMinutes: 15 }),
  });
}
