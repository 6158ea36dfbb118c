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
  });
}
