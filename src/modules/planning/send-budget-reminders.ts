import { and, eq, inArray, max } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { notify } from "../../platform/notify/notify.js";
import { diffDays, formatThaiDate } from "../../platform/thai/dates.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { lookupAreas, lookupOrganizations } from "../registry/index.js";
import { noticesDue } from "./budget-deadlines.js";
import { loadHolidays, operatingPlanView, todayOf } from "./budget-rules.js";
import { BUDGET_REMINDER_DAYS } from "./contracts-budget.js";
import { allocationNotices, budgetActs, operatingPlans } from "./tables.js";

const nearest = (daysLeft: number): number | null => {
  const within = BUDGET_REMINDER_DAYS.filter((t) => daysLeft <= t);
  return daysLeft >= 0 && within.length ? Math.min(...within) : null;
};

/**
 * The budget cycle's daily reminders (Bangkok date): allocation notices not yet sent whose deadline is within 7,
 * then 1 day, to the sending department; once the deadline passes, an overdue flag to the department and the
 * province; the same for each province's operating plan. Every occasion has its own dedupe key, so any number of
 * runs records each once; one first seen late gets its nearest threshold only.
 */
export async function sendBudgetReminders({ ctx }: { ctx: Ctx }): Promise<{ notices: number; overdueNotices: number; plans: number; overduePlans: number }> {
  await requirePermission(ctx, "planning:read", NATION);
  const today = todayOf(ctx);
  const current = fiscalYearOf(today);
  const out = { notices: 0, overdueNotices: 0, plans: 0, overduePlans: 0 };
  const acts = await ctx.db.select().from(budgetActs).where(inArray(budgetActs.fiscalYear, [current, current + 1]));
  const holidays = await loadHolidays(ctx);
  for (const act of acts) {
    const fy = act.fiscalYear;
    const due = (await noticesDue(ctx, act, null, today)).filter((d) => !d.notice);
    const orgs = await lookupOrganizations(ctx, due.map((d) => d.orgId));
    const areas = await lookupAreas(ctx, due.map((d) => `province:${d.provinceCode}`));
    const dateTh = formatThaiDate(act.noticeDueOn, { style: "long" });
    const dateEn = formatThaiDate(act.noticeDueOn, { locale: "en", style: "long" });
    for (const d of due) {
      const o = orgs.get(d.orgId);
      const a = areas.get(`province:${d.provinceCode}`);
      const who = { th: o?.nameTh ?? d.orgId, en: o?.nameEn || o?.nameTh || d.orgId };
      const where = { th: a?.nameTh ?? d.provinceCode, en: a?.nameEn || d.provinceCode };
      const base = { provinceCode: d.provinceCode, link: `/planning/budget/calendar?fy=${fy}&province=${d.provinceCode}`, entityType: "budget-act", entityId: String(fy) };
      const days = nearest(d.daysLeft);
      if (days !== null) {
        const { created } = await notify(ctx, {
          ...base,
          dedupeKey: `planning.notice-due:${fy}:${d.orgId}:${d.provinceCode}:${days}`,
          recipient: `org:${d.orgId}`,
          kind: "planning.allocation-notice-due",
          subjectTh: `ครบกำหนดแจ้งจัดสรรงบประมาณปี ${fy} ให้จังหวัด${where.th} ภายใน ${days} วัน`,
          subjectEn: `The FY ${fy} allocation notice to ${where.en} is due within ${days} day${days === 1 ? "" : "s"}`,
          bodyTh: `${who.th} ต้องแจ้งผู้ว่าราชการจังหวัด${where.th}ถึงวงเงินที่จัดสรรให้จังหวัดภายในวันที่ ${dateTh} (30 วันนับแต่ พ.ร.บ.งบประมาณผ่านรัฐสภา)`,
          bodyEn: `${who.en} must notify the governor of ${where.en} of the province's allocation by ${dateEn} (30 days after the Budget Act).`,
        });
        if (created) out.notices++;
      } else if (d.status === "overdue") {
        for (const recipient of [`org:${d.orgId}`, `area:province:${d.provinceCode}`]) {
          const { created } = await notify(ctx, {
            ...base,
            dedupeKey: `planning.notice-overdue:${fy}:${d.orgId}:${d.provinceCode}:${recipient}`,
            recipient,
            kind: "planning.allocation-notice-overdue",
            subjectTh: `เลยกำหนดแจ้งจัดสรรงบประมาณปี ${fy}: ${who.th} → จังหวัด${where.th}`,
            subjectEn: `FY ${fy} allocation notice overdue: ${who.en} → ${where.en}`,
            bodyTh: `กำหนดแจ้งคือวันที่ ${dateTh} ยังไม่มีการบันทึกหนังสือแจ้งจัดสรร`,
            bodyEn: `It was due on ${dateEn}; no notice has been recorded.`,
          });
          if (created) out.overdueNotices++;
        }
      }
    }

    const plans = await ctx.db.select().from(operatingPlans).where(eq(operatingPlans.fiscalYear, fy));
    const lasts = await ctx.db.select({ p: allocationNotices.provinceCode, last: max(allocationNotices.notifiedOn) }).from(allocationNotices).where(and(eq(allocationNotices.fiscalYear, fy))).groupBy(allocationNotices.provinceCode);
    const provinces = [...new Set([...plans.map((p) => p.provinceCode), ...lasts.map((l) => l.p)])].sort();
    const pareas = await lookupAreas(ctx, provinces.map((p) => `province:${p}`));
    for (const p of provinces) {
      const v = operatingPlanView(p, fy, plans.find((x) => x.provinceCode === p) ?? null, lasts.find((l) => l.p === p)?.last ?? null, holidays, today);
      if (!v.dueOn || v.submittedOn) continue;
      const name = pareas.get(`province:${p}`);
      const left = diffDays(today, v.dueOn);
      const days = nearest(left);
      const base = { recipient: `area:province:${p}`, provinceCode: p, link: `/planning/budget/calendar?fy=${fy}&province=${p}`, entityType: "operating-plan", entityId: `${p}:${fy}` };
      const dTh = formatThaiDate(v.dueOn, { style: "long" });
      const dEn = formatThaiDate(v.dueOn, { locale: "en", style: "long" });
      if (days !== null) {
        const { created } = await notify(ctx, { ...base, dedupeKey: `planning.operating-plan-due:${p}:${fy}:${days}`, kind: "planning.operating-plan-due", subjectTh: `ครบกำหนดส่งแผนปฏิบัติราชการประจำปี ${fy} ภายใน ${days} วัน (${dTh})`, subjectEn: `The FY ${fy} operating plan of ${name?.nameEn || p} is due within ${days} day${days === 1 ? "" : "s"} (${dEn})`, bodyTh: `60 วันนับแต่วันที่จังหวัดทราบยอดงบประมาณรวม (${v.totalKnownOn})`, bodyEn: `60 days after the province knew its total (${v.totalKnownOn}).` });
        if (created) out.plans++;
      } else if (left < 0) {
        const { created } = await notify(ctx, { ...base, dedupeKey: `planning.operating-plan-overdue:${p}:${fy}`, kind: "planning.operating-plan-overdue", subjectTh: `เลยกำหนดส่งแผนปฏิบัติราชการประจำปี ${fy} ของจังหวัด${name?.nameTh ?? p}`, subjectEn: `FY ${fy} operating plan of ${name?.nameEn || p} is overdue`, bodyTh: `กำหนดส่งคือวันที่ ${dTh}`, bodyEn: `It was due on ${dEn}.` });
        if (created) out.overduePlans++;
      }
    }
  }
  return out;
}
