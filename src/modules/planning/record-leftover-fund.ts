import { and, desc, eq, inArray } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { RecordLeftoverInput, type LeftoverFundView } from "./contracts-funds.js";
import { actorId, bahtText, bahtWords, leftoverViews, sumSatang, todayOf, toSatang } from "./funds-rules.js";
import { mustGetProject, projectScope } from "./project-rules.js";
import { leftoverFunds, procurementContracts, procurements } from "./tables.js";

/** Procurement stages at which the project's procurement has met its goal (the contract is signed). */
export const GOAL_MET_STAGES = ["contract", "implementation", "complete"] as const;

/**
 * Records the leftover allotment of an agency's project whose procurement met its goal: at most the project's
 * budget less what its contracts bind and the leftover already recorded. Agency staff of the owner or the
 * province's strategy office record it.
 */
export async function recordLeftoverFund({ ctx, input }: { ctx: Ctx; input: RecordLeftoverInput & { id?: string; isDemo?: boolean } }): Promise<LeftoverFundView> {
  const i = parseInput(RecordLeftoverInput, input);
  const id = input.id ?? newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    // the project row is locked: two recordings for one project cannot both pass the ceiling
    const p = await mustGetProject(tx, i.projectId, true);
    await requirePermission(tx, "planning:leftover.record", projectScope(p));
    if (!p.provinceCode) throw new RuleViolation("planning.leftover.not-provincial", "เงินเหลือจ่ายบันทึกได้เฉพาะโครงการในจังหวัด", "Leftover funds are recorded for provincial projects only");
    const procs = await tx.db.select().from(procurements).where(eq(procurements.projectId, p.id)).orderBy(desc(procurements.updatedAt));
    const met = procs.filter((x) => (GOAL_MET_STAGES as readonly string[]).includes(x.stage));
    if (i.procurementId && !procs.some((x) => x.id === i.procurementId)) {
      throw new ValidationError([{ path: "procurementId", code: "planning.leftover.procurement-other-project", messageTh: "การจัดซื้อจัดจ้างนี้ไม่ใช่ของโครงการ", messageEn: "The procurement is not this project's" }]);
    }
    const proc = i.procurementId ? met.find((x) => x.id === i.procurementId) : met[0];
    if (!proc) {
      throw new RuleViolation("planning.leftover.procurement-not-met", "การจัดซื้อจัดจ้างของโครงการยังไม่บรรลุเป้าหมาย (ต้องลงนามสัญญาแล้ว) จึงยังบันทึกเงินเหลือจ่ายไม่ได้", "The project's procurement has not met its goal yet (no signed contract): no leftover can be recorded");
    }
    const contracts = await tx.db
      .select({ amount: procurementContracts.contractAmount, award: procurementContracts.awardAmount, status: procurementContracts.status })
      .from(procurementContracts)
      .where(inArray(procurementContracts.procurementId, procs.map((x) => x.id)));
    const bound = sumSatang(contracts.filter((c) => c.status !== "cancelled").map((c) => c.amount ?? c.award));
    const recorded = sumSatang((await tx.db.select({ amount: leftoverFunds.amount }).from(leftoverFunds).where(eq(leftoverFunds.projectId, p.id))).map((r) => r.amount));
    const ceiling = toSatang(p.totalBudget) - bound - recorded;
    const amount = toSatang(i.amount);
    if (amount > ceiling) {
      const c = ceiling < 0n ? 0n : ceiling;
      throw new RuleViolation(
        "planning.leftover.over-budget",
        `เงินเหลือจ่ายเกินงบประมาณโครงการหักวงเงินตามสัญญาและที่บันทึกไว้แล้ว (บันทึกได้ไม่เกิน ${bahtWords(c, "th")})`,
        `The leftover exceeds the project's budget less its contracts and leftover already recorded (at most ${bahtWords(c, "en")})`,
        { ceiling: bahtText(c) },
      );
    }
    const row = {
      id,
      fiscalYear: p.fiscalYear,
      provinceCode: p.provinceCode,
      projectId: p.id,
      ownerOrgId: p.ownerOrgId,
      agencyId: p.agencyId,
      amount: bahtText(amount),
      remaining: bahtText(amount),
      procurementId: proc.id,
      recordedOn: i.recordedOn ?? todayOf(tx),
      noteTh: i.noteTh ?? "",
      isDemo: input.isDemo ?? false,
      createdBy: actorId(tx),
    };
    await tx.db.insert(leftoverFunds).values(row);
    await writeAudit(tx, { action: "planning.leftover.record", entityType: "leftover-fund", entityId: id, provinceCode: p.provinceCode, after: row });
  });
  const [row] = await ctx.db.select().from(leftoverFunds).where(and(eq(leftoverFunds.id, id)));
  return (await leftoverViews(ctx, [row!]))[0]!;
}
