import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { isCallOpen, mustGetCall } from "./rules.js";
import { participationCalls } from "./tables.js";

/** The office closes a call early: no new proposals, supports or comments; deadlines already running still bind. */
export async function closeCall({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<{ id: string; closesAt: string }> {
  const c0 = await mustGetCall(ctx, input.id);
  await requirePermission(ctx, "participation:manage", provinceScope(c0.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const c = await mustGetCall(tx, input.id, true);
    if (!isCallOpen(c, tx.now())) throw new RuleViolation("participation.call-closed", "การรับฟังความคิดเห็นนี้ปิดแล้ว", "This call for input is already closed");
    const now = tx.now();
    await tx.db.update(participationCalls).set({ closesAt: now, updatedAt: now }).where(eq(participationCalls.id, c.id));
    await writeAudit(tx, { action: "participation.call.close", entityType: "participation-call", entityId: c.id, provinceCode: c.provinceCode, before: { closesAt: c.closesAt.toISOString() }, after: { closesAt: now.toISOString() } });
    return { id: c.id, closesAt: now.toISOString() };
  });
}
