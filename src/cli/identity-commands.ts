import type { AppContext } from "../context.js";
import { listAuditEvents, verifyAuditChain } from "../domain/audit/audit.js";
import { createApiToken, revokeApiToken } from "../domain/identity/api-tokens.js";
import { listOrganisations } from "../domain/identity/organisations.js";
import { newReadablePassword } from "../domain/identity/secrets.js";
import {
  createUser,
  disableUser,
  findUserByUsername,
  listUsers,
  resetPassword,
  viewerOf,
} from "../domain/identity/users.js";
import { AppError, notFound } from "../errors.js";
import { cliActor } from "./cli-actor.js";
import type { Command, CommandArgs } from "./commands.js";
import { formatTable, type Output } from "./output.js";

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);

function need(args: CommandArgs, index: number, name: string): string {
  const value = args.positionals[index];
  if (value === undefined)
    throw new AppError("VALIDATION", `Missing argument <${name}>`, {
      fields: [{ field: name, message: "is required" }],
    });
  return value;
}

async function userByName(ctx: AppContext, username: string) {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) throw notFound("user", username);
  return user;
}

type Sub = (ctx: AppContext, args: CommandArgs, io: Output) => Promise<void>;

function dispatch(name: string, subs: Record<string, Sub>): Command["run"] {
  return async (ctx, args, io) => {
    const sub = args.positionals[0];
    const run = sub === undefined ? undefined : subs[sub];
    if (!run) {
      throw new AppError("VALIDATION", `Usage: entente ${name} ${Object.keys(subs).join("|")} …`, {
        fields: [{ field: "subcommand", message: "is required" }],
      });
    }
    await run(ctx, { ...args, positionals: args.positionals.slice(1) }, io);
  };
}

export const identityCommands: Record<string, Command> = {
  users: {
    usage:
      "users list | create <username> --name N --organisation ORG --clearance NU|NR|NC|NS --roles r1,r2 [--poc] [--email A] | disable <username> | reset-password <username>",
    summary: "Manage users; new passwords are generated and printed once",
    run: dispatch("users", {
      list: async (ctx, args, io) => {
        const users = await listUsers(ctx.db);
        io.out(
          args.options.json
            ? JSON.stringify(users, null, 2)
            : formatTable(
                ["username", "name", "organisation", "clearance", "roles", "status"],
                users.map((u) => [
                  u.username,
                  u.displayName,
                  u.organisation.name,
                  u.clearance,
                  u.roles.join(","),
                  u.disabled ? "disabled" : u.totpEnabled ? "totp" : "",
                ]),
              ),
        );
      },
      create: async (ctx, args, io) => {
        const organisationName = str(args.options.organisation) ?? "";
        const organisations = await listOrganisations(ctx.db);
        const organisation = organisations.find(
          (o) => o.id === organisationName || o.name.toLowerCase() === organisationName.toLowerCase(),
        );
        if (!organisation) {
          throw new AppError(
            "VALIDATION",
            `Invalid input: organisation: unknown '${organisationName}' (known: ${organisations.map((o) => o.name).join("; ")})`,
            {
              fields: [{ field: "organisation", message: "unknown organisation" }],
            },
          );
        }
        const password = newReadablePassword();
        const user = await createUser(
          ctx.db,
          cliActor(),
          {
            username: need(args, 0, "username"),
            displayName: str(args.options.name) ?? need(args, 0, "username"),
            organisationId: organisation.id,
            clearance: str(args.options.clearance),
            roles: (str(args.options.roles) ?? "").split(",").filter(Boolean),
            isPointOfContact: args.options.poc === true,
            ...(typeof args.options.email === "string" ? { email: args.options.email } : {}),
            password,
          },
          ctx.clock.now(),
        );
        io.out(
          `Created ${user.username} (${user.roles.join(", ")}, ${user.organisation.name}).\nPassword (shown once): ${password}`,
        );
      },
      disable: async (ctx, args, io) => {
        const user = await userByName(ctx, need(args, 0, "username"));
        await disableUser(ctx.db, cliActor(), user.id, ctx.clock.now());
        io.out(`Disabled ${user.username}; its sessions and API tokens are ended.`);
      },
      "reset-password": async (ctx, args, io) => {
        const user = await userByName(ctx, need(args, 0, "username"));
        const password = newReadablePassword();
        await resetPassword(ctx.db, cliActor(), user.id, password, ctx.clock.now());
        io.out(`New password for ${user.username} (shown once): ${password}`);
      },
    }),
  },
  tokens: {
    usage: "tokens create <username> --name N | revoke <token-id>",
    summary: "Create (printed once) or revoke API tokens for scripts",
    run: dispatch("tokens", {
      create: async (ctx, args, io) => {
        const user = await userByName(ctx, need(args, 0, "username"));
        const token = await createApiToken(
          ctx.db,
          viewerOf(user),
          { name: str(args.options.name) ?? "cli" },
          ctx.clock.now(),
        );
        io.out(
          args.options.json
            ? JSON.stringify(token)
            : `Token ${token.id} for ${user.username} (shown once):\n${token.token}`,
        );
      },
      revoke: async (ctx, args, io) => {
        await revokeApiToken(ctx.db, cliActor(), need(args, 0, "token-id"), ctx.clock.now());
        io.out("Revoked.");
      },
    }),
  },
  audit: {
    usage: "audit verify | export [--from ISO] [--to ISO]",
    summary: "Verify the audit hash chain, or export events as JSON lines",
    run: dispatch("audit", {
      verify: async (ctx, args, io) => {
        const report = await verifyAuditChain(ctx.db);
        if (args.options.json) io.out(JSON.stringify(report));
        else if (report.intact) io.out(`Audit chain intact: ${report.events} events; head ${report.head}`);
        else
          io.out(
            `Audit chain BROKEN at event ${report.brokenAt}: ${report.reason} (${report.events} events verified before it)`,
          );
        if (!report.intact) throw new AppError("INVALID_STATE", `audit chain broken at event ${report.brokenAt}`);
      },
      export: async (ctx, args, io) => {
        let after = 0;
        for (;;) {
          const page = await listAuditEvents(ctx.db, {
            from: str(args.options.from),
            to: str(args.options.to),
            afterSeq: after,
            limit: 1000,
          });
          for (const event of page) io.out(JSON.stringify(event));
          const last = page[page.length - 1];
          if (!last || page.length < 1000) break;
          after = last.seq;
        }
      },
    }),
  },
};
