import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { DecidePermitApplicationInput, ListPermitQueueInput, PermitApplicationDetail, PermitQueue, PermitStats, PermitStatsInput, ReceivePermitApplicationInput, WithdrawPermitApplicationInput } from "./contracts-permits.js";
import { decidePermitApplication } from "./decide-permit-application.js";
import { getPermitApplication } from "./get-permit-application.js";
import { getPermitStats } from "./get-permit-stats.js";
import { listPermitQueue } from "./list-permit-queue.js";
import { receivePermitApplication } from "./receive-permit-application.js";
import { startPermitReview } from "./start-permit-review.js";
import { withdrawPermitApplication } from "./withdraw-permit-application.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["delegation"];

/** Permits and approvals casework: reception and routing, review, decision, withdrawal, the queue and turnaround statistics. */
export const permitRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post("/delegation/permits", { schema: { tags, body: ReceivePermitApplicationInput, response: { 201: PermitApplicationDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await receivePermitApplication({ ctx: req.ctx, input: req.body })));
  r.get("/delegation/permits", { schema: { tags, querystring: ListPermitQueueInput, response: { 200: PermitQueue, ...errorResponses } } }, (req) => listPermitQueue({ ctx: req.ctx, input: req.query }));
  r.get("/delegation/permits/stats", { schema: { tags, querystring: PermitStatsInput, response: { 200: PermitStats, ...errorResponses } } }, (req) => getPermitStats({ ctx: req.ctx, input: req.query }));
  r.get("/delegation/permits/:id", { schema: { tags, params: Id, response: { 200: PermitApplicationDetail, ...errorResponses } } }, (req) => getPermitApplication({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/delegation/permits/:id/review", { schema: { tags, params: Id, response: { 200: PermitApplicationDetail, ...errorResponses } } }, (req) => startPermitReview({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/delegation/permits/:id/decide", { schema: { tags, params: Id, body: DecidePermitApplicationInput, response: { 200: PermitApplicationDetail, ...errorResponses } } }, (req) => decidePermitApplication({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/delegation/permits/:id/withdraw", { schema: { tags, params: Id, body: WithdrawPermitApplicationInput, response: { 200: PermitApplicationDetail, ...errorResponses } } }, (req) => withdrawPermitApplication({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
};
