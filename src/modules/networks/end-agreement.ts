import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { ConflictError, fieldError, ValidationError } from "../../platform/errors.js";
import { EndAgreementInput } from "./contracts.js";
import { partnerScope, requireAgreement, today } from "./load.js";
import { agreementState } from "./rules.js";
import { partnerAgreements } from "./tables.js";

/** Ends an active agreement before its term (the parties terminated it), with the reason; an expired one needs no ending. */
export async function endAgreement({ ctx, agreementId, input }: { ctx: Ctx; agreementId: string; input: z.input<typeof EndAgreementInput> }): Promise<void> {
  const i = EndAgreementInput.parse(input);
  const a = await requireAgreement(ctx, agreementId);
  await requirePermission(ctx, "networks:manage", partnerScope(a));
  const day = today(ctx);
  const state = agreementState(a, day);
  if (state.status !== "active")
    throw new ConflictError(`networks.agreement-${state.status}`, state.status === "ended" ? "ข้อตกลงนี้ยุติไปแล้ว" : "ข้อตกลงนี้หมดอายุแล้ว", state.status === "ended" ? "This agreement has already ended" : "This agreement has already expired");
  if (i.endedOn > day || i.endedOn < a.signedOn)
    throw new ValidationError([fieldError("endedOn", "networks.ended-on", "วันยุติต้องอยู่ระหว่างวันลงนามกับวันนี้", "The day it ended must be between the signing day and today")]);
  await withTransaction(ctx, async (tx) => {
    const change = { endedOn: i.endedOn, endedReasonTh: i.reasonTh, endedReasonEn: i.reasonEn ?? "", updatedAt: tx.now() };
    // two endings at once: only the first finds it still running
    const done = await tx.db.update(partnerAgreements).set(change).where(and(eq(partnerAgreements.id, a.id), isNull(partnerAgreements.endedOn))).returning({ id: partnerAgreements.id });
    if (done.length === 0) throw new ConflictError("networks.agreement-ended", "ข้อตกลงนี้ยุติไปแล้ว", "This agreement has already ended");
    await emitEvent(tx, { type: "partner.agreement-ended", provinceCode: a.provinceCode, entityType: "partner", entityId: a.partnerId, data: { partner: { id: a.partnerId, provinceCode: a.provinceCode }, agreement: { id: a.id, partyOrgId: a.partyOrgId, signedOn: a.signedOn, endsOn: a.endsOn, endedOn: i.endedOn } } });
    await writeAudit(tx, { action: "networks.agreement.end", entityType: "partner", entityId: a.partnerId, provinceCode: a.provinceCode, before: a, after: { ...a, ...change } });
  });
}
