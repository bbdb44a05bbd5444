import { sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { ForbiddenError, ValidationError } from "../../platform/errors.js";
import { bangkokToday } from "../../platform/thai/dates.js";
import { fiscalMonthIndex, fiscalYearOf, fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { lookupStatutoryDeadlines } from "../planning/index.js";
import { lookupOrganizations } from "../registry/index.js";
import { METRICS, RecordsInput, type MetricId, type RecordPage, type RecordRow } from "./contracts.js";
import { requireAgenda } from "./get-matrix.js";
import { myScopes, resolveScope } from "./scopes.js";

type Raw = { kind?: string; fiscal_year?: number; id: string; ref: string; title_th: string; title_en: string; province_code: string; org_id: string | null; status: string; date: string | null; value: string | null; flagged: boolean; total: number; parent_id?: string };

const AGENDA_NODES = sql`with recursive agendas(agenda_id, node_id) as (
    select id, id from strategy_nodes where kind in ('government_agenda', 'pain_point')
    union
    select a.agenda_id, l.from_id from agendas a join strategy_links l on l.to_id = a.node_id)`;

/** The records of one family behind a metric, flagged first (late, overdue, off target, behind plan). */
function recordsSql(metric: MetricId, f: { where: (col: string, provinceCol: string) => SQL; fy: number; today: string; now: string; monthsBegun: number; fiscalYear: number; agenda: string | null; month: string | null; limit: number; offset: number; deadlines?: string }): SQL {
  const { start, end } = fiscalYearRange(f.fy);
  const page = sql`order by flagged desc, date desc nulls last, ref limit ${f.limit} offset ${f.offset}`;
  switch (METRICS[metric].family) {
    case "cases": {
      const flag =
        metric === "cases.satisfaction"
          ? sql`coalesce(c.rating <= 2, false)`
          : sql`((c.resolved_at is not null and c.resolved_at > c.resolve_due_at) or (c.status in ('received', 'accepted', 'in_progress', 'reopened') and c.resolve_due_at < ${f.now}::timestamptz))`;
      const only =
        metric === "cases.open_overdue"
          ? sql`and c.status in ('received', 'accepted', 'in_progress', 'reopened') and c.resolve_due_at < ${f.now}::timestamptz`
          : metric === "cases.on_time_pct"
            ? sql`and c.resolved_at is not null`
            : metric === "cases.satisfaction"
              ? sql`and c.rating is not null`
              : sql``;
      return sql`select c.id, c.public_ref as ref, c.public_text as title_th, c.public_text as title_en, c.province_code, c.assigned_org_id as org_id, c.status,
          to_char(c.received_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD') as date,
          case when c.rating is not null then c.rating::text when c.resolved_at is not null then round(extract(epoch from c.resolved_at - c.resolve_due_at) / 86400)::text end as value,
          ${flag} as flagged, count(*) over ()::int as total
        from cases c
        where c.merged_into is null and (c.received_at at time zone 'Asia/Bangkok')::date between ${start}::date and ${end}::date and ${f.where("c.assigned_org_id", "c.province_code")} ${only}
          ${f.month ? sql`and date_trunc('month', c.received_at at time zone 'Asia/Bangkok')::date = ${f.month}::date` : sql``}
        ${page}`;
    }
    case "budget": {
      const k = f.fy < f.fiscalYear ? 12 : f.fy === f.fiscalYear ? f.monthsBegun : 0;
      const agenda = f.agenda ? sql`and exists (select 1 from agendas a where a.agenda_id = ${f.agenda} and a.node_id = any(p.goal_ids))` : sql``;
      return sql`${AGENDA_NODES}
        select p.id, p.code as ref, p.title_th, coalesce(nullif(p.title_en, ''), p.title_th) as title_en, p.province_code, p.owner_org_id as org_id, p.status,
          p.start_date::text as date,
          case when p.total_budget > 0 then round(coalesce(p.cum_disbursed[${k}], 0) * 100 / p.total_budget, 1)::text end as value,
          coalesce(p.cum_disbursed[${k}], 0) < coalesce(p.cum_planned[${k}], 0) as flagged, count(*) over ()::int as total
        from projects p
        where p.fiscal_year = ${f.fy} and p.status not in ('rejected', 'cancelled') and p.duplicate_of is null and ${f.where("p.owner_org_id", "p.province_code")} ${agenda}
        ${page}`;
    }
    case "kpis": {
      const agenda = f.agenda ? sql`and exists (select 1 from agendas a where a.agenda_id = ${f.agenda} and a.node_id = k.goal_node_id)` : sql``;
      return sql`${AGENDA_NODES}
        select k.id, k.code as ref, k.name_th as title_th, coalesce(nullif(k.name_en, ''), k.name_th) as title_en, k.province_code, k.owner_org_id as org_id,
          case when l.value is null then 'not-reported' when t.levels is null then 'no-target'
               when (k.direction = 'down' and l.value <= (t.levels ->> 2)::float8) or (k.direction <> 'down' and l.value >= (t.levels ->> 2)::float8) then 'on-target' else 'off-target' end as status,
          l.period_end as date, case when l.value is not null then l.value::text || coalesce(' / ' || (t.levels ->> 2), '') end as value,
          not coalesce((k.direction = 'down' and l.value <= (t.levels ->> 2)::float8) or (k.direction <> 'down' and l.value >= (t.levels ->> 2)::float8), false) as flagged,
          count(*) over ()::int as total
        from kpis k
        left join kpi_targets t on t.kpi_id = k.id and t.fiscal_year = ${f.fy} and t.round = 12
        left join lateral (select m.value, m.period_end from measurements m where m.kpi_id = k.id and m.fiscal_year = ${f.fy} and m.status = 'verified' order by m.period_end desc, m.submitted_at desc limit 1) l on true
        where (t.kpi_id is not null or l.value is not null) and ${f.where("k.owner_org_id", "k.province_code")} ${agenda}
          ${metric === "kpi.on_target_pct" ? sql`and t.levels ->> 2 is not null and l.value is not null` : sql``}
        ${page}`;
    }
    case "permits": {
      // each figure lists exactly what it counts: its denominator (flagged: what counts against it), or the count itself
      const overdue = sql`(a.decided_on is null and a.withdrawn_on is null and a.due_on < ${f.today}::date)`;
      const late = sql`(a.decided_on is not null and a.decided_on > a.due_on)`;
      const only =
        metric === "permits.open_overdue" ? sql`and ${overdue}` : metric === "permits.on_time_pct" || metric === "permits.turnaround" ? sql`and a.decided_on is not null` : sql``;
      // the delegation share: every application received, its route as the status, flagged when decided centrally
      const delegation = metric === "permits.delegated_pct";
      return sql`select a.id, a.tracking_code as ref, a.subject_th as title_th, a.subject_th as title_en, a.province_code, w.central_org_id as org_id,
          ${delegation ? sql`a.route` : sql`a.status`} as status,
          a.received_on::text as date, a.turnaround_days::text as value,
          ${delegation ? sql`a.route <> 'delegated'` : metric === "permits.open_overdue" ? sql`true` : sql`(${late} or ${overdue})`} as flagged,
          count(*) over ()::int as total
        from permit_applications a left join powers w on w.code = a.power_code
        where a.received_on between ${start}::date and ${end}::date and ${f.where("w.central_org_id", "a.province_code")} ${only}
        ${page}`;
    }
    case "agreements":
      return sql`select a.id, 'FY' || a.fiscal_year as ref, a.title_th, coalesce(nullif(a.title_en, ''), a.title_th) as title_en, substr(a.area_id, 10) as province_code, null as org_id, a.status,
          null as date, r.total::text as value, coalesce(r.total < 3, false) as flagged, count(*) over ()::int as total
        from agreements a join lateral (select total from agreement_rounds r where r.agreement_id = a.id and r.status = 'closed' and r.total is not null order by r.round desc limit 1) r on true
        where a.area_id like 'province:%' and a.fiscal_year = ${f.fy} and ${f.where("null", "substr(a.area_id, 10)")}
        ${page}`;
    case "committees":
      // committees are counted as they stand today, on the current fiscal year only (as the roll-up keeps them)
      if (f.fy !== f.fiscalYear) return sql`select null as id, null as ref, null as title_th, null as title_en, null as province_code, null as org_id, null as status, null as date, null as value, false as flagged, 0 as total where false`;
      if (metric === "committees.late")
        return sql`select c.id, c.kind as ref, c.name_th as title_th, coalesce(nullif(c.name_en, ''), c.name_th) as title_en, c.province_code, null as org_id,
            case when l.last_on + c.cadence_days < ${f.today}::date then 'late' else 'on-track' end as status, l.last_on::text as date,
            (${f.today}::date - (l.last_on + c.cadence_days))::text as value, l.last_on + c.cadence_days < ${f.today}::date as flagged, count(*) over ()::int as total
          from committees c cross join lateral (select coalesce(max(m.held_on), (c.created_at at time zone 'Asia/Bangkok')::date) as last_on from committee_meetings m where m.committee_id = c.id and m.status = 'held') l
          where c.closed_at is null and l.last_on + c.cadence_days < ${f.today}::date and ${f.where("null", "c.province_code")}
          ${page}`;
      return sql`select i.id, c.name_th as ref, i.title_th, coalesce(nullif(i.title_en, ''), i.title_th) as title_en, c.province_code, i.owner_org_id as org_id,
          case when i.due_on < ${f.today}::date then 'overdue' else 'open' end as status, i.due_on::text as date, null as value,
          i.due_on < ${f.today}::date as flagged, count(*) over ()::int as total, c.id as parent_id
        from committee_action_items i join committees c on c.id = i.committee_id
        where c.closed_at is null and i.status = 'open' and i.due_on < ${f.today}::date and ${f.where("i.owner_org_id", "c.province_code")}
        ${page}`;
    case "requests":
      // requests for more delegated authority decided in the year: days from the first submission to the Cabinet's decision
      return sql`select r.id, r.power_code as ref, r.title_th, r.title_th as title_en, r.province_code, null as org_id, r.status,
          to_char(r.decided_at at time zone 'Asia/Bangkok', 'YYYY-MM-DD') as date,
          ((r.decided_at at time zone 'Asia/Bangkok')::date - (e.first_at at time zone 'Asia/Bangkok')::date)::text as value,
          false as flagged, count(*) over ()::int as total
        from delegation_requests r
        join lateral (select min(e.at) as first_at from delegation_request_events e where e.request_id = r.id and e.action = 'submit') e on e.first_at is not null
        where r.decided_at is not null and (r.decided_at at time zone 'Asia/Bangkok')::date between ${start}::date and ${end}::date and ${f.where("null", "r.province_code")}
        ${page}`;
    case "deadlines":
      // planning's statutory deadlines of the year (computed there): which agency owes which to which province, due and done
      return sql`select d.key as id, 'FY' || d.fiscal_year as ref, d.kind, d.fiscal_year,
          case d.kind when 'allocation-notice' then 'หนังสือแจ้งจัดสรรงบประมาณให้จังหวัด (ภายใน 30 วันหลัง พ.ร.บ.งบประมาณผ่านรัฐสภา)' else 'แผนปฏิบัติราชการประจำปีของจังหวัด (ภายใน 60 วันหลังทราบวงเงิน)' end as title_th,
          case d.kind when 'allocation-notice' then 'Allocation notice to the province (within 30 days of the Budget Act)' else 'The province''s annual operating plan (within 60 days of knowing its total)' end as title_en,
          d.province_code, nullif(d.org_id, '') as org_id, d.status, d.due_on as date, d.done_on as value,
          d.status <> 'on-time' as flagged, count(*) over ()::int as total
        from jsonb_to_recordset(${f.deadlines ?? "[]"}::jsonb) as d(key text, kind text, fiscal_year int, province_code text, org_id text, status text, due_on text, done_on text)
        where ${f.where("d.org_id", "d.province_code")}
          and d.status in (${metric === "deadlines.open_overdue" ? sql`'overdue'` : sql`'on-time', 'late', 'overdue'`})
        order by flagged desc, date, province_code, org_id limit ${f.limit} offset ${f.offset}`;
  }
}

const KIND: Record<string, RecordRow["kind"]> = { cases: "case", budget: "project", kpis: "kpi", permits: "permit", agreements: "agreement", deadlines: "deadline", requests: "delegation-request" };

function linkOf(kind: RecordRow["kind"], r: Raw): string {
  switch (kind) {
    case "case":
      return `/cases/${r.id}`;
    case "project":
      return `/planning/projects/${r.id}`;
    case "kpi":
      return `/kpis/${r.id}`;
    case "permit":
      return `/delegation/permits/${r.id}`;
    case "agreement":
      return `/agreements/${r.id}`;
    case "committee":
      return `/committees/${r.id}`;
    case "action-item":
      return `/committees/${r.parent_id}`;
    case "delegation-request":
      return `/delegation/requests/${r.id}`;
    case "deadline":
      return `/planning/budget/calendar?province=${r.province_code}&fy=${r.fiscal_year}&kind=${r.kind}`;
  }
}

/**
 * The records behind a figure of a dashboard, a matrix cell or a map province: the same selection the roll-up sums
 * (scope, fiscal year, province, function, agenda), flagged ones first. Cases show their public text only.
 */
export async function listRecords({ ctx, input }: { ctx: Ctx; input: z.input<typeof RecordsInput> }): Promise<RecordPage> {
  const i = parseInput(RecordsInput, input);
  const scope = await resolveScope(ctx, i.scope ?? (i.province ? `area:province:${i.province}` : ((await myScopes({ ctx })).landing ?? "nation")));
  if (i.province && scope.provinces && !scope.provinces.includes(i.province)) throw new ForbiddenError("oversight:read");
  const agenda = await requireAgenda(ctx, i.agenda);
  const today = bangkokToday(ctx.now());
  const fiscalYear = fiscalYearOf(today);
  const fy = i.fiscalYear ?? fiscalYear;
  // a cluster's or region's column: its provinces, within the scope (a ministry's column keeps the ministry's scope)
  const inArea = i.area ? scope.frame.filter((p) => p.region.id === i.area || p.cluster?.id === i.area).map((p) => p.code) : null;
  if (inArea && inArea.length === 0) throw new ValidationError([{ path: "area", code: "oversight.unknown-area", messageTh: `ไม่พบกลุ่มจังหวัดหรือภาค ${i.area}`, messageEn: `Unknown cluster or region ${i.area}` }]);
  const narrowed = inArea ? inArea.filter((p) => !scope.provinces || scope.provinces.includes(p)) : scope.provinces;
  const provinces = i.province ? [i.province] : narrowed;
  // a function's scope reads only its own organisations' records, whatever org is asked for within it
  const orgs = [scope.fn?.id, i.org].filter((x): x is string => Boolean(x));
  const where = (orgCol: string, provinceCol: string): SQL => {
    const parts: SQL[] = [];
    if (provinces) parts.push(sql`${sql.raw(provinceCol)} = any(string_to_array(${provinces.join(",")}, ','))`);
    for (const o of orgs)
      parts.push(
        orgCol === "null"
          ? sql`false`
          : sql`${sql.raw(orgCol)} in (with recursive up(org_id, cur_id, depth) as (
                select id, id, 0 from organizations
                union all
                select up.org_id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.cur_id where o.parent_id is not null and up.depth < 8)
              select org_id from up where cur_id = ${o})`,
      );
    return parts.length ? sql.join(parts, sql` and `) : sql`true`;
  };
  const family = METRICS[i.metric].family;
  // the "by month" table counts cases by the month they came in; other families have no such month
  if (i.month && family !== "cases") throw new ValidationError([{ path: "month", code: "oversight.month-without-cases", messageTh: "กรองตามเดือนได้เฉพาะตัวชี้วัดเรื่องร้องเรียน", messageEn: "Only case metrics can be filtered by month" }]);
  const deadlines =
    family === "deadlines"
      ? JSON.stringify(
          (await lookupStatutoryDeadlines(ctx, { provinceCodes: provinces ?? null, fiscalYears: [fy] })).map((d) => ({
            key: d.key, kind: d.kind, fiscal_year: d.fiscalYear, province_code: d.provinceCode, org_id: d.orgId ?? "", status: d.status, due_on: d.dueOn, done_on: d.doneOn,
          })),
        )
      : undefined;
  const raw = rowsOf<Raw>(
    await ctx.db.execute(
      recordsSql(i.metric, { where, fy, today, now: ctx.now().toISOString(), monthsBegun: fiscalMonthIndex(today), fiscalYear, agenda: agenda?.id ?? null, month: i.month ? `${i.month.slice(0, 7)}-01` : null, limit: i.pageSize, offset: (i.page - 1) * i.pageSize, deadlines }),
    ),
  );
  const names = await lookupOrganizations(ctx, raw.flatMap((r) => (r.org_id ? [r.org_id] : [])));
  const kindOf = (): RecordRow["kind"] => (family === "committees" ? (i.metric === "committees.late" ? "committee" : "action-item") : KIND[family]!);
  const items = raw.map((r) => {
    const kind = kindOf();
    const o = r.org_id ? names.get(r.org_id) : undefined;
    return {
      id: r.id,
      kind,
      ref: r.ref,
      titleTh: r.title_th,
      titleEn: r.title_en,
      provinceCode: r.province_code,
      orgId: r.org_id,
      orgNameTh: o?.nameTh ?? null,
      orgNameEn: o ? o.nameEn || o.nameTh : null,
      status: r.status,
      date: r.date,
      value: r.value,
      flagged: Boolean(r.flagged),
      link: linkOf(kind, r),
    };
  });
  return { items, total: raw[0]?.total ?? 0, page: i.page, pageSize: i.pageSize };
}
