import { and, asc, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import { hasPermission, requirePermission, scopesFor } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { diffDays } from "../../platform/thai/dates.js";
import { fiscalQuarterRange } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { lookupAreas, lookupOrganizations, requireProvince } from "../registry/index.js";
import { noticesDue } from "./budget-deadlines.js";
import { budgetActView, findBudgetAct, loadHolidays, openStatus, operatingPlanRule, operatingPlanView, pct, satang, targetsOf, todayOf } from "./budget-rules.js";
import { DeadlineCalendarInput, type CalendarItem, type DeadlineCalendar } from "./contracts-budget.js";
import { COUNTED } from "./get-budget-dashboard.js";
import { allocationNotices, operatingPlans, projectMilestones, projects } from "./tables.js";

/**
 * Every statutory deadline of a fiscal year, for one province or nation-wide (every province and sender the
 * reader may see: a ministry or department sees the notices it owes): the Budget Act, each allocation notice
 * (30 days, per sender and province, with its status), the operating plan (60 days after the total was known),
 * the quarterly disbursement targets (with the province's actual) and, for one province, its projects' milestones.
 */
export async function getDeadlineCalendar({ ctx, input }: { ctx: Ctx; input: z.input<typeof DeadlineCalendarInput> }): Promise<DeadlineCalendar> {
  const i = parseInput(DeadlineCalendarInput, input);
  const P = i.provinceCode ?? null;
  if (P) await requirePermission(ctx, "planning:read", provinceScope(P));
  else {
    const s = scopesFor(ctx, "planning:read");
    if (s !== null && s.length === 0) {
      if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
      throw new ForbiddenError("planning:read");
    }
  }
  if (P) await requireProvince(ctx, P);
  const today = todayOf(ctx);
  const FY = i.fiscalYear;
  const act = await findBudgetAct(ctx, FY);
  const items: CalendarItem[] = [];
  const seen = new Map<string, boolean>();
  const may = async (key: string, scope: Parameters<typeof hasPermission>[2]) => {
    if (!seen.has(key)) seen.set(key, await hasPermission(ctx, "planning:read", scope));
    return seen.get(key)!;
  };
  const mayProvince = (p: string) => (P ? Promise.resolve(true) : may(`p:${p}`, provinceScope(p)));

  if (act) {
    items.push({ kind: "budget-act", date: act.passedOn, provinceCode: null, orgId: null, titleTh: `พ.ร.บ.งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. ${FY} ผ่านรัฐสภา`, titleEn: `FY ${FY} Budget Act passed parliament`, status: "met", doneOn: act.passedOn, daysLate: 0, daysLeft: diffDays(today, act.passedOn), entityId: String(FY), targetPct: null, actualPct: null });
    const due = await noticesDue(ctx, act, P ? [P] : null, today);
    const visible: typeof due = [];
    for (const d of due) if ((await mayProvince(d.provinceCode)) || (await may(`o:${d.orgId}`, { kind: "org", id: d.orgId }))) visible.push(d);
    const orgs = await lookupOrganizations(ctx, visible.map((d) => d.orgId));
    const areas = await lookupAreas(ctx, visible.map((d) => `province:${d.provinceCode}`));
    for (const d of visible) {
      const o = orgs.get(d.orgId);
      const a = areas.get(`province:${d.provinceCode}`);
      items.push({
        kind: "allocation-notice",
        date: act.noticeDueOn,
        provinceCode: d.provinceCode,
        orgId: d.orgId,
        titleTh: `${o?.nameTh ?? d.orgId} แจ้งจัดสรรงบประมาณให้จังหวัด${a?.nameTh ?? d.provinceCode}`,
        titleEn: `${o?.nameEn || o?.nameTh || d.orgId} notifies ${a?.nameEn || d.provinceCode} of its allocation`,
        status: d.status,
        doneOn: d.notice?.notifiedOn ?? null,
        daysLate: d.daysLate,
        daysLeft: d.notice ? null : d.daysLeft,
        entityId: d.notice?.id ?? null,
        targetPct: null,
        actualPct: null,
      });
    }
    // operating plans: every province with a notice or a recorded plan (or the one asked for)
    const holidays = await loadHolidays(ctx);
    const plans = await ctx.db.select().from(operatingPlans).where(and(eq(operatingPlans.fiscalYear, FY), P ? eq(operatingPlans.provinceCode, P) : undefined));
    const lasts = await ctx.db
      .select({ p: allocationNotices.provinceCode, last: max(allocationNotices.notifiedOn) })
      .from(allocationNotices)
      .where(and(eq(allocationNotices.fiscalYear, FY), P ? eq(allocationNotices.provinceCode, P) : undefined))
      .groupBy(allocationNotices.provinceCode);
    const provinces = new Set([...(P ? [P] : []), ...plans.map((p) => p.provinceCode), ...lasts.map((l) => l.p)]);
    const pareas = await lookupAreas(ctx, [...provinces].map((p) => `province:${p}`));
    for (const p of [...provinces].sort()) {
      if (!(await mayProvince(p))) continue;
      const v = operatingPlanView(p, FY, plans.find((x) => x.provinceCode === p) ?? null, lasts.find((l) => l.p === p)?.last ?? null, holidays, today);
      const name = pareas.get(`province:${p}`);
      items.push({ kind: "operating-plan", date: v.dueOn, provinceCode: p, orgId: null, titleTh: `แผนปฏิบัติราชการประจำปีของจังหวัด${name?.nameTh ?? p}`, titleEn: `${name?.nameEn || p} annual operating plan`, status: v.status === "unknown" ? "unknown" : v.status, doneOn: v.submittedOn, daysLate: v.daysLate, daysLeft: v.dueOn && !v.submittedOn ? diffDays(today, v.dueOn) : null, entityId: `${p}:${FY}`, targetPct: null, actualPct: null });
    }
  }

  // quarterly targets (with the province's actual when one province is asked for)
  const targets = targetsOf(act);
  // the province's budget and what it had disbursed by each quarter's end (the curves kept on each project, months 3, 6, 9, 12)
  let budget = 0n;
  let byQuarter: bigint[] = [];
  if (P) {
    const [b] = rowsOf<{ b: string; q1: string; q2: string; q3: string; q4: string }>(await ctx.db.execute(sql`select coalesce(sum(total_budget), 0)::text as b,
      coalesce(sum(cum_disbursed[3]), 0)::text as q1, coalesce(sum(cum_disbursed[6]), 0)::text as q2, coalesce(sum(cum_disbursed[9]), 0)::text as q3, coalesce(sum(cum_disbursed[12]), 0)::text as q4
      from projects where province_code = ${P} and fiscal_year = ${FY} and ${COUNTED}`));
    budget = satang(b?.b);
    byQuarter = [satang(b?.q1), satang(b?.q2), satang(b?.q3), satang(b?.q4)];
  }
  if (targets) {
    for (const q of [1, 2, 3, 4] as const) {
      const end = fiscalQuarterRange(FY, q).end;
      const t = targets[`q${q}` as const];
      const actual = P ? pct(byQuarter[q - 1]!, budget) : null;
      const passed = end < today;
      const status: CalendarItem["status"] = !passed ? openStatus(end, today) === "due-soon" ? "due-soon" : "pending" : actual === null ? "unknown" : actual >= t ? "met" : "missed";
      items.push({ kind: "quarter-target", date: end, provinceCode: P, orgId: null, titleTh: `เป้าหมายการเบิกจ่ายสะสมไตรมาส ${q}: ร้อยละ ${t}`, titleEn: `Cumulative disbursement target, quarter ${q}: ${t}%`, status, doneOn: null, daysLate: 0, daysLeft: diffDays(today, end), entityId: `q${q}`, targetPct: t, actualPct: actual });
    }
  }

  // milestones of the province's projects
  if (P) {

    const ms = await ctx.db
      .select({ id: projectMilestones.id, projectId: projectMilestones.projectId, titleTh: projectMilestones.titleTh, titleEn: projectMilestones.titleEn, dueOn: projectMilestones.dueOn, doneOn: projectMilestones.doneOn, code: projects.code })
      .from(projectMilestones)
      .innerJoin(projects, eq(projects.id, projectMilestones.projectId))
      .where(and(eq(projectMilestones.provinceCode, P), eq(projects.fiscalYear, FY), sql`${projects.status} not in ('rejected', 'cancelled')`))
      .orderBy(asc(projectMilestones.dueOn))
      .limit(2000);
    for (const m of ms) {
      const status: CalendarItem["status"] = m.doneOn ? (m.doneOn > m.dueOn ? "late" : "on-time") : openStatus(m.dueOn, today);
      items.push({ kind: "milestone", date: m.dueOn, provinceCode: P, orgId: null, titleTh: `${m.code}: ${m.titleTh}`, titleEn: `${m.code}: ${m.titleEn || m.titleTh}`, status, doneOn: m.doneOn, daysLate: m.doneOn ? Math.max(0, diffDays(m.dueOn, m.doneOn)) : Math.max(0, diffDays(m.dueOn, today)), daysLeft: m.doneOn ? null : diffDays(today, m.dueOn), entityId: m.projectId, targetPct: null, actualPct: null });
    }

  }

  const filtered = items.filter((x) => (!i.kind || x.kind === i.kind) && (!i.status || x.status === i.status));
  filtered.sort((a, b) => (a.date ?? "9999").localeCompare(b.date ?? "9999") || a.kind.localeCompare(b.kind) || (a.provinceCode ?? "").localeCompare(b.provinceCode ?? "") || a.titleTh.localeCompare(b.titleTh));
  return { fiscalYear: FY, provinceCode: P, today, act: act ? budgetActView(act) : null, operatingPlanRule, items: filtered };
}

