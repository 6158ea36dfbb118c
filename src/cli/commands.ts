import path from "node:path";
import type { AppContext } from "../context.js";
import { migrateToLatest } from "../db/migrate.js";
import { ensureAdministrator, seedDemoIdentity } from "../domain/demo/demo-identity.js";
import { ensureSeedData, loadSeedData } from "../domain/demo/load-seed.js";
import { readSeedFiles } from "../domain/demo/read-seed-files.js";
import { generateScaleMenu, SCALES } from "../domain/demo/scale.js";
import { documentStore } from "../domain/documents/documents.js";
import { listFrameworkMembers } from "../domain/frameworks/frameworks.js";
import { ZAsOfQuery, ZExpandQuery, ZFrameworkCode } from "../domain/frameworks/frameworks.schema.js";
import { expandTokens, parseTokens } from "../domain/frameworks/tokens.js";
import { listNations } from "../domain/nations/nations.js";
import { ZListNationsQuery } from "../domain/nations/nations.schema.js";
import { decideAccess } from "../domain/policy/access.js";
import { listMilestones } from "../domain/policy/milestones.js";
import { ZAccessQuery, ZMilestonesQuery } from "../domain/policy/policy.schema.js";
import { formatDate } from "../domain/shared/dates.js";
import { parseInput } from "../domain/shared/validation.js";
import { AppError } from "../errors.js";
import { buildApp } from "../http/app.js";
import { runSchedulerNow } from "../jobs/due-decisions.js";
import { startScheduler } from "../jobs/scheduler.js";
import { findProjectRoot } from "../paths.js";
import { activityCommands } from "./activity-commands.js";
import { cliAdministrator } from "./cli-actor.js";
import { decisionCommands } from "./decision-commands.js";
import { identityCommands } from "./identity-commands.js";
import { formatTable, type Output } from "./output.js";

export type CommandArgs = { positionals: string[]; options: Record<string, string | boolean | undefined> };
export type Command = {
  usage: string;
  summary: string;
  run: (ctx: AppContext, args: CommandArgs, io: Output) => Promise<void>;
};

const seedDir = () => path.join(findProjectRoot(), "data", "seed");
const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);
const print = (io: Output, args: CommandArgs, value: unknown, human: () => string) =>
  io.out(args.options.json ? JSON.stringify(value, null, 2) : human());

function positional(args: CommandArgs, index: number, name: string): string {
  const value = args.positionals[index];
  if (value === undefined) {
    throw new AppError("VALIDATION", `Missing argument <${name}>`, {
      fields: [{ field: name, message: "is required" }],
    });
  }
  return value;
}

const seedCommand: Command = {
  usage: "seed",
  summary: "Replace the reference data (registry, memberships, milestones, rules) with data/seed/",
  async run(ctx, _args, io) {
    await migrateToLatest(ctx.db);
    const report = await loadSeedData(ctx.db, readSeedFiles(seedDir()));
    io.out(
      Object.entries(report)
        .map(([table, n]) => `${table}: ${n}`)
        .join("\n"),
    );
  },
};

/** The command table: each entry calls the same domain functions as the HTTP API. */
export const commands: Record<string, Command> = {
  serve: {
    usage: "serve [--demo]",
    summary: "Migrate, load reference data into an empty database, and serve; --demo adds demo users and documents",
    async run(ctx, _args, io) {
      await migrateToLatest(ctx.db);
      const report = await ensureSeedData(ctx.db, () => readSeedFiles(seedDir()));
      if (report)
        io.out(`Loaded reference data: ${report.nation} nations and organisations, ${report.membership} memberships.`);
      const now = ctx.clock.now();
      if (ctx.config.demo) {
        const demo = await seedDemoIdentity(ctx.db, documentStore(ctx.config.dataDir), now);
        if (demo)
          io.out(
            `Demo mode: ${demo.users} demo users, ${demo.documents} labelled documents and ${demo.activities} activities; passwords are on the login page.`,
          );
      } else {
        const admin = await ensureAdministrator(ctx.db, now);
        if (admin)
          io.out(
            `First run: created administrator '${admin.username}' with password ${admin.password} (shown once; log in and enrol a second factor).`,
          );
      }
      const app = await buildApp(ctx, { logger: true });
      const address = await app.listen({ port: ctx.config.port, host: ctx.config.host });
      io.out(`Entente is running at ${address.replace("[::1]", "localhost")}/ (API docs: ${address}/api/docs)`);
      // Decision deadlines and e-mail delivery: a pass now, then every ENTENTE_SCHEDULER_SECONDS.
      const stopScheduler = startScheduler(ctx, {
        log: {
          info: (message) => app.log.info(message),
          error: (message, error) => app.log.error({ err: error }, message),
        },
      });
      await new Promise<void>((resolve) => {
        const stop = () =>
          void stopScheduler()
            .then(() => app.close())
            .then(() => resolve());
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    },
  },
  migrate: {
    usage: "migrate",
    summary: "Bring the database schema to the latest version",
    async run(ctx, _args, io) {
      const { applied } = await migrateToLatest(ctx.db);
      io.out(applied.length ? `Applied: ${applied.join(", ")}` : "Schema is up to date.");
    },
  },
  seed: seedCommand,
  scheduler: {
    usage: "scheduler run [--json]",
    summary: "Run one scheduler pass now: adopt silence procedures past their deadline, send 24-hour reminders",
    async run(ctx, args, io) {
      const action = positional(args, 0, "action");
      if (action !== "run") {
        throw new AppError("VALIDATION", `Invalid input: action: unknown scheduler action '${action}' (use: run)`, {
          fields: [{ field: "action", message: "must be run" }],
        });
      }
      const result = await runSchedulerNow(ctx.db, cliAdministrator(), ctx.clock.now());
      print(io, args, result, () =>
        result.skipped
          ? "Skipped: another instance holds the scheduler lease."
          : [
              `Adopted: ${result.adopted.length === 0 ? "none" : result.adopted.join(", ")}`,
              `Reminded: ${result.reminded.length === 0 ? "none" : result.reminded.join(", ")}`,
            ].join("\n"),
      );
    },
  },
  demo: {
    usage: "demo [--scale eprime|10x]",
    summary:
      "The same as seed: (re)load the demo data; --scale also generates a cooperation menu at e-PRIME scale (or 10x) into a database that has none",
    async run(ctx, args, io) {
      // `demo eprime` works too, for as long as main.ts does not declare the --scale option.
      const scale = str(args.options.scale) ?? args.positionals[0];
      if (scale === undefined) return seedCommand.run(ctx, args, io);
      if (scale !== "eprime" && scale !== "10x") {
        throw new AppError("VALIDATION", "Invalid input: scale: must be eprime or 10x", {
          fields: [{ field: "scale", message: "must be eprime or 10x" }],
        });
      }
      await migrateToLatest(ctx.db);
      await ensureSeedData(ctx.db, () => readSeedFiles(seedDir()));
      const report = await generateScaleMenu(
        ctx.db,
        null,
        { ...SCALES[scale], onProgress: (message) => io.err(message) },
        ctx.clock.now(),
      );
      print(
        io,
        args,
        report,
        () =>
          `Generated ${report.activities} activities, ${report.iterations} iterations and ${report.nominations} nominations of ${report.participants} participants from ${report.entities} nations and organisations in ${(report.milliseconds / 1000).toFixed(1)} s.`,
      );
    },
  },
  ...identityCommands,
  ...activityCommands,
  ...decisionCommands,
  nations: {
    usage: "nations [--kind state|organisation] [--q text] [--json]",
    summary: "List nations and organisations",
    async run(ctx, args, io) {
      const query = parseInput(ZListNationsQuery, { kind: str(args.options.kind), q: str(args.options.q) });
      const nations = await listNations(ctx.db, query);
      print(io, args, nations, () =>
        formatTable(
          ["code", "name", "kind"],
          nations.map((n) => [n.code, n.name, n.kind]),
        ),
      );
    },
  },
  members: {
    usage: "members <framework> [--as-of YYYY-MM-DD] [--json]",
    summary: "Members of a framework as of a date",
    async run(ctx, args, io) {
      const code = parseInput(ZFrameworkCode, positional(args, 0, "framework"));
      const { asOf } = parseInput(ZAsOfQuery, { asOf: str(args.options["as-of"]) });
      const result = await listFrameworkMembers(ctx.db, code, asOf ?? ctx.clock.today());
      print(io, args, result, () =>
        [
          `${result.name} (${result.framework}) on ${result.asOf}: ${result.count} members`,
          formatTable(
            ["code", "name", "role", "since", "status"],
            result.members.map((m) => [
              m.code,
              m.name,
              m.role,
              formatDate(m.since, m.precision),
              m.suspended ? "suspended" : m.certainty === "confirmed" ? "" : m.certainty,
            ]),
          ),
        ].join("\n"),
      );
    },
  },
  expand: {
    usage: "expand <tokens> [--as-of YYYY-MM-DD] [--json]",
    summary: "Expand group tokens such as 'EAPC,GLOBAL' to nations as of a date",
    async run(ctx, args, io) {
      const query = parseInput(ZExpandQuery, {
        tokens: positional(args, 0, "tokens"),
        asOf: str(args.options["as-of"]),
      });
      const asOf = query.asOf ?? ctx.clock.today();
      const nations = await expandTokens(ctx.db, parseTokens(query.tokens), asOf);
      print(io, args, { asOf, nations }, () => `${nations.length} nations on ${asOf}: ${nations.join(" ")}`);
    },
  },
  access: {
    usage: "access <partner> <audience> --date YYYY-MM-DD [--json]",
    summary: "Decide whether a partner may join an activity with this audience on a date, and why",
    async run(ctx, args, io) {
      const query = parseInput(ZAccessQuery, {
        partner: positional(args, 0, "partner"),
        audience: positional(args, 1, "audience"),
        date: str(args.options.date) ?? ctx.clock.today(),
      });
      const decision = await decideAccess(ctx.db, query);
      print(io, args, decision, () => decision.explanation);
    },
  },
  milestones: {
    usage: "milestones [--framework CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]",
    summary: "The policy history, oldest first",
    async run(ctx, args, io) {
      const query = parseInput(ZMilestonesQuery, {
        framework: str(args.options.framework),
        from: str(args.options.from),
        to: str(args.options.to),
      });
      const milestones = await listMilestones(ctx.db, query);
      print(io, args, milestones, () =>
        formatTable(
          ["date", "milestone"],
          milestones.map((m) => [formatDate(m.date, m.precision), m.title]),
        ),
      );
    },
  },
};
