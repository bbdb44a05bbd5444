import multipart from "@fastify/multipart";
import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { fieldErrorsFromIssues } from "../../platform/http/error-handler.js";
import "../../platform/http/request-ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { ErrorBody, errorResponses } from "../../platform/http/schemas.js";
import { addMilestone } from "./add-milestone.js";
import { approvePlan } from "./approve-plan.js";
import { changeProjectStatus } from "./change-project-status.js";
import { completeMilestone } from "./complete-milestone.js";
import { consolidatePlan } from "./consolidate-plan.js";
import { ApprovePlanInput, ConsolidateResult, CreatePlanInput, ListPlansInput, PlanDetail, PlanList, PrioritiseInput, ResolveDuplicateInput } from "./contracts-plans.js";
import {
  AddMilestoneInput,
  AmendmentRouteInput,
  AmendmentRoutePreview,
  AmendmentView,
  ChangeStatusInput,
  CompleteMilestoneInput,
  CreateProjectInput,
  DecideAmendmentInput,
  ListProjectsInput,
  MilestoneView,
  PROJECT_FILE_MAX_BYTES,
  ProjectDetail,
  ProjectFileView,
  ProjectList,
  ProjectPage,
  ProjectTimeline,
  RequestAmendmentInput,
  UpdateProjectInput,
} from "./contracts-projects.js";
import { createPlan } from "./create-plan.js";
import { createProject } from "./create-project.js";
import { decideAmendment } from "./decide-amendment.js";
import { getPlan } from "./get-plan.js";
import { getProject } from "./get-project.js";
import { getProjectFile } from "./get-project-file.js";
import { getProjectPage } from "./get-project-page.js";
import { getProjectTimeline } from "./get-project-timeline.js";
import { listPlans } from "./list-plans.js";
import { listProjects } from "./list-projects.js";
import { previewAmendmentRoute } from "./preview-amendment-route.js";
import { prioritisePlan } from "./prioritise-plan.js";
import { requestAmendment } from "./request-amendment.js";
import { resolveDuplicate } from "./resolve-duplicate.js";
import { updateProject } from "./update-project.js";
import { checkProjectFileUpload, FileTooLargeError, uploadProjectFile } from "./upload-project-file.js";
import { asMultipartError, isFileTooLarge } from "../../platform/http/multipart.js";

const RefId = z.string().min(1).max(120);
const Id = z.object({ id: RefId });
const tags = ["planning"];
const noFile = () => new ValidationError([{ path: "file", code: "planning.file-missing", messageTh: "ต้องแนบไฟล์หนึ่งไฟล์ (multipart/form-data ช่อง file)", messageEn: "Attach one file (multipart/form-data, field `file`)" }]);

/** One Plan and projects: plans per level, proposals, consolidation, the project record, amendments. */
export const plansRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/planning/plans", { schema: { tags, querystring: ListPlansInput, response: { 200: PlanList, ...errorResponses } } }, (req) => listPlans({ ctx: req.ctx, input: req.query }));
  r.post("/planning/plans", { schema: { tags, body: CreatePlanInput, response: { 201: PlanDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createPlan({ ctx: req.ctx, input: req.body })));
  r.get("/planning/plans/:id", { schema: { tags, params: Id, response: { 200: PlanDetail, ...errorResponses } } }, (req) => getPlan({ ctx: req.ctx, input: req.params }));
  r.post("/planning/plans/:id/order", { schema: { tags, params: Id, body: PrioritiseInput, response: { 200: PlanDetail, ...errorResponses } } }, (req) => prioritisePlan({ ctx: req.ctx, input: { ...req.body, planId: req.params.id } }));
  r.post("/planning/plans/:id/consolidate", { schema: { tags, params: Id, response: { 200: ConsolidateResult, ...errorResponses } } }, (req) => consolidatePlan({ ctx: req.ctx, input: { planId: req.params.id } }));
  r.post("/planning/plans/:id/duplicates", { schema: { tags, params: Id, body: ResolveDuplicateInput, response: { 200: PlanDetail, ...errorResponses } } }, (req) => resolveDuplicate({ ctx: req.ctx, input: { ...req.body, planId: req.params.id } }));
  r.post("/planning/plans/:id/approve", { schema: { tags, params: Id, body: ApprovePlanInput, response: { 200: PlanDetail, ...errorResponses } } }, (req) => approvePlan({ ctx: req.ctx, input: { ...req.body, planId: req.params.id } }));

  r.get("/planning/projects", { schema: { tags, querystring: ListProjectsInput, response: { 200: ProjectList, ...errorResponses } } }, (req) => listProjects({ ctx: req.ctx, input: req.query }));
  r.post("/planning/projects", { schema: { tags, body: CreateProjectInput, response: { 201: ProjectDetail, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await createProject({ ctx: req.ctx, input: req.body })));
  r.get("/planning/projects/:id", { schema: { tags, params: Id, response: { 200: ProjectDetail, ...errorResponses } } }, (req) => getProject({ ctx: req.ctx, input: { id: req.params.id } }));
  r.patch("/planning/projects/:id", { schema: { tags, params: Id, body: UpdateProjectInput, response: { 200: ProjectDetail, ...errorResponses } } }, (req) => updateProject({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.get("/planning/projects/:id/page", { schema: { tags, params: Id, response: { 200: ProjectPage, ...errorResponses } } }, (req) => getProjectPage({ ctx: req.ctx, input: req.params }));
  r.get("/planning/projects/:id/timeline", { schema: { tags, params: Id, response: { 200: ProjectTimeline, ...errorResponses } } }, (req) => getProjectTimeline({ ctx: req.ctx, input: req.params }));
  r.post("/planning/projects/:id/status", { schema: { tags, params: Id, body: ChangeStatusInput, response: { 200: ProjectDetail, ...errorResponses } } }, (req) => changeProjectStatus({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));
  r.post("/planning/projects/:id/milestones", { schema: { tags, params: Id, body: AddMilestoneInput, response: { 201: MilestoneView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await addMilestone({ ctx: req.ctx, input: { ...req.body, projectId: req.params.id } })));
  r.post("/planning/projects/:id/milestones/:milestoneId/done", { schema: { tags, params: z.object({ id: RefId, milestoneId: RefId }), body: CompleteMilestoneInput, response: { 200: MilestoneView, ...errorResponses } } }, (req) =>
    completeMilestone({ ctx: req.ctx, input: { projectId: req.params.id, milestoneId: req.params.milestoneId, doneOn: req.body?.doneOn } }),
  );
  r.get("/planning/projects/:id/files/:fileId", { schema: { tags, params: z.object({ id: RefId, fileId: RefId }), response: errorResponses } }, async (req, reply) => {
    const f = await getProjectFile({ ctx: req.ctx, input: { projectId: req.params.id, fileId: req.params.fileId } });
    const ascii = f.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
    return reply
      .header("content-type", f.mediaType)
      .header("x-content-type-options", "nosniff")
      .header("content-disposition", `${f.mediaType.startsWith("image/") || f.mediaType === "application/pdf" ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
      .send(f.content as never); // a file: Fastify sends buffers as they are
  });
  r.get("/planning/projects/:id/amendment-route", { schema: { tags, params: Id, querystring: AmendmentRouteInput, response: { 200: AmendmentRoutePreview, ...errorResponses } } }, (req) => previewAmendmentRoute({ ctx: req.ctx, input: { projectId: req.params.id, amount: req.query.amount } }));
  r.post("/planning/projects/:id/amendments", { schema: { tags, params: Id, body: RequestAmendmentInput, response: { 201: AmendmentView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await requestAmendment({ ctx: req.ctx, input: { ...req.body, projectId: req.params.id } })));
  r.post("/planning/amendments/:id/decision", { schema: { tags, params: Id, body: DecideAmendmentInput, response: { 200: AmendmentView, ...errorResponses } } }, (req) => decideAmendment({ ctx: req.ctx, input: { ...req.body, id: req.params.id } }));

  // uploads: multipart only here (its parser is registered in this child context, not for the whole app)
  await app.register(async (sub) => {
    await sub.register(multipart, { limits: { fileSize: PROJECT_FILE_MAX_BYTES, files: 1, fields: 5, fieldSize: 2000 } });
    sub.withTypeProvider<ZodTypeProvider>().post(
      "/planning/projects/:id/files",
      {
        schema: {
          tags,
          description: "Upload one document or photo as multipart/form-data: field `file` (PDF, JPEG, PNG, WebP, DOCX or XLSX, ≤ 5 MB), optional fields `captionTh` and `kind` (document | photo).",
          params: Id,
          response: { 201: ProjectFileView, ...errorResponses, 413: ErrorBody },
        },
        // the right first, before a byte of the body is read: a stranger gets 403, never the size limit (413)
        // (onRequest runs before Fastify validates the params: a bad id is refused here with the same 400)
        onRequest: async (req) => {
          const p = Id.safeParse(req.params);
          if (!p.success) throw new ValidationError(fieldErrorsFromIssues(p.error.issues as never[], "params"));
          await checkProjectFileUpload({ ctx: req.ctx, input: { projectId: p.data.id } });
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw noFile();
        const file = await req.file().catch(() => undefined);
        // a file in another field is not the upload (it is read to its end, so the request finishes, and dropped)
        if (file && file.fieldname !== "file") await file.toBuffer().catch(() => undefined);
        if (!file || file.fieldname !== "file") throw noFile();
        let content: Buffer;
        try {
          content = await file.toBuffer();
        } catch (e) {
          throw isFileTooLarge(e) ? new FileTooLargeError(PROJECT_FILE_MAX_BYTES + 1) : asMultipartError(e);
        }
        const field = (name: string) => {
          const f = file.fields[name] as { value?: unknown } | undefined;
          return typeof f?.value === "string" ? f.value : undefined;
        };
        const kind = field("kind");
        const saved = await uploadProjectFile({ ctx: req.ctx, input: { projectId: req.params.id, fileName: file.filename, mediaType: file.mimetype, content, captionTh: field("captionTh"), kind: kind === "document" || kind === "photo" ? kind : undefined } });
        return reply.code(201).send(saved);
      },
    );
  });
};
