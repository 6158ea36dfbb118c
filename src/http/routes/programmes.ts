import { z } from "zod";
import type { AppContext } from "../../context.js";
import { addProgrammeComment } from "../../domain/programmes/comments.js";
import { diffProgramme } from "../../domain/programmes/compare.js";
import { getProgramme } from "../../domain/programmes/detail.js";
import { exportProgrammesCsv, listProgrammes } from "../../domain/programmes/list.js";
import { createProgramme, getProgrammeRevision, saveProgrammeRevision } from "../../domain/programmes/programmes.js";
import {
  ZDiffQuery,
  ZListProgrammesQuery,
  ZProgramme,
  ZProgrammeActionInput,
  ZProgrammeComment,
  ZProgrammeCommentInput,
  ZProgrammeDiff,
  ZProgrammeInput,
  ZProgrammeList,
  ZProgrammeProgress,
  ZProgrammeRevisionContent,
  ZProgrammeRevisionInput,
} from "../../domain/programmes/programmes.schema.js";
import { getProgrammeProgress } from "../../domain/programmes/progress.js";
import { transitionProgramme } from "../../domain/programmes/workflow.js";
import { requireLogin } from "../auth.js";
import type { ZodApp } from "../types.js";

const tags = ["programmes"];
const ZIdParams = z.strictObject({ id: z.string().min(1).max(64) });
const ZRevisionParams = z.strictObject({
  id: z.string().min(1).max(64),
  number: z.coerce.number().int().min(1),
});

export function registerProgrammeRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(
    "/api/programmes",
    {
      schema: {
        tags,
        summary: "Partner programmes you may see (newest change first), with the total and counts per status",
        querystring: ZListProgrammesQuery,
        response: { 200: ZProgrammeList },
      },
    },
    async (request) => listProgrammes(ctx.db, requireLogin(request), request.query, ctx.clock.now()),
  );

  app.get(
    "/api/programmes/export.csv",
    {
      schema: {
        tags,
        summary: "The same filtered list as CSV (paging ignored)",
        querystring: ZListProgrammesQuery,
      },
    },
    async (request, reply) => {
      const file = await exportProgrammesCsv(ctx.db, requireLogin(request), request.query, ctx.clock.now());
      return reply
        .type(file.contentType)
        .header("Content-Disposition", `attachment; filename="${file.filename}"`)
        .send(file.body);
    },
  );

  app.post(
    "/api/programmes",
    {
      schema: {
        tags,
        summary: "Draft a programme (the partner's own users, or staff naming the nation)",
        body: ZProgrammeInput,
        response: { 201: ZProgramme },
      },
    },
    async (request, reply) => {
      const viewer = requireLogin(request);
      const created = await createProgramme(ctx.db, viewer, request.body, ctx.clock.now());
      return reply.status(201).send(await getProgramme(ctx.db, viewer, created.id, ctx.clock.now()));
    },
  );

  app.get(
    "/api/programmes/:id",
    {
      schema: {
        tags,
        summary: "One programme: content, revisions, comments, Council decisions and your allowed actions",
        params: ZIdParams,
        response: { 200: ZProgramme },
      },
    },
    async (request) => getProgramme(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );

  app.post(
    "/api/programmes/:id/revisions",
    {
      schema: {
        tags,
        summary: "Save a new revision (draft or consultation); a stale expectedRevision is 409 CONFLICT",
        params: ZIdParams,
        body: ZProgrammeRevisionInput,
        response: { 201: ZProgramme },
      },
    },
    async (request, reply) => {
      const viewer = requireLogin(request);
      await saveProgrammeRevision(ctx.db, viewer, request.params.id, request.body, ctx.clock.now());
      return reply.status(201).send(await getProgramme(ctx.db, viewer, request.params.id, ctx.clock.now()));
    },
  );

  app.get(
    "/api/programmes/:id/revisions/:number",
    {
      schema: {
        tags,
        summary: "The content of one revision",
        params: ZRevisionParams,
        response: { 200: ZProgrammeRevisionContent },
      },
    },
    async (request) =>
      getProgrammeRevision(ctx.db, requireLogin(request), request.params.id, request.params.number, ctx.clock.now()),
  );

  app.get(
    "/api/programmes/:id/diff",
    {
      schema: {
        tags,
        summary: "What changed between two revisions, section by section, word by word",
        params: ZIdParams,
        querystring: ZDiffQuery,
        response: { 200: ZProgrammeDiff },
      },
    },
    async (request) =>
      diffProgramme(
        ctx.db,
        requireLogin(request),
        request.params.id,
        request.query.from,
        request.query.to,
        ctx.clock.now(),
      ),
  );

  app.post(
    "/api/programmes/:id/actions",
    {
      schema: {
        tags,
        summary: "Move the programme by one workflow action; an illegal move is 409",
        params: ZIdParams,
        body: ZProgrammeActionInput,
        response: { 200: ZProgramme },
      },
    },
    async (request) => {
      const viewer = requireLogin(request);
      await transitionProgramme(ctx.db, viewer, request.params.id, request.body.action, ctx.clock.now());
      return getProgramme(ctx.db, viewer, request.params.id, ctx.clock.now());
    },
  );

  app.post(
    "/api/programmes/:id/comments",
    {
      schema: {
        tags,
        summary: "Comment beside a section of a revision (consultation; staff also while submitted)",
        params: ZIdParams,
        body: ZProgrammeCommentInput,
        response: { 201: ZProgrammeComment },
      },
    },
    async (request, reply) => {
      const comment = await addProgrammeComment(
        ctx.db,
        requireLogin(request),
        request.params.id,
        request.body,
        ctx.clock.now(),
      );
      return reply.status(201).send(comment);
    },
  );

  app.get(
    "/api/programmes/:id/progress",
    {
      schema: {
        tags,
        summary: "Progress per objective and activity (agreed programmes on): done, planned, cancelled",
        params: ZIdParams,
        response: { 200: ZProgrammeProgress },
      },
    },
    async (request) => getProgrammeProgress(ctx.db, requireLogin(request), request.params.id, ctx.clock.now()),
  );
}
