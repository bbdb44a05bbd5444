import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { businessDaysBetween } from "../../platform/thai/deadlines.js";
import { parseInput } from "../../platform/validation.js";
import { DecidePermitApplicationInput, type PermitApplicationDetail } from "./contracts-permits.js";
import { getPermitApplication } from "./get-permit-application.js";
import { checkStepDate, closedError, isOpen, requireDecider, loadHolidays, mustGetApplication, permitContext, permitListItem } from "./permit-rules.js";
import { todayOf } from "./rules.js";
import { permitApplications } from "./tables.js";

/**
 * Decides an application (approve, or refuse with reasons) by the post it was routed to: holders of
 * `delegation:permit.decide` at its decider scope. Turnaround is counted in business days from reception to the
 * decision: weekends and public holidays excluded, the day of reception not counted (a same-day decision is 0).
 */
export async function decidePermitApplication({ ctx, input }: { ctx: Ctx; input: z.input<typeof DecidePermitApplicationInput> & { id: string } }): Promise<PermitApplicationDetail> {
  const i = parseInput(DecidePermitApplicationInput, input);
  await withTransaction(ctx, async (tx) => {
    const a = await mustGetApplication(tx, input.id, true);
    const today = todayOf(tx);
    const decidedOn = i.decidedOn ?? today;
    await requireDecider(tx, a, decidedOn);
    if (!isOpen(a.status)) closedError(a);
    checkStepDate("decidedOn", decidedOn, a.receivedOn, today);
    // (receivedOn, decidedOn]: the platform's business-day count, the same rule as the due date
    const turnaroundDays = businessDaysBetween(a.receivedOn, decidedOn, await loadHolidays(tx));
    const status = i.decision === "approve" ? "approved" : "refused";
    const [row] = await tx.db
      .update(permitApplications)
      .set({ status, decision: status, reasonTh: i.reasonTh || null, decidedOn, decidedBy: tx.actor.id ?? tx.actor.kind, decidedByName: tx.actor.name, turnaroundDays, updatedAt: tx.now() })
      .where(eq(permitApplications.id, a.id))
      .returning();
    const view = permitListItem(row!, await permitContext(tx, [row!]), today);
    await writeAudit(tx, { action: "delegation.permit.decide", entityType: "permit-application", entityId: a.id, provinceCode: a.provinceCode, before: { status: a.status }, after: { ...view, reasonTh: row!.reasonTh } });
  });
  return getPermitApplication({ ctx, input: { id: input.id } });
}
