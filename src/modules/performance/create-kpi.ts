import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { parseInput } from "../../platform/validation.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { lookupOrganization } from "../registry/index.js";
import { CreateKpiInput, type KpiSummary } from "./contracts.js";
import { kpiSummary } from "./presenters.js";
import { kpiScope } from "./rules.js";
import { kpiContributors, kpis } from "./tables.js";
import { and, eq, isNull } from "drizzle-orm";

const unknownOrg = (path: string, id: string) => new ValidationError([{ path, code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${id}`, messageEn: `Unknown organisation ${id}` }]);

/** Defines a KPI: national (set centrally), provincial, or joint between a ministry or department and a governor. */
export async function createKpi({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateKpiInput> & { id?: string; isDemo?: boolean } }): Promise<KpiSummary> {
  const i = parseInput(CreateKpiInput, input);
  const provinceCode = i.level === "national" ? null : i.provinceCode!;
  await requirePermission(ctx, "performance:kpi.write", kpiScope({ level: i.level, provinceCode, ownerOrgId: i.ownerOrgId }));
  return withTransaction(ctx, async (tx) => {
    if (!(await lookupOrganization(tx, i.ownerOrgId))) throw unknownOrg("ownerOrgId", i.ownerOrgId);
    if (i.jointOrgId) {
      const j = await lookupOrganization(tx, i.jointOrgId);
      if (!j) throw unknownOrg("jointOrgId", i.jointOrgId);
      if (j.classification !== "ministry" && j.classification !== "department") {
        throw new ValidationError([{ path: "jointOrgId", code: "performance.joint-org-kind", messageTh: "ตัวชี้วัดร่วมต้องผูกกับกระทรวงหรือกรม", messageEn: "A joint KPI is shared with a ministry or a department" }]);
      }
    }
    for (const [n, c] of i.contributors.entries()) if (!(await lookupOrganization(tx, c))) throw unknownOrg(`contributors.${n}`, c);
    const dup = await tx.db.select({ id: kpis.id }).from(kpis).where(and(eq(kpis.code, i.code), provinceCode ? eq(kpis.provinceCode, provinceCode) : isNull(kpis.provinceCode))).limit(1);
    if (dup.length) throw new ConflictError("performance.kpi-code-taken", `มีตัวชี้วัดรหัส ${i.code} อยู่แล้ว`, `KPI code ${i.code} is already used here`);
    const id = input.id ?? newId();
    const [row] = await tx.db
      .insert(kpis)
      .values({
        id,
        code: i.code,
        nameTh: i.nameTh,
        nameEn: i.nameEn,
        unit: i.unit,
        direction: i.direction,
        level: i.level,
        baseline: i.baseline ?? null,
        baselineYear: i.baselineYear ?? null,
        definitionTh: i.definitionTh ?? null,
        formula: i.formula ?? null,
        dataSource: i.dataSource ?? null,
        frequency: i.frequency,
        ownerOrgId: i.ownerOrgId,
        jointOrgId: i.jointOrgId ?? null,
        provinceCode,
        goalNodeId: i.goalNodeId ?? null,
        isDemo: input.isDemo ?? false,
        createdAt: tx.now(),
        updatedAt: tx.now(),
      })
      .returning();
    if (i.contributors.length) await tx.db.insert(kpiContributors).values(i.contributors.map((orgId) => ({ kpiId: id, orgId })));
    const out = kpiSummary(row!);
    await writeAudit(tx, { action: "performance.kpi.create", entityType: "kpi", entityId: id, provinceCode, after: { ...out, contributors: i.contributors } });
    return out;
  });
}
