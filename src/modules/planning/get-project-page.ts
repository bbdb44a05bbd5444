import { asc, desc, eq } from "drizzle-orm";
import { hasAnyPermission, hasPermission, requireAnyPermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { lookupKpis } from "../performance/index.js";
import { strategyChainsUp } from "../strategy/index.js";
import type { ProjectPage } from "./contracts-projects.js";
import { amendmentView, fileView, milestoneView } from "./project-presenters.js";
import { projectDetail } from "./presenters.js";
import { mayReadPlanningHistory, planningScopesOf } from "./history-scopes.js";
import { mustGetProject, projectReadScopes, projectScope, projectWriters } from "./project-rules.js";
import { plans, projectAmendments, projectBudgetLines, projectFiles, projectMilestones, projectProgress, projects } from "./tables.js";

/** The project record: the project, what it serves up the cascade, outcome KPIs, milestones, files, amendments and monthly progress. */
export async function getProjectPage({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ProjectPage> {
  const p = await mustGetProject(ctx, input.id);
  const scopes = projectReadScopes(p);
  await requireAnyPermission(ctx, "planning:read", scopes);
  const [lines, ms, files, ams, progress] = [
    await ctx.db.select().from(projectBudgetLines).where(eq(projectBudgetLines.projectId, p.id)).orderBy(asc(projectBudgetLines.id)),
    await ctx.db.select().from(projectMilestones).where(eq(projectMilestones.projectId, p.id)).orderBy(asc(projectMilestones.dueOn), asc(projectMilestones.sortOrder)),
    await ctx.db.select({ id: projectFiles.id, projectId: projectFiles.projectId, provinceCode: projectFiles.provinceCode, kind: projectFiles.kind, fileName: projectFiles.fileName, mediaType: projectFiles.mediaType, size: projectFiles.size, captionTh: projectFiles.captionTh, uploadedBy: projectFiles.uploadedBy, createdAt: projectFiles.createdAt, updatedAt: projectFiles.updatedAt }).from(projectFiles).where(eq(projectFiles.projectId, p.id)).orderBy(desc(projectFiles.createdAt)),
    await ctx.db.select().from(projectAmendments).where(eq(projectAmendments.projectId, p.id)).orderBy(desc(projectAmendments.requestedOn), desc(projectAmendments.id)),
    await ctx.db.select().from(projectProgress).where(eq(projectProgress.projectId, p.id)).orderBy(asc(projectProgress.month)),
  ];
  const detail = await projectDetail(ctx, p, lines);
  const chains = await strategyChainsUp(ctx, p.goalIds);
  const outcomes = p.outcomes as { kpiId: string; kind: "output" | "outcome"; target?: number; unitTh?: string }[];
  const kpis = await lookupKpis(ctx, outcomes.map((o) => o.kpiId));
  const planIds = [p.planId, p.consolidatedIntoPlanId].filter((x): x is string => !!x);
  const planRows = planIds.length ? await Promise.all(planIds.map(async (id) => (await ctx.db.select().from(plans).where(eq(plans.id, id)).limit(1))[0])) : [];
  const plan = planRows.find((x) => x?.id === p.planId);
  const into = planRows.find((x) => x?.id === p.consolidatedIntoPlanId);
  const [dup] = p.duplicateOf ? await ctx.db.select({ id: projects.id, code: projects.code, titleTh: projects.titleTh }).from(projects).where(eq(projects.id, p.duplicateOf)).limit(1) : [];
  return {
    project: detail,
    goalChains: detail.goals.map((g) => ({ goal: g, chain: chains.get(g.id) ?? [] })),
    outcomes: outcomes.map((o) => {
      const k = kpis.get(o.kpiId);
      return { kpiId: o.kpiId, kind: o.kind, target: o.target ?? null, unitTh: o.unitTh ?? null, kpiCode: k?.code ?? null, kpiNameTh: k?.nameTh ?? null, kpiNameEn: k?.nameEn || k?.nameTh || null, kpiUnit: k?.unit ?? null, latest: k?.latest ?? null };
    }),
    milestones: ms.map((m) => milestoneView(m, ctx.now())),
    files: files.map(fileView),
    amendments: ams.map(amendmentView),
    progress: progress.map((r) => ({ month: r.month, physicalPct: r.physicalPct, disbursed: r.disbursed, plannedDisbursed: r.plannedDisbursed, noteTh: r.noteTh })),
    plan: plan ? { id: plan.id, level: plan.level, titleTh: plan.titleTh, titleEn: plan.titleEn, status: plan.status } : null,
    consolidatedInto: into ? { id: into.id, titleTh: into.titleTh, titleEn: into.titleEn } : null,
    duplicateOfProject: dup ?? null,
    may: {
      edit: ["proposed", "prioritised"].includes(p.status) && (await hasAnyPermission(ctx, "planning:project.propose", [projectScope(p), ...(plan ? [{ kind: "area" as const, id: plan.areaId }] : [])])),
      // one amendment at a time: while one waits for a decision, another cannot be asked for
      amend: ["approved", "in_progress"].includes(p.status) && !!p.provinceCode && !ams.some((a) => a.status === "pending_province" || a.status === "pending_central") && (await hasPermission(ctx, "planning:project.amend", provinceScope(p.provinceCode))),
      progress: await hasAnyPermission(ctx, "planning:project.progress", projectWriters(p)),
      changeStatus: await hasAnyPermission(ctx, "planning:project.write", projectWriters(p)),
      history: await mayReadPlanningHistory(ctx, planningScopesOf.project(p)),
    },
  };
}
