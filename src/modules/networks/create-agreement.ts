import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { checkAgendas, checkParty } from "./checks.js";
import { CreateAgreementInput } from "./contracts.js";
import { partnerScope, requirePartner, today } from "./load.js";
import { partnerAgreementAgendas, partnerAgreements } from "./tables.js";

/** Records an MOU signed between the province (or one of its provincial offices) and a partner, with the agendas it serves. */
export async function createAgreement({ ctx, input }: { ctx: Ctx; input: z.input<typeof CreateAgreementInput> }): Promise<{ id: string }> {
  const i = CreateAgreementInput.parse(input);
  const p = await requirePartner(ctx, i.partnerId);
  await requirePermission(ctx, "networks:manage", partnerScope(p));
  if (i.signedOn > today(ctx)) throw new ValidationError([fieldError("signedOn", "networks.signed-in-future", "บันทึกได้เฉพาะข้อตกลงที่ลงนามแล้ว (วันลงนามต้องไม่เกินวันนี้)", "Only signed agreements are recorded (the signing day cannot be in the future)")]);
  await checkParty(ctx, p.provinceCode, i.partyOrgId);
  await checkAgendas(ctx, p.provinceCode, i.agendaNodeIds, "agendaNodeIds");
  return withTransaction(ctx, async (tx) => {
    const id = newId(tx.now().getTime());
    const row = {
      id,
      provinceCode: p.provinceCode,
      partnerId: p.id,
      partyOrgId: i.partyOrgId,
      titleTh: i.titleTh,
      titleEn: i.titleEn ?? "",
      purposeTh: i.purposeTh,
      purposeEn: i.purposeEn ?? "",
      signedOn: i.signedOn,
      endsOn: i.endsOn,
      createdAt: tx.now(),
      updatedAt: tx.now(),
    };
    await tx.db.insert(partnerAgreements).values(row);
    if (i.agendaNodeIds.length) await tx.db.insert(partnerAgreementAgendas).values(i.agendaNodeIds.map((strategyNodeId) => ({ agreementId: id, strategyNodeId, provinceCode: p.provinceCode })));
    await emitEvent(tx, { type: "partner.agreement-signed", provinceCode: p.provinceCode, entityType: "partner", entityId: p.id, isDemo: p.isDemo, data: { partner: { id: p.id, kind: p.kind, provinceCode: p.provinceCode }, agreement: { id, partyOrgId: i.partyOrgId, signedOn: i.signedOn, endsOn: i.endsOn, agendaNodeIds: i.agendaNodeIds } } });
    await writeAudit(tx, { action: "networks.agreement.create", entityType: "partner", entityId: p.id, provinceCode: p.provinceCode, after: { ...row, agendaNodeIds: i.agendaNodeIds } });
    return { id };
  });
}
