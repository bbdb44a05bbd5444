import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import "../../platform/http/request-ctx.js";
import { errorResponses } from "../../platform/http/schemas.js";
import {
  AllocationNoticeList,
  AllocationNoticeView,
  BudgetActView,
  BudgetDashboard,
  BudgetProjectList,
  BudgetProjectsInput,
  DashboardInput,
  DeadlineCalendar,
  DeadlineCalendarInput,
  FrameShiftView,
  ListAllocationNoticesInput,
  ListFrameShiftsInput,
  OperatingPlanView,
  ProjectProgressView,
  RecordAllocationNoticeInput,
  RecordBudgetActInput,
  RecordFrameShiftInput,
  RecordOperatingPlanInput,
  RecordProgressBody,
} from "./contracts-budget.js";
import { getAllocationNotice } from "./get-allocation-notice.js";
import { getBudgetDashboard } from "./get-budget-dashboard.js";
import { getDeadlineCalendar } from "./get-deadline-calendar.js";
import { getProjectProgress } from "./get-project-progress.js";
import { listAllocationNotices } from "./list-allocation-notices.js";
import { listBudgetActs } from "./list-budget-acts.js";
import { listBudgetProjects } from "./list-budget-projects.js";
import { listFrameShifts } from "./list-frame-shifts.js";
import { recordAllocationNotice } from "./record-allocation-notice.js";
import { recordBudgetAct } from "./record-budget-act.js";
import { recordFrameShift } from "./record-frame-shift.js";
import { recordOperatingPlan } from "./record-operating-plan.js";
import { recordProgress } from "./record-progress.js";

const Id = z.object({ id: z.string().min(1).max(120) });
const tags = ["planning"];

/** Budget cycle and disbursement: Budget Acts, allocation notices, operating plans, frame shifts, monthly progress, the dashboard and the deadline calendar. */
export const budgetRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/planning/budget-acts", { schema: { tags, response: { 200: z.array(BudgetActView), ...errorResponses } } }, (req) => listBudgetActs({ ctx: req.ctx }));
  r.post("/planning/budget-acts", { schema: { tags, body: RecordBudgetActInput, response: { 200: BudgetActView, ...errorResponses } } }, (req) => recordBudgetAct({ ctx: req.ctx, input: req.body }));
  r.get("/planning/allocation-notices", { schema: { tags, querystring: ListAllocationNoticesInput, response: { 200: AllocationNoticeList, ...errorResponses } } }, (req) => listAllocationNotices({ ctx: req.ctx, input: req.query }));
  r.post("/planning/allocation-notices", { schema: { tags, body: RecordAllocationNoticeInput, response: { 201: AllocationNoticeView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await recordAllocationNotice({ ctx: req.ctx, input: req.body })));
  r.get("/planning/allocation-notices/:id", { schema: { tags, params: Id, response: { 200: AllocationNoticeView, ...errorResponses } } }, (req) => getAllocationNotice({ ctx: req.ctx, input: { id: req.params.id } }));
  r.post("/planning/operating-plans", { schema: { tags, body: RecordOperatingPlanInput, response: { 200: OperatingPlanView, ...errorResponses } } }, (req) => recordOperatingPlan({ ctx: req.ctx, input: req.body }));
  r.get("/planning/frame-shifts", { schema: { tags, querystring: ListFrameShiftsInput, response: { 200: z.array(FrameShiftView), ...errorResponses } } }, (req) => listFrameShifts({ ctx: req.ctx, input: req.query }));
  r.post("/planning/frame-shifts", { schema: { tags, body: RecordFrameShiftInput, response: { 201: FrameShiftView, ...errorResponses } } }, async (req, reply) => reply.code(201).send(await recordFrameShift({ ctx: req.ctx, input: req.body })));
  r.get("/planning/projects/:id/progress", { schema: { tags, params: Id, response: { 200: ProjectProgressView, ...errorResponses } } }, (req) => getProjectProgress({ ctx: req.ctx, input: { projectId: req.params.id } }));
  r.post("/planning/projects/:id/progress", { schema: { tags, params: Id, body: RecordProgressBody, response: { 200: ProjectProgressView, ...errorResponses } } }, (req) => recordProgress({ ctx: req.ctx, input: { ...req.body, projectId: req.params.id } }));
  r.get("/planning/budget/dashboard", { schema: { tags, querystring: DashboardInput, response: { 200: BudgetDashboard, ...errorResponses } } }, (req) => getBudgetDashboard({ ctx: req.ctx, input: req.query }));
  r.get("/planning/budget/projects", { schema: { tags, querystring: BudgetProjectsInput, response: { 200: BudgetProjectList, ...errorResponses } } }, (req) => listBudgetProjects({ ctx: req.ctx, input: req.query }));
  r.get("/planning/budget/calendar", { schema: { tags, querystring: DeadlineCalendarInput, response: { 200: DeadlineCalendar, ...errorResponses } } }, (req) => getDeadlineCalendar({ ctx: req.ctx, input: req.query }));
};
