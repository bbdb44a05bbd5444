import type { Ctx } from "../../platform/ctx.js";
import { lookupOrganizations } from "../registry/index.js";
import { lookupStrategyNodes } from "../strategy/index.js";
import type { ProjectDetail, ProjectSummary } from "./contracts-projects.js";
import type { ProjectRow } from "./project-rules.js";
import type { projectBudgetLines } from "./tables.js";

type LineRow = typeof projectBudgetLines.$inferSelect;
type Orgs = Awaited<ReturnType<typeof lookupOrganizations>>;

/** A project as lists show it; `orgs` must hold its owner (load them for a page with lookupOrganizations). */
export function projectSummary(p: ProjectRow, orgs: Orgs): ProjectSummary {
  const owner = orgs.get(p.ownerOrgId);
  return {
    id: p.id,
    code: p.code,
    fiscalYear: p.fiscalYear,
    provinceCode: p.provinceCode,
    planId: p.planId,
    origin: p.origin as ProjectSummary["origin"],
    ownerOrgId: p.ownerOrgId,
    ownerNameTh: owner?.nameTh ?? p.ownerOrgId,
    ownerNameEn: owner?.nameEn || owner?.nameTh || p.ownerOrgId,
    agencyId: p.agencyId,
    titleTh: p.titleTh,
    titleEn: p.titleEn,
    status: p.status as ProjectSummary["status"],
    priority: p.priority,
    totalBudget: p.totalBudget,
    isDemo: p.isDemo,
  };
}

/** The whole project record (names of owner, funders and goals resolved in two lookups). */
export async function projectDetail(ctx: Ctx, p: ProjectRow, lines: readonly LineRow[]): Promise<ProjectDetail> {
  const orgs = await lookupOrganizations(ctx, [p.ownerOrgId, ...lines.flatMap((l) => (l.funderOrgId ? [l.funderOrgId] : []))]);
  const goals = await lookupStrategyNodes(ctx, p.goalIds);
  const outcomes = (p.outcomes as { kpiId: string; kind: "output" | "outcome"; target?: number; unitTh?: string }[]).map((o) => ({ kpiId: o.kpiId, kind: o.kind, target: o.target ?? null, unitTh: o.unitTh ?? null }));
  return {
    ...projectSummary(p, orgs),
    objectiveTh: p.objectiveTh,
    areaCodes: p.areaCodes,
    points: p.points as ProjectDetail["points"],
    goals: p.goalIds.map((id) => {
      const g = goals.get(id);
      return { id, code: g?.code ?? null, nameTh: g?.nameTh ?? id, nameEn: g?.nameEn || g?.nameTh || id };
    }),
    outcomes,
    budgetLines: lines.map((l) => {
      const f = l.funderOrgId ? orgs.get(l.funderOrgId) : undefined;
      return { id: l.id, source: l.source as ProjectDetail["budgetLines"][number]["source"], funderOrgId: l.funderOrgId, funderNameTh: f?.nameTh ?? null, funderNameEn: f ? f.nameEn || f.nameTh : null, amount: l.amount, frameShiftId: l.frameShiftId, allocationNoticeId: l.allocationNoticeId, noteTh: l.noteTh };
    }),
    startDate: p.startDate,
    endDate: p.endDate,
    approvedOn: p.approvedOn,
    consolidatedIntoPlanId: p.consolidatedIntoPlanId,
    duplicateOf: p.duplicateOf,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
