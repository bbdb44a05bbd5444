import { consentVersion, retentionDays } from "./retention.js";
import { createHash } from "node:crypto";
import multipart from "@fastify/multipart";
import "@fastify/rate-limit";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { ErrorBody, errorResponses } from "../../platform/http/schemas.js";
import { acceptCase } from "./accept-case.js";
import { addCaseEvent } from "./add-case-event.js";
import { assignCase } from "./assign-case.js";
import { bulkAssignCases } from "./bulk-assign-cases.js";
import {
  AddCaseEventInput,
  AssignCaseInput,
  Board,
  BoardItem,
  BoardInput,
  BoardOutline,
  BoardOutlineInput,
  BulkAssignInput,
  CaseActionInput,
  CaseDetail,
  CaseEventView,
  CaseList,
  CategoryView,
  DuplicateCandidate,
  DuplicatesInput,
  ListCasesInput,
  MergeCaseInput,
  PhotoView,
  PublicCaseView,
  RateCaseInput,
  ReporterActionInput,
  ReporterAuth,
  ResolveCaseInput,
  RoutingPreview,
  RoutingPreviewInput,
  RoutingProvinces,
  RoutingRuleInput,
  RoutingRuleList,
  Stats,
  StatsInput,
  SubmitCaseInput,
  SubmittedCase,
  TransferCaseInput,
  UpdatePublicTextInput,
  CasesPrivacy,
  ChangeCategoryInput,
} from "./contracts.js";
import { deleteRoutingRule } from "./delete-routing-rule.js";
import { findDuplicates } from "./find-duplicates.js";
import { getBoard } from "./get-board.js";
import { getBoardOutline } from "./get-board-outline.js";
import { getCase } from "./get-case.js";
import { getCasePhoto } from "./get-case-photo.js";
import { getCaseStats } from "./get-case-stats.js";
import { getPublicCase, getPublicCasePhoto } from "./get-public-case.js";
import { listCases } from "./list-cases.js";
import { listCategories } from "./list-categories.js";
import { listRoutingProvinces, listRoutingRules } from "./list-routing-rules.js";
import { mergeCase } from "./merge-case.js";
import { previewRouting } from "./preview-routing.js";
import { PHOTO_MAX_BYTES, PhotoTooLargeError } from "./photos.js";
import { keepablePhoto } from "./photo-hash.js";
import type { PhotoToStore } from "./photo-store.js";
import { rateCase } from "./rate-case.js";
import { reopenCase } from "./reopen-case.js";
import { resolveCase } from "./resolve-case.js";
import { setRoutingRule } from "./set-routing-rule.js";
import { startCase } from "./start-case.js";
import { submitCase } from "./submit-case.js";
import { listMyCases } from "./list-my-cases.js";
import { listAssignees } from "./list-assignees.js";
import { checkCasesImportRight, registerCasesImports, TRAFFY_IMPORT_KIND } from "./import-traffy.js";
import { ImportFormat, ImportJob, ImportJobSummary, ImportMode, MAX_IMPORT_BYTES } from "../registry/contracts.js";
import { acceptImport, getImportJob, listImportJobs } from "../registry/index.js";
import { suggestRouting } from "./suggest-routing.js";
import { trackCase } from "./track-case.js";
import { transferCase } from "./transfer-case.js";
import { changeCaseCategory } from "./change-category.js";
import { updatePublicText } from "./update-public-text.js";
import { uploadCasePhoto } from "./upload-case-photo.js";
import { asMultipartError, isFileTooLarge } from "../../platform/http/multipart.js";

const tags = ["cases"];
registerCasesImports();
const Suggestion = z.object({ id: z.string(), nameTh: z.string(), nameEn: z.string(), confidence: z.number() });
const Id = z.object({ id: z.string().min(1).max(64) });
const Ref = z.object({ ref: z.string().min(1).max(40) });
const MAX_PHOTOS = 3;

export type CasesRouteOptions = {
  /** public intake per address (anonymous) or per account, per 10 minutes; staff entering calls are not limited */
  intakeLimit?: number;
};

/** Staff and API-key clients with a staff role are not rate-limited at intake; citizens and the public are. */
const isStaff = (req: FastifyRequest) => !!req.ctx?.actor.grants.some((g) => g.role !== "citizen");
const intakeKey = (req: FastifyRequest) => (req.ctx?.actor.id ? `account:${req.ctx.actor.id}` : `ip:${req.ip}`);

/**
 * Reads a multipart intake: field `case` (the JSON of SubmitCaseInput) and up to three `photo` files, each
 * re-encoded without its metadata before anything is written (a bad photo refuses the whole report).
 */
async function readMultipartCase(req: FastifyRequest): Promise<{ input: unknown; photos: PhotoToStore[] }> {
  let input: unknown;
  const photos: PhotoToStore[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === "file") {
        if (part.fieldname !== "photo") {
          await part.toBuffer().catch(() => undefined);
          continue;
        }
        if (photos.length >= MAX_PHOTOS) throw new ValidationError([fieldError("photo", "cases.photo.too-many", `แนบภาพได้ไม่เกิน ${MAX_PHOTOS} ภาพ`, `At most ${MAX_PHOTOS} photos`)]);
        let bytes: Buffer;
        try {
          bytes = await part.toBuffer();
        } catch (e) {
          throw isFileTooLarge(e) ? new PhotoTooLargeError(PHOTO_MAX_BYTES + 1, PHOTO_MAX_BYTES) : e;
        }
        photos.push(await keepablePhoto({ bytes, mediaType: part.mimetype, fileName: part.filename }));
      } else if (part.fieldname === "case") {
        try {
          input = JSON.parse(String(part.value));
        } catch {
          throw new ValidationError([fieldError("case", "cases.bad-json", "ข้อมูลเรื่องไม่ใช่ JSON ที่ถูกต้อง", "The `case` field is not valid JSON")]);
        }
      }
    }
  } catch (e) {
    throw asMultipartError(e);
  }
  if (input === undefined) throw new ValidationError([fieldError("case", "cases.missing", "ไม่มีข้อมูลเรื่อง (ช่อง case)", "The `case` field is missing")]);
  return { input, photos };
}

/** Citizens' cases: intake on every channel, the public board, the reporter's own actions and the staff workspace. */
export function casesRoutes(opts: CasesRouteOptions = {}): FastifyPluginAsync {
  const intakeLimit = { max: opts.intakeLimit ?? 20, timeWindow: "10 minutes", keyGenerator: intakeKey, allowList: isStaff };
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    // ─── public ───
    r.get(
      "/cases/privacy",
      { schema: { tags, description: "What the intake consent text must say (PDPA): its version (send it back as consentVersion) and how many days after closing reporters' personal data is deleted.", response: { 200: CasesPrivacy, ...errorResponses } } },
      async () => ({ consentVersion: consentVersion(), retentionDays: retentionDays() }),
    );
    r.get("/cases/categories", { schema: { tags, response: { 200: z.object({ items: z.array(CategoryView) }), ...errorResponses } } }, (req) => listCategories({ ctx: req.ctx }));
    r.get("/cases/similar", { schema: { tags, description: "Open cases within 50 m and 14 days with similar Thai text (asked by the form before sending).", querystring: DuplicatesInput, response: { 200: z.object({ items: z.array(DuplicateCandidate) }), ...errorResponses } } }, (req) => findDuplicates({ ctx: req.ctx, input: req.query }));
    r.get("/public/cases", { schema: { tags, querystring: BoardInput, response: { 200: Board, ...errorResponses } } }, (req) => getBoard({ ctx: req.ctx, input: req.query }));
    r.get("/public/cases/stats", { schema: { tags, querystring: StatsInput, response: { 200: Stats, ...errorResponses } } }, (req) => getCaseStats({ ctx: req.ctx, input: req.query }));
    r.get(
      "/public/cases/map/outline",
      { schema: { tags, description: "The province's district outlines for the public board map (GeoJSON FeatureCollection, one MultiPolygon per district with its DOPA code and Thai and English names; simplified to about 100 m, coordinates rounded to 5 decimals). Cached for a week; send If-None-Match with the ETag to get 304.", querystring: BoardOutlineInput, response: { 200: BoardOutline, 304: z.null().describe("Not modified (If-None-Match matched the ETag)"), ...errorResponses } } },
      async (req, reply) => {
        const outline = await getBoardOutline({ ctx: req.ctx, input: req.query });
        // the outlines change only with a release's seed or a district's renaming: a week, revalidated by ETag
        const etag = `"${createHash("sha256").update(JSON.stringify(outline)).digest("base64url").slice(0, 27)}"`;
        reply.header("cache-control", "public, max-age=604800").header("etag", etag);
        if (req.headers["if-none-match"]?.split(/\s*,\s*/).some((t) => t.replace(/^W\//, "") === etag)) return reply.code(304).send(null);
        return outline;
      },
    );
    r.get("/public/cases/:ref", { schema: { tags, params: Ref, response: { 200: PublicCaseView, ...errorResponses } } }, (req) => getPublicCase({ ctx: req.ctx, input: { publicRef: req.params.ref } }));
    r.get("/public/cases/:ref/photos/:photoId", { schema: { tags, params: Ref.extend({ photoId: z.string().max(64) }), querystring: z.object({ size: z.enum(["full", "thumb"]).optional() }) } }, async (req, reply) => {
      const p = await getPublicCasePhoto({ ctx: req.ctx, input: { publicRef: req.params.ref, photoId: req.params.photoId, thumb: req.query.size === "thumb" } });
      return reply.type(p.mediaType).header("cache-control", "public, max-age=86400, immutable").send(p.content);
    });
    r.post("/cases/track", { config: { rateLimit: { max: 60, timeWindow: "1 minute" } }, schema: { tags, description: "The reporter's view of their case, by tracking code.", body: ReporterAuth.extend({ id: z.string().max(64).optional() }), response: { 200: PublicCaseView.extend({ id: z.string(), myRating: z.number().nullable() }), ...errorResponses } } }, (req) => trackCase({ ctx: req.ctx, input: req.body }));
    r.post("/cases/:id/reopen", { config: { rateLimit: { max: 20, timeWindow: "10 minutes" } }, schema: { tags, params: Id, body: ReporterActionInput, response: { 200: z.object({ publicRef: z.string(), status: z.string() }), ...errorResponses } } }, (req) => reopenCase({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
    r.post("/cases/:id/rate", { config: { rateLimit: { max: 20, timeWindow: "10 minutes" } }, schema: { tags, params: Id, body: RateCaseInput, response: { 200: z.object({ publicRef: z.string(), status: z.string(), rating: z.number().nullable() }), ...errorResponses } } }, (req) => rateCase({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));

    // intake: JSON (API clients, staff entry) or multipart with photos (the web form)
    await app.register(async (sub) => {
      await sub.register(multipart, { limits: { fileSize: PHOTO_MAX_BYTES, files: MAX_PHOTOS + 1, fields: 4, fieldSize: 64 * 1024, parts: MAX_PHOTOS + 5 } });
      const s = sub.withTypeProvider<ZodTypeProvider>();
      s.post(
        "/cases",
        {
          config: { rateLimit: intakeLimit },
          // the JSON form is checked by the contract; a multipart form carries the same JSON in its `case` field
          schema: { tags, body: SubmitCaseInput.nullish(), description: "Report a case: JSON (SubmitCaseInput) or multipart/form-data with field `case` (that JSON) and up to 3 `photo` files (JPEG, PNG, WebP or HEIC, ≤ 10 MB each; re-encoded without location data). The answer's tracking code is shown once.", response: { 201: SubmittedCase, ...errorResponses, 413: ErrorBody } },
        },
        async (req, reply) => {
          const { input, photos } = req.isMultipart() ? await readMultipartCase(req) : { input: req.body, photos: [] };
          return reply.code(201).send(await submitCase({ ctx: req.ctx, input, photos }));
        },
      );
      s.post("/cases/:id/photos", { schema: { tags, params: Id, description: "A handler's after-photo: multipart field `photo`.", response: { 201: PhotoView, ...errorResponses, 413: ErrorBody } } }, async (req, reply) => {
        if (!req.isMultipart()) throw new ValidationError([fieldError("photo", "cases.photo.missing", "ต้องแนบภาพ (multipart/form-data ช่อง photo)", "Attach a photo (multipart/form-data, field `photo`)")]);
        const file = await req.file().catch(() => undefined);
        // a file in another field is not the photo (it is read to its end, so the request finishes, and dropped)
        if (file && file.fieldname !== "photo") await file.toBuffer().catch(() => undefined);
        if (!file || file.fieldname !== "photo") throw new ValidationError([fieldError("photo", "cases.photo.missing", "ต้องแนบภาพ (ช่อง photo)", "Attach a photo (field `photo`)")]);
        let bytes: Buffer;
        try {
          bytes = await file.toBuffer();
        } catch (e) {
          throw isFileTooLarge(e) ? new PhotoTooLargeError(PHOTO_MAX_BYTES + 1, PHOTO_MAX_BYTES) : asMultipartError(e);
        }
        const photo = await keepablePhoto({ bytes, mediaType: file.mimetype, fileName: file.filename });
        return reply.code(201).send(await uploadCasePhoto({ ctx: req.ctx, input: { id: req.params.id, photo } }));
      });
    });

    // ─── staff ───
    r.get("/cases", { schema: { tags, querystring: ListCasesInput, response: { 200: CaseList, ...errorResponses } } }, (req) => listCases({ ctx: req.ctx, input: req.query }));
    r.post("/cases/assign", { schema: { tags, body: BulkAssignInput, response: { 200: z.object({ assigned: z.number() }), ...errorResponses } } }, (req) => bulkAssignCases({ ctx: req.ctx, input: req.body }));
    // importing a Traffy Fondue export (provinces moving their history here): the registry's job machinery
    r.post(
      "/cases/imports",
      {
        bodyLimit: MAX_IMPORT_BYTES + 1024 * 1024,
        onRequest: async (req) => checkCasesImportRight(req.ctx),
        schema: { tags, description: "Upload a Traffy Fondue export (CSV, its column names) as the raw body; 202 returns the queued job; poll GET /cases/imports/{id}.", querystring: z.object({ mode: ImportMode.default("valid-rows"), format: ImportFormat.optional(), fileName: z.string().max(200).default("traffy.csv") }), response: { 202: ImportJob, ...errorResponses, 413: ErrorBody } },
      },
      async (req, reply) => {
        const body = req.body;
        const content = Buffer.isBuffer(body) ? body : typeof body === "string" ? Buffer.from(body) : Buffer.alloc(0);
        return reply.code(202).send(await acceptImport({ ctx: req.ctx, input: { ...req.query, kind: TRAFFY_IMPORT_KIND, content } }));
      },
    );
    r.get("/cases/imports", { schema: { tags, querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), response: { 200: z.array(ImportJobSummary), ...errorResponses } } }, (req) => listImportJobs({ ctx: req.ctx, input: { limit: req.query.limit, operation: "cases:import", kinds: [TRAFFY_IMPORT_KIND] } }));
    r.get("/cases/imports/:id", { schema: { tags, params: Id, response: { 200: ImportJob, ...errorResponses } } }, (req) => getImportJob({ ctx: req.ctx, input: { id: req.params.id, operation: "cases:import", kinds: [TRAFFY_IMPORT_KIND] } }));
    r.get("/cases/mine", { schema: { tags, description: "A logged-in citizen's own cases and what they gave (contact, consent, rating): their data, exportable.", response: { 200: z.object({ items: z.array(BoardItem.extend({ id: z.string(), myReport: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), anonymous: z.boolean(), consentVersion: z.string(), consentAt: z.string(), rating: z.number().nullable(), fromCaseId: z.string().nullable() }) })) }), ...errorResponses } } }, (req) => listMyCases({ ctx: req.ctx }));
    r.get("/cases/:id/assignees", { schema: { tags, params: Id, description: "People a case may be assigned to (its handlers).", response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })) }), ...errorResponses } } }, (req) => listAssignees({ ctx: req.ctx, input: { id: req.params.id } }));
    r.get("/cases/suggest", { schema: { tags, description: "Top-3 categories and agencies the Thai text suggests (staff routing hints).", querystring: z.object({ text: z.string().trim().min(1).max(4000) }), response: { 200: z.object({ categories: z.array(Suggestion), organizations: z.array(Suggestion) }), ...errorResponses } } }, (req) => suggestRouting({ ctx: req.ctx, input: req.query }));
    r.get("/cases/routing-rules", { schema: { tags, description: "A province's routing rules: read by everyone who takes or handles its cases (a district's centre, its offices, the province); canWrite is true only for the province's office and governor.", querystring: z.object({ provinceCode: z.string().regex(/^\d{2}$/) }), response: { 200: RoutingRuleList, ...errorResponses } } }, (req) => listRoutingRules({ ctx: req.ctx, input: req.query }));
    r.get("/cases/routing-rules/provinces", { schema: { tags, description: "The provinces whose routing rules the caller may read (GET /cases/routing-rules answers 403 for the others).", response: { 200: RoutingProvinces, ...errorResponses } } }, (req) => listRoutingProvinces({ ctx: req.ctx }));
    r.get("/cases/routing-rules/preview", { schema: { tags, description: "Where a case of this category at this place would be sent and why (the deciding rule, else the category's provincial office, else the province's Damrongdhama centre); places as intake does.", querystring: RoutingPreviewInput, response: { 200: RoutingPreview, ...errorResponses } } }, (req) => previewRouting({ ctx: req.ctx, input: req.query }));
    r.put("/cases/routing-rules", { schema: { tags, body: RoutingRuleInput, response: { 200: z.object({ id: z.string() }), ...errorResponses } } }, (req) => setRoutingRule({ ctx: req.ctx, input: req.body }));
    r.delete("/cases/routing-rules/:id", { schema: { tags, params: Id, response: { 204: z.null(), ...errorResponses } } }, async (req, reply) => {
      await deleteRoutingRule({ ctx: req.ctx, input: { id: req.params.id } });
      return reply.code(204).send(null);
    });
    r.get("/cases/:id", { schema: { tags, params: Id, response: { 200: CaseDetail, ...errorResponses } } }, (req) => getCase({ ctx: req.ctx, input: { id: req.params.id } }));
    r.get("/cases/:id/photos/:photoId", { schema: { tags, params: Id.extend({ photoId: z.string().max(64) }), querystring: z.object({ size: z.enum(["full", "thumb"]).optional() }) } }, async (req, reply) => {
      const p = await getCasePhoto({ ctx: req.ctx, input: { id: req.params.id, photoId: req.params.photoId, thumb: req.query.size === "thumb" } });
      return reply.type(p.mediaType).header("cache-control", "private, max-age=3600").send(p.content);
    });
    const act = (path: string, body: z.ZodType, fn: (a: { ctx: FastifyRequest["ctx"]; input: { id: string } & Record<string, unknown> }) => Promise<unknown>, response: z.ZodType = CaseDetail) =>
      r.post(`/cases/:id/${path}`, { schema: { tags, params: Id, body, response: { 200: response, ...errorResponses } } }, (req) => fn({ ctx: req.ctx, input: { ...(req.body as object), id: req.params.id } }) as never);
    act("accept", CaseActionInput, acceptCase);
    act("start", CaseActionInput, startCase);
    act("resolve", ResolveCaseInput, resolveCase);
    act("events", AddCaseEventInput, addCaseEvent, CaseEventView);
    act("assign", AssignCaseInput, assignCase, z.object({ id: z.string(), assigneeAccountId: z.string().nullable(), version: z.number() }));
    act("category", ChangeCategoryInput, changeCaseCategory, z.object({ id: z.string(), categoryId: z.string(), version: z.number() }));
    act("transfer", TransferCaseInput, transferCase, z.object({ id: z.string(), assignedOrgId: z.string(), version: z.number() }));
    act("merge", MergeCaseInput, mergeCase, z.object({ id: z.string(), mergedInto: z.string(), supportCount: z.number() }));
    act("public-text", UpdatePublicTextInput, updatePublicText, z.object({ id: z.string(), publicText: z.string(), version: z.number() }));
  };
}
