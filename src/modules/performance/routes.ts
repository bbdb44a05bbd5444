import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { getRoundReport } from "./get-round-report.js";
import { renderRoundReportPdf } from "./report-pdf.js";
import { renderRoundReportXlsx } from "./report-xlsx.js";
import { Cockpit, CockpitQuery, RoundReportQuery } from "./contracts.js";
import { getCockpit } from "./get-cockpit.js";
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

  r.get("/cockpit", { schema: { tags, querystring: CockpitQuery, response: { 200: Cockpit, ...errorResponses } } }, (req) => getCockpit({ ctx: req.ctx, input: req.query }));
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
  r.get("/agreements/:id/rounds/:round/report", { schema: { tags, params: AgreementRoundParams, querystring: RoundReportQuery, response: errorResponses } }, async (req, reply) => {
    const report = await getRoundReport({ ctx: req.ctx, input: req.params });
    const name = `agreement-${report.agreement.fiscalYear}-${report.agreement.provinceCode ?? "cluster"}-round-${report.round.round}.${req.query.format}`;
    const body = req.query.format === "pdf" ? await renderRoundReportPdf(report) : await renderRoundReportXlsx(report);
    const type = req.query.format === "pdf" ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    return reply.header("content-type", type).header("content-disposition", `attachment; filename="${name}"`).send(body as never); // a file: Fastify sends buffers as they are
  });
  r.post("/agreements/:id/rounds/:round/close", { schema: { tags, params: AgreementRoundParams, response: { 200: z.object({ round: z.number(), total: z.number().nullable() }), ...errorResponses } } }, (req) =>
    closeRound({ ctx: req.ctx, input: req.params }),
  );
};

// ───────────────────────────── pilots and evaluation; sandboxes (issue 3, part 5) ─────────────────────────────
// Kept in its own block (imports included: ES imports are hoisted) so it merges cleanly beside other additions.
import {
  ComparePilotInput,
  CreatePilotProgrammeInput,
  CreateSandboxInput,
  DefinePilotOutcomeInput,
  EndSandboxInput,
  GrantPilotIncentiveInput,
  ListPilotObservationsInput,
  ListPilotProgrammesInput,
  ListSandboxesInput,
  PilotComparison,
  PilotIncentiveView,
  PilotObservationView,
  PilotOutcomeView,
  PilotProgrammeDetail,
  PilotProgrammeSummary,
  PilotProvinceView,
  RecordPilotObservationsInput,
  RecordPilotSurveyInput,
  RecordSandboxResultInput,
  SandboxDetail,
  SandboxResultView,
  SandboxSummary,
  SetPilotProvincesInput,
} from "./contracts.js";
import { compareProgramme } from "./compare-programme.js";
import { createProgramme } from "./create-programme.js";
import { createSandbox } from "./create-sandbox.js";
import { defineOutcome } from "./define-outcome.js";
import { endSandbox } from "./end-sandbox.js";
import { getProgramme } from "./get-programme.js";
import { getSandbox } from "./get-sandbox.js";
import { grantIncentive } from "./grant-incentive.js";
import { listObservations } from "./list-observations.js";
import { listProgrammes } from "./list-programmes.js";
import { listSandboxes } from "./list-sandboxes.js";
import { recordObservations } from "./record-observations.js";
import { recordSandboxResult } from "./record-sandbox-result.js";
import { recordSurvey } from "./record-survey.js";
import { setProgrammeProvinces } from "./set-programme-provinces.js";

const pilotTags = ["pilots"];
const sandboxTags = ["sandboxes"];

/** Pilots and evaluation (programmes, provinces, outcomes, observations, surveys, incentives, comparison) and sandboxes. */
export const pilotRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/pilots", { schema: { tags: pilotTags, querystring: ListPilotProgrammesInput, response: { 200: z.object({ items: z.array(PilotProgrammeSummary), total: z.number() }), ...errorResponses } } }, (req) => listProgrammes({ ctx: req.ctx, input: req.query }));
  r.post("/pilots", { schema: { tags: pilotTags, body: CreatePilotProgrammeInput, response: { 201: PilotProgrammeSummary, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createProgramme({ ctx: req.ctx, input: req.body })));
  r.get("/pilots/:id", { schema: { tags: pilotTags, params: Id, response: { 200: PilotProgrammeDetail, ...errorResponses } } }, (req) => getProgramme({ ctx: req.ctx, input: req.params }));
  r.put("/pilots/:id/provinces", { schema: { tags: pilotTags, params: Id, body: SetPilotProvincesInput, response: { 200: z.object({ provinces: z.array(PilotProvinceView) }), ...errorResponses } } }, async (req) => ({
    provinces: await setProgrammeProvinces({ ctx: req.ctx, input: { programmeId: req.params.id, ...req.body } }),
  }));
  r.post("/pilots/:id/outcomes", { schema: { tags: pilotTags, params: Id, body: DefinePilotOutcomeInput, response: { 201: PilotOutcomeView, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await defineOutcome({ ctx: req.ctx, input: { programmeId: req.params.id, ...req.body } })),
  );
  r.get("/pilots/:id/observations", { schema: { tags: pilotTags, params: Id, querystring: ListPilotObservationsInput, response: { 200: z.object({ items: z.array(PilotObservationView) }), ...errorResponses } } }, (req) =>
    listObservations({ ctx: req.ctx, input: { programmeId: req.params.id, ...req.query } }),
  );
  r.post("/pilots/:id/observations", { schema: { tags: pilotTags, params: Id, body: RecordPilotObservationsInput, response: { 200: z.object({ outcomeId: z.string(), inserted: z.number(), updated: z.number() }), ...errorResponses } } }, (req) =>
    recordObservations({ ctx: req.ctx, input: { programmeId: req.params.id, ...req.body } }),
  );
  r.post("/pilots/:id/surveys", { schema: { tags: pilotTags, params: Id, body: RecordPilotSurveyInput, response: { 200: PilotObservationView, ...errorResponses } } }, (req) =>
    recordSurvey({ ctx: req.ctx, input: { programmeId: req.params.id, ...req.body } }),
  );
  r.post("/pilots/:id/incentives", { schema: { tags: pilotTags, params: Id, body: GrantPilotIncentiveInput, response: { 201: PilotIncentiveView, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await grantIncentive({ ctx: req.ctx, input: { programmeId: req.params.id, ...req.body } })),
  );
  r.get("/pilots/:id/comparison", { schema: { tags: pilotTags, params: Id, querystring: ComparePilotInput, response: { 200: PilotComparison, ...errorResponses } } }, (req) =>
    compareProgramme({ ctx: req.ctx, input: { programmeId: req.params.id, ...req.query } }),
  );

  r.get("/sandboxes", { schema: { tags: sandboxTags, querystring: ListSandboxesInput, response: { 200: z.object({ items: z.array(SandboxSummary), total: z.number() }), ...errorResponses } } }, (req) => listSandboxes({ ctx: req.ctx, input: req.query }));
  r.post("/sandboxes", { schema: { tags: sandboxTags, body: CreateSandboxInput, response: { 201: SandboxDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createSandbox({ ctx: req.ctx, input: req.body })));
  r.get("/sandboxes/:id", { schema: { tags: sandboxTags, params: Id, response: { 200: SandboxDetail, ...errorResponses } } }, (req) => getSandbox({ ctx: req.ctx, input: req.params }));
  r.post("/sandboxes/:id/results", { schema: { tags: sandboxTags, params: Id, body: RecordSandboxResultInput, response: { 201: SandboxResultView, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await recordSandboxResult({ ctx: req.ctx, input: { sandboxId: req.params.id, ...req.body } })),
  );
  r.post("/sandboxes/:id/end", { schema: { tags: sandboxTags, params: Id, body: EndSandboxInput, response: { 200: SandboxSummary, ...errorResponses } } }, (req) =>
    endSandbox({ ctx: req.ctx, input: { sandboxId: req.params.id, ...req.body } }),
  );
};
