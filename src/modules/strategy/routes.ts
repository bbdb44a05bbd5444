import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { approveNode } from "./approve-node.js";
import { CreateNodeInput, LinkNodesInput, ListNodesInput, StrategyNodeDetail, StrategyNodeListItem, StrategyNodeSummary } from "./contracts.js";
import { createNode } from "./create-node.js";
import { getNode } from "./get-node.js";
import { linkNodes, unlinkNodes } from "./link-nodes.js";
import { listNodes } from "./list-nodes.js";

const Id = z.string().min(1).max(120);
const tags = ["strategy"];

/** Strategy HTTP adapter: the cascade of national strategy, agendas and area strategies. */
export const strategyRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/strategy/nodes", { schema: { tags, querystring: ListNodesInput, response: { 200: z.object({ items: z.array(StrategyNodeListItem), total: z.number() }), ...errorResponses } } }, (req) =>
    listNodes({ ctx: req.ctx, input: req.query }),
  );
  r.get("/strategy/nodes/:id", { schema: { tags, params: z.object({ id: Id }), response: { 200: StrategyNodeDetail, ...errorResponses } } }, (req) => getNode({ ctx: req.ctx, input: req.params }));
  r.post("/strategy/nodes", { schema: { tags, body: CreateNodeInput, response: { 201: StrategyNodeSummary, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await createNode({ ctx: req.ctx, input: req.body })),
  );
  r.post("/strategy/nodes/:id/approve", { schema: { tags, params: z.object({ id: Id }), response: { 200: StrategyNodeSummary, ...errorResponses } } }, (req) =>
    approveNode({ ctx: req.ctx, input: req.params }),
  );
  r.post("/strategy/links", { schema: { tags, body: LinkNodesInput, response: { 201: z.object({ fromId: z.string(), toId: z.string(), kind: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await linkNodes({ ctx: req.ctx, input: req.body })),
  );
  r.delete("/strategy/links/:fromId/:toId", { schema: { tags, params: z.object({ fromId: Id, toId: Id }), response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses } } }, async (req) => {
    await unlinkNodes({ ctx: req.ctx, input: req.params });
    return { ok: true as const };
  });
};
