import { and, eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ValidationError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { PrioritiseInput, type PlanDetail } from "./contracts-plans.js";
import { getPlan } from "./get-plan.js";
import { assertNotApproved, mustGetPlan, planProjectsWhere, planScope } from "./plan-rules.js";
import { assertVersion } from "./project-rules.js";
import { plans, projects } from "./tables.js";

/**
 * Sets the plan's order: `order` lists every active project of the plan, highest priority first; each gets its
 * number (1…n) and a proposal becomes "prioritised". The plan's version guards against two people reordering at
 * once; the audit keeps the order before and after (the history of priorities).
 */
export async function prioritisePlan({ ctx, input }: { ctx: Ctx; input: PrioritiseInput & { planId: string } }): Promise<PlanDetail> {
  const i = parseInput(PrioritiseInput, input);
  await withTransaction(ctx, async (tx) => {
    const p = await mustGetPlan(tx, input.planId, true);
    await requirePermission(tx, "planning:plan.write", planScope(p));
    assertNotApproved(p);
    assertVersion(p.version, i.version, "plan");
    const rows = await tx.db.select({ id: projects.id, code: projects.code, priority: projects.priority, status: projects.status, duplicateOf: projects.duplicateOf }).from(projects).where(planProjectsWhere(p)).for("update");
    const active = rows.filter((r) => !r.duplicateOf && !["rejected", "cancelled"].includes(r.status));
    const ids = new Set(active.map((r) => r.id));
    const given = new Set(i.order);
    const missing = active.filter((r) => !given.has(r.id)).map((r) => r.code);
    const foreign = i.order.filter((id) => !ids.has(id));
    if (given.size !== i.order.length || missing.length || foreign.length) {
      throw new ValidationError([{ path: "order", code: "planning.order-incomplete", messageTh: `ลำดับต้องมีโครงการที่ยังพิจารณาอยู่ในแผนครบทุกโครงการ ครั้งละหนึ่งครั้ง${missing.length ? ` (ขาด ${missing.join(", ")})` : ""}`, messageEn: `The order must list every active project of the plan exactly once${missing.length ? ` (missing ${missing.join(", ")})` : ""}${foreign.length ? ` (not in the plan: ${foreign.join(", ")})` : ""}` }]);
    }
    const before = [...active].sort((a, b) => (a.priority ?? 1e9) - (b.priority ?? 1e9) || a.code.localeCompare(b.code)).map((r) => ({ id: r.id, code: r.code, priority: r.priority }));
    for (const [k, id] of i.order.entries()) {
      const r = active.find((x) => x.id === id)!;
      if (r.priority === k + 1 && r.status !== "proposed") continue;
      await tx.db.update(projects).set({ priority: k + 1, status: r.status === "proposed" ? "prioritised" : r.status, updatedAt: tx.now() }).where(eq(projects.id, id));
    }
    await tx.db.update(plans).set({ version: p.version + 1, updatedAt: tx.now() }).where(and(eq(plans.id, p.id)));
    const code = new Map(active.map((r) => [r.id, r.code]));
    await writeAudit(tx, { action: "planning.plan.prioritise", entityType: "plan", entityId: p.id, provinceCode: p.provinceCode, before: { order: before }, after: { order: i.order.map((id, k) => ({ id, code: code.get(id), priority: k + 1 })) } });
  });
  return getPlan({ ctx, input: { id: input.planId } });
}
