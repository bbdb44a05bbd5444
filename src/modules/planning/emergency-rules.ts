import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { ConflictError, NotFoundError } from "../../platform/errors.js";
import { lookupAreas, lookupPostLabels } from "../registry/index.js";
import type { EmergencyRequestView } from "./contracts-funds.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { bahtText, toSatang } from "./funds-rules.js";
import { emergencyRequests, projectBudgetLines, projects } from "./tables.js";

export type EmergencyRow = typeof emergencyRequests.$inferSelect;
export type Screening = { recommendation: "support" | "not_support"; recommendedAmount: string | null; noteTh: string; screenedOn: string; screenedBy: string | null };

export async function mustGetEmergency(ctx: Ctx, id: string, forUpdate = false): Promise<EmergencyRow> {
  const q = ctx.db.select().from(emergencyRequests).where(eq(emergencyRequests.id, id)).limit(1);
  const [r] = forUpdate ? await q.for("update") : await q;
  if (!r) throw new NotFoundError("emergency-request", id);
  return r;
}

/** A stale form (someone decided in between) is refused rather than overwriting. */
export function checkVersion(r: { version: number }, version: number | undefined): void {
  if (version !== undefined && version !== r.version) {
    throw new ConflictError("planning.stale", "รายการนี้ถูกเปลี่ยนแปลงโดยผู้อื่นแล้ว โปรดโหลดหน้าใหม่", "Someone else changed this record: reload the page", { version: r.version });
  }
}

/** The amount a decision counts against the cap: the working group's recommended amount, else the amount requested. */
export const decisionAmount = (r: EmergencyRow): string => (r.screening as Screening | null)?.recommendedAmount ?? r.amount;

export async function emergencyViews(ctx: Ctx, rows: readonly EmergencyRow[]): Promise<EmergencyRequestView[]> {
  const provinces = await lookupAreas(ctx, rows.map((r) => `province:${r.provinceCode}`));
  const posts = await lookupPostLabels(ctx, rows.flatMap((r) => (r.deputyPmPostId ? [r.deputyPmPostId] : [])));
  return rows.map((r) => {
    const p = provinces.get(`province:${r.provinceCode}`);
    const d = r.deputyPmPostId ? posts.get(r.deputyPmPostId) : undefined;
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      provinceCode: r.provinceCode,
      provinceNameTh: p?.nameTh ?? r.provinceCode,
      provinceNameEn: p?.nameEn ?? r.provinceCode,
      requestingOrgId: r.requestingOrgId,
      titleTh: r.titleTh,
      amount: r.amount,
      justificationTh: r.justificationTh,
      areaCodes: r.areaCodes,
      urgency: r.urgency as EmergencyRequestView["urgency"],
      status: r.status as EmergencyRequestView["status"],
      deputyPmPostId: r.deputyPmPostId,
      deputyPmLabelTh: d?.labelTh ?? null,
      deputyPmLabelEn: d ? d.labelEn || d.labelTh : null,
      submittedOn: r.submittedOn,
      screening: (r.screening as Screening | null) ?? null,
      decisionAmount: decisionAmount(r),
      decidedOn: r.decidedOn,
      decidedBy: r.decidedBy,
      decisionNoteTh: r.decisionNoteTh,
      version: r.version,
      projectId: r.projectId,
      isDemo: r.isDemo,
    };
  });
}

/**
 * The approved money reaches the project the request named: a central-fund budget line (funder: the Budget Bureau,
 * which administers the central fund) for the approved amount, audited on the project. Inside the decision's transaction.
 */
export async function fundRequestedProject(ctx: Ctx, r: EmergencyRow): Promise<void> {
  if (!r.projectId) return;
  const [p] = await ctx.db.select().from(projects).where(eq(projects.id, r.projectId)).for("update");
  if (!p) return;
  const amount = decisionAmount(r);
  const lineId = `${r.id}-central-fund`;
  const inserted = await ctx.db.insert(projectBudgetLines).values({ id: lineId, projectId: p.id, provinceCode: p.provinceCode, fiscalYear: p.fiscalYear, source: "central_fund", funderOrgId: "opm.bb", amount, noteTh: `งบกลาง รายการเงินสำรองจ่ายเพื่อกรณีฉุกเฉินหรือจำเป็น: ${r.titleTh}` }).onConflictDoNothing().returning({ id: projectBudgetLines.id });
  if (!inserted.length) return; // this request's line is already there: approving twice must not count the money twice
  const total = bahtText(toSatang(p.totalBudget) + toSatang(amount));
  await ctx.db.update(projects).set({ totalBudget: total, version: p.version + 1, updatedAt: ctx.now() }).where(eq(projects.id, p.id));
  await writeAudit(ctx, { action: "planning.project.budget-line.add", entityType: "project", entityId: p.id, provinceCode: p.provinceCode, before: { totalBudget: p.totalBudget }, after: { totalBudget: total, line: { id: lineId, source: "central_fund", funderOrgId: "opm.bb", amount, emergencyRequestId: r.id } } });
}
