import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { ConflictError, fieldError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/segment.js";
import { parseInput } from "../../platform/validation.js";
import { requireProvince } from "../registry/index.js";
import { CreateProjectInput, type ProjectDetail } from "./contracts-projects.js";
import { getProject } from "./get-project.js";
import { sumLines } from "./money.js";
import { agencyOf, checkAreaCodes, checkFrameShifts, checkFunders, checkGoals, checkKpis, checkLineIds, checkOwner } from "./project-rules.js";
import { plans, projectBudgetLines, projects } from "./tables.js";


/** Proposes a project for a fiscal year: owned by an organisation, serving at least one provincial goal, with its budget by source. */
export async function createProject({ ctx, input }: { ctx: Ctx; input: CreateProjectInput & { id?: string; isDemo?: boolean } }): Promise<ProjectDetail> {
  const i = parseInput(CreateProjectInput, input);
  const id = input.id ?? newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    await requireProvince(tx, i.provinceCode);
    const owner = await checkOwner(tx, i.ownerOrgId, i.provinceCode);
    // the plan is read once, locked: a proposal may not slip into a plan being approved at the same moment
    const [plan] = i.planId ? await tx.db.select().from(plans).where(eq(plans.id, i.planId)).for("update") : [];
    // the owner's staff propose; so do the staff of the plan's area (a district proposes into its district plan)
    await requireAnyPermission(tx, "planning:project.propose", [{ kind: "org", id: owner.id }, ...(plan ? [{ kind: "area" as const, id: plan.areaId }] : [])]);
    await checkGoals(tx, i.goalIds, i.provinceCode);
    await checkKpis(tx, i.outcomes, i.provinceCode);
    if (i.startDate && i.endDate && i.endDate < i.startDate) throw new ValidationError([fieldError("endDate", "planning.dates-order", "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม", "The end date is before the start date")]);
    await checkAreaCodes(tx, i.areaCodes, i.provinceCode);
    await checkFunders(tx, i.budgetLines);
    checkLineIds(i.budgetLines, []); // a new project has no lines to change in place
    await checkFrameShifts(tx, i.budgetLines, i.provinceCode, i.fiscalYear);
    if (i.planId) {
      if (!plan) throw new ValidationError([fieldError("planId", "ref.unknown-plan", `ไม่พบแผน ${i.planId}`, `Unknown plan ${i.planId}`)]);
      if (plan.fiscalYear !== i.fiscalYear || (plan.provinceCode && plan.provinceCode !== i.provinceCode)) {
        throw new RuleViolation("planning.plan-mismatch", "แผนนี้เป็นของปีงบประมาณหรือจังหวัดอื่น", "The plan is of another fiscal year or province");
      }
      if (plan.status === "approved") throw new RuleViolation("planning.plan-approved", "แผนได้รับอนุมัติแล้ว เพิ่มโครงการไม่ได้ (ใช้การแก้ไขเปลี่ยนแปลงโครงการ)", "The plan is approved: projects cannot be added (amend instead)");
    }
    const code = i.code ?? `${i.fiscalYear}-${i.provinceCode}-${id.replace(/-/g, "").slice(-8).toUpperCase()}`;
    const [clash] = await tx.db.select({ id: projects.id }).from(projects).where(eq(projects.code, code)).limit(1);
    if (clash) throw new ConflictError("planning.project-code-taken", `รหัสโครงการ ${code} ถูกใช้แล้ว`, `Project code ${code} is already used`, { code });
    const row = {
      id,
      code,
      fiscalYear: i.fiscalYear,
      planId: i.planId ?? null,
      provinceCode: i.provinceCode,
      clusterId: plan?.level === "cluster" ? plan.areaId : null,
      origin: i.origin,
      ownerOrgId: owner.id,
      agencyId: agencyOf(owner),
      titleTh: i.titleTh,
      titleEn: i.titleEn ?? "",
      objectiveTh: i.objectiveTh ?? "",
      areaCodes: i.areaCodes,
      points: i.points,
      goalIds: i.goalIds,
      outcomes: i.outcomes,
      status: "proposed",
      totalBudget: sumLines(i.budgetLines),
      startDate: i.startDate ?? null,
      endDate: i.endDate ?? null,
      searchText: searchText(code, i.titleTh, i.titleEn, owner.nameTh),
      isDemo: input.isDemo ?? false,
      createdBy: tx.actor.id ?? tx.actor.kind,
    };
    await tx.db.insert(projects).values(row);
    // ids one millisecond apart keep the lines in the order given (ids are time-ordered)
    const lines = i.budgetLines.map((l, k) => ({
      id: newId(tx.now().getTime() + k),
      projectId: id,
      provinceCode: i.provinceCode,
      fiscalYear: i.fiscalYear,
      source: l.source,
      funderOrgId: l.funderOrgId ?? null,
      amount: l.amount.toFixed(2),
      frameShiftId: l.frameShiftId ?? null,
      noteTh: l.noteTh ?? "",
    }));
    if (lines.length) await tx.db.insert(projectBudgetLines).values(lines);
    const { searchText: _s, ...audited } = row;
    await emitEvent(tx, { type: "project.created", provinceCode: i.provinceCode, entityType: "project", entityId: id, isDemo: row.isDemo, data: { project: { id, code: row.code, fiscalYear: row.fiscalYear, provinceCode: i.provinceCode, ownerOrgId: row.ownerOrgId, status: row.status, totalBudget: row.totalBudget, areaCodes: row.areaCodes } } });
    await writeAudit(tx, { action: "planning.project.create", entityType: "project", entityId: id, provinceCode: i.provinceCode, after: { ...audited, budgetLines: lines } });
  });
  return getProject({ ctx, input: { id } });
}
