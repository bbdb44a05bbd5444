// A synthetic nation for the operation-centre benchmarks (issue 7): the 76 provinces under the provincial administration with their real districts and
// provincial offices (the registry as prepareDatabase seeds it), and generated KPIs with monthly measurements,
// projects with their disbursement curves and budget lines, and citizens' cases. Generated inside the database
// (INSERT … SELECT over generate_series, seeded random()), in chunks, with the big tables' secondary indexes dropped
// and rebuilt as a bulk load would: 10,000,000 cases take minutes, not hours. Rows are marked by their ids
// (`nation-…`); nothing here is shown to users. Province "performance" differs on purpose (a factor per province):
// the worst province on an agenda must be findable in the matrix.
import type { Database } from "../src/platform/db/client.js";

/** The issue's nation (77 provinces; the 76 outside Bangkok carry the data): 300,000 projects, 10,000,000 cases, 20,000 KPIs × 24 periods. */
export const NATION = { kpis: 20_000, periods: 24, projects: 300_000, cases: 10_000_000 } as const;
export type NationScale = { kpis: number; periods: number; projects: number; cases: number };

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/** Runs fn on one connection (setseed and session settings hold for all its statements). */
async function onOneConnection<T>(db: Database, fn: (q: Query) => Promise<T>): Promise<T> {
  if (db.pool) {
    const c = await db.pool.connect();
    try {
      return await fn(async (text, params) => (await c.query(text, params as unknown[])).rows as Record<string, unknown>[]);
    } finally {
      c.release();
    }
  }
  return fn(async (text, params) => db.query<Record<string, unknown>>(text, params as unknown[]));
}

const CASE_TEXTS = [
  "ถนนในหมู่บ้านเป็นหลุมเป็นบ่อ รถจักรยานยนต์ล้มบ่อย",
  "ไฟส่องสว่างริมถนนดับหลายจุด มืดมากตอนกลางคืน",
  "น้ำท่วมขังผิวจราจรหลังฝนตก ระบายไม่ทัน",
  "ขยะไม่มีการจัดเก็บมาหลายวัน ส่งกลิ่นเหม็น",
  "ท่อระบายน้ำอุดตัน น้ำเน่าเสีย",
  "ฝุ่นควันจากการเผาในที่โล่ง หายใจลำบาก",
  "น้ำประปาไม่ไหลตั้งแต่เช้า",
  "ต้นไม้ล้มขวางถนน สัญจรไม่ได้",
  "เสียงดังจากสถานประกอบการยามวิกาล",
  "สุนัขจรจัดจำนวนมากไล่กัดเด็กนักเรียน",
];
const PROJECT_TITLES = [
  "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้าน",
  "ขุดลอกคลองเพื่อการเกษตรและป้องกันน้ำท่วม",
  "พัฒนาศักยภาพผู้ประกอบการวิสาหกิจชุมชน",
  "ส่งเสริมการท่องเที่ยวเชิงวัฒนธรรม",
  "เพิ่มประสิทธิภาพระบบประปาหมู่บ้าน",
  "ป้องกันและแก้ไขปัญหาฝุ่นละออง PM2.5",
  "ยกระดับคุณภาพการศึกษาในโรงเรียนขนาดเล็ก",
  "ติดตั้งไฟฟ้าแสงสว่างพลังงานแสงอาทิตย์",
];

/** Steps and their seconds, and the row counts, for the report. */
export type NationReport = { seconds: Record<string, number>; rows: Record<string, number> };

/**
 * Generates the nation (or, with `provinces`, only those provinces: a province at its own scale) into a migrated and seeded database (prepareDatabase, no demo). `now` fixes the ages of cases
 * and how far each fiscal year's curve has run; `seed` makes it repeatable on PostgreSQL (random() after setseed).
 */
export async function generateNation(db: Database, scale: NationScale, opts: { now: Date; seed?: number; chunk?: number; log?: (m: string) => void; provinces?: readonly string[] }): Promise<NationReport> {
  const log = opts.log ?? (() => {});
  const chunk = opts.chunk ?? 500_000;
  const seconds: Record<string, number> = {};
  const step = async (name: string, fn: () => Promise<void>) => {
    const t0 = performance.now();
    await fn();
    seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
    log(`${name}: ${seconds[name]} s`);
  };
  await onOneConnection(db, async (q) => {
    await q(`select setseed(${((opts.seed ?? 42) % 1000) / 1000})`);
    if (db.pool) await q("set maintenance_work_mem = '512MB'");
    const now = opts.now.toISOString();
    // ── the frame: provinces (index 1…76, a performance factor each), their districts and offices, the agendas ──
    await step("frame", async () => {
      await q(`drop table if exists nation_prov, nation_district, nation_org, nation_agenda`);
      // the provinces under the provincial administration (76: Bangkok has no provincial offices; its own
      // administration is not the CEO governor's), each with a performance factor
      await q(`create unlogged table nation_prov as
        select row_number() over (order by code)::int as pi, code, 0.6 + random() * 0.8 as factor, nd, norg from (
          select p.code,
            (select count(*) from areas d where d.classification = 'district' and d.province_code = p.code)::int as nd,
            (select count(*) from organizations o where o.province_code = p.code and o.parent_id is not null)::int as norg
          from areas p where p.classification = 'province' ${opts.provinces ? `and p.code in (${opts.provinces.map((c) => `'${c.replace(/\D/g, "")}'`).join(", ")})` : ""}) s
        where nd > 0 and norg > 0`);
      await q(`create unlogged table nation_district as
        select p.pi, row_number() over (partition by p.pi order by d.code)::int as k, d.code
        from nation_prov p join areas d on d.classification = 'district' and d.province_code = p.code`);
      await q(`create unlogged table nation_org as
        select p.pi, row_number() over (partition by p.pi order by o.id)::int as k, o.id, o.parent_id as agency_id
        from nation_prov p join organizations o on o.province_code = p.code and o.parent_id is not null`);
      await q(`create unlogged table nation_agenda as select row_number() over (order by id)::int as k, id from strategy_nodes where kind = 'government_agenda'`);
      for (const t of ["nation_prov", "nation_district", "nation_org", "nation_agenda"]) await q(`analyze ${t}`);
      const n = Number((await q(`select count(*)::int as n from nation_prov`))[0]!.n);
      if (n < (opts.provinces ? opts.provinces.length : 70)) throw new Error(`only ${n} provinces with districts and offices: is the registry seeded?`);
    });
    const agendas = Number((await q(`select count(*)::int as n from nation_agenda`))[0]!.n);
    const P = Number((await q(`select count(*)::int as n from nation_prov`))[0]!.n);

    // ── KPIs: provincial, owned by a provincial office, serving an agenda; targets; monthly measurements ──
    await step("kpis", async () => {
      await q(
        `insert into kpis (id, code, name_th, name_en, unit, direction, level, baseline, baseline_year, frequency, owner_org_id, province_code, goal_node_id)
         select 'nation-kpi-' || g, 'NK-' || g, 'ตัวชี้วัดสังเคราะห์ที่ ' || g, 'Synthetic KPI ' || g, 'ร้อยละ', case when g % 5 = 0 then 'down' else 'up' end,
           'provincial', 40 + (g % 30), 2567, 'monthly', o.id, p.code, ${agendas ? `(select id from nation_agenda a where a.k = 1 + g % ${agendas})` : "null"}
         from generate_series(1, $1::int) g
         join nation_prov p on p.pi = 1 + g % ${P}
         join nation_org o on o.pi = p.pi and o.k = 1 + (g / ${P}) % p.norg`,
        [scale.kpis],
      );
      await q(`insert into kpi_targets (kpi_id, fiscal_year, round, levels)
        select k.id, fy, 12, jsonb_build_array(k.baseline, k.baseline + 5, k.baseline + 10, k.baseline + 15, k.baseline + 20)
        from kpis k cross join (values (2569), (2570)) y(fy) where k.id like 'nation-kpi-%'`);
      // periods: the months ending before now, newest `periods` of them (Oct 2567 … for 24)
      await q(
        `insert into measurements (id, kpi_id, fiscal_year, period_end, value, status, submitted_by, submitted_by_name, submitted_at)
         select k.id || '-' || m.i, k.id, m.fy, m.period_end,
           round((k.baseline + (case when k.direction = 'up' then 1 else -1 end) * (m.i * 0.6 * p.factor) + (random() - 0.5) * 6)::numeric, 2)::float8,
           'verified', 'nation-bench', 'ข้อมูลสังเคราะห์', m.period_end::date + 5
         from kpis k join nation_prov p on p.code = k.province_code
         cross join (select i, to_char(e, 'YYYY-MM-DD') as period_end, extract(year from e + interval '3 months')::int + 543 as fy
                     from (select i, (date_trunc('month', $1::timestamptz) - ((${scale.periods} - 1 - i) || ' months')::interval - interval '1 day')::date as e
                           from generate_series(0, ${scale.periods - 1}) i) s) m
         where k.id like 'nation-kpi-%'`,
        [now],
      );
    });

    // ── projects: FY 2568–2570, curves to date by province factor, one budget line each ──
    await step("projects", async () => {
      const fyNow = new Date(now).getUTCMonth() >= 9 ? new Date(now).getUTCFullYear() + 544 : new Date(now).getUTCFullYear() + 543;
      const monthsIn = ((new Date(now).getUTCMonth() + 3) % 12) + 1; // months of the current fiscal year begun (later months of its curve stay flat, as the database keeps them)
      for (let from = 1; from <= scale.projects; from += chunk) {
        const to = Math.min(scale.projects, from + chunk - 1);
        await q(
          `insert into projects (id, code, fiscal_year, province_code, origin, owner_org_id, agency_id, title_th, goal_ids, status, total_budget, cum_disbursed, cum_planned, start_date, end_date, approved_on)
           select 'nation-prj-' || g, 'NP-' || g, x.fy, p.code, 'agency', o.id, coalesce(o.agency_id, o.id),
             (array[${PROJECT_TITLES.map((t) => `'${t}'`).join(", ")}])[1 + g % ${PROJECT_TITLES.length}] || ' ' || g,
             ${agendas ? `array[(select id from nation_agenda a where a.k = 1 + (g / 7) % ${agendas})]` : "'{}'::text[]"},
             case when x.fy < $1 then 'completed' else 'in_progress' end, x.budget,
             array(select round(x.budget * least(1, (least(m, case when x.fy < $1 then 12 else $2 end) / 12.0) * p.factor * (0.8 + x.r * 0.4))::numeric, 2) from generate_series(1, 12) m),
             array(select round(x.budget * m / 12.0, 2) from generate_series(1, 12) m),
             make_date(x.fy - 544, 10, 1), make_date(x.fy - 543, 9, 30), make_date(x.fy - 544, 10, 1)
           from (select g, 2568 + g % 3 as fy, round((500000 + random() * 49500000)::numeric, -3) as budget, random() as r, 1 + g % ${P} as pi from generate_series($3::int, $4::int) g) x
           join nation_prov p on p.pi = x.pi
           join nation_org o on o.pi = p.pi and o.k = 1 + (x.g / ${P}) % p.norg`,
          [fyNow, monthsIn, from, to],
        );
        log(`projects ${to}`);
      }
      await q(`insert into project_budget_lines (id, project_id, province_code, fiscal_year, source, funder_org_id, amount)
        select id || '-l1', id, province_code, fiscal_year, (array['function', 'province', 'cluster', 'local'])[1 + (hashtext(id) & 3)], agency_id, total_budget
        from projects where id like 'nation-prj-%'`);
    });

    // ── cases: over two years, statuses by age, service levels met by province factor, ratings ──
    await step("cases", async () => {
      const cats = (await q(`select id, accept_hours, resolve_hours from case_categories order by id`)) as { id: string; accept_hours: number; resolve_hours: number }[];
      const indexes = (await q(`select indexname as name, indexdef as def from pg_indexes where tablename = 'cases' and indexname not like '%_pkey'`)) as { name: string; def: string }[];
      for (const ix of indexes) await q(`drop index ${ix.name}`);
      const span = 730;
      for (let from = 1; from <= scale.cases; from += chunk) {
        const to = Math.min(scale.cases, from + chunk - 1);
        await q(
          `insert into cases (id, public_ref, province_code, district_code, category_id, channel, description_th, public_text, status, assigned_org_id, routed_by,
             accept_due_at, resolve_due_at, escalation_level, accepted_at, resolved_at, closed_at, rating, received_at, created_at, updated_at)
           select 'nation-case-' || x.g, p.code || '-N-' || x.g, p.code, d.code, c.id, case when x.r1 < 0.7 then 'web' when x.r1 < 0.9 then 'hotline_1567' else 'walk_in' end,
             x.txt, x.txt, x.status, o.id, 'rule',
             x.at + make_interval(hours => c.h1), x.at + make_interval(hours => c.h2),
             case when x.status in ('received', 'accepted', 'in_progress') and x.at + make_interval(hours => c.h2) < $1::timestamptz then 1 else 0 end,
             case when x.status <> 'received' then x.at + make_interval(hours => (2 + x.r2 * 40)::int) end,
             case when x.status in ('resolved', 'closed') then x.at + make_interval(hours => (c.h2 * x.r2 * 1.4 / p.factor)::int) end,
             case when x.status = 'closed' then x.at + make_interval(hours => (c.h2 * x.r2 * 1.4 / p.factor)::int + 72) end,
             case when x.status in ('resolved', 'closed') and x.r1 < 0.4 then least(5, greatest(1, round(2.5 + p.factor * 1.5 + (x.r4 - 0.5) * 2)))::float8 end,
             x.at, x.at, x.at
           from (select x0.*, case
                   when $1::timestamptz - x0.at < interval '14 days' then (array['received', 'accepted', 'in_progress', 'resolved'])[1 + floor(x0.r3 * 4)::int]
                   when $1::timestamptz - x0.at < interval '60 days' then (array['in_progress', 'resolved', 'closed', 'closed'])[1 + floor(x0.r3 * 4)::int]
                   when x0.r3 < 0.03 then 'in_progress' when x0.r3 < 0.15 then 'resolved' else 'closed' end as status
                 from (select g, random() as r1, random() as r2, random() as r3, random() as r4, 1 + g % ${P} as pi, 1 + (g / ${P}) % ${cats.length} as ci,
                         $1::timestamptz - make_interval(mins => (random() * ${span * 1440})::int) as at,
                         (array[${CASE_TEXTS.map((t) => `'${t}'`).join(", ")}])[1 + g % ${CASE_TEXTS.length}] as txt
                       from generate_series($2::int, $3::int) g) x0) x
           join nation_prov p on p.pi = x.pi
           join nation_district d on d.pi = p.pi and d.k = 1 + (x.g / ${P}) % p.nd
           join nation_org o on o.pi = p.pi and o.k = 1 + (x.g / 7) % p.norg
           join (select row_number() over (order by id)::int as ci, id, accept_hours as h1, resolve_hours as h2 from case_categories) c on c.ci = x.ci`,
          [now, from, to],
        );
        log(`cases ${to}`);
      }
      for (const ix of indexes) await q(ix.def);
    });

    await step("analyze", async () => {
      for (const t of ["kpis", "kpi_targets", "measurements", "projects", "project_budget_lines", "cases"]) await q(`analyze ${t}`);
      await q(`drop table if exists nation_prov, nation_district, nation_org, nation_agenda`);
    });
  });
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);
  const rows = {
    provinces: await count(`select count(distinct province_code)::int as n from cases where id like 'nation-case-%'`),
    kpis: await count(`select count(*)::int as n from kpis where id like 'nation-kpi-%'`),
    measurements: await count(`select count(*)::int as n from measurements where submitted_by = 'nation-bench'`),
    projects: await count(`select count(*)::int as n from projects where id like 'nation-prj-%'`),
    cases: await count(`select count(*)::int as n from cases where id like 'nation-case-%'`),
    organizationsInProvinces: await count(`select count(*)::int as n from organizations where province_code is not null and parent_id is not null`),
  };
  return { seconds, rows };
}
