import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { CabinetDecisionInput, CreateRequestInput, ListRequestsInput, RequestDetail, RequestView, ReviewRequestMoiInput, ReviewRequestOpdcInput, SubmitRequestInput, UpdateRequestInput, WithdrawRequestInput } from "./contracts-requests.js";
import { DelegationView } from "./contracts.js";
import { createRequest } from "./create-request.js";
import { getRequest } from "./get-request.js";
import { listRequests } from "./list-requests.js";
import { recordCabinetDecision } from "./record-cabinet-decision.js";
import { reviewRequestMoi } from "./review-request-moi.js";
import { reviewRequestOpdc } from "./review-request-opdc.js";
import { submitRequest } from "./submit-request.js";
import { updateRequest } from "./update-request.js";
import { withdrawRequest } from "./withdraw-request.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["delegation"];
const one = { 200: RequestView, ...errorResponses };

/** A province's requests for more delegation: drafted in the province, reviewed by MOI and OPDC, decided by the Cabinet. */
export const delegationRequestRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/delegation/requests", { schema: { tags, querystring: ListRequestsInput, response: { 200: z.object({ items: z.array(RequestView), total: z.number() }), ...errorResponses } } }, (req) => listRequests({ ctx: req.ctx, input: req.query }));
  r.post("/delegation/requests", { schema: { tags, body: CreateRequestInput, response: { 201: RequestView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createRequest({ ctx: req.ctx, input: req.body })));
  r.get("/delegation/requests/:id", { schema: { tags, params: Id, response: { 200: RequestDetail, ...errorResponses } } }, (req) => getRequest({ ctx: req.ctx, input: { id: req.params.id } }));
  r.patch("/delegation/requests/:id", { schema: { tags, params: Id, body: UpdateRequestInput, response: one } }, (req) => updateRequest({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/delegation/requests/:id/submit", { schema: { tags, params: Id, body: SubmitRequestInput, response: one } }, (req) => submitRequest({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/delegation/requests/:id/withdraw", { schema: { tags, params: Id, body: WithdrawRequestInput, response: one } }, (req) => withdrawRequest({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/delegation/requests/:id/review-moi", { schema: { tags, params: Id, body: ReviewRequestMoiInput, response: one } }, (req) => reviewRequestMoi({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/delegation/requests/:id/review-opdc", { schema: { tags, params: Id, body: ReviewRequestOpdcInput, response: one } }, (req) => reviewRequestOpdc({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/delegation/requests/:id/cabinet-decision", { schema: { tags, params: Id, body: CabinetDecisionInput, response: { 200: RequestView.extend({ instrument: DelegationView.nullable() }), ...errorResponses } } }, (req) =>
    recordCabinetDecision({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }),
  );
};
