import { and, eq, notInArray, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { CreateProcurementInput, type ProcurementDetail } from "./contracts-procurement.js";
import { getProcurement } from "./get-procurement.js";
import { bahtText, cents, ocidFor } from "./procurement-rules.js";
import { mustGetProject, projectScope } from "./project-rules.js";
import { procurements } from "./tables.js";

/**
 * Plans a procurement of a project (stage planning, OCDS `planning` release): the buyer is the project's owner, the
 * province and fiscal year are the project's, and the planned values of its live processes stay within its budget.
 */
export async function createProcurement({ ctx, input }: { ctx: Ctx; input: CreateProcurementInput & { isDemo?: boolean } }): Promise<ProcurementDetail> {
  const i = parseInput(CreateProcurementInput, input);
  const id = newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    // the project row is locked: two plans of the same project cannot both squeeze into its remaining budget
    const project = await mustGetProject(tx, i.projectId, true);
    await requirePermission(tx, "planning:procurement.write", projectScope(project));
    if (["rejected", "cancelled"].includes(project.status)) {
      throw new RuleViolation("planning.procurement.project-closed", "โครงการนี้ถูกยกเลิกหรือไม่ได้รับอนุมัติ จัดซื้อจัดจ้างไม่ได้", "The project was rejected or cancelled: nothing can be procured for it");
    }
    const [{ planned }] = (await tx.db
      .select({ planned: sql<string>`coalesce(sum(${procurements.plannedValue}), 0)::text` })
      .from(procurements)
      .where(and(eq(procurements.projectId, project.id), notInArray(procurements.stage, ["cancelled", "unsuccessful"])))) as [{ planned: string }];
    const after = cents(planned) + cents(i.plannedValue);
    if (after > cents(project.totalBudget)) {
      const left = bahtText(cents(project.totalBudget) > cents(planned) ? cents(project.totalBudget) - cents(planned) : 0n);
      throw new RuleViolation("planning.procurement.over-project-budget", `วงเงินที่วางแผนเกินงบประมาณโครงการ (คงเหลือ ${Number(left).toLocaleString("th-TH")} บาท)`, `The planned value exceeds the project's budget (${left} baht left)`, { remaining: left });
    }
    const row = {
      id,
      ocid: ocidFor(id),
      projectId: project.id,
      provinceCode: project.provinceCode,
      fiscalYear: project.fiscalYear,
      buyerOrgId: project.ownerOrgId,
      titleTh: i.titleTh,
      descriptionTh: i.descriptionTh ?? "",
      method: i.method,
      methodDetailsTh: i.methodDetailsTh ?? "",
      category: i.category,
      plannedValue: i.plannedValue.toFixed(2),
      stage: "planning",
      version: 1,
      isDemo: input.isDemo ?? false,
      createdBy: tx.actor.id ?? tx.actor.kind,
      createdAt: tx.now(),
      updatedAt: tx.now(),
    };
    await tx.db.insert(procurements).values(row);
    await writeAudit(tx, { action: "planning.procurement.create", entityType: "procurement", entityId: id, provinceCode: project.provinceCode, after: { ...row, createdAt: undefined, updatedAt: undefined } });
  });
  return getProcurement({ ctx, input: { id } });
}
