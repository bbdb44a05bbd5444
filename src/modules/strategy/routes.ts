import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { approveNode } from "./approve-node.js";
import { assignAgenda } from "./assign-agenda.js";
import { compareVersions } from "./compare-versions.js";
import {
  AgendaAssignmentDetail,
  AgendaAssignmentSummary,
  AssignAgendaInput,
  CompareVersionsQuery,
  CreateNodeInput,
  LinkNodesInput,
  ListAssignmentsInput,
  ListNodesInput,
  ProposalContent,
  ProposalDiff,
  ProposalVersionView,
  ReviewProposalInput,
  StrategyNodeDetail,
  StrategyNodeListItem,
  StrategyNodeSummary,
} from "./contracts.js";
import { getAssignment } from "./get-assignment.js";
import { listAssignments } from "./list-assignments.js";
import { reviewProposal } from "./review-proposal.js";
import { saveProposal } from "./save-proposal.js";
import { submitProposal } from "./submit-proposal.js";
import { createNode } from "./create-node.js";
import { getNode } from "./get-node.js";
import { linkNodes, unlinkNodes } from "./link-nodes.js";
import { listNodes } from "./list-nodes.js";

const Id = z.string().min(1).max(120);
const tags = ["strategy"];
const agendaTags = ["agenda proposals"];

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

  // the 2024 model: agenda assignments and the governors' proposals (internal: staff in scope and the reviewers)
  r.get("/agenda-assignments", { schema: { tags: agendaTags, querystring: ListAssignmentsInput, response: { 200: z.object({ items: z.array(AgendaAssignmentSummary), total: z.number() }), ...errorResponses } } }, (req) =>
    listAssignments({ ctx: req.ctx, input: req.query }),
  );
  r.post("/agenda-assignments", { schema: { tags: agendaTags, body: AssignAgendaInput, response: { 201: AgendaAssignmentSummary, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await assignAgenda({ ctx: req.ctx, input: req.body })),
  );
  r.get("/agenda-assignments/:id", { schema: { tags: agendaTags, params: z.object({ id: Id }), response: { 200: AgendaAssignmentDetail, ...errorResponses } } }, (req) =>
    getAssignment({ ctx: req.ctx, input: req.params }),
  );
  r.put("/agenda-assignments/:id/proposal", { schema: { tags: agendaTags, params: z.object({ id: Id }), body: ProposalContent, response: { 200: ProposalVersionView, ...errorResponses } } }, (req) =>
    saveProposal({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }),
  );
  r.post("/agenda-assignments/:id/submit", { schema: { tags: agendaTags, params: z.object({ id: Id }), response: { 200: AgendaAssignmentSummary, ...errorResponses } } }, (req) =>
    submitProposal({ ctx: req.ctx, input: req.params }),
  );
  r.post("/agenda-assignments/:id/review", { schema: { tags: agendaTags, params: z.object({ id: Id }), body: ReviewProposalInput, response: { 200: AgendaAssignmentSummary, ...errorResponses } } }, (req) =>
    reviewProposal({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }),
  );
  r.get("/agenda-assignments/:id/compare", { schema: { tags: agendaTags, params: z.object({ id: Id }), querystring: CompareVersionsQuery, response: { 200: ProposalDiff, ...errorResponses } } }, (req) =>
    compareVersions({ ctx: req.ctx, input: { ...req.query, id: req.params.id } }),
  );
};
