import { and, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupArea } from "../registry/index.js";
import { CreatePlanInput, type PlanDetail } from "./contracts-plans.js";
import { getPlan } from "./get-plan.js";
import { planScope, provinceOfArea } from "./plan-rules.js";
import { plans } from "./tables.js";

const LEVEL_TH = { subdistrict: "แผนพัฒนาตำบล", district: "แผนพัฒนาอำเภอ", province: "แผนพัฒนาจังหวัด", cluster: "แผนพัฒนากลุ่มจังหวัด" } as const;
const LEVEL_EN = { subdistrict: "Subdistrict development plan", district: "District development plan", province: "Provincial development plan", cluster: "Cluster development plan" } as const;

/** Opens the plan of one area for one fiscal year (subdistrict, district, province or cluster); one per level, area and year. */
export async function createPlan({ ctx, input }: { ctx: Ctx; input: CreatePlanInput & { id?: string; isDemo?: boolean } }): Promise<PlanDetail> {
  const i = parseInput(CreatePlanInput, input);
  const id = input.id ?? `plan-${i.level}-${i.areaId.split(":")[1]}-${i.fiscalYear}`;
  await withTransaction(ctx, async (tx) => {
    if (!i.areaId.startsWith(`${i.level}:`)) throw new ValidationError([{ path: "areaId", code: "planning.plan-area-level", messageTh: `พื้นที่ของแผนระดับนี้ต้องขึ้นต้นด้วย ${i.level}:`, messageEn: `A ${i.level} plan's area must be a ${i.level}` }]);
    const area = await lookupArea(tx, i.areaId);
    if (!area) throw new ValidationError([{ path: "areaId", code: "ref.unknown-area", messageTh: `ไม่พบพื้นที่ ${i.areaId}`, messageEn: `Unknown area ${i.areaId}` }]);
    await requirePermission(tx, "planning:plan.write", planScope({ areaId: i.areaId }));
    const [clash] = await tx.db.select({ id: plans.id }).from(plans).where(and(eq(plans.level, i.level), eq(plans.areaId, i.areaId), eq(plans.fiscalYear, i.fiscalYear))).limit(1);
    if (clash) throw new ConflictError("planning.plan-exists", `มีแผนของพื้นที่นี้ในปีงบประมาณ ${i.fiscalYear} แล้ว`, `This area already has a plan for FY ${i.fiscalYear}`, { planId: clash.id });
    const row = {
      id,
      fiscalYear: i.fiscalYear,
      level: i.level,
      areaId: i.areaId,
      provinceCode: provinceOfArea(i.areaId),
      titleTh: i.titleTh ?? `${LEVEL_TH[i.level]}${area.nameTh} ปีงบประมาณ พ.ศ. ${i.fiscalYear}`,
      titleEn: i.titleEn ?? `${LEVEL_EN[i.level]}, ${area.nameEn || area.nameTh}, FY ${i.fiscalYear}`,
      status: "draft",
      isDemo: input.isDemo ?? false,
    };
    await tx.db.insert(plans).values(row);
    await writeAudit(tx, { action: "planning.plan.create", entityType: "plan", entityId: id, provinceCode: row.provinceCode, after: row });
  });
  return getPlan({ ctx, input: { id } });
}
