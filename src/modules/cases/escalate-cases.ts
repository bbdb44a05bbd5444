import { and, asc, eq, inArray, lt } from "drizzle-orm";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { notify } from "../../platform/notify/notify.js";
import { OPEN_STATUSES } from "./contracts.js";
import { mustGetCase, recordEvent, type CaseRow } from "./case-rules.js";
import { cases } from "./tables.js";

/** The level a case should be at now: 1 (the district chief) once its resolution is due, 2 (the governor) half its span later. */
export function escalationLevelAt(c: Pick<CaseRow, "receivedAt" | "resolveDueAt">, now: Date): number {
  const due = c.resolveDueAt.getTime();
  if (now.getTime() <= due) return 0;
  const half = (due - c.receivedAt.getTime()) / 2;
  return now.getTime() > due + half ? 2 : 1;
}

const LEVEL_TH = ["หน่วยงาน", "นายอำเภอ", "ผู้ว่าราชการจังหวัด"];

/**
 * The service-level job: open cases past their due time move up (agency → district chief → governor), each step
 * once, with a public timeline entry and a notice to whoever is now responsible; cases still not accepted past
 * their acceptance time get a reminder to their office. Idempotent: a second run finds nothing new.
 */
export async function escalateCases({ ctx }: { ctx: Ctx }): Promise<{ escalated: number; acceptReminders: number }> {
  const now = ctx.now();
  let escalated = 0;
  let acceptReminders = 0;
  const due = await ctx.db.select({ id: cases.id }).from(cases).where(and(inArray(cases.status, [...OPEN_STATUSES]), lt(cases.resolveDueAt, now), lt(cases.escalationLevel, 2))).orderBy(asc(cases.resolveDueAt)).limit(5000);
  for (const { id } of due) {
    escalated += await withTransaction(ctx, async (tx) => {
      const c = await mustGetCase(tx, id, { lock: true });
      const level = escalationLevelAt(c, now);
      if (!OPEN_STATUSES.includes(c.status as never) || level <= c.escalationLevel) return 0;
      await tx.db.update(cases).set({ escalationLevel: level, escalatedAt: now, version: c.version + 1, updatedAt: now }).where(eq(cases.id, c.id));
      await recordEvent(tx, c, { kind: "escalated", visibility: "public", textTh: `เลยกำหนดเวลาให้บริการ: เรื่องถูกส่งถึง${LEVEL_TH[level]}`, actorLabelTh: "ระบบ", data: { level } });
      const recipient = level === 1 && c.districtCode ? `area:district:${c.districtCode}` : `area:province:${c.provinceCode}`;
      await notify(tx, { dedupeKey: `case-escalated:${c.id}:${c.reopenCount}:${level}`, recipient, provinceCode: c.provinceCode, kind: "cases.escalated", subjectTh: `เรื่อง ${c.publicRef} เลยกำหนดเวลา (ระดับ ${level}: ${LEVEL_TH[level]})`, subjectEn: `Case ${c.publicRef} is overdue (level ${level})`, link: `/cases/${c.id}`, entityType: "case", entityId: c.id });
      await writeAudit(tx, { action: "cases.case.escalate", entityType: "case", entityId: c.id, provinceCode: c.provinceCode, before: { escalationLevel: c.escalationLevel }, after: { escalationLevel: level } });
      return 1;
    });
  }
  const late = await ctx.db.select({ id: cases.id, publicRef: cases.publicRef, orgId: cases.assignedOrgId, provinceCode: cases.provinceCode }).from(cases).where(and(eq(cases.status, "received"), lt(cases.acceptDueAt, now))).limit(5000);
  for (const c of late) {
    if (!c.orgId) continue;
    const r = await notify(ctx, { dedupeKey: `case-accept-overdue:${c.id}:${c.orgId}`, recipient: `org:${c.orgId}`, provinceCode: c.provinceCode, kind: "cases.accept-overdue", subjectTh: `เรื่อง ${c.publicRef} ยังไม่มีผู้รับเรื่อง เลยเวลาที่กำหนด`, subjectEn: `Case ${c.publicRef} has not been accepted in time`, link: `/cases/${c.id}`, entityType: "case", entityId: c.id });
    if (r.created) acceptReminders++;
  }
  return { escalated, acceptReminders };
}
