import { and, eq, ne } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { UpdateAgreementInput, type AgreementSummary } from "./contracts.js";
import { agreementSummary } from "./presenters.js";
import { agreementScope, checkItemKpis, loadAgreementItems, mustGetAgreement, roundSchedule, signedError, writeAgreementItems } from "./rules.js";
import { agreementRounds, agreements } from "./tables.js";

/** Edits a draft agreement; a signed one changes only through amendAgreement. */
export async function updateAgreement({ ctx, input }: { ctx: Ctx; input: { id: string } & z.input<typeof UpdateAgreementInput> }): Promise<AgreementSummary> {
  const i = parseInput(UpdateAgreementInput, input);
  const a0 = await mustGetAgreement(ctx, input.id);
  await requirePermission(ctx, "performance:agreement.write", agreementScope(a0));
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAgreement(tx, input.id, true);
    if (a.status !== "draft") throw signedError();
    await checkItemKpis(tx, a.provinceCode, i.items);
    const before = { titleTh: a.titleTh, parties: a.parties, scheme: a.scheme, roundDueDays: a.roundDueDays, items: await loadAgreementItems(tx, a.id) };
    const [row] = await tx.db
      .update(agreements)
      .set({ titleTh: i.titleTh, titleEn: i.titleEn, parties: i.parties, scheme: i.scheme, roundDueDays: i.roundDueDays, updatedAt: tx.now() })
      .where(eq(agreements.id, a.id))
      .returning();
    await writeAgreementItems(tx, a, i.items);
    await rescheduleOpenRounds(tx, a.id, a.fiscalYear, i.roundDueDays);
    await writeAudit(tx, { action: "performance.agreement.update", entityType: "agreement", entityId: a.id, provinceCode: a.provinceCode, before, after: i });
    return agreementSummary(row!);
  });
}

/** Due dates of rounds not yet closed follow the agreement's `roundDueDays`. */
export async function rescheduleOpenRounds(ctx: Ctx, agreementId: string, fiscalYear: number, dueDays: number): Promise<void> {
  for (const r of roundSchedule(fiscalYear, dueDays))
    await ctx.db.update(agreementRounds).set({ dueDate: r.dueDate }).where(and(eq(agreementRounds.agreementId, agreementId), eq(agreementRounds.round, r.round), ne(agreementRounds.status, "closed")));
}
