import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { AgreementDetail, AgreementListItem, AgreementRoundParams, AgreementSummary, AmendAgreementInput, CreateAgreementInput, ItemResultInput, ListAgreementsInput, SelfAssessmentInput, SignAgreementInput, UpdateAgreementInput } from "./contracts.js";
import { amendAgreement } from "./amend-agreement.js";
import { closeRound } from "./close-round.js";
import { createAgreement } from "./create-agreement.js";
import { enterItemResult } from "./enter-item-result.js";
import { getAgreement } from "./get-agreement.js";
import { listAgreements } from "./list-agreements.js";
import { saveSelfAssessment } from "./save-self-assessment.js";
import { signAgreement } from "./sign-agreement.js";
import { updateAgreement } from "./update-agreement.js";
import { CreateKpiInput, KpiDetail, KpiSummary, ListKpisInput, MeasurementView, ReviewMeasurementInput, SetTargetsInput, SubmitMeasurementInput } from "./contracts.js";
import { createKpi } from "./create-kpi.js";
import { getKpi } from "./get-kpi.js";
import { listKpis } from "./list-kpis.js";
import { reviewMeasurement } from "./review-measurement.js";
import { setTargets } from "./set-targets.js";
import { submitMeasurement } from "./submit-measurement.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["performance"];

/** Performance HTTP adapter: KPIs, their targets and measurements with verification. */
export const performanceRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/kpis", { schema: { tags, querystring: ListKpisInput, response: { 200: z.object({ items: z.array(KpiSummary), total: z.number() }), ...errorResponses } } }, (req) => listKpis({ ctx: req.ctx, input: req.query }));
  r.get("/kpis/:id", { schema: { tags, params: Id, response: { 200: KpiDetail, ...errorResponses } } }, (req) => getKpi({ ctx: req.ctx, input: req.params }));
  r.post("/kpis", { schema: { tags, body: CreateKpiInput, response: { 201: KpiSummary, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createKpi({ ctx: req.ctx, input: req.body })));
  r.put("/kpis/:id/targets", { schema: { tags, params: Id, body: SetTargetsInput, response: { 200: z.object({ kpiId: z.string(), fiscalYear: z.number(), round: z.number(), levels: z.array(z.number()) }), ...errorResponses } } }, (req) =>
    setTargets({ ctx: req.ctx, input: { kpiId: req.params.id, ...req.body } }),
  );
  r.post("/kpis/:id/measurements", { schema: { tags, params: Id, body: SubmitMeasurementInput, response: { 201: MeasurementView, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await submitMeasurement({ ctx: req.ctx, input: { kpiId: req.params.id, ...req.body } })),
  );
  r.post("/measurements/:id/review", { schema: { tags, params: Id, body: ReviewMeasurementInput, response: { 200: MeasurementView, ...errorResponses } } }, (req) =>
    reviewMeasurement({ ctx: req.ctx, input: { id: req.params.id, ...req.body } }),
  );

  // ── performance agreements ──
  r.get("/agreements", { schema: { tags, querystring: ListAgreementsInput, response: { 200: z.object({ items: z.array(AgreementListItem), total: z.number() }), ...errorResponses } } }, (req) => listAgreements({ ctx: req.ctx, input: req.query }));
  r.get("/agreements/:id", { schema: { tags, params: Id, response: { 200: AgreementDetail, ...errorResponses } } }, (req) => getAgreement({ ctx: req.ctx, input: req.params }));
  r.post("/agreements", { schema: { tags, body: CreateAgreementInput, response: { 201: AgreementSummary, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createAgreement({ ctx: req.ctx, input: req.body })));
  r.put("/agreements/:id", { schema: { tags, params: Id, body: UpdateAgreementInput, response: { 200: AgreementSummary, ...errorResponses } } }, (req) => updateAgreement({ ctx: req.ctx, input: { id: req.params.id, ...req.body } }));
  r.post("/agreements/:id/sign", { schema: { tags, params: Id, body: SignAgreementInput, response: { 200: AgreementSummary, ...errorResponses } } }, (req) => signAgreement({ ctx: req.ctx, input: { id: req.params.id, ...req.body } }));
  r.post("/agreements/:id/amendments", { schema: { tags, params: Id, body: AmendAgreementInput, response: { 200: AgreementSummary, ...errorResponses } } }, (req) => amendAgreement({ ctx: req.ctx, input: { id: req.params.id, ...req.body } }));
  r.put("/agreements/:id/rounds/:round/self-assessment", { schema: { tags, params: AgreementRoundParams, body: SelfAssessmentInput, response: { 200: z.object({ round: z.number(), status: z.string() }), ...errorResponses } } }, (req) =>
    saveSelfAssessment({ ctx: req.ctx, input: { ...req.params, ...req.body } }),
  );
  r.put("/agreements/:id/rounds/:round/results", { schema: { tags, params: AgreementRoundParams, body: ItemResultInput, response: { 200: z.object({ itemId: z.string(), round: z.number(), value: z.number() }), ...errorResponses } } }, (req) =>
    enterItemResult({ ctx: req.ctx, input: { ...req.params, ...req.body } }),
  );
  r.post("/agreements/:id/rounds/:round/close", { schema: { tags, params: AgreementRoundParams, response: { 200: z.object({ round: z.number(), total: z.number().nullable() }), ...errorResponses } } }, (req) =>
    closeRound({ ctx: req.ctx, input: req.params }),
  );
};
