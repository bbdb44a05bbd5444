import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { CreateProjectInput, ProjectDetail } from "./contracts-projects.js";
import { createProject } from "./create-project.js";
import { getProject } from "./get-project.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["planning"];

/** One Plan and projects: plans per level, proposals, consolidation, the project record, amendments. */
export const plansRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post("/planning/projects", { schema: { tags, body: CreateProjectInput, response: { 201: ProjectDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createProject({ ctx: req.ctx, input: req.body })));
  r.get("/planning/projects/:id", { schema: { tags, params: Id, response: { 200: ProjectDetail, ...errorResponses } } }, (req) => getProject({ ctx: req.ctx, input: { id: req.params.id } }));
};
