import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
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
};
