import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { NotFoundError, RuleViolation } from "../../platform/errors.js";
import type { StrategyNodeSummary } from "./contracts.js";
import { nodeSummary } from "./presenters.js";
import { approveOperation, nodeScope } from "./rules.js";
import { strategyNodes } from "./tables.js";

/** Approves a regional or cluster strategy (the deputy PM overseeing the area) or a provincial one (the governor). */
export async function approveNode({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<StrategyNodeSummary> {
  return withTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(strategyNodes).where(eq(strategyNodes.id, input.id)).for("update").limit(1);
    if (!before) throw new NotFoundError("strategy-node", input.id);
    const op = approveOperation(before.kind as never);
    if (!op) throw new RuleViolation("strategy.not-approvable", "รายการประเภทนี้ไม่ต้องอนุมัติ", `A ${before.kind} is not approved on its own`);
    await requirePermission(tx, op, nodeScope(before));
    if (before.status === "approved") throw new RuleViolation("strategy.already-approved", "ยุทธศาสตร์นี้อนุมัติแล้ว", "This strategy is already approved");
    const [row] = await tx.db
      .update(strategyNodes)
      .set({ status: "approved", approvedAt: tx.now(), approvedBy: tx.actor.name, updatedAt: tx.now() })
      .where(eq(strategyNodes.id, before.id))
      .returning();
    const out = nodeSummary(row!);
    await writeAudit(tx, { action: "strategy.node.approve", entityType: "strategy-node", entityId: before.id, provinceCode: before.provinceCode, before: { status: before.status }, after: { status: "approved", approvedBy: tx.actor.name } });
    return out;
  });
}
