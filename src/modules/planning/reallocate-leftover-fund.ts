import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { checkAuthority } from "../delegation/index.js";
import { lookupOrganizations } from "../registry/index.js";
import { ReallocateLeftoverInput, type ReallocationView } from "./contracts-funds.js";
import { actorId, bahtText, bahtWords, governorAuthority, mustGetLeftover, reallocationViews, todayOf, toSatang } from "./funds-rules.js";
import { projectBudgetLines, projects, leftoverFunds, leftoverReallocations } from "./tables.js";

/**
 * The governor reallocates (part of) a leftover fund to an activity within the same agency's mandate in the same
 * province, under the delegation chain for P-BUD-001 (Budget Bureau → head of agency → governor). The target project
 * gains a "leftover" budget line; the fund's `remaining` falls under its row lock, so concurrent reallocations can
 * never spend more than was left.
 */
export async function reallocateLeftoverFund({ ctx, input }: { ctx: Ctx; input: ReallocateLeftoverInput }): Promise<ReallocationView> {
  const i = parseInput(ReallocateLeftoverInput, input);
  const id = newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    const fund = await mustGetLeftover(tx, i.fundId, true);
    await requirePermission(tx, "planning:leftover.reallocate", provinceScope(fund.provinceCode));
    const [target] = await tx.db.select().from(projects).where(eq(projects.id, i.targetProjectId)).limit(1);
    if (!target) throw new ValidationError([{ path: "targetProjectId", code: "ref.unknown-project", messageTh: `ไม่พบโครงการ ${i.targetProjectId}`, messageEn: `Unknown project ${i.targetProjectId}` }]);
    if (target.id === fund.projectId) throw new RuleViolation("planning.leftover.same-project", "โอนเงินเหลือจ่ายกลับไปยังโครงการเดิมไม่ได้", "A leftover cannot be reallocated to the project it came from");
    if (target.agencyId !== fund.agencyId || target.provinceCode !== fund.provinceCode) {
      const orgs = await lookupOrganizations(tx, [fund.agencyId, target.agencyId]);
      const a = orgs.get(fund.agencyId);
      const b = orgs.get(target.agencyId);
      const otherProvince = target.provinceCode !== fund.provinceCode;
      throw new RuleViolation(
        "planning.leftover.outside-mandate",
        otherProvince
          ? `เงินเหลือจ่ายของ${a?.nameTh ?? fund.agencyId}ใช้ได้เฉพาะกิจกรรมในจังหวัดเดียวกัน โครงการ ${target.code} อยู่ในจังหวัดอื่น`
          : `เงินเหลือจ่ายของ${a?.nameTh ?? fund.agencyId}ใช้ได้เฉพาะกิจกรรมตามภารกิจของ${a?.nameTh ?? fund.agencyId}เท่านั้น โครงการ ${target.code} เป็นภารกิจของ${b?.nameTh ?? target.agencyId}`,
        otherProvince
          ? `The leftover of ${a?.nameEn || fund.agencyId} may fund only activities in the same province: project ${target.code} is in another province`
          : `The leftover of ${a?.nameEn || fund.agencyId} may fund only activities within its own mandate: project ${target.code} belongs to ${b?.nameEn || target.agencyId}`,
        { fundAgencyId: fund.agencyId, targetAgencyId: target.agencyId, targetProvinceCode: target.provinceCode },
      );
    }
    if (["rejected", "cancelled", "completed"].includes(target.status)) {
      throw new RuleViolation("planning.leftover.target-closed", `โครงการ ${target.code} ปิดหรือยกเลิกแล้ว`, `Project ${target.code} is closed or cancelled`);
    }
    const amount = toSatang(i.amount);
    const remaining = toSatang(fund.remaining);
    if (amount > remaining) {
      throw new RuleViolation("planning.leftover.over-remaining", `เงินเหลือจ่ายคงเหลือ ${bahtWords(remaining, "th")} ไม่พอสำหรับ ${bahtWords(amount, "th")}`, `Only ${bahtWords(remaining, "en")} of the leftover remains, less than ${bahtWords(amount, "en")}`, { remaining: fund.remaining });
    }
    const today = todayOf(tx);
    const answer = await checkAuthority({ ctx: tx, input: { powerCode: "P-BUD-001", provinceCode: fund.provinceCode, amount: i.amount, date: today } });
    const auth = governorAuthority(answer);
    if (!auth.governorMayDecide || !auth.delegationId) {
      throw new ConflictError(
        "planning.leftover.authority-central",
        `ผู้ว่าราชการจังหวัดไม่มีอำนาจใช้จ่ายเงินเหลือจ่ายนี้ (${answer.explanationTh}) ต้องเสนอ${answer.central.authorityTh}`,
        `The governor holds no delegated authority to spend this leftover (${answer.explanationEn}): it goes to ${answer.central.authorityEn}`,
        { central: answer.central.orgId },
      );
    }
    const left = remaining - amount;
    await tx.db.update(leftoverFunds).set({ remaining: bahtText(left), updatedAt: tx.now() }).where(eq(leftoverFunds.id, fund.id));
    const authority = { decision: answer.decision, date: today, deciderLabelTh: auth.deciderLabelTh, deciderLabelEn: auth.deciderLabelEn, chainTh: auth.chainTh, chainEn: auth.chainEn, explanationTh: answer.explanationTh, legalBasisTh: answer.legalBasisTh, chain: answer.deciders.find((d) => d.delegationId === auth.delegationId)?.chain ?? [] };
    const row = { id, fundId: fund.id, provinceCode: fund.provinceCode, targetProjectId: target.id, amount: bahtText(amount), purposeTh: i.purposeTh, delegationId: auth.delegationId, authority, decidedOn: today, decidedBy: actorId(tx) };
    await tx.db.insert(leftoverReallocations).values(row);
    const lineId = newId(tx.now().getTime());
    await tx.db.insert(projectBudgetLines).values({ id: lineId, projectId: target.id, provinceCode: target.provinceCode, fiscalYear: target.fiscalYear, source: "leftover", funderOrgId: fund.agencyId, amount: bahtText(amount), noteTh: `เงินเหลือจ่ายจากโครงการ ${fund.projectId}: ${i.purposeTh}`.slice(0, 500) });
    await tx.db.update(projects).set({ totalBudget: sql`${projects.totalBudget} + ${bahtText(amount)}::numeric`, version: sql`${projects.version} + 1`, updatedAt: tx.now() }).where(eq(projects.id, target.id));
    await writeAudit(tx, { action: "planning.leftover.reallocate", entityType: "leftover-fund", entityId: fund.id, provinceCode: fund.provinceCode, before: { remaining: fund.remaining }, after: { ...row, remaining: bahtText(left), budgetLineId: lineId } });
  });
  const [row] = await ctx.db.select().from(leftoverReallocations).where(eq(leftoverReallocations.id, id));
  if (!row) throw new NotFoundError("leftover-fund", id);
  return (await reallocationViews(ctx, [row]))[0]!;
}
