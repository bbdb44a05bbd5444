import { sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { addDays, diffDays, formatThaiDate } from "../../platform/thai/dates.js";
import { fiscalQuarterRange, fiscalMonthIndex, fiscalYearOf, type FiscalQuarter } from "../../platform/thai/fiscal-year.js";
import { DEFAULT_DISBURSEMENT_TARGETS, type DisbursementTargets } from "../planning/contracts-budget.js";
import { lookupStatutoryDeadlines, type StatutoryDeadline } from "../planning/index.js";
import { lookupOrganizations } from "../registry/index.js";
import type { AlertRule, AlertSeverity } from "./contracts-alerts.js";

// Like the roll-ups, the rules read the other modules' tables by SQL, read-only (docs/ARCHITECTURE.md "Alerts").

/** What a rule finds holding now: one future alert, named by its dedupe key. */
export type AlertCandidate = {
  dedupe_key: string;
  rule: AlertRule;
  severity: AlertSeverity;
  province_code: string;
  org_id: string;
  entity_type: string;
  entity_id: string;
  title_th: string;
  title_en: string;
  detail_th: string;
  detail_en: string;
  link: string;
  is_demo: boolean;
};

/** The moment the rules are evaluated at (ctx.now()), as the rules read it. */
export type RuleClock = { now: Date; today: string; fiscalYear: number };

export function ruleClock(now: Date, today: string): RuleClock {
  return { now, today, fiscalYear: fiscalYearOf(today) };
}

/** Days before a delegation's end at which it is alerted (30: notice, 14: warning, 7: critical). */
export const DELEGATION_EXPIRY_DAYS = 30;

const th = (d: string) => formatThaiDate(d, { style: "short" });
const en = (d: string) => formatThaiDate(d, { locale: "en", style: "short" });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const pct = (x: number) => Math.round(x * 10) / 10;

/** (1) permit applications not decided or withdrawn whose statutory due date has passed: one alert each. */
async function permitOverdue(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const rows = rowsOf<{ id: string; tracking_code: string; province_code: string; org_id: string; power_th: string | null; power_en: string | null; due_on: string; is_demo: boolean }>(
    await ctx.db.execute(sql`select a.id, a.tracking_code, a.province_code, coalesce(w.central_org_id, '') as org_id, w.name_th as power_th, nullif(w.name_en, '') as power_en,
        a.due_on::text as due_on, a.is_demo
      from permit_applications a left join powers w on w.code = a.power_code
      where a.decided_on is null and a.withdrawn_on is null and a.status not in ('approved', 'refused', 'withdrawn') and a.due_on < ${c.today}::date`),
  );
  return rows.map((r) => {
    const late = diffDays(r.due_on, c.today);
    return {
      dedupe_key: `permit-overdue:${r.id}`,
      rule: "permit-overdue",
      severity: late > 30 ? "critical" : "warning",
      province_code: r.province_code,
      org_id: r.org_id,
      entity_type: "permit",
      entity_id: r.id,
      title_th: `คำขออนุญาต ${r.tracking_code} เกินกำหนดตามกฎหมาย ${late} วัน`,
      title_en: `Permit application ${r.tracking_code} is ${plural(late, "day")} past its statutory deadline`,
      detail_th: `${r.power_th ?? ""} · ครบกำหนด ${th(r.due_on)}`.replace(/^ · /, ""),
      detail_en: `${r.power_en ?? r.power_th ?? ""} · due ${en(r.due_on)}`.replace(/^ · /, ""),
      link: `/delegation/permits/${r.id}`,
      is_demo: r.is_demo,
    };
  });
}

/**
 * (2) provincial KPIs whose latest verified value (of this fiscal year, else the last one) is short of the year's
 * level-3 target (as the roll-ups' `kpi.on_target` counts it): one alert per KPI and year; critical below level 1.
 */
async function kpiOffTarget(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const rows = rowsOf<{ id: string; code: string; name_th: string; name_en: string; province_code: string; org_id: string; fiscal_year: number; value: number; target: number; floor: number | null; direction: string; unit: string; is_demo: boolean }>(
    await ctx.db.execute(sql`with latest as (
        select distinct on (m.kpi_id) m.kpi_id, m.fiscal_year, m.value
        from measurements m where m.status = 'verified' and m.fiscal_year between ${c.fiscalYear - 1} and ${c.fiscalYear}
        order by m.kpi_id, m.fiscal_year desc, m.period_end desc, m.submitted_at desc)
      select k.id, k.code, k.name_th, coalesce(nullif(k.name_en, ''), k.name_th) as name_en, k.province_code, coalesce(k.owner_org_id, '') as org_id,
        l.fiscal_year, l.value, (t.levels ->> 2)::float8 as target, (t.levels ->> 0)::float8 as floor, k.direction, k.unit, k.is_demo
      from kpis k join latest l on l.kpi_id = k.id
      join kpi_targets t on t.kpi_id = k.id and t.fiscal_year = l.fiscal_year and t.round = 12
      where k.province_code is not null and t.levels ->> 2 is not null
        and not ((k.direction = 'down' and l.value <= (t.levels ->> 2)::float8) or (k.direction <> 'down' and l.value >= (t.levels ->> 2)::float8))`),
  );
  return rows.map((r) => {
    const value = Number(r.value);
    const below = r.floor !== null && (r.direction === "down" ? value > Number(r.floor) : value < Number(r.floor));
    return {
      dedupe_key: `kpi-off-target:${r.id}:${r.fiscal_year}`,
      rule: "kpi-off-target",
      severity: below ? "critical" : "warning",
      province_code: r.province_code,
      org_id: r.org_id,
      entity_type: "kpi",
      entity_id: r.id,
      title_th: `ตัวชี้วัด ${r.code} ไม่ถึงค่าเป้าหมายปี ${r.fiscal_year}: ${r.name_th}`,
      title_en: `KPI ${r.code} is below its FY ${r.fiscal_year} target: ${r.name_en}`,
      detail_th: `ผลล่าสุดที่ตรวจสอบแล้ว ${value} ${r.unit} เป้าหมาย (ระดับ 3) ${Number(r.target)} ${r.unit}`,
      detail_en: `Latest verified value ${value} ${r.unit}, target (level 3) ${Number(r.target)} ${r.unit}`,
      link: `/kpis/${r.id}`,
      is_demo: r.is_demo,
    };
  });
}

/** The cumulative disbursement target in force today: that of the last quarter ended (null before the first ends). */
async function disbursementTarget(ctx: Ctx, c: RuleClock): Promise<number | null> {
  let q: FiscalQuarter | null = null;
  for (const k of [1, 2, 3, 4] as const) if (fiscalQuarterRange(c.fiscalYear, k).end <= c.today) q = k;
  if (!q) return null;
  const [act] = rowsOf<{ targets: Partial<DisbursementTargets> | null }>(await ctx.db.execute(sql`select disbursement_targets as targets from budget_acts where fiscal_year = ${c.fiscalYear}`));
  if (!act) return null;
  return { ...DEFAULT_DISBURSEMENT_TARGETS, ...(act.targets ?? {}) }[`q${q}`];
}

/**
 * (3) a province's agency (the department whose budget it spends) disbursing this fiscal year below the quarterly target
 * of the last quarter ended (critical), or below its own projects' planned curve to date (warning): one alert per
 * province and agency, like the planning budget dashboard's lagging agencies.
 */
async function disbursementLagging(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const k = fiscalMonthIndex(c.today);
  const target = await disbursementTarget(ctx, c);
  const at = (col: string) => sql.raw(`coalesce(${col}[${k}], 0)`);
  const rows = rowsOf<{ province_code: string; agency_id: string; projects: number; behind: number; budget: number; disbursed: number; planned: number; is_demo: boolean }>(
    await ctx.db.execute(sql`select province_code, agency_id, count(*)::int as projects, count(*) filter (where ${at("cum_disbursed")} < ${at("cum_planned")})::int as behind,
        sum(total_budget)::float8 as budget, sum(${at("cum_disbursed")})::float8 as disbursed, sum(${at("cum_planned")})::float8 as planned, bool_or(is_demo) as is_demo
      from projects
      where fiscal_year = ${c.fiscalYear} and status not in ('rejected', 'cancelled') and duplicate_of is null
      group by province_code, agency_id
      having sum(total_budget) > 0 and (sum(${at("cum_disbursed")}) < sum(${at("cum_planned")}) ${target === null ? sql`` : sql`or sum(${at("cum_disbursed")}) * 100 < sum(total_budget) * ${target}`})`),
  );
  const names = await lookupOrganizations(ctx, rows.map((r) => r.agency_id));
  return rows.map((r) => {
    const p = pct((Number(r.disbursed) * 100) / Number(r.budget));
    const planned = pct((Number(r.planned) * 100) / Number(r.budget));
    const belowTarget = target !== null && p < target;
    const o = names.get(r.agency_id);
    const nameTh = o?.nameTh ?? r.agency_id;
    const nameEn = o?.nameEn || o?.nameTh || r.agency_id;
    return {
      dedupe_key: `disbursement-lagging:${r.province_code}:${r.agency_id}:${c.fiscalYear}`,
      rule: "disbursement-lagging",
      severity: belowTarget ? "critical" : "warning",
      province_code: r.province_code,
      org_id: r.agency_id,
      entity_type: "agency",
      entity_id: r.agency_id,
      title_th: belowTarget ? `เบิกจ่าย ${p}% ต่ำกว่าเป้าหมายไตรมาส ${target}%: ${nameTh}` : `เบิกจ่าย ${p}% ช้ากว่าแผน ${planned}%: ${nameTh}`,
      title_en: belowTarget ? `Disbursed ${p}%, below the quarterly target of ${target}%: ${nameEn}` : `Disbursed ${p}%, behind its plan of ${planned}%: ${nameEn}`,
      detail_th: `ปีงบประมาณ ${c.fiscalYear} · โครงการช้ากว่าแผน ${r.behind} จาก ${r.projects} โครงการ`,
      detail_en: `FY ${c.fiscalYear} · ${r.behind} of ${plural(r.projects, "project")} behind plan`,
      link: `/planning/budget/projects?province=${r.province_code}&fy=${c.fiscalYear}&agency=${encodeURIComponent(r.agency_id)}&lagging=true`,
      is_demo: r.is_demo,
    };
  });
}

/**
 * (4) citizens' cases open past their resolve-by time, counted per province and assigned organisation (one alert for
 * the queue, never one per case, and no case's text): critical from 10 cases or a case 30 days over.
 */
async function slaBreach(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const rows = rowsOf<{ province_code: string; org_id: string; n: number; worst_days: number; is_demo: boolean }>(
    await ctx.db.execute(sql`select province_code, coalesce(assigned_org_id, '') as org_id, count(*)::int as n,
        floor(extract(epoch from (${c.now.toISOString()}::timestamptz - min(resolve_due_at))) / 86400)::int as worst_days, bool_and(is_demo) as is_demo
      from cases
      where merged_into is null and status in ('received', 'accepted', 'in_progress', 'reopened') and resolve_due_at < ${c.now.toISOString()}::timestamptz
      group by 1, 2`),
  );
  const names = await lookupOrganizations(ctx, rows.flatMap((r) => (r.org_id ? [r.org_id] : [])));
  return rows.map((r) => {
    const o = r.org_id ? names.get(r.org_id) : undefined;
    const whoTh = r.org_id ? (o?.nameTh ?? r.org_id) : "ยังไม่ได้มอบหมายหน่วยงาน";
    const whoEn = r.org_id ? o?.nameEn || o?.nameTh || r.org_id : "not yet assigned";
    return {
      dedupe_key: `sla-breach:${r.province_code}:${r.org_id || "-"}`,
      rule: "sla-breach",
      severity: r.n >= 10 || r.worst_days >= 30 ? "critical" : "warning",
      province_code: r.province_code,
      org_id: r.org_id,
      entity_type: "case-queue",
      entity_id: r.org_id || `province:${r.province_code}`,
      title_th: `เรื่องของประชาชน ${r.n} เรื่องค้างเกินมาตรฐานเวลา: ${whoTh}`,
      title_en: `${plural(r.n, "citizen's case")} past the service level: ${whoEn}`.replace("citizen's cases", "citizens' cases"),
      detail_th: `เรื่องที่ค้างนานที่สุดเกินกำหนด ${r.worst_days} วัน`,
      detail_en: `The oldest is ${plural(r.worst_days, "day")} past its due time`,
      link: `/cases?province=${r.province_code}&overdue=true${r.org_id ? `&org=${encodeURIComponent(r.org_id)}` : ""}`,
      is_demo: r.is_demo,
    };
  });
}

/**
 * (5) delegation instruments of a province in force today that end within 30 days and are not followed by a renewal
 * (another instrument of the same power, province and delegate taking over by then): notice, warning within 14, critical within 7.
 */
async function delegationExpiring(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const rows = rowsOf<{ id: string; instrument_no: string; province_code: string; org_id: string; power_th: string | null; power_en: string | null; delegate_role: string; effective_to: string; is_demo: boolean }>(
    await ctx.db.execute(sql`select d.id, d.instrument_no, d.province_code, coalesce(d.delegator_org_id, w.central_org_id, '') as org_id, w.name_th as power_th, nullif(w.name_en, '') as power_en,
        d.delegate_role, d.effective_to::text as effective_to, d.is_demo
      from delegations d left join powers w on w.code = d.power_code
      where d.province_code is not null and d.effective_to is not null and d.effective_from <= ${c.today}::date
        and d.effective_to between ${c.today}::date and ${addDays(c.today, DELEGATION_EXPIRY_DAYS)}::date
        and (d.revoked_from is null or d.revoked_from > ${c.today}::date)
        and not exists (select 1 from delegations n where n.id <> d.id and n.power_code = d.power_code and n.province_code = d.province_code and n.delegate_role = d.delegate_role
          and (n.revoked_from is null or n.revoked_from > d.effective_to) and n.effective_from <= d.effective_to + 1 and (n.effective_to is null or n.effective_to > d.effective_to))`),
  );
  return rows.map((r) => {
    const left = diffDays(c.today, r.effective_to);
    return {
      dedupe_key: `delegation-expiring:${r.id}`,
      rule: "delegation-expiring",
      severity: left <= 7 ? "critical" : left <= 14 ? "warning" : "notice",
      province_code: r.province_code,
      org_id: r.org_id,
      entity_type: "delegation",
      entity_id: r.id,
      title_th: `คำสั่งมอบอำนาจ ${r.instrument_no} จะสิ้นสุดในอีก ${left} วัน`,
      title_en: `Delegation instrument ${r.instrument_no} ends in ${plural(left, "day")}`,
      detail_th: `${r.power_th ?? ""} · ใช้ได้ถึง ${th(r.effective_to)}`.replace(/^ · /, ""),
      detail_en: `${r.power_en ?? r.power_th ?? ""} · in force until ${en(r.effective_to)}`.replace(/^ · /, ""),
      link: `/delegation/instruments/${r.id}`,
      is_demo: r.is_demo,
    };
  });
}

/** (6a) committees whose last meeting (or creation) is further back than their own cadence: critical when two cadences are missed. */
async function committeeLate(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const rows = rowsOf<{ id: string; name_th: string; name_en: string; province_code: string; cadence_days: number; last_on: string; is_demo: boolean }>(
    await ctx.db.execute(sql`select c.id, c.name_th, coalesce(nullif(c.name_en, ''), c.name_th) as name_en, c.province_code, c.cadence_days, l.last_on::text as last_on, c.is_demo
      from committees c cross join lateral (
        select coalesce(max(m.held_on), (c.created_at at time zone 'Asia/Bangkok')::date) as last_on from committee_meetings m where m.committee_id = c.id and m.status = 'held') l
      where c.closed_at is null and l.last_on + c.cadence_days < ${c.today}::date`),
  );
  return rows.map((r) => {
    const late = diffDays(addDays(r.last_on, r.cadence_days), c.today);
    return {
      dedupe_key: `committee-late:${r.id}`,
      rule: "committee-late",
      severity: late >= r.cadence_days ? "critical" : "warning",
      province_code: r.province_code,
      org_id: "",
      entity_type: "committee",
      entity_id: r.id,
      title_th: `${r.name_th} ไม่ได้ประชุมตามรอบ (ช้า ${late} วัน)`,
      title_en: `${r.name_en} has not met on its cadence (${plural(late, "day")} late)`,
      detail_th: `ประชุมครั้งล่าสุด ${th(r.last_on)} · รอบการประชุมทุก ${r.cadence_days} วัน`,
      detail_en: `Last met ${en(r.last_on)} · meets every ${plural(r.cadence_days, "day")}`,
      link: `/committees/${r.id}`,
      is_demo: r.is_demo,
    };
  });
}

/** (6b) open action items of open committees past their due date: one alert each, to the owner organisation's function. */
async function actionItemOverdue(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const rows = rowsOf<{ id: string; committee_id: string; committee_th: string; committee_en: string; title_th: string; title_en: string; province_code: string; org_id: string; due_on: string; is_demo: boolean }>(
    await ctx.db.execute(sql`select i.id, i.committee_id, c.name_th as committee_th, coalesce(nullif(c.name_en, ''), c.name_th) as committee_en, i.title_th, coalesce(nullif(i.title_en, ''), i.title_th) as title_en,
        c.province_code, i.owner_org_id as org_id, i.due_on::text as due_on, c.is_demo
      from committee_action_items i join committees c on c.id = i.committee_id
      where c.closed_at is null and i.status = 'open' and i.due_on < ${c.today}::date`),
  );
  return rows.map((r) => {
    const late = diffDays(r.due_on, c.today);
    return {
      dedupe_key: `action-item-overdue:${r.id}`,
      rule: "action-item-overdue",
      severity: late > 30 ? "critical" : "warning",
      province_code: r.province_code,
      org_id: r.org_id,
      entity_type: "action-item",
      entity_id: r.id,
      title_th: `มติค้างเกินกำหนด ${late} วัน: ${r.title_th}`,
      title_en: `Action item ${plural(late, "day")} overdue: ${r.title_en}`,
      detail_th: `${r.committee_th} · ครบกำหนด ${th(r.due_on)}`,
      detail_en: `${r.committee_en} · due ${en(r.due_on)}`,
      link: `/committees/${r.committee_id}`,
      is_demo: r.is_demo,
    };
  });
}

/** The budget cycle's statutory deadlines of this fiscal year and the last (older ones are history, not alerts). */
async function planningDeadlines(ctx: Ctx, c: RuleClock, status: StatutoryDeadline["status"]): Promise<StatutoryDeadline[]> {
  return (await lookupStatutoryDeadlines(ctx, { provinceCodes: null, fiscalYears: [c.fiscalYear - 1, c.fiscalYear] })).filter((d) => d.status === status);
}

/** What a statutory deadline is, in words, and who owes it (the sending agency; the province itself for its plan). */
async function deadlineWords(ctx: Ctx, ds: StatutoryDeadline[]) {
  const names = await lookupOrganizations(ctx, ds.flatMap((d) => (d.orgId ? [d.orgId] : [])));
  return (d: StatutoryDeadline) => {
    const o = d.orgId ? names.get(d.orgId) : undefined;
    const whoTh = o?.nameTh ?? d.orgId ?? "";
    const whoEn = o?.nameEn || o?.nameTh || d.orgId || "";
    return d.kind === "allocation-notice"
      ? { th: `หนังสือแจ้งจัดสรรงบประมาณปี ${d.fiscalYear} จาก${whoTh}`, en: `FY ${d.fiscalYear} allocation notice from ${whoEn}` }
      : { th: `แผนปฏิบัติราชการประจำปี ${d.fiscalYear} ของจังหวัด`, en: `The province's FY ${d.fiscalYear} operating plan` };
  };
}

const deadlineLink = (d: StatutoryDeadline) => `/planning/budget/calendar?province=${d.provinceCode}&fy=${d.fiscalYear}&kind=${d.kind}`;

/**
 * (7a) statutory deadlines of the budget cycle (the 30-day allocation notice, the 60-day operating plan) past their
 * date and not done, as planning's deadline calendar computes them: one alert each, resolved once done; critical after 30 days.
 */
async function planningDeadlineOverdue(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const ds = await planningDeadlines(ctx, c, "overdue");
  const words = await deadlineWords(ctx, ds);
  return ds.map((d) => {
    const w = words(d);
    const late = diffDays(d.dueOn, c.today);
    return {
      dedupe_key: `planning-deadline-overdue:${d.key}`,
      rule: "planning-deadline-overdue",
      severity: late > 30 ? "critical" : "warning",
      province_code: d.provinceCode,
      org_id: d.orgId ?? "",
      entity_type: d.kind,
      entity_id: d.key,
      title_th: `${w.th} เลยกำหนดตามกฎหมาย ${late} วัน`,
      title_en: `${w.en} is ${plural(late, "day")} past its statutory deadline`,
      detail_th: `ครบกำหนด ${th(d.dueOn)}`,
      detail_en: `Due ${en(d.dueOn)}`,
      link: deadlineLink(d),
      is_demo: d.isDemo,
    };
  });
}

/** (7b) statutory deadlines of the budget cycle due within 7 days and not done: a notice each (it becomes 7a once past). */
async function planningDeadlineDueSoon(ctx: Ctx, c: RuleClock): Promise<AlertCandidate[]> {
  const ds = await planningDeadlines(ctx, c, "due-soon");
  const words = await deadlineWords(ctx, ds);
  return ds.map((d) => {
    const w = words(d);
    const left = diffDays(c.today, d.dueOn);
    return {
      dedupe_key: `planning-deadline-due-soon:${d.key}`,
      rule: "planning-deadline-due-soon",
      severity: "notice",
      province_code: d.provinceCode,
      org_id: d.orgId ?? "",
      entity_type: d.kind,
      entity_id: d.key,
      title_th: `${w.th} ครบกำหนดตามกฎหมายในอีก ${left} วัน`,
      title_en: `${w.en} is due in ${plural(left, "day")}`,
      detail_th: `ครบกำหนด ${th(d.dueOn)}`,
      detail_en: `Due ${en(d.dueOn)}`,
      link: deadlineLink(d),
      is_demo: d.isDemo,
    };
  });
}

/** Every rule, by name: what holds at the clock's time. */
export const RULES: Record<AlertRule, (ctx: Ctx, c: RuleClock) => Promise<AlertCandidate[]>> = {
  "permit-overdue": permitOverdue,
  "kpi-off-target": kpiOffTarget,
  "disbursement-lagging": disbursementLagging,
  "sla-breach": slaBreach,
  "delegation-expiring": delegationExpiring,
  "committee-late": committeeLate,
  "action-item-overdue": actionItemOverdue,
  "planning-deadline-overdue": planningDeadlineOverdue,
  "planning-deadline-due-soon": planningDeadlineDueSoon,
};
