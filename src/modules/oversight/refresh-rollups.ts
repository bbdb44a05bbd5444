import { sql, type SQL } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { withTransaction } from "../../platform/ctx.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { fiscalMonthIndex, fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { lookupStatutoryDeadlines } from "../planning/index.js";
import { FAMILIES, type Family } from "./contracts.js";

// The read model reads the other modules' tables by SQL, read-only (docs/ARCHITECTURE.md "Oversight"): it is the one
// place that crosses every module, and going through each module's use cases would mean millions of objects.

/** Each organisation's function: its department and ministry (itself when it is one), walking up the registry. */
const ORG_FUNCTIONS = sql`
  up(org_id, cur_id, depth) as (
    select id, id, 0 from organizations
    union all
    select up.org_id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.cur_id where o.parent_id is not null and up.depth < 8),
  orgfn as (
    select up.org_id,
      coalesce(max(case when c.classification = 'department' then c.id end), '') as department_id,
      coalesce(max(case when c.classification = 'ministry' then c.id end), '') as ministry_id
    from up join organizations c on c.id = up.cur_id group by up.org_id)`;

/** Which agenda (government agenda or area pain point) each strategy node serves, through any chain of links. */
const AGENDA_NODES = sql`
  agendas(agenda_id, node_id) as (
    select id, id from strategy_nodes where kind in ('government_agenda', 'pain_point')
    union
    select a.agenda_id, l.from_id from agendas a join strategy_links l on l.to_id = a.node_id)`;

const fyOfMonth = (col: string) => sql.raw(`(extract(year from ${col} + interval '3 months')::int + 543)`);
const fyStart = (col: string) => sql.raw(`make_date(${col} - 544, 10, 1)`);

/**
 * Grouping of a source `s` (province_code, org_id, agenda_id, fiscal_year, month, …) by organisation and, again, over
 * all organisations ('*'); `measures` are the aggregate expressions by measure name.
 */
function grouped(source: SQL, measures: Record<string, string>): SQL {
  const names = Object.keys(measures);
  const cols = names.map((n, i) => sql.raw(`${measures[n]} as m${i}`));
  const values = names.map((n, i) => sql.raw(`('${n}', g.m${i})`));
  return sql`
    g as (
      select s.province_code,
        case when grouping(s.org_id) = 1 then '*' else s.org_id end as org_id,
        case when grouping(s.org_id) = 1 then '*' else coalesce(f.department_id, '') end as department_id,
        case when grouping(s.org_id) = 1 then '*' else coalesce(f.ministry_id, '') end as ministry_id,
        s.agenda_id, s.fiscal_year, s.month, ${sql.join(cols, sql`, `)}
      from (${source}) s left join orgfn f on f.org_id = s.org_id
      group by grouping sets ((s.province_code, s.agenda_id, s.fiscal_year, s.month, s.org_id, f.department_id, f.ministry_id), (s.province_code, s.agenda_id, s.fiscal_year, s.month)))
    select g.province_code, g.org_id, g.department_id, g.ministry_id, g.agenda_id, g.fiscal_year, g.month, v.measure, v.value
    from g cross join lateral (values ${sql.join(values, sql`, `)}) v(measure, value)
    where v.value <> 0`;
}

type Params = { provinces: string; now: Date; today: string; fiscalYear: number; monthsBegun: number; deadlines?: string };
const inProvinces = (col: string, p: Params) => sql`${sql.raw(col)} = any(string_to_array(${p.provinces}, ','))`;

const BUILDERS: Record<Family, (p: Params) => SQL> = {
  // citizens' cases by the month they came in: volume, resolved within the service level, still open and overdue, ratings
  cases: (p) => sql`with recursive ${ORG_FUNCTIONS}, ${grouped(
    sql`select c.province_code, coalesce(c.assigned_org_id, '') as org_id, '*' as agenda_id, ${fyOfMonth("m.month")} as fiscal_year, m.month,
          c.status, c.resolved_at, c.resolve_due_at, c.rating, c.is_demo
        from cases c cross join lateral (select (date_trunc('month', c.received_at at time zone 'Asia/Bangkok'))::date as month) m
        where ${inProvinces("c.province_code", p)} and c.merged_into is null`,
    {
      "cases.received": "count(*)",
      "cases.resolved": "count(*) filter (where s.resolved_at is not null)",
      "cases.resolved_on_time": "count(*) filter (where s.resolved_at is not null and s.resolved_at <= s.resolve_due_at)",
      "cases.open": "count(*) filter (where s.status in ('received', 'accepted', 'in_progress', 'reopened'))",
      "cases.open_overdue": `count(*) filter (where s.status in ('received', 'accepted', 'in_progress', 'reopened') and s.resolve_due_at < '${p.now.toISOString()}'::timestamptz)`,
      "cases.rating_sum": "coalesce(sum(s.rating), 0)",
      "cases.rating_n": "count(s.rating)",
      "cases.demo": "count(*) filter (where s.is_demo)",
    },
  )}`,
  // projects counted in the budget, by fiscal year: budget, disbursed and planned to date (the months begun), per agenda served
  budget: (p) => sql`with recursive ${ORG_FUNCTIONS}, ${AGENDA_NODES},
    src as (
      select p.id, p.province_code, p.owner_org_id as org_id, p.fiscal_year, p.goal_ids, p.total_budget, p.is_demo,
        coalesce(p.cum_disbursed[k.k], 0) as disbursed, coalesce(p.cum_planned[k.k], 0) as planned
      from projects p cross join lateral (select case when p.fiscal_year < ${p.fiscalYear} then 12 when p.fiscal_year = ${p.fiscalYear} then ${p.monthsBegun}::int else 0 end as k) k
      where ${inProvinces("p.province_code", p)} and p.status not in ('rejected', 'cancelled') and p.duplicate_of is null),
    ${grouped(
      sql`select s.province_code, s.org_id, x.agenda_id, s.fiscal_year, ${fyStart("s.fiscal_year")} as month, s.total_budget, s.disbursed, s.planned, s.is_demo
          from src s join (
            select id, '*' as agenda_id from src
            union select s2.id, a.agenda_id from src s2 cross join unnest(s2.goal_ids) gid join agendas a on a.node_id = gid) x on x.id = s.id`,
      { "budget.projects": "count(*)", "budget.demo": "count(*) filter (where s.is_demo)", "budget.total": "coalesce(sum(s.total_budget), 0)", "budget.disbursed": "coalesce(sum(s.disbursed), 0)", "budget.planned": "coalesce(sum(s.planned), 0)" },
    )}`,
  // provincial KPIs by fiscal year: how many, how many reported (a verified result), how many at or past the year's target
  kpis: (p) => sql`with recursive ${ORG_FUNCTIONS}, ${AGENDA_NODES},
    src as (select k.id, k.province_code, coalesce(k.owner_org_id, '') as org_id, k.goal_node_id, k.direction from kpis k where ${inProvinces("k.province_code", p)}),
    years as (
      select t.kpi_id, t.fiscal_year from kpi_targets t join src on src.id = t.kpi_id where t.round = 12
      union select m.kpi_id, m.fiscal_year from measurements m join src on src.id = m.kpi_id where m.status = 'verified'),
    latest as (
      select distinct on (m.kpi_id, m.fiscal_year) m.kpi_id, m.fiscal_year, m.value
      from measurements m join src on src.id = m.kpi_id where m.status = 'verified'
      order by m.kpi_id, m.fiscal_year, m.period_end desc, m.submitted_at desc),
    ky as (
      select src.*, y.fiscal_year, (t.levels ->> 2)::float8 as target, l.value
      from src join years y on y.kpi_id = src.id
      left join kpi_targets t on t.kpi_id = src.id and t.fiscal_year = y.fiscal_year and t.round = 12
      left join latest l on l.kpi_id = src.id and l.fiscal_year = y.fiscal_year),
    ${grouped(
      sql`select ky.province_code, ky.org_id, x.agenda_id, ky.fiscal_year, ${fyStart("ky.fiscal_year")} as month, ky.target, ky.value, ky.direction
          from ky join (select id, '*' as agenda_id from src union select src.id, a.agenda_id from src join agendas a on a.node_id = src.goal_node_id) x on x.id = ky.id`,
      {
        "kpi.count": "count(*)",
        "kpi.reported": "count(s.value)",
        "kpi.with_target": "count(*) filter (where s.target is not null and s.value is not null)",
        "kpi.on_target": "count(*) filter (where s.target is not null and s.value is not null and ((s.direction = 'down' and s.value <= s.target) or (s.direction <> 'down' and s.value >= s.target)))",
      },
    )}`,
  // permit applications by the month they came in: decided within the statutory period, turnaround, overdue, decided in the province
  permits: (p) => sql`with recursive ${ORG_FUNCTIONS}, ${grouped(
    sql`select a.province_code, coalesce(w.central_org_id, '') as org_id, '*' as agenda_id, ${fyOfMonth("m.month")} as fiscal_year, m.month,
          a.status, a.route, a.due_on, a.decided_on, a.turnaround_days, a.withdrawn_on is not null as withdrawn
        from permit_applications a left join powers w on w.code = a.power_code
        cross join lateral (select date_trunc('month', a.received_on)::date as month) m
        where ${inProvinces("a.province_code", p)}`,
    {
      "permits.received": "count(*)",
      "permits.decided": "count(s.decided_on)",
      "permits.decided_on_time": "count(*) filter (where s.decided_on is not null and s.decided_on <= s.due_on)",
      "permits.turnaround_days": "coalesce(sum(s.turnaround_days) filter (where s.decided_on is not null), 0)",
      "permits.delegated": "count(*) filter (where s.route = 'delegated')",
      "permits.open_overdue": `count(*) filter (where s.decided_on is null and s.withdrawn is false and s.due_on < '${p.today}'::date)`,
    },
  )}`,
  // the province's performance agreement: the score of the latest closed round of each fiscal year
  agreements: (p) => sql`with recursive ${ORG_FUNCTIONS}, ${grouped(
    sql`select substr(a.area_id, 10) as province_code, '' as org_id, '*' as agenda_id, a.fiscal_year, ${fyStart("a.fiscal_year")} as month, r.total
        from agreements a join lateral (
          select total from agreement_rounds r where r.agreement_id = a.id and r.status = 'closed' and r.total is not null order by r.round desc limit 1) r on true
        where a.area_id like 'province:%' and ${inProvinces("substr(a.area_id, 10)", p)}`,
    { "agreement.score_sum": "coalesce(sum(s.total), 0)", "agreement.score_n": "count(s.total)" },
  )}`,
  // committees today (on the current fiscal year): how many, how many late against their own cadence, action items open and overdue by owner
  committees: (p) => sql`with recursive ${ORG_FUNCTIONS},
    cm as (
      select c.id, c.province_code, c.cadence_days, coalesce(max(m.held_on), (c.created_at at time zone 'Asia/Bangkok')::date) as last_on
      from committees c left join committee_meetings m on m.committee_id = c.id and m.status = 'held'
      where ${inProvinces("c.province_code", p)} and c.closed_at is null
      group by c.id),
    ${grouped(
      sql`select cm.province_code, '' as org_id, '*' as agenda_id, ${p.fiscalYear}::int as fiscal_year, ${fyStart(String(p.fiscalYear))} as month,
            1 as committee, (cm.last_on + cm.cadence_days < ${p.today}::date)::int as late, 0 as open_item, 0 as overdue_item
          from cm
          union all
          select c.province_code, i.owner_org_id, '*', ${p.fiscalYear}::int, ${fyStart(String(p.fiscalYear))}, 0, 0, 1, (i.due_on < ${p.today}::date)::int
          from committee_action_items i join committees c on c.id = i.committee_id
          where ${inProvinces("c.province_code", p)} and c.closed_at is null and i.status = 'open'`,
      { "committees.count": "sum(s.committee)", "committees.late": "sum(s.late)", "committees.actions_open": "sum(s.open_item)", "committees.actions_overdue": "sum(s.overdue_item)" },
    )}`,
  // the budget cycle's statutory deadlines (allocation notices, operating plans) as planning computes them, by fiscal year
  // and the organisation that owes them (the province's own plan: none): due (done, or open past the date), done on time, overdue
  deadlines: (p) => sql`with recursive ${ORG_FUNCTIONS}, ${grouped(
    sql`select d.province_code, d.org_id, '*' as agenda_id, d.fiscal_year, ${fyStart("d.fiscal_year")} as month, d.status
        from jsonb_to_recordset(${p.deadlines ?? "[]"}::jsonb) as d(province_code text, org_id text, fiscal_year int, status text)`,
    {
      "deadlines.count": "count(*)",
      "deadlines.due": "count(*) filter (where s.status in ('on-time', 'late', 'overdue'))",
      "deadlines.on_time": "count(*) filter (where s.status = 'on-time')",
      "deadlines.late": "count(*) filter (where s.status = 'late')",
      "deadlines.overdue": "count(*) filter (where s.status = 'overdue')",
    },
  )}`,
  // a province's requests for more delegated authority, by the month the Cabinet decided: days from the first submission to the decision
  requests: (p) => sql`with recursive ${ORG_FUNCTIONS}, ${grouped(
    sql`select r.province_code, '' as org_id, '*' as agenda_id, ${fyOfMonth("m.month")} as fiscal_year, m.month,
          (r.decided_at at time zone 'Asia/Bangkok')::date - (e.first_at at time zone 'Asia/Bangkok')::date as days
        from delegation_requests r
        join lateral (select min(e.at) as first_at from delegation_request_events e where e.request_id = r.id and e.action = 'submit') e on e.first_at is not null
        cross join lateral (select date_trunc('month', r.decided_at at time zone 'Asia/Bangkok')::date as month) m
        where ${inProvinces("r.province_code", p)} and r.decided_at is not null`,
    { "requests.decided": "count(*)", "requests.turnaround_days": "coalesce(sum(s.days), 0)" },
  )}`,
};

export type RefreshResult = { provinces: number; families: number; rows: number; ms: number };

/**
 * Rebuilds the roll-ups of the given provinces (all when omitted) and families (all when omitted), each
 * province-family in one statement inside one transaction with its "as of" row, and clears their dirty marks.
 * Idempotent; the refresh job and the demo seed call it, tests call it as the job would.
 */
export async function refreshRollups({ ctx, input }: { ctx: Ctx; input?: { provinces?: readonly string[]; families?: readonly Family[] } }): Promise<RefreshResult> {
  const provinces = input?.provinces ?? rowsOf<{ code: string }>(await ctx.db.execute(sql`select code from areas where classification = 'province' order by code`)).map((r) => r.code);
  const families = input?.families ?? FAMILIES;
  const today = bangkokToday(ctx.now());
  const base = { now: ctx.now(), today, fiscalYear: fiscalYearOf(today), monthsBegun: fiscalMonthIndex(today) };
  const t0 = performance.now();
  let rows = 0;
  if (provinces.length === 0) return { provinces: 0, families: families.length, rows: 0, ms: 0 };
  // a batch of provinces per statement: one pass over each source table instead of 77
  for (const family of families) {
    const t1 = performance.now();
    const list = provinces.join(",");
    const n = await withTransaction(ctx, async (tx) => {
      // deadlines come from planning's own computation (business days, holidays), not from a table
      const deadlines =
        family === "deadlines"
          ? JSON.stringify((await lookupStatutoryDeadlines(tx, { provinceCodes: provinces })).map((d) => ({ province_code: d.provinceCode, org_id: d.orgId ?? "", fiscal_year: d.fiscalYear, status: d.status })))
          : undefined;
      await tx.db.execute(sql`delete from oversight_dirty where family = ${family} and province_code = any(string_to_array(${list}, ','))`);
      await tx.db.execute(sql`delete from oversight_rollups where family = ${family} and province_code = any(string_to_array(${list}, ','))`);
      const inserted = rowsOf<{ n: number }>(
        await tx.db.execute(sql`with ins as (
          insert into oversight_rollups (province_code, family, measure, org_id, department_id, ministry_id, agenda_id, fiscal_year, month, value)
          select province_code, ${family}, measure, org_id, department_id, ministry_id, agenda_id, fiscal_year, month, value from (${BUILDERS[family]({ ...base, provinces: list, deadlines })}) b
          returning 1) select count(*)::int as n from ins`),
      );
      const ms = Math.round(performance.now() - t1);
      await tx.db.execute(sql`insert into oversight_refreshes (province_code, family, refreshed_at, rows, ms)
        select code, ${family}, ${ctx.now().toISOString()}::timestamptz, 0, ${ms} from unnest(string_to_array(${list}, ',')) code
        on conflict (province_code, family) do update set refreshed_at = excluded.refreshed_at, ms = excluded.ms`);
      return inserted[0]?.n ?? 0;
    });
    rows += n;
  }
  return { provinces: provinces.length, families: families.length, rows, ms: Math.round(performance.now() - t0) };
}

/** Rebuilds what the triggers marked as changed, oldest first, a batch of provinces per family at a time. */
export async function refreshDirty({ ctx, input }: { ctx: Ctx; input?: { limit?: number } }): Promise<RefreshResult> {
  const marks = rowsOf<{ province_code: string; family: Family }>(
    await ctx.db.execute(sql`select province_code, family from oversight_dirty order by marked_at limit ${input?.limit ?? 1000}`),
  );
  const out: RefreshResult = { provinces: 0, families: 0, rows: 0, ms: 0 };
  for (const family of FAMILIES) {
    const provinces = [...new Set(marks.filter((m) => m.family === family).map((m) => m.province_code))];
    if (!provinces.length) continue;
    const r = await refreshRollups({ ctx, input: { provinces, families: [family] } });
    out.provinces += r.provinces;
    out.families += 1;
    out.rows += r.rows;
    out.ms += r.ms;
  }
  return out;
}
