import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { ErrorBody, errorResponses } from "../../platform/http/schemas.js";
import {
  AreaDetail,
  AreaSummary,
  CreateMembershipInput,
  CreateOrganizationInput,
  CreateOversightInput,
  CreatePersonInput,
  CreatePostInput,
  EndMembershipInput,
  ImportFormat,
  ImportJob,
  ImportJobSummary,
  ImportKind,
  ImportMode,
  MAX_IMPORT_BYTES,
  ListAreasInput,
  ListOrganizationsInput,
  OrganizationDetail,
  OrganizationSummary,
  PersonDetail,
  PersonSummary,
  PostSummary,
  ProvinceDetail,
  ProvinceSummary,
  SearchInput,
  SearchResult,
  UpdateOrganizationInput,
  UpdatePersonInput,
} from "./contracts.js";
import { createMembership } from "./create-membership.js";
import { createOrganization } from "./create-organization.js";
import { createOversight } from "./create-oversight.js";
import { createPerson } from "./create-person.js";
import { createPost } from "./create-post.js";
import { endMembership } from "./end-membership.js";
import { exportPopolo, PopoloExportInput } from "./export-popolo.js";
import { getArea } from "./get-area.js";
import { getImportJob } from "./get-import-job.js";
import { getOrganization } from "./get-organization.js";
import { getPerson } from "./get-person.js";
import { getProvince } from "./get-province.js";
import { importRegistry } from "./import-registry.js";
import { listImportJobs } from "./list-import-jobs.js";
import { listAreas } from "./list-areas.js";
import { listOrganizations } from "./list-organizations.js";
import { listProvinces } from "./list-provinces.js";
import { searchRegistry } from "./search-registry.js";
import { updateOrganization } from "./update-organization.js";
import { updatePerson } from "./update-person.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["registry"];

/** Registry HTTP adapter: parse, call the use case, shape the response. */
export const registryRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/areas", { schema: { tags, querystring: ListAreasInput, response: { 200: z.object({ items: z.array(AreaSummary), total: z.number() }), ...errorResponses } } }, (req) =>
    listAreas({ ctx: req.ctx, input: req.query }),
  );
  r.get("/areas/:id", { schema: { tags, params: Id, response: { 200: AreaDetail, ...errorResponses } } }, (req) => getArea({ ctx: req.ctx, input: req.params }));
  r.get("/provinces", { schema: { tags, response: { 200: z.array(ProvinceSummary), ...errorResponses } } }, (req) => listProvinces({ ctx: req.ctx }));
  r.get("/provinces/:code", { schema: { tags, params: z.object({ code: z.string().regex(/^\d{2}$/) }), response: { 200: ProvinceDetail, ...errorResponses } } }, (req) =>
    getProvince({ ctx: req.ctx, input: req.params }),
  );
  r.get("/organizations", { schema: { tags, querystring: ListOrganizationsInput, response: { 200: z.object({ items: z.array(OrganizationSummary), total: z.number() }), ...errorResponses } } }, (req) =>
    listOrganizations({ ctx: req.ctx, input: req.query }),
  );
  r.get("/organizations/:id", { schema: { tags, params: Id, response: { 200: OrganizationDetail, ...errorResponses } } }, (req) => getOrganization({ ctx: req.ctx, input: req.params }));
  r.post("/organizations", { schema: { tags, body: CreateOrganizationInput, response: { 201: OrganizationSummary, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await createOrganization({ ctx: req.ctx, input: req.body })),
  );
  r.patch("/organizations/:id", { schema: { tags, params: Id, body: UpdateOrganizationInput, response: { 200: OrganizationSummary, ...errorResponses } } }, (req) =>
    updateOrganization({ ctx: req.ctx, input: { id: req.params.id, patch: req.body } }),
  );
  r.get("/persons/:id", { schema: { tags, params: Id, response: { 200: PersonDetail, ...errorResponses } } }, (req) => getPerson({ ctx: req.ctx, input: req.params }));
  r.post("/persons", { schema: { tags, body: CreatePersonInput, response: { 201: PersonSummary, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await createPerson({ ctx: req.ctx, input: req.body })),
  );
  r.patch("/persons/:id", { schema: { tags, params: Id, body: UpdatePersonInput, response: { 200: PersonSummary, ...errorResponses } } }, (req) =>
    updatePerson({ ctx: req.ctx, input: { id: req.params.id, patch: req.body } }),
  );
  r.post("/posts", { schema: { tags, body: CreatePostInput, response: { 201: PostSummary, ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await createPost({ ctx: req.ctx, input: req.body })),
  );
  r.post("/memberships", { schema: { tags, body: CreateMembershipInput, response: { 201: z.object({ id: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await createMembership({ ctx: req.ctx, input: req.body })),
  );
  r.post("/memberships/:id/end", { schema: { tags, params: Id, body: EndMembershipInput, response: { 200: z.object({ id: z.string(), endDate: z.string() }), ...errorResponses } } }, (req) =>
    endMembership({ ctx: req.ctx, input: { id: req.params.id, ...req.body } }),
  );
  r.post("/oversights", { schema: { tags, body: CreateOversightInput, response: { 201: z.object({ id: z.string() }), ...errorResponses } } }, async (req, reply) =>
    reply.code(201).send(await createOversight({ ctx: req.ctx, input: req.body })),
  );
  r.get("/search", { schema: { tags, querystring: SearchInput, response: { 200: SearchResult, ...errorResponses } } }, (req) => searchRegistry({ ctx: req.ctx, input: req.query as never }));
  r.get("/export/popolo", { schema: { tags, querystring: PopoloExportInput, response: { 200: z.record(z.string(), z.unknown()), ...errorResponses } } }, async (req, reply) => {
    const body = await exportPopolo({ ctx: req.ctx, input: req.query });
    reply.header("content-disposition", 'attachment; filename="changwat-popolo.json"');
    return body;
  });
  r.post(
    "/imports",
    {
      // a little over the import limit, so a too-large file gets the import's own error code rather than the generic one
      bodyLimit: MAX_IMPORT_BYTES + 1024 * 1024,
      schema: {
        tags,
        description:
          "Upload a CSV (UTF-8 or TIS-620) or XLSX file as the raw body (content-type text/csv, application/octet-stream or the XLSX type). " +
          "The file is checked and stored, and a 202 returns the queued job; poll GET /imports/{id} for progress and the report.",
        querystring: z.object({ kind: ImportKind, mode: ImportMode.default("all-or-nothing"), format: ImportFormat.optional(), fileName: z.string().max(200).default("upload") }),
        response: { 202: ImportJob, ...errorResponses, 413: ErrorBody },
      },
    },
    async (req, reply) => {
      const body = req.body;
      const buf = Buffer.isBuffer(body) ? body : typeof body === "string" ? Buffer.from(body) : Buffer.alloc(0);
      const job = await importRegistry({ ctx: req.ctx, input: { ...req.query, content: buf } });
      return reply.code(202).send(job);
    },
  );
  r.get("/imports", { schema: { tags, querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.array(ImportJobSummary), ...errorResponses } } }, (req) =>
    listImportJobs({ ctx: req.ctx, input: req.query }),
  );
  r.get("/imports/:id", { schema: { tags, params: Id, response: { 200: ImportJob, ...errorResponses } } }, (req) => getImportJob({ ctx: req.ctx, input: req.params }));
};
