import { z } from "zod";
import type { AppContext } from "../../context.js";
import { requireRole } from "../../domain/identity/authorize.js";
import { ZCreateOrganisation, ZCreateUser, ZPassword, ZUserView } from "../../domain/identity/identity.schema.js";
import { createOrganisation, listOrganisations } from "../../domain/identity/organisations.js";
import { createUser, disableUser, listUsers, resetPassword } from "../../domain/identity/users.js";
import { viewerOfRequest } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["administration"];
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });
const ZOrganisation = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  nation: z.string().nullable(),
  createdAt: z.string(),
});

export function registerAdminRoutes(app: ZodApp, ctx: AppContext): void {
  const admin = (request: Parameters<typeof viewerOfRequest>[0], action: string) =>
    requireRole(ctx.db, viewerOfRequest(request), action, ["admin"], ctx.clock.now()).then(() =>
      viewerOfRequest(request),
    );

  app.get(
    "/api/users",
    { schema: { tags, summary: "All users (admin)", response: { 200: z.object({ users: z.array(ZUserView) }) } } },
    async (request) => {
      await admin(request, "user.list");
      return { users: await listUsers(ctx.db) };
    },
  );
  app.post(
    "/api/users",
    { schema: { tags, summary: "Create a user (admin)", body: ZCreateUser, response: { 201: ZUserView } } },
    async (request, reply) => {
      const actor = await admin(request, "user.create");
      return reply.status(201).send(await createUser(ctx.db, actor, request.body, ctx.clock.now()));
    },
  );
  app.post(
    "/api/users/:id/disable",
    {
      schema: {
        tags,
        summary: "Disable a user and end its sessions (admin)",
        params: ZIdParams,
        response: { 200: ZUserView },
      },
    },
    async (request) => disableUser(ctx.db, await admin(request, "user.disable"), request.params.id, ctx.clock.now()),
  );
  app.post(
    "/api/users/:id/reset-password",
    {
      schema: {
        tags,
        summary: "Set a new password and end the user's sessions (admin)",
        params: ZIdParams,
        body: z.strictObject({ password: ZPassword }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await resetPassword(
        ctx.db,
        await admin(request, "user.reset-password"),
        request.params.id,
        request.body.password,
        ctx.clock.now(),
      );
      return reply.status(204).send(null);
    },
  );
  app.get(
    "/api/organisations",
    {
      schema: {
        tags,
        summary: "Organisations (admin, staff)",
        response: { 200: z.object({ organisations: z.array(ZOrganisation) }) },
      },
    },
    async (request) => {
      await requireRole(ctx.db, viewerOfRequest(request), "organisation.list", ["admin", "staff"], ctx.clock.now());
      return { organisations: await listOrganisations(ctx.db) };
    },
  );
  app.post(
    "/api/organisations",
    {
      schema: {
        tags,
        summary: "Create an organisation (admin)",
        body: ZCreateOrganisation,
        response: { 201: ZOrganisation },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await createOrganisation(ctx.db, await admin(request, "organisation.create"), request.body, ctx.clock.now()),
        ),
  );
}
