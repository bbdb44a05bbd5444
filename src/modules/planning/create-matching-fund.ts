import { eq, sql } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation, ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations } from "../registry/index.js";
import { CreateMatchingInput, type MatchingFundDetail } from "./contracts-funds.js";
import { actorId, bahtText, toSatang } from "./funds-rules.js";
import { getMatchingFund } from "./get-matching-fund.js";
import { LOCAL_GOV_CLASSES } from "./matching-rules.js";
import { mustGetProject } from "./project-rules.js";
import { matchingFunds, projectBudgetLines, projects } from "./tables.js";

/**
 * Sets up a matching fund: a joint project of a local government and the province with their shares. The project
 * gains a "matching" line (the province's share) and a "local" line (the local government's); status proposed.
 */
export async function createMatchingFund({ ctx, input }: { ctx: Ctx; input: CreateMatchingInput & { id?: string; isDemo?: boolean } }): Promise<MatchingFundDetail> {
  const i = parseInput(CreateMatchingInput, input);
  const id = input.id ?? newId(ctx.now().getTime());
  await withTransaction(ctx, async (tx) => {
    const p = await mustGetProject(tx, i.projectId, true);
    if (!p.provinceCode) throw new RuleViolation("planning.matching.not-provincial", "งบประมาณสมทบใช้ได้เฉพาะโครงการของจังหวัด", "Matching funds are for provincial projects");
    await requirePermission(tx, "planning:matching.write", provinceScope(p.provinceCode));
    const lg = (await lookupOrganizations(tx, [i.localGovOrgId])).get(i.localGovOrgId);
    if (!lg) throw new ValidationError([{ path: "localGovOrgId", code: "ref.unknown-organization", messageTh: `ไม่พบหน่วยงาน ${i.localGovOrgId}`, messageEn: `Unknown organisation ${i.localGovOrgId}` }]);
    if (!LOCAL_GOV_CLASSES.includes(lg.classification)) {
      throw new ValidationError([{ path: "localGovOrgId", code: "planning.matching.not-local-government", messageTh: `${lg.nameTh} ไม่ใช่องค์กรปกครองส่วนท้องถิ่น`, messageEn: `${lg.nameEn || lg.nameTh} is not a local government` }]);
    }
    if (lg.provinceCode !== p.provinceCode) {
      throw new ValidationError([{ path: "localGovOrgId", code: "planning.owner-other-province", messageTh: `${lg.nameTh} อยู่ในจังหวัดอื่น`, messageEn: `${lg.nameEn || lg.nameTh} belongs to another province` }]);
    }
    if (["rejected", "cancelled", "completed"].includes(p.status)) throw new RuleViolation("planning.matching.project-closed", `โครงการ ${p.code} ปิดหรือยกเลิกแล้ว`, `Project ${p.code} is closed or cancelled`);
    const [clash] = await tx.db.select({ id: matchingFunds.id }).from(matchingFunds).where(eq(matchingFunds.projectId, p.id)).limit(1);
    if (clash) throw new ConflictError("planning.matching.exists", `โครงการ ${p.code} มีงบประมาณสมทบแล้ว`, `Project ${p.code} already has a matching fund`, { id: clash.id });
    const ps = toSatang(i.provinceShare);
    const ls = toSatang(i.localShare);
    const row = { id, fiscalYear: p.fiscalYear, provinceCode: p.provinceCode, projectId: p.id, localGovOrgId: lg.id, provinceShare: bahtText(ps), localShare: bahtText(ls), status: "proposed", isDemo: input.isDemo ?? false, createdBy: actorId(tx) };
    await tx.db.insert(matchingFunds).values(row);
    const t = tx.now().getTime();
    const lines = [
      { id: newId(t), projectId: p.id, provinceCode: p.provinceCode, fiscalYear: p.fiscalYear, source: "matching", funderOrgId: `prov:${p.provinceCode}`, amount: bahtText(ps), noteTh: `ส่วนของจังหวัดในงบประมาณสมทบกับ${lg.nameTh}`.slice(0, 500) },
      { id: newId(t + 1), projectId: p.id, provinceCode: p.provinceCode, fiscalYear: p.fiscalYear, source: "local", funderOrgId: lg.id, amount: bahtText(ls), noteTh: `ส่วนของ${lg.nameTh}ในงบประมาณสมทบ`.slice(0, 500) },
    ];
    await tx.db.insert(projectBudgetLines).values(lines);
    await tx.db.update(projects).set({ totalBudget: sql`${projects.totalBudget} + ${bahtText(ps + ls)}::numeric`, version: sql`${projects.version} + 1`, updatedAt: tx.now() }).where(eq(projects.id, p.id));
    await writeAudit(tx, { action: "planning.matching.create", entityType: "matching-fund", entityId: id, provinceCode: p.provinceCode, after: { ...row, budgetLines: lines.map((l) => l.id) } });
  });
  return getMatchingFund({ ctx, input: { id } });
}
