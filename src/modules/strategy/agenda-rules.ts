import { eq } from "drizzle-orm";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { ScopeRef } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "../../platform/errors.js";
import type { AgendaAssignmentSummary, AgendaStatus, ProposalContent, ProposalIssue } from "./contracts.js";
import { assignmentSummary } from "./presenters.js";
import { agendaAssignments, strategyNodes } from "./tables.js";

/** The Ministry of Interior: its officers hold the first review of every province's proposal. */
export const MOI_SCOPE: ScopeRef = { kind: "org", id: "moi" };

/** A proposal is written, read and (by OPDC) reviewed at its province's area scope. */
import { provinceScope } from "../../platform/auth/scope.js";
export { provinceScope };

export type AssignmentRow = typeof agendaAssignments.$inferSelect;

export async function mustGetAssignment(ctx: Ctx, id: string, lock = false): Promise<AssignmentRow> {
  const q = ctx.db.select().from(agendaAssignments).where(eq(agendaAssignments.id, id)).limit(1);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("agenda-assignment", id);
  return row;
}

/** An assignment as listed, with its agenda's kind and names. */
export async function summaryOf(ctx: Ctx, row: AssignmentRow): Promise<AgendaAssignmentSummary> {
  const [node] = await ctx.db.select({ kind: strategyNodes.kind, nameTh: strategyNodes.nameTh, nameEn: strategyNodes.nameEn }).from(strategyNodes).where(eq(strategyNodes.id, row.agendaNodeId)).limit(1);
  return assignmentSummary(row, node ?? { kind: "government_agenda", nameTh: row.titleTh, nameEn: row.titleEn });
}

/**
 * Proposals are internal although the cascade is public: staff whose grant reaches the province read them
 * (performance:read, the staff-in-scope reading right), and so do the Ministry of Interior's reviewers.
 */
export async function mayReadProposals(ctx: Ctx, provinceCode: string): Promise<boolean> {
  if (ctx.actor.kind === "anonymous") return false;
  return (await hasPermission(ctx, "performance:read", provinceScope(provinceCode))) || (await hasPermission(ctx, "strategy:proposal.review.moi", MOI_SCOPE));
}

export async function requireReadProposals(ctx: Ctx, provinceCode: string): Promise<void> {
  if (await mayReadProposals(ctx, provinceCode)) return;
  if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
  throw new ForbiddenError("performance:read");
}

/** Targets run in the KPI's direction: is `a` at least as good as `b` (strictly better when `strict`)? */
function beats(direction: "higher" | "lower", a: number, b: number, strict: boolean): boolean {
  if (strict) return direction === "higher" ? a > b : a < b;
  return direction === "higher" ? a >= b : a <= b;
}

const issue = (code: string, messageTh: string, messageEn: string): ProposalIssue => ({ code: `strategy.proposal.${code}`, messageTh, messageEn });

/** What keeps a proposal from being submitted, in the order a reader checks it; empty when it is ready. */
export function proposalIssues(c: ProposalContent): ProposalIssue[] {
  const out: ProposalIssue[] = [];
  if (c.startYear == null) out.push(issue("no-start-year", "ต้องระบุปีงบประมาณของปีที่ 1", "Give the fiscal year (B.E.) of year 1"));
  if (!c.goals.length) out.push(issue("no-goal", "ต้องมีเป้าหมายอย่างน้อย 1 ข้อ", "Add at least one goal"));
  if (!c.methods.length) out.push(issue("no-method", "ต้องมีวิธีการดำเนินงานอย่างน้อย 1 ข้อ", "Add at least one method"));
  if (!c.tools.length) out.push(issue("no-tool", "ต้องเลือกเครื่องมือ High Performance Province อย่างน้อย 1 เครื่องมือ", "Choose at least one High Performance Province tool"));
  if (!c.kpis.some((k) => k.year2Target != null)) out.push(issue("no-kpi", "ต้องมีตัวชี้วัดอย่างน้อย 1 ตัวที่กำหนดค่าเป้าหมายปีที่ 2", "Add at least one KPI with a year-2 target"));
  for (const k of c.kpis) {
    if (k.baseline != null && k.baselineYear == null) {
      out.push(issue("kpi-baseline-year", `ตัวชี้วัด "${k.nameTh}" ต้องระบุปี พ.ศ. ของค่าฐาน`, `KPI "${k.nameEn || k.nameTh}": give the B.E. year of its baseline`));
    }
    const y1 = k.year1Target;
    const y2 = k.year2Target;
    const behind =
      (y2 != null && k.baseline != null && !beats(k.direction, y2, k.baseline, true)) ||
      (y1 != null && k.baseline != null && !beats(k.direction, y1, k.baseline, false)) ||
      (y1 != null && y2 != null && !beats(k.direction, y2, y1, false));
    if (behind) {
      out.push(
        issue(
          "kpi-not-challenging",
          `ค่าเป้าหมายของตัวชี้วัด "${k.nameTh}" ต้องท้าทาย: ปีที่ 2 ต้องดีกว่าค่าฐาน และไม่ถอยหลังจากปีที่ 1 (${k.direction === "higher" ? "ยิ่งมากยิ่งดี" : "ยิ่งน้อยยิ่งดี"})`,
          `KPI "${k.nameEn || k.nameTh}": targets must be challenging — year 2 better than the baseline and no worse than year 1 (${k.direction} is better)`,
        ),
      );
    }
  }
  if (!c.benefits.length) out.push(issue("no-benefit", "ต้องระบุประโยชน์ที่ประชาชนจะได้รับอย่างน้อย 1 ข้อ", "Say what citizens will gain (at least one benefit)"));
  return out;
}

/** Where one version stands: never submitted, waiting for the ministry, with OPDC, approved or returned. */
export function versionState(submittedAt: Date | null, decisions: readonly string[]): AgendaStatus {
  if (!submittedAt) return "draft";
  const last = decisions[decisions.length - 1];
  if (last === "return") return "returned";
  if (last === "approve") return "approved";
  if (last === "forward") return "under_review";
  return "submitted";
}
