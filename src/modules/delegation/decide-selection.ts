import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError, type FieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { DecideSelectionInput, type CommitteeDetail } from "./contracts-personnel.js";
import { committeeDetail, mustGetCommittee, RECRUITMENT_SCOPE } from "./personnel-rules.js";
import { delegationRule, todayOf } from "./rules.js";
import { recruitmentCandidates, recruitmentCommittees } from "./tables.js";

/**
 * The selection committee's decision: one candidate from its recruitment committee's shortlist, once. Both
 * committees are then decided: the candidates and the assessment can no longer change.
 */
export async function decideSelection({ ctx, input }: { ctx: Ctx; input: z.input<typeof DecideSelectionInput> & { committeeId: string } }): Promise<CommitteeDetail> {
  const i = parseInput(DecideSelectionInput, input);
  if (i.decisionOn > todayOf(ctx)) throw new ValidationError([{ path: "decisionOn", code: "delegation.committee.future-date", messageTh: "วันที่มีมติต้องไม่เกินวันนี้", messageEn: "The decision date may not be in the future" }]);
  return withTransaction(ctx, async (tx) => {
    await requirePermission(tx, "delegation:recruitment.write", RECRUITMENT_SCOPE);
    const c = await mustGetCommittee(tx, input.committeeId, true);
    if (c.kind !== "selection") throw delegationRule("delegation.committee.not-selection", "การตัดสินผลเป็นหน้าที่ของคณะกรรมการคัดเลือก", "The decision belongs to the selection committee");
    if (c.status === "decided") throw new ConflictError("delegation.committee.already-decided", `คณะกรรมการคัดเลือกมีมติแล้วเมื่อ ${c.decisionOn}`, `The selection committee already decided on ${c.decisionOn}`);
    const parent = await mustGetCommittee(tx, c.parentCommitteeId!, true);
    if (parent.status !== "assessed") throw delegationRule("delegation.committee.no-shortlist", "คณะกรรมการสรรหายังไม่ได้เสนอบัญชีรายชื่อผู้ผ่านการสรรหา", "The recruitment committee has not drawn its shortlist yet");
    const [cand] = await tx.db.select().from(recruitmentCandidates).where(eq(recruitmentCandidates.id, i.selectedCandidateId)).limit(1);
    if (!cand || cand.committeeId !== parent.id || !cand.shortlisted) {
      throw delegationRule("delegation.committee.not-shortlisted", "เลือกได้เฉพาะผู้มีชื่อในบัญชีรายชื่อผู้ผ่านการสรรหา", "Only a shortlisted candidate may be selected", { fields: [{ path: "selectedCandidateId", code: "delegation.committee.not-shortlisted", messageTh: "ไม่อยู่ในบัญชีรายชื่อผู้ผ่านการสรรหา", messageEn: "Not on the shortlist" }] });
    }
    const early: FieldError[] = [];
    const floor = [c.appointedOn, parent.assessedOn!].sort().at(-1)!;
    if (i.decisionOn < floor) early.push({ path: "decisionOn", code: "delegation.committee.decision-too-early", messageTh: `มีมติก่อนวันที่ ${floor} (แต่งตั้งคณะกรรมการ/ประเมินผู้สมัคร) ไม่ได้`, messageEn: `The decision may not precede ${floor} (the committee's appointment / the assessment)` });
    if (early.length) throw delegationRule("delegation.committee.decision-too-early", "วันที่มีมติเร็วเกินไป", "The decision date is too early", { fields: early });

    const now = tx.now();
    const [after] = await tx.db.update(recruitmentCommittees).set({ status: "decided", decisionOn: i.decisionOn, selectedCandidateId: cand.id, decisionTh: i.decisionTh, updatedAt: now }).where(eq(recruitmentCommittees.id, c.id)).returning();
    await tx.db.update(recruitmentCommittees).set({ status: "decided", decisionOn: i.decisionOn, selectedCandidateId: cand.id, updatedAt: now }).where(eq(recruitmentCommittees.id, parent.id));
    await writeAudit(tx, { action: "delegation.committee.decide", entityType: "recruitment-committee", entityId: c.id, provinceCode: c.provinceCode, before: { status: c.status }, after: { status: "decided", decisionOn: i.decisionOn, selectedCandidateId: cand.id, decisionTh: i.decisionTh } });
    await writeAudit(tx, { action: "delegation.committee.close", entityType: "recruitment-committee", entityId: parent.id, provinceCode: parent.provinceCode, before: { status: parent.status }, after: { status: "decided", selectionCommitteeId: c.id, selectedCandidateId: cand.id } });
    return committeeDetail(tx, after!, true);
  });
}
