import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { AmendAgreementInput, type AgreementSummary } from "./contracts.js";
import { agreementSummary } from "./presenters.js";
import { agreementScope, checkItemKpis, loadAgreementItems, mustGetAgreement, writeAgreementItems } from "./rules.js";
import { agreementAmendments, agreements } from "./tables.js";
import { rescheduleOpenRounds } from "./update-agreement.js";

/**
 * Amends a signed agreement (items, weights, criteria, parties, title) with a reason: the version goes up and the
 * amendment keeps what it was and what it became. Closed rounds keep the scores they were frozen with.
 */
export async function amendAgreement({ ctx, input }: { ctx: Ctx; input: { id: string } & z.input<typeof AmendAgreementInput> }): Promise<AgreementSummary> {
  const i = parseInput(AmendAgreementInput, input);
  const a0 = await mustGetAgreement(ctx, input.id);
  await requirePermission(ctx, "performance:agreement.amend", agreementScope(a0));
  return withTransaction(ctx, async (tx) => {
    const a = await mustGetAgreement(tx, input.id, true);
    if (a.status !== "signed")
      throw new RuleViolation("performance.agreement.not-signed", "คำรับรองยังไม่ได้ลงนาม แก้ไขร่างได้โดยตรง", "The agreement is still a draft: edit it directly");
    const c = i.changes;
    await checkItemKpis(tx, a.provinceCode, c.items);
    const items = await loadAgreementItems(tx, a.id);
    const before = { titleTh: a.titleTh, titleEn: a.titleEn, parties: a.parties, scheme: a.scheme, roundDueDays: a.roundDueDays, items: items.map((x) => ({ id: x.itemId, kpiId: x.kpiId, nameTh: x.nameTh, nameEn: x.nameEn, weight: x.weight, component: x.component, criteria: x.criteria })) };
    const version = a.version + 1;
    const [row] = await tx.db
      .update(agreements)
      .set({ titleTh: c.titleTh, titleEn: c.titleEn, parties: c.parties, scheme: c.scheme, roundDueDays: c.roundDueDays, version, updatedAt: tx.now() })
      .where(eq(agreements.id, a.id))
      .returning();
    await writeAgreementItems(tx, a, c.items);
    await rescheduleOpenRounds(tx, a.id, a.fiscalYear, c.roundDueDays);
    const after = { ...c, items: c.items.map((x) => ({ ...x, kpiId: x.kpiId ?? null })) };
    await tx.db.insert(agreementAmendments).values({ id: newId(), agreementId: a.id, version, reasonTh: i.reasonTh, before, after, createdBy: tx.actor.id ?? tx.actor.kind, createdByName: tx.actor.name, createdAt: tx.now(), provinceCode: a.provinceCode });
    await writeAudit(tx, { action: "performance.agreement.amend", entityType: "agreement", entityId: a.id, provinceCode: a.provinceCode, before: { version: a.version, ...before }, after: { version, reasonTh: i.reasonTh, ...after } });
    return agreementSummary(row!);
  });
}
