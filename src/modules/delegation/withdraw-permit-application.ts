import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { WithdrawPermitApplicationInput, type PermitApplicationDetail } from "./contracts-permits.js";
import { getPermitApplication } from "./get-permit-application.js";
import { checkStepDate, closedError, isOpen, mustGetApplication, permitContext, permitListItem, receptionScope } from "./permit-rules.js";
import { todayOf } from "./rules.js";
import { permitApplications } from "./tables.js";

/** Withdraws an open application on the applicant's request: counter staff where it was received record it. */
export async function withdrawPermitApplication({ ctx, input }: { ctx: Ctx; input: z.input<typeof WithdrawPermitApplicationInput> & { id: string } }): Promise<PermitApplicationDetail> {
  const i = parseInput(WithdrawPermitApplicationInput, input);
  await withTransaction(ctx, async (tx) => {
    const a = await mustGetApplication(tx, input.id, true);
    await requirePermission(tx, "delegation:permit.receive", receptionScope(a));
    if (!isOpen(a.status)) closedError(a);
    const today = todayOf(tx);
    const withdrawnOn = i.withdrawnOn ?? today;
    checkStepDate("withdrawnOn", withdrawnOn, a.receivedOn, today);
    const [row] = await tx.db
      .update(permitApplications)
      .set({ status: "withdrawn", withdrawnOn, withdrawnBy: tx.actor.id ?? tx.actor.kind, withdrawReasonTh: i.reasonTh || null, updatedAt: tx.now() })
      .where(eq(permitApplications.id, a.id))
      .returning();
    const view = permitListItem(row!, await permitContext(tx, [row!]), today);
    await writeAudit(tx, { action: "delegation.permit.withdraw", entityType: "permit-application", entityId: a.id, provinceCode: a.provinceCode, before: { status: a.status }, after: { ...view, withdrawnOn, withdrawReasonTh: row!.withdrawReasonTh } });
  });
  return getPermitApplication({ ctx, input: { id: input.id } });
}
