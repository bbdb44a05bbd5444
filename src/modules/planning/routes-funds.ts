import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { changeMatchingStatus } from "./change-matching-status.js";
import {
  CreateMatchingInput,
  DecideEmergencyInput,
  EmergencyDecision,
  EmergencyHeadroom,
  EmergencyList,
  EmergencyRequestDetail,
  EmergencyRequestView,
  HeadroomInput,
  LeftoverFundView,
  LeftoverPool,
  LeftoverPoolInput,
  ListEmergencyInput,
  ListMatchingInput,
  MatchingEntryInput,
  MatchingFundDetail,
  MatchingList,
  MatchingStatusInput,
  PmDecideEmergencyInput,
  ReallocateLeftoverInput,
  ReallocationOptions,
  ReallocationView,
  RecordLeftoverInput,
  ScreenEmergencyInput,
  SubmitEmergencyInput,
} from "./contracts-funds.js";
import { createMatchingFund } from "./create-matching-fund.js";
import { decideEmergencyRequest } from "./decide-emergency-request.js";
import { getEmergencyHeadroom } from "./get-emergency-headroom.js";
import { getEmergencyRequest } from "./get-emergency-request.js";
import { getLeftoverPool } from "./get-leftover-pool.js";
import { getMatchingFund } from "./get-matching-fund.js";
import { getReallocationOptions } from "./get-reallocation-options.js";
import { listEmergencyRequests } from "./list-emergency-requests.js";
import { listMatchingFunds } from "./list-matching-funds.js";
import { pmDecideEmergencyRequest } from "./pm-decide-emergency-request.js";
import { reallocateLeftoverFund } from "./reallocate-leftover-fund.js";
import { recordLeftoverFund } from "./record-leftover-fund.js";
import { recordMatchingEntry } from "./record-matching-entry.js";
import { screenEmergencyRequest } from "./screen-emergency-request.js";
import { submitEmergencyRequest } from "./submit-emergency-request.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["planning"];

/** Routes of the planning module's funds part: leftover funds, matching funds, the emergency central fund. */
export const fundsRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // leftover funds (เงินประจำงวดเหลือจ่าย)
  r.get("/planning/leftover", { schema: { tags, querystring: LeftoverPoolInput, response: { 200: LeftoverPool, ...errorResponses } } }, (req) => getLeftoverPool({ ctx: req.ctx, input: req.query }));
  r.post("/planning/leftover", { schema: { tags, body: RecordLeftoverInput, response: { 201: LeftoverFundView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await recordLeftoverFund({ ctx: req.ctx, input: req.body })));
  r.get("/planning/leftover/:id/reallocation-options", { schema: { tags, params: Id, response: { 200: ReallocationOptions, ...errorResponses } } }, (req) => getReallocationOptions({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/planning/leftover/:id/reallocate", { schema: { tags, params: Id, body: ReallocateLeftoverInput.omit({ fundId: true }), response: { 201: ReallocationView, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await reallocateLeftoverFund({ ctx: req.ctx, input: { ...req.body, fundId: req.params.id } })),
  );
  // matching funds
  r.get("/planning/matching", { schema: { tags, querystring: ListMatchingInput, response: { 200: MatchingList, ...errorResponses } } }, (req) => listMatchingFunds({ ctx: req.ctx, input: req.query }));
  r.post("/planning/matching", { schema: { tags, body: CreateMatchingInput, response: { 201: MatchingFundDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createMatchingFund({ ctx: req.ctx, input: req.body })));
  r.get("/planning/matching/:id", { schema: { tags, params: Id, response: { 200: MatchingFundDetail, ...errorResponses } } }, (req) => getMatchingFund({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/planning/matching/:id/entries", { schema: { tags, params: Id, body: MatchingEntryInput.omit({ id: true }), response: { 200: MatchingFundDetail, ...errorResponses } } }, (req) => recordMatchingEntry({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/matching/:id/status", { schema: { tags, params: Id, body: MatchingStatusInput.omit({ id: true }), response: { 200: MatchingFundDetail, ...errorResponses } } }, (req) => changeMatchingStatus({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  // emergency central fund
  r.get("/planning/emergency/headroom", { schema: { tags, querystring: HeadroomInput, response: { 200: EmergencyHeadroom, ...errorResponses } } }, (req) => getEmergencyHeadroom({ ctx: req.ctx, input: req.query }));
  r.get("/planning/emergency", { schema: { tags, querystring: ListEmergencyInput, response: { 200: EmergencyList, ...errorResponses } } }, (req) => listEmergencyRequests({ ctx: req.ctx, input: req.query }));
  r.post("/planning/emergency", { schema: { tags, body: SubmitEmergencyInput, response: { 201: EmergencyRequestView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await submitEmergencyRequest({ ctx: req.ctx, input: req.body })));
  r.get("/planning/emergency/:id", { schema: { tags, params: Id, response: { 200: EmergencyRequestDetail, ...errorResponses } } }, (req) => getEmergencyRequest({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/planning/emergency/:id/screen", { schema: { tags, params: Id, body: ScreenEmergencyInput.omit({ id: true }), response: { 200: EmergencyRequestView, ...errorResponses } } }, (req) => screenEmergencyRequest({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/emergency/:id/decide", { schema: { tags, params: Id, body: DecideEmergencyInput.omit({ id: true }), response: { 200: EmergencyDecision, ...errorResponses } } }, (req) => decideEmergencyRequest({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/emergency/:id/pm-decide", { schema: { tags, params: Id, body: PmDecideEmergencyInput.omit({ id: true }), response: { 200: EmergencyRequestView, ...errorResponses } } }, (req) => pmDecideEmergencyRequest({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
};
