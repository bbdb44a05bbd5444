import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { contributionTotals } from "./contribution-totals.js";
import {
  AgreementView,
  ContributionTotalsInput,
  CreateAgreementInput,
  CreatePartnerInput,
  EndAgreementInput,
  ListAgreementsInput,
  ListPartnersInput,
  PartnerOptions,
  PartnerSummary,
  PartnerView,
  ProvinceContributionTotals,
  RecordContributionInput,
  UpdatePartnerInput,
} from "./contracts.js";
import { createAgreement } from "./create-agreement.js";
import { createPartner } from "./create-partner.js";
import { endAgreement } from "./end-agreement.js";
import { getPartner } from "./get-partner.js";
import { listAgreements } from "./list-agreements.js";
import { listPartners } from "./list-partners.js";
import { partnerOptions } from "./partner-options.js";
import { recordContribution } from "./record-contribution.js";
import { updatePartner } from "./update-partner.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const Created = z.object({ id: z.string() });
const Ok = z.object({ ok: z.literal(true) });

export const networksRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["networks"];
  r.get("/partners", { schema: { tags, querystring: ListPartnersInput, response: { 200: z.object({ items: z.array(PartnerSummary), total: z.number() }), ...errorResponses } } }, (req) => listPartners({ ctx: req.ctx, input: req.query }));
  r.post("/partners", { schema: { tags, body: CreatePartnerInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createPartner({ ctx: req.ctx, input: req.body })));
  r.get("/partners/:id", { schema: { tags, params: Id, response: { 200: PartnerView, ...errorResponses } } }, (req) => getPartner({ ctx: req.ctx, id: req.params.id }));
  r.patch("/partners/:id", { schema: { tags, params: Id, body: UpdatePartnerInput, response: { 200: PartnerView, ...errorResponses } } }, (req) => updatePartner({ ctx: req.ctx, id: req.params.id, input: req.body }));
  r.get("/partners/:id/options", { schema: { tags, params: Id, response: { 200: PartnerOptions, ...errorResponses } } }, (req) => partnerOptions({ ctx: req.ctx, id: req.params.id }));
  r.get("/partner-agreements", { schema: { tags, querystring: ListAgreementsInput, response: { 200: z.object({ items: z.array(AgreementView), total: z.number() }), ...errorResponses } } }, (req) => listAgreements({ ctx: req.ctx, input: req.query }));
  r.post("/partner-agreements", { schema: { tags, body: CreateAgreementInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createAgreement({ ctx: req.ctx, input: req.body })));
  r.post("/partner-agreements/:id/end", { schema: { tags, params: Id, body: EndAgreementInput, response: { 200: Ok, ...errorResponses } } }, async (req) => {
    await endAgreement({ ctx: req.ctx, agreementId: req.params.id, input: req.body });
    return { ok: true as const };
  });
  r.get("/partner-contributions/totals", { schema: { tags, querystring: ContributionTotalsInput, response: { 200: ProvinceContributionTotals, ...errorResponses } } }, (req) => contributionTotals({ ctx: req.ctx, input: req.query }));
  r.post("/partner-contributions", { schema: { tags, body: RecordContributionInput, response: { 201: Created, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await recordContribution({ ctx: req.ctx, input: req.body })));
};
