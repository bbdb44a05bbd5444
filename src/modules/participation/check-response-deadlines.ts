import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { notify } from "../../platform/notify/notify.js";
import { bangkokDateOf, diffDays } from "../../platform/thai/dates.js";
import { mustGetProposal, participationSettings } from "./rules.js";
import { participationProposals } from "./tables.js";

/**
 * The deadline job: proposals past their threshold and not yet answered get a notice to the governor's office a
 * few days before the deadline, and once the deadline has passed are flagged overdue (public), audited, and
 * escalated with a second notice. Idempotent: each notice has a dedupe key and each flag is set once.
 */
export async function checkResponseDeadlines({ ctx }: { ctx: Ctx }): Promise<{ dueSoon: number; overdue: number }> {
  const today = bangkokDateOf(ctx.now());
  const soon = participationSettings().dueSoonDays;
  let dueSoon = 0;
  let overdue = 0;
  const open = await ctx.db
    .select({ id: participationProposals.id, dueOn: participationProposals.responseDueOn })
    .from(participationProposals)
    .where(and(isNotNull(participationProposals.thresholdReachedAt), isNull(participationProposals.respondedAt), isNull(participationProposals.hiddenAt), isNull(participationProposals.overdueAt)))
    .orderBy(asc(participationProposals.responseDueOn))
    .limit(5000);
  for (const { id, dueOn } of open) {
    if (!dueOn) continue;
    const left = diffDays(today, dueOn);
    if (left < 0) {
      overdue += await withTransaction(ctx, async (tx) => {
        const p = await mustGetProposal(tx, id, true);
        if (p.respondedAt || p.hiddenAt || p.overdueAt) return 0;
        const now = tx.now();
        await tx.db.update(participationProposals).set({ overdueAt: now, updatedAt: now }).where(eq(participationProposals.id, p.id));
        await notify(tx, { dedupeKey: `participation-overdue:${p.id}`, recipient: `area:province:${p.provinceCode}`, provinceCode: p.provinceCode, kind: "participation.response-overdue", subjectTh: `เลยกำหนดตอบข้อเสนอของประชาชน "${p.titleTh}" (ครบกำหนด ${dueOn})`, subjectEn: `The official response to a citizens' proposal is overdue (due ${dueOn})`, link: `/participation/proposals/${p.id}`, entityType: "participation-proposal", entityId: p.id });
        await writeAudit(tx, { action: "participation.proposal.overdue", entityType: "participation-proposal", entityId: p.id, provinceCode: p.provinceCode, before: { overdueAt: null }, after: { overdueAt: now.toISOString(), responseDueOn: dueOn } });
        return 1;
      });
    } else if (left <= soon) {
      const p = await mustGetProposal(ctx, id);
      const r = await notify(ctx, { dedupeKey: `participation-due-soon:${p.id}`, recipient: `area:province:${p.provinceCode}`, provinceCode: p.provinceCode, kind: "participation.response-due-soon", subjectTh: `อีก ${left} วันครบกำหนดตอบข้อเสนอของประชาชน "${p.titleTh}" (${dueOn})`, subjectEn: `${left} day(s) left to answer a citizens' proposal (due ${dueOn})`, link: `/participation/proposals/${p.id}`, entityType: "participation-proposal", entityId: p.id });
      if (r.created) dueSoon++;
    }
  }
  return { dueSoon, overdue };
}
