import { eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import type { PermitApplicationDetail } from "./contracts-permits.js";
import { getPermitApplication } from "./get-permit-application.js";
import { closedError, isOpen, mustGetApplication, permitContext, permitListItem, requireDecider } from "./permit-rules.js";
import { delegationRule, todayOf } from "./rules.js";
import { permitApplications } from "./tables.js";

const StartPermitReviewInput = z.object({ id: z.string().min(1).max(120) });

/** The deciding post takes a received application up for review (an optional step: received → under review). */
export async function startPermitReview({ ctx, input }: { ctx: Ctx; input: z.input<typeof StartPermitReviewInput> }): Promise<PermitApplicationDetail> {
  const i = parseInput(StartPermitReviewInput, input);
  await withTransaction(ctx, async (tx) => {
    const a = await mustGetApplication(tx, i.id, true);
    await requireDecider(tx, a, todayOf(tx));
    if (!isOpen(a.status)) closedError(a);
    if (a.status !== "received") throw delegationRule("delegation.permit.already-under-review", `คำขอ ${a.trackingCode} อยู่ระหว่างพิจารณาแล้ว`, `Application ${a.trackingCode} is already under review`, { status: 409 });
    const today = todayOf(tx);
    const [row] = await tx.db.update(permitApplications).set({ status: "under-review", reviewStartedOn: today, reviewStartedBy: tx.actor.id ?? tx.actor.kind, updatedAt: tx.now() }).where(eq(permitApplications.id, a.id)).returning();
    const view = permitListItem(row!, await permitContext(tx, [row!]), today);
    await writeAudit(tx, { action: "delegation.permit.review", entityType: "permit-application", entityId: a.id, provinceCode: a.provinceCode, before: { status: a.status }, after: view });
  });
  return getPermitApplication({ ctx, input: { id: i.id } });
}
