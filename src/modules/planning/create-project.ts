import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation, ValidationError, type FieldError } from "../../platform/errors.js";
import { searchText } from "../../platform/thai/segment.js";
import { parseInput } from "../../platform/validation.js";
import { lookupAreas, lookupOrganizations, requireProvince } from "../registry/index.js";
import { CreateProjectInput, type ProjectDetail } from "./contracts-projects.js";
import { getProject } from "./get-project.js";
import { agencyOf, checkGoals, checkKpis, checkOwner } from "./project-rules.js";
import { plans, projectBudgetLines, projects } from "./tables.js";

const sum = (xs: readonly { amount: number }[]) => (xs.reduce((s, x) => s + Math.round(x.amount * 100), 0) / 100).toFixed(2);

/** Proposes a project for a fiscal year: owned by an organisation, serving at least one provincial goal, with its budget by source. */
export async function createProject({ ctx, input }: { ctx: Ctx; input: CreateProjectInput & { id?: string; isDemo?: boolean } }): Promise<ProjectDetail> {
  const i = parseInput(CreateProjectInput, input);
  const id = input.id ?? newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    await requireProvince(tx, i.provinceCode);
    const owner = await checkOwner(tx, i.ownerOrgId, i.provinceCode);
    // the owner's staff propose; so do the staff of the plan's area (a district proposes into its district plan)
    const [target] = i.planId ? await tx.db.select({ areaId: plans.areaId }).from(plans).where(eq(plans.id, i.planId)).limit(1) : [];
    await requireAnyPermission(tx, "planning:project.propose", [{ kind: "org", id: owner.id }, ...(target ? [{ kind: "area" as const, id: target.areaId }] : [])]);
    await checkGoals(tx, i.goalIds, i.provinceCode);
    await checkKpis(tx, i.outcomes, i.provinceCode);
    const errors: FieldError[] = [];
    if (i.startDate && i.endDate && i.endDate < i.startDate) errors.push({ path: "endDate", code: "planning.dates-order", messageTh: "วันสิ้นสุดต้องไม่ก่อนวันเริ่ม", messageEn: "The end date is before the start date" });
    const areas = await lookupAreas(tx, i.areaCodes.map((c) => `subdistrict:${c}`));
    i.areaCodes.forEach((c, k) => {
      if (!areas.has(`subdistrict:${c}`)) errors.push({ path: `areaCodes.${k}`, code: "ref.unknown-area", messageTh: `ไม่พบตำบลรหัส ${c}`, messageEn: `Unknown subdistrict ${c}` });
      else if (!c.startsWith(i.provinceCode)) errors.push({ path: `areaCodes.${k}`, code: "planning.area-other-province", messageTh: `ตำบล ${c} อยู่นอกจังหวัด`, messageEn: `Subdistrict ${c} lies outside the province` });
    });
    const funders = await lookupOrganizations(tx, i.budgetLines.flatMap((l) => (l.funderOrgId ? [l.funderOrgId] : [])));
    i.budgetLines.forEach((l, k) => {
      if (l.funderOrgId && !funders.has(l.funderOrgId)) errors.push({ path: `budgetLines.${k}.funderOrgId`, code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${l.funderOrgId}`, messageEn: `Unknown organisation ${l.funderOrgId}` });
    });
    if (errors.length) throw new ValidationError(errors);
    if (i.planId) {
      const [plan] = await tx.db.select().from(plans).where(eq(plans.id, i.planId)).for("update");
      if (!plan) throw new ValidationError([{ path: "planId", code: "ref.unknown-plan", messageTh: `ไม่พบแผน ${i.planId}`, messageEn: `Unknown plan ${i.planId}` }]);
      if (plan.fiscalYear !== i.fiscalYear || (plan.provinceCode && plan.provinceCode !== i.provinceCode)) {
        throw new RuleViolation("planning.plan-mismatch", "แผนนี้เป็นของปีงบประมาณหรือจังหวัดอื่น", "The plan is of another fiscal year or province");
      }
      if (plan.status === "approved") throw new RuleViolation("planning.plan-approved", "แผนได้รับอนุมัติแล้ว เพิ่มโครงการไม่ได้ (ใช้การแก้ไขเปลี่ยนแปลงโครงการ)", "The plan is approved: projects cannot be added (amend instead)");
    }
    const cluster = i.planId ? (await tx.db.select({ level: plans.level, areaId: plans.areaId }).from(plans).where(eq(plans.id, i.planId)))[0] : undefined;
    const code = i.code ?? `${i.fiscalYear}-${i.provinceCode}-${id.replace(/-/g, "").slice(-8).toUpperCase()}`;
    const [clash] = await tx.db.select({ id: projects.id }).from(projects).where(eq(projects.code, code)).limit(1);
    if (clash) throw new ConflictError("planning.project-code-taken", `รหัสโครงการ ${code} ถูกใช้แล้ว`, `Project code ${code} is already used`, { code });
    const row = {
      id,
      code,
      fiscalYear: i.fiscalYear,
      planId: i.planId ?? null,
      provinceCode: i.provinceCode,
      clusterId: cluster?.level === "cluster" ? cluster.areaId : null,
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
      totalBudget: sum(i.budgetLines),
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
    await writeAudit(tx, { action: "planning.project.create", entityType: "project", entityId: id, provinceCode: i.provinceCode, after: { ...audited, budgetLines: lines } });
  });
  return getProject({ ctx, input: { id } });
}
