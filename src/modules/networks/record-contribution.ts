import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, newId, type Ctx } from "../../platform/ctx.js";
import { emitEvent } from "../../platform/webhooks/index.js";
import { fieldError, ValidationError } from "../../platform/errors.js";
import { lookupProjects } from "../planning/index.js";
import { checkAgendas } from "./checks.js";
import { RecordContributionInput } from "./contracts.js";
import { partnerScope, requireAgreement, requirePartner, today } from "./load.js";
import { partnerContributions } from "./tables.js";

/** Records what a partner gave (money, in kind, expertise, volunteers) to an agenda or a One Plan project of its province. */
export async function recordContribution({ ctx, input }: { ctx: Ctx; input: z.input<typeof RecordContributionInput> }): Promise<{ id: string }> {
  const i = RecordContributionInput.parse(input);
  const p = await requirePartner(ctx, i.partnerId);
  await requirePermission(ctx, "networks:manage", partnerScope(p));
  if (i.contributedOn > today(ctx)) throw new ValidationError([fieldError("contributedOn", "networks.contributed-in-future", "บันทึกได้เฉพาะสิ่งที่ได้รับแล้ว (วันที่ต้องไม่เกินวันนี้)", "Only what was given is recorded (the day cannot be in the future)")]);
  if (i.agendaNodeId) await checkAgendas(ctx, p.provinceCode, [i.agendaNodeId], "agendaNodeId");
  if (i.projectId) {
    const project = (await lookupProjects(ctx, [i.projectId])).get(i.projectId);
    if (!project) throw new ValidationError([fieldError("projectId", "project.unknown", "ไม่พบโครงการนี้", "No such project")]);
    if (project.provinceCode !== p.provinceCode) throw new ValidationError([fieldError("projectId", "networks.project-elsewhere", "โครงการต้องเป็นของจังหวัดเดียวกับภาคีเครือข่าย", "The project must be in the partner's province")]);
  }
  if (i.agreementId) {
    const a = await requireAgreement(ctx, i.agreementId).catch(() => null);
    if (!a || a.partnerId !== p.id) throw new ValidationError([fieldError("agreementId", "networks.agreement-of-another", "ข้อตกลงต้องเป็นของภาคีเครือข่ายรายนี้", "The agreement must be one of this partner's")]);
  }
  return withTransaction(ctx, async (tx) => {
    const id = newId(tx.now().getTime());
    const row = {
      id,
      provinceCode: p.provinceCode,
      partnerId: p.id,
      agreementId: i.agreementId ?? null,
      kind: i.kind,
      amount: i.amount ?? null,
      volunteers: i.volunteers ?? null,
      contributedOn: i.contributedOn,
      descriptionTh: i.descriptionTh,
      descriptionEn: i.descriptionEn ?? "",
      strategyNodeId: i.agendaNodeId ?? null,
      projectId: i.projectId ?? null,
      createdAt: tx.now(),
    };
    await tx.db.insert(partnerContributions).values(row);
    // figures and links only: the description may name the volunteers
    await emitEvent(tx, { type: "partner.contribution-recorded", provinceCode: p.provinceCode, entityType: "partner", entityId: p.id, isDemo: p.isDemo, data: { partner: { id: p.id, kind: p.kind, provinceCode: p.provinceCode }, contribution: { id, kind: row.kind, amount: row.amount, volunteers: row.volunteers, contributedOn: row.contributedOn, agreementId: row.agreementId, agendaNodeId: row.strategyNodeId, projectId: row.projectId } } });
    await writeAudit(tx, { action: "networks.contribution.record", entityType: "partner", entityId: p.id, provinceCode: p.provinceCode, after: row });
    return { id };
  });
}
