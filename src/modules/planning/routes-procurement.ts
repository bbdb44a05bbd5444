import { Readable } from "node:stream";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import { cancelProcurement } from "./cancel-procurement.js";
import { completeProcurement } from "./complete-procurement.js";
import {
  CancelProcurementInput,
  CompleteProcurementInput,
  CreateProcurementInput,
  ListProcurementsInput,
  OcdsPackage,
  OpenTenderInput,
  ProcurementDetail,
  ProcurementList,
  RecordAwardInput,
  RecordPaymentInput,
  SignContractInput,
} from "./contracts-procurement.js";
import { createProcurement } from "./create-procurement.js";
import { getOcdsPackage } from "./get-ocds-release.js";
import { getProcurement } from "./get-procurement.js";
import { listProcurements } from "./list-procurements.js";
import { openTender } from "./open-tender.js";
import { recordAward } from "./record-award.js";
import { recordPayment } from "./record-payment.js";
import { signContract } from "./sign-contract.js";
import { streamOcdsReleases } from "./stream-ocds-releases.js";
import { ImportFormat, ImportJob, ImportJobSummary, ImportMode, MAX_IMPORT_BYTES } from "../registry/contracts.js";
import { acceptImport, getImportJob, listImportJobs } from "../registry/index.js";
import { ErrorBody } from "../../platform/http/schemas.js";
import { PLANNING_IMPORT_KINDS, PlanningImportKind } from "./contracts-imports.js";
import { getImportTemplate } from "./get-import-template.js";
import { checkImportRight, registerPlanningImports } from "./import-planning.js";

// the import kinds join the registry's import machinery when the module's routes are loaded
registerPlanningImports();

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["planning"];
const ocdsTags = ["planning", "ocds"];
const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
const step = { params: Id, response: { 200: ProcurementDetail, ...errorResponses } };

/** Procurement (planning → tender → award → contract → implementation) and its public OCDS 1.1.5 publication. */
export const procurementRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/planning/procurements", { schema: { tags, querystring: ListProcurementsInput, response: { 200: ProcurementList, ...errorResponses } } }, (req) => listProcurements({ ctx: req.ctx, input: req.query }));
  r.post("/planning/procurements", { schema: { tags, body: CreateProcurementInput, response: { 201: ProcurementDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createProcurement({ ctx: req.ctx, input: req.body })));
  r.get("/planning/procurements/:id", { schema: { tags, params: Id, response: { 200: ProcurementDetail, ...errorResponses } } }, (req) => getProcurement({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/planning/procurements/:id/tender", { schema: { tags, ...step, body: OpenTenderInput.omit({ id: true }) } }, (req) => openTender({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/procurements/:id/award", { schema: { tags, ...step, body: RecordAwardInput.omit({ id: true }) } }, (req) => recordAward({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/procurements/:id/contract", { schema: { tags, ...step, body: SignContractInput.omit({ id: true }) } }, (req) => signContract({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/procurements/:id/payments", { schema: { tags, ...step, body: RecordPaymentInput.omit({ id: true }) } }, (req) => recordPayment({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/procurements/:id/complete", { schema: { tags, ...step, body: CompleteProcurementInput.omit({ id: true }) } }, (req) => completeProcurement({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/procurements/:id/cancel", { schema: { tags, ...step, body: CancelProcurementInput.omit({ id: true }) } }, (req) => cancelProcurement({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));

  // Imports of project lists and allocation notices: the registry's job machinery, planning's kinds and right.
  r.post(
    "/planning/imports",
    {
      bodyLimit: MAX_IMPORT_BYTES + 1024 * 1024,
      // the right to import first: Fastify reads (and size-checks) the body only after onRequest
      onRequest: async (req) => checkImportRight(req.ctx),
      schema: {
        tags,
        description: "Upload a CSV (UTF-8 or TIS-620) or XLSX file as the raw body; 202 returns the queued job; poll GET /planning/imports/{id} for progress and the report.",
        querystring: z.object({ kind: PlanningImportKind, mode: ImportMode.default("all-or-nothing"), format: ImportFormat.optional(), fileName: z.string().max(200).default("upload") }),
        response: { 202: ImportJob, ...errorResponses, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const content = Buffer.isBuffer(body) ? body : typeof body === "string" ? Buffer.from(body) : Buffer.alloc(0);
      return reply.code(202).send(await acceptImport({ ctx: req.ctx, input: { ...req.query, content } }));
    },
  );
  r.get("/planning/imports", { schema: { tags, querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.array(ImportJobSummary), ...errorResponses } } }, (req) =>
    listImportJobs({ ctx: req.ctx, input: { limit: req.query.limit, operation: "planning:import", kinds: PLANNING_IMPORT_KINDS } }),
  );
  r.get("/planning/imports/:id", { schema: { tags, params: Id, response: { 200: ImportJob, ...errorResponses } } }, (req) => getImportJob({ ctx: req.ctx, input: { id: req.params.id, operation: "planning:import", kinds: PLANNING_IMPORT_KINDS } }));
  r.get("/planning/imports/templates/:kind", { schema: { tags, params: z.object({ kind: PlanningImportKind }), querystring: z.object({ format: z.enum(["csv", "xlsx"]).default("xlsx") }) } }, async (req, reply) => {
    const t = await getImportTemplate({ ctx: req.ctx, input: { kind: req.params.kind, format: req.query.format } });
    return reply.header("content-type", t.contentType).header("content-disposition", `attachment; filename="${t.fileName}"`).send(t.body);
  });

  // Public OCDS endpoints (planning:public): release packages, and every release streamed.
  const pkg = { 200: OcdsPackage, ...errorResponses };
  r.get("/planning/ocds/releases/:ocid", { schema: { tags: ocdsTags, params: z.object({ ocid: z.string().min(1).max(200) }), response: pkg } }, (req) => getOcdsPackage({ ctx: req.ctx, input: { kind: "release", ocid: req.params.ocid, baseUrl: baseUrl(req) } }));
  r.get("/planning/ocds/projects/:projectId", { schema: { tags: ocdsTags, params: z.object({ projectId: z.string().min(1).max(120) }), response: pkg } }, (req) => getOcdsPackage({ ctx: req.ctx, input: { kind: "project", projectId: req.params.projectId, baseUrl: baseUrl(req) } }));
  r.get("/planning/ocds/contracts/:contractId", { schema: { tags: ocdsTags, params: z.object({ contractId: z.string().min(1).max(120) }), response: pkg } }, (req) => getOcdsPackage({ ctx: req.ctx, input: { kind: "contract", contractId: req.params.contractId, baseUrl: baseUrl(req) } }));
  // Streamed straight to the socket: Readable.from pulls the next batch only when the reply has drained (backpressure).
  for (const [file, format, type] of [["releases.json", "package", "application/json"], ["releases.jsonl", "jsonl", "application/x-ndjson"]] as const) {
    r.get(`/planning/ocds/${file}`, { schema: { tags: ocdsTags, description: format === "package" ? "Every release as one OCDS release package, streamed" : "Every release as JSON Lines, streamed" } }, async (req, reply) => {
      const chunks = streamOcdsReleases({ ctx: req.ctx, input: { baseUrl: baseUrl(req), format } });
      const first = await chunks.next(); // permission and the first query fail here, before any byte is sent
      async function* all() {
        if (!first.done) yield first.value;
        yield* chunks;
      }
      return reply.type(`${type}; charset=utf-8`).header("content-disposition", `attachment; filename="changwat-ocds-${file}"`).header("cache-control", "no-store").send(Readable.from(all(), { objectMode: false }));
    });
  }
};
