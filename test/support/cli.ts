import { runCli } from "../../src/cli/main.js";
import type { AppContext } from "../../src/context.js";

export type CliResult = { code: number; out: string; err: string };

/** Runs an `entente` command in process against a test context, capturing its output. */
export async function runCliCaptured(ctx: AppContext, ...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }, ctx);
  return { code, out: out.join("\n"), err: err.join("\n") };
}
