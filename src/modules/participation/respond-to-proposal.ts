import { eq } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { requirePermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import { newId, withTransaction, type Ctx } from "../../platform/ctx.js";
import { ConflictError, RuleViolation } from "../../platform/errors.js";
import { notify } from "../../platform/notify/notify.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { kpiTargetsOf, setTargets } from "../performance/index.js";
import { RespondInput, type ResponseView } from "./contracts.js";
import { responseViews } from "./presenters.js";
import { mustGetCall, mustGetProposal } from "./rules.js";
import { requireSubject } from "./subjects.js";
import { participationChanges, participationProposals, participationResponses } from "./tables.js";

/**
 * The governor's office publishes its official response to a proposal (accepted / partly / not accepted, with
 * reasoning) and what changed. A target change is made through the performance module's setTargets in this same
 * transaction (the KPI's own history shows it, `applied`); a change of wording is recorded with the current
 * wording as "before" (`applied` false: the strategy record itself is edited in the strategy module).
 */
export async function respondToProposal({ ctx, input }: { ctx: Ctx; input: { id: string } & RespondInput & { isDemo?: boolean } }): Promise<ResponseView> {
  const i = parseInput(RespondInput, input);
  const p0 = await mustGetProposal(ctx, input.id);
  await requirePermission(ctx, "participation:manage", provinceScope(p0.provinceCode));
  return withTransaction(ctx, async (tx) => {
    const p = await mustGetProposal(tx, input.id, true);
    if (p.hiddenAt) throw new RuleViolation("participation.proposal-hidden", "ข้อเสนอนี้ถูกซ่อนไว้ จึงตอบไม่ได้", "This proposal is hidden and cannot be answered");
    if (p.respondedAt) throw new ConflictError("participation.already-responded", "ข้อเสนอนี้มีคำตอบอย่างเป็นทางการแล้ว", "This proposal already has an official response");
    const c = await mustGetCall(tx, p.callId);
    const now = tx.now();
    const responseId = newId(now.getTime());
    const changes: (typeof participationChanges.$inferInsert)[] = [];
    for (const [n, ch] of i.changes.entries()) {
      if (ch.kind === "target") {
        const k = await requireSubject(tx, p.provinceCode, "target", ch.kpiId, `changes.${n}.kpiId`);
        const before = (await kpiTargetsOf(tx, ch.kpiId, ch.fiscalYear)).find((t) => t.round === ch.round)?.levels ?? null;
        await setTargets({ ctx: tx, input: { kpiId: ch.kpiId, fiscalYear: ch.fiscalYear, round: ch.round, levels: ch.levels } });
        changes.push({ id: newId(now.getTime()), responseId, provinceCode: p.provinceCode, kind: "target", subjectKind: "target", subjectId: ch.kpiId, subjectNameTh: k.nameTh, subjectNameEn: k.nameEn, fieldTh: `ค่าเป้าหมายระดับคะแนน 1–5 ปีงบประมาณ ${ch.fiscalYear} (รอบ ${ch.round} เดือน)${k.unit ? ` หน่วย: ${k.unit}` : ""}`, fieldEn: `Targets for score levels 1–5, FY ${ch.fiscalYear} (${ch.round}-month round)`, fiscalYear: ch.fiscalYear, round: ch.round, before, after: [...ch.levels], applied: true, seq: n });
      } else {
        const s = await requireSubject(tx, p.provinceCode, ch.subjectKind, ch.subjectId, `changes.${n}.subjectId`);
        changes.push({ id: newId(now.getTime()), responseId, provinceCode: p.provinceCode, kind: "text", subjectKind: ch.subjectKind, subjectId: ch.subjectId, subjectNameTh: s.nameTh, subjectNameEn: s.nameEn, fieldTh: ch.fieldTh, fieldEn: "", fiscalYear: null, round: null, before: s.nameTh, after: ch.afterTh, applied: false, seq: n });
      }
    }
    await tx.db.insert(participationResponses).values({ id: responseId, proposalId: p.id, callId: c.id, provinceCode: p.provinceCode, decision: i.decision, reasoningTh: i.reasoningTh, reasoningEn: i.reasoningEn, dueOn: p.responseDueOn, publishedAt: now, publishedBy: tx.actor.id, isDemo: input.isDemo ?? false });
    if (changes.length) await tx.db.insert(participationChanges).values(changes);
    await tx.db.update(participationProposals).set({ respondedAt: now, updatedAt: now }).where(eq(participationProposals.id, p.id));
    await notify(tx, { dedupeKey: `participation-responded:${p.id}`, recipient: `user:${p.authorAccountId}`, provinceCode: p.provinceCode, kind: "participation.responded", subjectTh: `จังหวัดตอบข้อเสนอ "${p.titleTh}" แล้ว`, subjectEn: `The province has answered your proposal`, link: `/participation/proposals/${p.id}`, entityType: "participation-proposal", entityId: p.id });
    await writeAudit(tx, { action: "participation.proposal.respond", entityType: "participation-proposal", entityId: p.id, provinceCode: p.provinceCode, after: { responseId, decision: i.decision, dueOn: p.responseDueOn, onTime: p.responseDueOn ? bangkokDateOf(now) <= p.responseDueOn : null, changes: changes.map((x) => ({ kind: x.kind, subjectId: x.subjectId, fiscalYear: x.fiscalYear, round: x.round, before: x.before, after: x.after, applied: x.applied })) } });
    return (await responseViews(tx, [p.id])).get(p.id)!;
  });
}
