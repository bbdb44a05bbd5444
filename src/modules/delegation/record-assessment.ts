import { eq } from "drizzle-orm";
import type { z } from "zod";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, ValidationError, type FieldError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { RecordAssessmentInput, type CommitteeDetail } from "./contracts-personnel.js";
import { committeeDetail, mustGetCommittee, RECRUITMENT_SCOPE } from "./personnel-rules.js";
import { delegationRule, todayOf } from "./rules.js";
import { recruitmentCandidates, recruitmentCommittees } from "./tables.js";

/**
 * Records the recruitment committee's assessment: a score for every candidate (ranked, ties sharing a rank) and the
 * shortlist the selection committee will choose from. A later assessment replaces it, until the selection is decided.
 */
export async function recordAssessment({ ctx, input }: { ctx: Ctx; input: z.input<typeof RecordAssessmentInput> & { committeeId: string } }): Promise<CommitteeDetail> {
  const i = parseInput(RecordAssessmentInput, input);
  const fields: FieldError[] = [];
  const scored = new Set<string>();
  i.scores.forEach((s, k) => {
    if (scored.has(s.candidateId)) fields.push({ path: `scores.${k}.candidateId`, code: "delegation.committee.duplicate-score", messageTh: "ให้คะแนนผู้สมัครคนเดียวกันซ้ำ", messageEn: "The same candidate is scored twice" });
    scored.add(s.candidateId);
  });
  const listed = new Set<string>();
  i.shortlist.forEach((id, k) => {
    if (listed.has(id)) fields.push({ path: `shortlist.${k}`, code: "delegation.committee.duplicate-shortlist", messageTh: "รายชื่อซ้ำในบัญชีรายชื่อผู้ผ่านการสรรหา", messageEn: "A candidate is on the shortlist twice" });
    listed.add(id);
  });
  if (i.assessedOn > todayOf(ctx)) fields.push({ path: "assessedOn", code: "delegation.committee.future-date", messageTh: "วันที่ประเมินต้องไม่เกินวันนี้", messageEn: "The assessment date may not be in the future" });
  if (fields.length) throw new ValidationError(fields);

  return withTransaction(ctx, async (tx) => {
    await requirePermission(tx, "delegation:recruitment.write", RECRUITMENT_SCOPE);
    const c = await mustGetCommittee(tx, input.committeeId, true);
    if (c.kind !== "recruitment") throw delegationRule("delegation.committee.not-recruitment", "การประเมินผู้สมัครเป็นหน้าที่ของคณะกรรมการสรรหา", "Candidates are assessed by the recruitment committee");
    if (c.status === "decided") throw new ConflictError("delegation.committee.decided", "การคัดเลือกมีผลแล้ว แก้ไขผลการประเมินไม่ได้", "The selection is decided: the assessment can no longer change");
    const cands = await tx.db.select().from(recruitmentCandidates).where(eq(recruitmentCandidates.committeeId, c.id));
    if (!cands.length) throw delegationRule("delegation.committee.no-candidates", "ยังไม่มีผู้สมัคร", "There are no candidates yet");
    const ids = new Set(cands.map((x) => x.id));
    const refs: FieldError[] = [];
    i.scores.forEach((s, k) => {
      if (!ids.has(s.candidateId)) refs.push({ path: `scores.${k}.candidateId`, code: "delegation.committee.unknown-candidate", messageTh: "ไม่ใช่ผู้สมัครของคณะกรรมการนี้", messageEn: "Not a candidate before this committee" });
    });
    i.shortlist.forEach((id, k) => {
      if (!ids.has(id)) refs.push({ path: `shortlist.${k}`, code: "delegation.committee.unknown-candidate", messageTh: "ไม่ใช่ผู้สมัครของคณะกรรมการนี้", messageEn: "Not a candidate before this committee" });
    });
    if (refs.length) throw new ValidationError(refs);
    const unscored = cands.filter((x) => !scored.has(x.id));
    const rules: FieldError[] = [];
    if (unscored.length) rules.push({ path: "scores", code: "delegation.committee.unscored", messageTh: `ยังไม่ได้ให้คะแนน: ${unscored.map((x) => x.name).join(", ")}`, messageEn: `Not scored: ${unscored.map((x) => x.name).join(", ")}` });
    if (i.assessedOn < c.appointedOn) rules.push({ path: "assessedOn", code: "delegation.committee.before-appointment", messageTh: `ประเมินก่อนวันแต่งตั้งคณะกรรมการ (${c.appointedOn}) ไม่ได้`, messageEn: `The assessment may not precede the committee's appointment (${c.appointedOn})` });
    if (rules.length) throw delegationRule("delegation.committee.assessment-incomplete", "ผลการประเมินไม่ครบถ้วน", "The assessment is incomplete", { fields: rules });

    const score = new Map(i.scores.map((s) => [s.candidateId, s.score]));
    const rankOf = (v: number) => 1 + i.scores.filter((s) => s.score > v).length;
    for (const x of cands) {
      const v = score.get(x.id)!;
      await tx.db.update(recruitmentCandidates).set({ score: v.toFixed(2), rank: rankOf(v), shortlisted: listed.has(x.id) }).where(eq(recruitmentCandidates.id, x.id));
    }
    const [after] = await tx.db.update(recruitmentCommittees).set({ status: "assessed", assessedOn: i.assessedOn, assessmentTh: i.assessmentTh, updatedAt: tx.now() }).where(eq(recruitmentCommittees.id, c.id)).returning();
    await writeAudit(tx, {
      action: "delegation.committee.assess",
      entityType: "recruitment-committee",
      entityId: c.id,
      provinceCode: c.provinceCode,
      before: { status: c.status, assessedOn: c.assessedOn, scores: cands.filter((x) => x.score !== null).map((x) => ({ candidateId: x.id, score: x.score, shortlisted: x.shortlisted })) },
      after: { status: "assessed", assessedOn: i.assessedOn, scores: cands.map((x) => ({ candidateId: x.id, score: score.get(x.id)!.toFixed(2), rank: rankOf(score.get(x.id)!) })), shortlist: [...listed] },
    });
    return committeeDetail(tx, after!, true);
  });
}
