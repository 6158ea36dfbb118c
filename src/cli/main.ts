import { parseArgs } from "node:util";
import { readConfig } from "../config.js";
import { type AppContext, closeContext, createContext } from "../context.js";
import { isAppError } from "../errors.js";
import { ACTIVITY_CLI_OPTIONS } from "./activity-commands.js";
import { commands } from "./commands.js";
import { DECISION_CLI_OPTIONS } from "./decision-commands.js";
import { consoleOutput, type Output } from "./output.js";

const text = { type: "string" } as const;
const flag = { type: "boolean" } as const;
/** Every option any command takes; an unknown option is an error, not silently ignored. */
const CLI_OPTIONS = {
  "as-of": text,
  date: text,
  kind: text,
  q: text,
  framework: text,
  from: text,
  to: text,
  json: flag,
  demo: flag,
  name: text,
  organisation: text,
  clearance: text,
  roles: text,
  poc: flag,
  email: text,
  scale: text,
  ...ACTIVITY_CLI_OPTIONS,
  ...DECISION_CLI_OPTIONS,
} as const;

function usage(): string {
  const lines = Object.values(commands).map((c) => `  entente ${c.usage.padEnd(72)} ${c.summary}`);
  return ["Usage:", ...lines, "", "Environment: PORT, HOST, ENTENTE_DATA_DIR, DATABASE_URL (see README)."].join("\n");
}

/**
 * Runs one CLI command; returns the process exit code (0 ok, 1 failure, 2 bad input).
 * A caller-supplied context (tests) is used as is and left open.
 */
export async function runCli(argv: string[], io: Output = consoleOutput, context?: AppContext): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    io.err(name && name !== "help" && name !== "--help" ? `Unknown command '${name}'.\n\n${usage()}` : usage());
    return name && name !== "help" && name !== "--help" ? 2 : 0;
  }
  let owned: AppContext | undefined;
  try {
    const { positionals, values } = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: CLI_OPTIONS,
    });
    const ctx = context ?? createContext(readConfig(values.demo ? { ...process.env, ENTENTE_DEMO: "1" } : process.env));
    if (!context) owned = ctx;
    await command.run(ctx, { positionals, options: values }, io);
    return 0;
  } catch (error) {
    if (isAppError(error)) {
      io.err(`${error.code}: ${error.message}`);
      return error.code === "VALIDATION" || error.code === "NOT_FOUND" ? 2 : 1;
    }
    if (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
      io.err(`VALIDATION: ${error.message}\n\n${usage()}`);
      return 2;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  } finally {
    if (owned) await closeContext(owned);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isMain) process.exitCode = await runCli(process.argv.slice(2));
