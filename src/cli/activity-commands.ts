import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { AppContext } from "../context.js";
import { ZListActivitiesQuery } from "../domain/activities/activities.schema.js";
import { type TImportReport, ZImportReport, ZTransferFormat } from "../domain/activities/transfer.schema.js";
import { exportActivities } from "../domain/activities/transfer-export.js";
import { type ImportProgress, importActivities } from "../domain/activities/transfer-import.js";
import { fieldError, parseInput } from "../domain/shared/validation.js";
import { AppError, isAppError } from "../errors.js";
import { cliAdministrator } from "./cli-actor.js";
import type { Command, CommandArgs } from "./commands.js";
import { formatTable, type Output } from "./output.js";

const text = { type: "string" } as const;
const flag = { type: "boolean" } as const;

/** The options of `entente activities …`, merged into the CLI's strict option table (main.ts). */
export const ACTIVITY_CLI_OPTIONS = {
  "dry-run": flag,
  format: text,
  out: text,
  area: text,
  status: text,
  language: text,
  owner: text,
  "open-seats": flag,
} as const;

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

/** A text progress bar on stderr, redrawn in place; only when stderr is a terminal. */
function progressBar(): ((p: ImportProgress) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = "";
  return (p) => {
    const width = 30;
    const filled = p.total === 0 ? width : Math.round((p.done / p.total) * width);
    const verb = p.phase === "validate" ? "validated" : "applied";
    const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${p.done}/${p.total} rows ${verb}`;
    if (line === last) return;
    last = line;
    process.stderr.write(`\r${line}${p.done >= p.total ? "\n" : ""}`);
  };
}

function describeReport(report: TImportReport): string {
  const c = (x: TImportReport["activities"]) => `${x.created} created, ${x.updated} updated, ${x.unchanged} unchanged`;
  const verdict = report.applied
    ? "Imported."
    : report.errors.length > 0
      ? `Nothing imported: ${report.errors.length} error(s).`
      : "Dry run: nothing written.";
  const lines = [
    `${report.rows} rows.`,
    `Activities: ${c(report.activities)}.`,
    `Iterations: ${c(report.iterations)}.`,
    verdict,
  ];
  if (report.errors.length > 0) {
    lines.push(
      formatTable(
        ["row", "column", "message"],
        report.errors.map((e) => [
          String(e.row),
          e.column ?? "",
          e.reference ? `${e.reference}: ${e.message}` : e.message,
        ]),
      ),
    );
  }
  return lines.join("\n");
}

async function runImport(ctx: AppContext, args: CommandArgs, io: Output) {
  const file = args.positionals[0];
  if (file === undefined) throw fieldError("file", "is required: entente activities import FILE [--dry-run]");
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw fieldError("file", `cannot read '${file}'`);
  }
  const dryRun = args.options["dry-run"] === true;
  const options = { dryRun, onProgress: progressBar() };
  let report: TImportReport;
  try {
    report = await importActivities(
      ctx.db,
      cliAdministrator(),
      { filename: path.basename(file), bytes },
      options,
      ctx.clock.now(),
    );
  } catch (error) {
    // The refusal of a file with errors carries the report: print it as a dry run would.
    const refused = isAppError(error) ? ZImportReport.safeParse(error.details?.report) : undefined;
    if (refused?.success)
      io.out(args.options.json ? JSON.stringify(refused.data, null, 2) : describeReport(refused.data));
    throw error;
  }
  io.out(args.options.json ? JSON.stringify(report, null, 2) : describeReport(report));
  if (report.errors.length > 0) {
    throw new AppError("VALIDATION", `${report.errors.length} error(s) in ${file}; nothing was imported`);
  }
}

async function runExport(ctx: AppContext, args: CommandArgs, io: Output) {
  const out = str(args.options.out);
  const implied = out?.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv";
  const format = parseInput(ZTransferFormat, str(args.options.format) ?? implied);
  if (format === "xlsx" && out === undefined) throw fieldError("out", "is required for --format xlsx");
  const given = {
    q: str(args.options.q),
    area: str(args.options.area),
    kind: str(args.options.kind),
    status: str(args.options.status),
    from: str(args.options.from),
    to: str(args.options.to),
    language: str(args.options.language),
    owner: str(args.options.owner),
    openSeats: args.options["open-seats"] === true ? true : undefined,
  };
  // Unset options are left out, so the list's strict schema sees only what was given.
  const query = parseInput(
    ZListActivitiesQuery,
    Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)),
  );
  const file = await exportActivities(ctx.db, cliAdministrator(), query, format, ctx.clock.today());
  if (out === undefined) {
    io.out(
      file.body
        .toString("utf8")
        .replace(/^\uFEFF/, "")
        .trimEnd(),
    );
    return;
  }
  await writeFile(out, file.body);
  io.err(`Wrote ${file.rows} rows to ${out}.`);
}

const SUBCOMMANDS: Record<string, (ctx: AppContext, args: CommandArgs, io: Output) => Promise<void>> = {
  import: runImport,
  export: runExport,
};

export const activityCommands: Record<string, Command> = {
  activities: {
    usage:
      "activities import FILE [--dry-run] | export [--format csv|xlsx] [--out FILE] [--q --area --kind --status --from --to --language --owner --open-seats]",
    summary: "Import the menu from .xlsx/.csv (all or nothing, by reference), or export the filtered menu",
    async run(ctx, args, io) {
      const sub = args.positionals[0];
      const run = sub === undefined ? undefined : SUBCOMMANDS[sub];
      if (!run) {
        throw new AppError("VALIDATION", "Usage: entente activities import|export …", {
          fields: [{ field: "subcommand", message: "is required" }],
        });
      }
      await run(ctx, { ...args, positionals: args.positionals.slice(1) }, io);
    },
  },
};
