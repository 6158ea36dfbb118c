import { parseArgs } from "node:util";
import { readConfig } from "../config.js";
import { type AppContext, closeContext, createContext } from "../context.js";
import { isAppError } from "../errors.js";
import { commands } from "./commands.js";
import { consoleOutput, type Output } from "./output.js";

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
      strict: false,
    });
    const ctx = context ?? createContext(readConfig());
    if (!context) owned = ctx;
    await command.run(ctx, { positionals, options: values }, io);
    return 0;
  } catch (error) {
    if (isAppError(error)) {
      io.err(`${error.code}: ${error.message}`);
      return error.code === "VALIDATION" || error.code === "NOT_FOUND" ? 2 : 1;
    }
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return 1;
  } finally {
    if (owned) await closeContext(owned);
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"));
if (isMain) process.exitCode = await runCli(process.argv.slice(2));
