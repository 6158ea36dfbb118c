import { ZListDecisionsQuery } from "../domain/decisions/decisions.schema.js";
import { listDecisions } from "../domain/decisions/register.js";
import { listProgrammes } from "../domain/programmes/list.js";
import { ZListProgrammesQuery } from "../domain/programmes/programmes.schema.js";
import { parseInput } from "../domain/shared/validation.js";
import { AppError } from "../errors.js";
import { cliAdministrator } from "./cli-actor.js";
import type { Command, CommandArgs } from "./commands.js";
import { formatTable } from "./output.js";

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

/** The options of `entente programmes …` and `entente decisions …`, merged into the CLI's option table (main.ts). */
export const DECISION_CLI_OPTIONS = { nation: { type: "string" } } as const;

function onlyList(args: CommandArgs, what: string): void {
  const action = args.positionals[0] ?? "list";
  if (action !== "list") {
    throw new AppError("VALIDATION", `Invalid input: action: unknown ${what} action '${action}' (use: list)`, {
      fields: [{ field: "action", message: "must be list" }],
    });
  }
}

/** Read-only views of the register and the programmes for operators; changes go through the web app and API. */
export const decisionCommands: Record<string, Command> = {
  programmes: {
    usage: "programmes list [--status S] [--nation CODE] [--q text] [--json]",
    summary: "List partner programmes (annual work programmes, IPCPs, ITPPs) with their status",
    async run(ctx, args, io) {
      onlyList(args, "programmes");
      const o = args.options;
      const result = await listProgrammes(
        ctx.db,
        cliAdministrator(),
        parseInput(ZListProgrammesQuery, { q: str(o.q), status: str(o.status), nation: str(o.nation), limit: 200 }),
        ctx.clock.now(),
      );
      if (o.json) return io.out(JSON.stringify(result, null, 2));
      io.out(
        formatTable(
          ["Partner", "Type", "Period", "Status", "Rev.", "Title"],
          result.programmes.map((p) => [
            p.nation.code,
            p.type,
            `${p.periodStart}/${p.periodEnd}`,
            p.status,
            String(p.currentRevision),
            p.title,
          ]),
        ),
      );
      io.out(`${result.total} programme(s).`);
    },
  },
  decisions: {
    usage: "decisions list [--status S] [--q text] [--json]",
    summary: "The decision register: decisions of the Council and committees with their outcome",
    async run(ctx, args, io) {
      onlyList(args, "decisions");
      const o = args.options;
      const result = await listDecisions(
        ctx.db,
        cliAdministrator(),
        parseInput(ZListDecisionsQuery, { q: str(o.q), status: str(o.status), limit: 200 }),
        ctx.clock.now(),
      );
      if (o.json) return io.out(JSON.stringify(result, null, 2));
      io.out(
        formatTable(
          ["Reference", "Date", "Procedure", "Status", "Outcome"],
          result.decisions.map((d) => [d.reference, d.decisionDate, d.procedure, d.status, d.outcomeText]),
        ),
      );
      io.out(`${result.total} decision(s).`);
    },
  },
};
