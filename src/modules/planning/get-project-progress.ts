import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { bahtText, satang } from "./budget-rules.js";
import type { ProjectProgressView } from "./contracts-budget.js";
import { mustGetProject, projectReadScopes } from "./project-rules.js";
import { projectProgress as pp } from "./tables.js";

/** A project's monthly progress with running totals of actual and planned disbursement. */
export async function getProjectProgress({ ctx, input }: { ctx: Ctx; input: { projectId: string } }): Promise<ProjectProgressView> {
  const { projectId } = parseInput(z.object({ projectId: z.string().min(1).max(120) }), input);
  const p = await mustGetProject(ctx, projectId);
  await requireAnyPermission(ctx, "planning:read", projectReadScopes(p));
  const rows = await ctx.db.select().from(pp).where(eq(pp.projectId, p.id)).orderBy(asc(pp.month));
  let cum = 0n;
  let cumPlan = 0n;
  return {
    projectId: p.id,
    projectCode: p.code,
    fiscalYear: p.fiscalYear,
    totalBudget: p.totalBudget,
    months: rows.map((r) => {
      cum += satang(r.disbursed);
      cumPlan += satang(r.plannedDisbursed);
      return { month: r.month, physicalPct: r.physicalPct, disbursed: r.disbursed, plannedDisbursed: r.plannedDisbursed, cumulativeDisbursed: bahtText(cum), cumulativePlanned: bahtText(cumPlan), noteTh: r.noteTh, recordedBy: r.recordedBy };
    }),
  };
}
