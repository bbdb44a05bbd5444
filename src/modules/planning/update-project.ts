import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { ValidationError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/segment.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations } from "../registry/index.js";
import { UpdateProjectInput, type ProjectDetail } from "./contracts-projects.js";
import { getProject } from "./get-project.js";
import { assertNotApproved, mustGetPlan } from "./plan-rules.js";
import { assertEditable, assertVersion, checkAreaCodes, checkFrameShifts, checkFunders, checkGoals, checkKpis, mustGetProject, projectScope, replaceBudgetLines, sumLines } from "./project-rules.js";
import { projects } from "./tables.js";

/** Edits a proposal while it is not approved (its owner's staff or the plan's): the version read must still be current. */
export async function updateProject({ ctx, input }: { ctx: Ctx; input: UpdateProjectInput & { id: string } }): Promise<ProjectDetail> {
  const i = parseInput(UpdateProjectInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await mustGetProject(tx, input.id, true);
    const plan = p.planId ? await mustGetPlan(tx, p.planId) : null;
    await requireAnyPermission(tx, "planning:project.propose", [projectScope(p), ...(plan ? [{ kind: "area" as const, id: plan.areaId }] : [])]);
    assertVersion(p.version, i.version);
    assertEditable(p);
    if (plan) assertNotApproved(plan);
    const province = p.provinceCode ?? "";
    if (i.goalIds) await checkGoals(tx, i.goalIds, province);
    if (i.outcomes) await checkKpis(tx, i.outcomes, p.provinceCode);
    if (i.areaCodes) await checkAreaCodes(tx, i.areaCodes, province);
    if (i.budgetLines) {
      await checkFunders(tx, i.budgetLines);
      await checkFrameShifts(tx, i.budgetLines, province, p.fiscalYear);
    }
    const start = i.startDate === undefined ? p.startDate : i.startDate;
    const end = i.endDate === undefined ? p.endDate : i.endDate;
    if (start && end && end < start) throw new ValidationError([{ path: "endDate", code: "planning.dates-order", messageTh: "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม", messageEn: "The end date is before the start date" }]);
    const set: Partial<typeof projects.$inferInsert> = { version: p.version + 1, updatedAt: tx.now() };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of ["titleTh", "titleEn", "objectiveTh", "areaCodes", "points", "goalIds", "outcomes"] as const) {
      if (i[k] === undefined) continue;
      (set as Record<string, unknown>)[k] = i[k];
      before[k] = p[k];
      after[k] = i[k];
    }
    if (i.startDate !== undefined) [set.startDate, before.startDate, after.startDate] = [i.startDate, p.startDate, i.startDate];
    if (i.endDate !== undefined) [set.endDate, before.endDate, after.endDate] = [i.endDate, p.endDate, i.endDate];
    if (i.titleTh !== undefined || i.titleEn !== undefined) {
      const owner = (await lookupOrganizations(tx, [p.ownerOrgId])).get(p.ownerOrgId);
      set.searchText = searchText(p.code, i.titleTh ?? p.titleTh, i.titleEn ?? p.titleEn, owner?.nameTh ?? "");
    }
    if (i.budgetLines) {
      const { before: old, after: lines } = await replaceBudgetLines(tx, p, i.budgetLines, { strict: true });
      set.totalBudget = sumLines(i.budgetLines);
      before.budgetLines = old.map((l) => ({ id: l.id, source: l.source, funderOrgId: l.funderOrgId, amount: l.amount }));
      after.budgetLines = lines.map((l) => ({ id: l.id, source: l.source, funderOrgId: l.funderOrgId, amount: l.amount }));
    }
    await tx.db.update(projects).set(set).where(eq(projects.id, p.id));
    await emitEvent(tx, { type: "project.updated", provinceCode: p.provinceCode, entityType: "project", entityId: p.id, isDemo: p.isDemo, data: { project: { id: p.id, code: p.code, fiscalYear: p.fiscalYear, provinceCode: p.provinceCode, ownerOrgId: p.ownerOrgId, status: p.status, totalBudget: set.totalBudget ?? p.totalBudget, version: p.version + 1 }, changed: Object.keys(after) } });
    await writeAudit(tx, { action: "planning.project.update", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, before: { ...before, version: p.version }, after: { ...after, version: p.version + 1 } });
  });
  return getProject({ ctx, input: { id: input.id } });
}
