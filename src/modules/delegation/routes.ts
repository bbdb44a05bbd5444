import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { checkAuthority } from "./check-authority.js";
import { AuthorityAnswer, AuthorityQuery, CreateDelegationInput, CreatePowerInput, DelegationDetail, DelegationView, IsoDate, ListDelegationsInput, ListPowersInput, PowerView, ProvincePowers, ProvincePowersInput, RevokeDelegationInput } from "./contracts.js";
import { createDelegation } from "./create-delegation.js";
import { createPower } from "./create-power.js";
import { getDelegation } from "./get-delegation.js";
import { getProvincePowers } from "./get-province-powers.js";
import { listDelegations } from "./list-delegations.js";
import { listPowers } from "./list-powers.js";
import { revokeDelegation } from "./revoke-delegation.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["delegation"];

/** Powers, delegation instruments and the authority check. */
export const delegationRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/delegation/powers", { schema: { tags, querystring: ListPowersInput, response: { 200: z.object({ items: z.array(PowerView), total: z.number() }), ...errorResponses } } }, (req) => listPowers({ ctx: req.ctx, input: req.query }));
  r.post("/delegation/powers", { schema: { tags, body: CreatePowerInput, response: { 201: PowerView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createPower({ ctx: req.ctx, input: req.body })));
  r.get("/delegation/instruments", { schema: { tags, querystring: ListDelegationsInput, response: { 200: z.object({ items: z.array(DelegationView), total: z.number(), on: z.string() }), ...errorResponses } } }, (req) => listDelegations({ ctx: req.ctx, input: req.query }));
  r.post("/delegation/instruments", { schema: { tags, body: CreateDelegationInput, response: { 201: DelegationView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createDelegation({ ctx: req.ctx, input: req.body })));
  r.get("/delegation/instruments/:id", { schema: { tags, params: Id, querystring: z.object({ on: IsoDate.optional() }), response: { 200: DelegationDetail, ...errorResponses } } }, (req) => getDelegation({ ctx: req.ctx, input: { id: req.params.id, on: req.query.on } }));
  r.post("/delegation/instruments/:id/revoke", { schema: { tags, params: Id, body: RevokeDelegationInput, response: { 200: DelegationView.extend({ cascaded: z.array(z.string()) }), ...errorResponses } } }, (req) =>
    revokeDelegation({ ctx: req.ctx, input: { delegationId: req.params.id, ...req.body } }),
  );
  r.get("/delegation/authority", { schema: { tags, querystring: AuthorityQuery, response: { 200: AuthorityAnswer, ...errorResponses } } }, (req) => checkAuthority({ ctx: req.ctx, input: req.query }));
  r.get("/delegation/provinces/:provinceCode/powers", { schema: { tags, params: z.object({ provinceCode: z.string().regex(/^\d{2}$/) }), querystring: ProvincePowersInput.omit({ provinceCode: true }), response: { 200: ProvincePowers, ...errorResponses } } }, (req) =>
    getProvincePowers({ ctx: req.ctx, input: { provinceCode: req.params.provinceCode, ...req.query } }),
  );
};
