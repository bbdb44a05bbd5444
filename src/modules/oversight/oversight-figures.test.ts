import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { getDeadlineCalendar } from "../planning/get-deadline-calendar.js";
import { recordAllocationNotice } from "../planning/record-allocation-notice.js";
import { evaluateAlerts } from "./evaluate-alerts.js";
import { METRIC_IDS, METRICS, type MetricId } from "./contracts.js";
import { getDashboard } from "./get-dashboard.js";
import { listRecords } from "./list-records.js";
import { refreshDirty, refreshRollups } from "./refresh-rollups.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
  await refreshRollups({ ctx: ctxFor(db) });
});
afterAll(async () => db?.close());

const FY = 2570; // FIXED_NOW, 22 Nov 2026
const LAST = 2569;
const governor31 = () => ctxFor(db, actor("governor", "area:province:31", "gov-31"));
const pmoc = () => ctxFor(db, actor("pmoc_viewer", "nation", "pmoc"));
const DAY = 86_400_000;
/** A moment in Bangkok (10:00) on a given day, for the fake clock. */
const on = (day: string) => new Date(`${day}T03:00:00Z`);
const at = (now: Date, c = ctxFor(db)) => ({ ...c, now: () => now });
const q = <T>(text: string, params: unknown[] = []) => db.query<T>(text, params);

/** The number of projects the budget figures sum (their denominators are baht, not records). */
async function projectsCounted(fy: number, province: string | null) {
  const [r] = await q<{ n: number }>(
    `select coalesce(sum(value), 0)::int as n from oversight_rollups where measure = 'budget.projects' and org_id = '*' and agenda_id = '*' and fiscal_year = $1 and ($2::text is null or province_code = $2)`,
    [fy, province],
  );
  return r!.n;
}

/** Every record of a drill-down (all pages). */
async function allRecords(ctx: ReturnType<typeof pmoc>, metric: MetricId, fiscalYear: number) {
  const first = await listRecords({ ctx, input: { metric, fiscalYear, pageSize: 200 } });
  const items = [...first.items];
  for (let page = 2; items.length < first.total; page++) items.push(...(await listRecords({ ctx, input: { metric, fiscalYear, pageSize: 200, page } })).items);
  return { total: first.total, items };
}

describe("every figure's drill-down lists exactly the records it counts", () => {
  for (const [who, ctx, province] of [
    ["Buriram's governor", governor31, "31"],
    ["the PMOC (nation)", pmoc, null],
  ] as const)
    for (const fy of [LAST, FY])
      it(`${who}, FY ${fy}: records = the figure's denominator (or count); not flagged = its numerator`, async () => {
        const d = await getDashboard({ ctx: ctx(), input: { fiscalYear: fy } });
        let compared = 0;
        for (const metric of METRIC_IDS) {
          const fig = d.figures.find((f) => f.metric === metric);
          if (!fig) continue;
          const def = METRICS[metric];
          const expected = def.family === "budget" ? await projectsCounted(fy, province) : (fig.den ?? fig.num);
          const page = await listRecords({ ctx: ctx(), input: { metric, fiscalYear: fy, pageSize: 1 } });
          expect(page.total, `${metric} FY ${fy}`).toBe(expected);
          if (expected > 0) compared++;
          // a count of what is wrong (overdue, late): every record listed is flagged
          if (!("den" in def) && def.better === "down" && province) {
            const all = await allRecords(ctx(), metric, fy);
            expect(all.items.every((r) => r.flagged), metric).toBe(true);
          }
        }
        // a share that is "good when high" lists its denominator and flags what counts against it
        if (province)
          for (const metric of ["cases.on_time_pct", "permits.on_time_pct", "permits.delegated_pct", "kpi.on_target_pct"] as const) {
            const fig = d.figures.find((f) => f.metric === metric)!;
            const all = await allRecords(ctx(), metric, fy);
            expect(all.items.filter((r) => !r.flagged).length, metric).toBe(fig.num);
          }
        expect(compared).toBeGreaterThan(3);
      });

  it("shows each permit's route in the delegation share, and only decided permits in the on-time share", async () => {
    const [src] = await q<{ received: number; delegated: number; decided: number }>(
      `select count(*)::int as received, count(*) filter (where route = 'delegated')::int as delegated, count(decided_on)::int as decided
       from permit_applications where province_code = '31' and received_on between '2026-10-01' and '2027-09-30'`,
    );
    const delegation = await allRecords(governor31(), "permits.delegated_pct", FY);
    expect(delegation.total).toBe(src!.received);
    expect(delegation.items.filter((r) => r.status === "delegated").length).toBe(src!.delegated);
    expect(delegation.items.every((r) => r.status === "delegated" || r.status === "central")).toBe(true);
    expect(delegation.items.every((r) => r.flagged === (r.status === "central"))).toBe(true);
    const onTime = await allRecords(governor31(), "permits.on_time_pct", FY);
    expect(onTime.total).toBe(src!.decided);
    expect(onTime.items.every((r) => ["approved", "refused"].includes(r.status))).toBe(true);
  });
});

type Alert = { id: string; dedupe_key: string; severity: string; province_code: string; org_id: string; entity_id: string; resolved_at: Date | null; title_en: string };
const openAlerts = (rule: string) => q<Alert>(`select * from oversight_alerts where rule = $1 and resolved_at is null order by entity_id`, [rule]);

/** The statutory budget-cycle deadlines as planning's own deadline calendar shows them (FY, all provinces, at a time). */
async function calendar(fiscalYear: number, now: Date = FIXED_NOW, provinceCode?: string) {
  const c = await getDeadlineCalendar({ ctx: at(now, pmoc()), input: { fiscalYear, provinceCode } });
  return c.items.filter((i) => i.kind === "allocation-notice" || i.kind === "operating-plan");
}
const keyOf = (i: { kind: string; provinceCode: string | null; orgId: string | null }, fy: number) =>
  i.kind === "allocation-notice" ? `allocation-notice:${fy}:${i.provinceCode}:${i.orgId}` : `operating-plan:${fy}:${i.provinceCode}`;

describe("the budget cycle's statutory deadlines on the dashboards", () => {
  for (const [who, ctx, province] of [
    ["Buriram's governor", governor31, "31"],
    ["the PMOC (nation)", pmoc, undefined],
  ] as const)
    it(`${who}: overdue and on-time counts equal planning's deadline calendar, and the drill-down lists those deadlines`, async () => {
      for (const fy of [LAST, FY]) {
        const items = (await calendar(fy, FIXED_NOW, province)).filter((i) => i.status !== "unknown");
        const d = await getDashboard({ ctx: ctx(), input: { fiscalYear: fy } });
        const overdue = d.figures.find((f) => f.metric === "deadlines.open_overdue")!;
        const onTime = d.figures.find((f) => f.metric === "deadlines.on_time_pct")!;
        expect(overdue.num, `overdue FY ${fy}`).toBe(items.filter((i) => i.status === "overdue").length);
        expect(onTime.num, `on time FY ${fy}`).toBe(items.filter((i) => i.status === "on-time").length);
        expect(onTime.den, `due FY ${fy}`).toBe(items.filter((i) => ["on-time", "late", "overdue"].includes(i.status)).length);
        const records = await allRecords(ctx(), "deadlines.on_time_pct", fy);
        expect(records.items.map((r) => r.id).sort()).toEqual(items.filter((i) => ["on-time", "late", "overdue"].includes(i.status)).map((i) => keyOf(i, fy)).sort());
        for (const r of records.items) {
          const src = items.find((i) => keyOf(i, fy) === r.id)!;
          // which agency, which deadline, due and done
          expect([r.kind, r.provinceCode, r.orgId, r.date, r.value, r.status, r.flagged]).toEqual(["deadline", src.provinceCode, src.orgId, src.date, src.doneOn, src.status, src.status !== "on-time"]);
          expect(r.link).toBe(`/planning/budget/calendar?province=${src.provinceCode}&fy=${fy}&kind=${src.kind}`);
          if (r.orgId) expect(r.orgNameTh).toBeTruthy();
        }
        const open = await allRecords(ctx(), "deadlines.open_overdue", fy);
        expect(open.total).toBe(overdue.num);
        expect(open.items.every((r) => r.status === "overdue" && r.flagged)).toBe(true);
      }
      // the demo has both: notices sent late and one still unsent past its date
      const all = await calendar(FY, FIXED_NOW, province);
      if (!province) expect(all.some((i) => i.status === "overdue")).toBe(true);
      expect((await calendar(LAST, FIXED_NOW, province)).some((i) => i.status === "late")).toBe(true);
    });

  it("alerts a deadline only once past, notices it when due soon, and resolves it once done; the figure follows", async () => {
    const rules = ["planning-deadline-overdue", "planning-deadline-due-soon"] as const;
    // now (22 Nov 2026): one alert per overdue deadline of this year and the last, exactly those of the calendar
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules } });
    const overdueNow = [...(await calendar(LAST)).map((i) => ({ ...i, fy: LAST })), ...(await calendar(FY)).map((i) => ({ ...i, fy: FY }))].filter((i) => i.status === "overdue");
    expect(overdueNow.length).toBeGreaterThan(0);
    expect((await openAlerts("planning-deadline-overdue")).map((a) => a.entity_id)).toEqual(overdueNow.map((i) => keyOf(i, i.fy)).sort());
    const notice = overdueNow.find((i) => i.kind === "allocation-notice" && i.fy === FY)!;
    const key = keyOf(notice, FY);

    // before its date (the FY 2570 notices are due 19 Oct 2026): not yet due, no alert; a week before: a notice
    const early = await evaluateAlerts({ ctx: at(on("2026-10-05")), input: { rules } });
    expect(early.resolved).toBeGreaterThan(0);
    expect((await openAlerts("planning-deadline-overdue")).some((a) => a.entity_id === key)).toBe(false);
    expect((await openAlerts("planning-deadline-due-soon")).some((a) => a.entity_id === key)).toBe(false);
    await evaluateAlerts({ ctx: at(on("2026-10-14")), input: { rules } });
    const soon = (await openAlerts("planning-deadline-due-soon")).filter((a) => a.entity_id === key);
    expect(soon.map((a) => a.severity)).toEqual(["notice"]);
    expect(soon[0]!.title_en).toMatch(/due in 5 days/);
    expect((await openAlerts("planning-deadline-overdue")).some((a) => a.entity_id === key)).toBe(false);

    // past its date: overdue (critical after 30 days), the due-soon notice resolved
    await evaluateAlerts({ ctx: at(on("2026-10-25")), input: { rules } });
    expect((await openAlerts("planning-deadline-overdue")).filter((a) => a.entity_id === key).map((a) => a.severity)).toEqual(["warning"]);
    expect((await openAlerts("planning-deadline-due-soon")).some((a) => a.entity_id === key)).toBe(false);
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules } });
    const [late] = (await openAlerts("planning-deadline-overdue")).filter((a) => a.entity_id === key);
    expect([late!.severity, late!.province_code, late!.org_id]).toEqual(["critical", notice.provinceCode, notice.orgId]);

    // the agency sends it: the alert resolves, and the dashboard's overdue count drops by one once the refresh job runs
    const before = (await getDashboard({ ctx: pmoc(), input: { fiscalYear: FY } })).figures.find((f) => f.metric === "deadlines.open_overdue")!.num;
    const sender = at(FIXED_NOW, ctxFor(db, actor("department_officer", `org:${notice.orgId}`, "sender")));
    await recordAllocationNotice({ ctx: sender, input: { fiscalYear: FY, fromOrgId: notice.orgId!, provinceCode: notice.provinceCode!, total: 1_000_000, notifiedOn: "2026-11-21", lines: [{ descriptionTh: "งบดำเนินงาน (ทดสอบ)", amount: 1_000_000 }] } });
    const r = await evaluateAlerts({ ctx: at(new Date(FIXED_NOW.getTime() + DAY)), input: { rules: ["planning-deadline-overdue"] } });
    expect(r.resolved).toBe(1);
    expect((await q<Alert>(`select * from oversight_alerts where entity_id = $1 and rule = 'planning-deadline-overdue' order by raised_at desc limit 1`, [key]))[0]!.resolved_at).not.toBeNull();
    expect((await q<{ n: number }>(`select count(*)::int as n from oversight_dirty where family = 'deadlines' and province_code = $1`, [notice.provinceCode]))[0]!.n).toBe(1);
    await refreshDirty({ ctx: ctxFor(db) });
    const d = await getDashboard({ ctx: pmoc(), input: { fiscalYear: FY } });
    expect(d.figures.find((f) => f.metric === "deadlines.open_overdue")!.num).toBe(before - 1);
    const rec = (await allRecords(pmoc(), "deadlines.on_time_pct", FY)).items.find((x) => x.id === key)!;
    expect([rec.status, rec.value, rec.flagged]).toEqual(["late", "2026-11-21", true]);
  });
});

describe("KPI and disbursement alerts once a quarter has ended", () => {
  type Proj = { province_code: string; agency_id: string; budget: number; disbursed: number; planned: number };
  /** What the projects table says at month k of FY 2570, per province and agency, against a quarter's target (%). */
  async function lagging(k: number, target: number | null) {
    const rows = await q<Proj>(
      `select province_code, agency_id, total_budget::float8 as budget, coalesce(cum_disbursed[${k}], 0)::float8 as disbursed, coalesce(cum_planned[${k}], 0)::float8 as planned
       from projects where fiscal_year = ${FY} and status not in ('rejected', 'cancelled') and duplicate_of is null`,
    );
    const by = new Map<string, Proj>();
    for (const r of rows) {
      const key = `${r.province_code}:${r.agency_id}`;
      const s = by.get(key) ?? { province_code: r.province_code, agency_id: r.agency_id, budget: 0, disbursed: 0, planned: 0 };
      s.budget += Number(r.budget);
      s.disbursed += Number(r.disbursed);
      s.planned += Number(r.planned);
      by.set(key, s);
    }
    const out = new Map<string, string>();
    for (const [key, s] of by) {
      if (s.budget <= 0) continue;
      const below = target !== null && (s.disbursed * 100) / s.budget < target;
      if (below) out.set(key, "critical");
      else if (s.disbursed < s.planned) out.set(key, "warning");
    }
    return out;
  }
  const alertsBy = async (rule: string) => new Map((await openAlerts(rule)).map((a) => [a.entity_id.includes(":") ? a.entity_id : `${a.province_code}:${a.org_id}`, a.severity] as const));

  it("disbursement: before the first quarter ends only 'behind plan' warnings; after it, 'below the quarter's target' is critical — as the projects say", async () => {
    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["disbursement-lagging"] } });
    const now = await alertsBy("disbursement-lagging");
    expect(now).toEqual(await lagging(2, null)); // 22 Nov 2026: month 2 of FY 2570, no quarter ended
    expect([...now.values()].every((s) => s === "warning")).toBe(true);

    // 15 Jan 2027: quarter 1 ended (target 30% for FY 2570's demo Act); one agency of Buriram is ahead of target and plan,
    // another above the target but behind its own plan (the curves planning's record-progress keeps, month 4)
    const [a1, a2] = await q<{ agency_id: string }>(`select distinct agency_id from projects where province_code = '31' and fiscal_year = ${FY} and status not in ('rejected', 'cancelled') and duplicate_of is null and total_budget > 0 order by agency_id limit 2`);
    expect(a2).toBeDefined();
    await q(`update projects set cum_disbursed[4] = total_budget * 0.4, cum_planned[4] = total_budget * 0.35 where province_code = '31' and fiscal_year = ${FY} and agency_id = $1`, [a1!.agency_id]);
    await q(`update projects set cum_disbursed[4] = total_budget * 0.35, cum_planned[4] = total_budget * 0.5 where province_code = '31' and fiscal_year = ${FY} and agency_id = $1`, [a2!.agency_id]);
    const [act] = await q<{ q1: number }>(`select (disbursement_targets ->> 'q1')::float8 as q1 from budget_acts where fiscal_year = ${FY}`);
    expect(act!.q1).toBe(30);
    const r = await evaluateAlerts({ ctx: at(on("2027-01-15")), input: { rules: ["disbursement-lagging"] } });
    const jan = await alertsBy("disbursement-lagging");
    const expected = await lagging(4, 30);
    expect(jan).toEqual(expected);
    expect([...jan.values()].filter((s) => s === "critical").length).toBeGreaterThan(0);
    expect(jan.has(`31:${a1!.agency_id}`)).toBe(false);
    expect(jan.get(`31:${a2!.agency_id}`)).toBe("warning");
    expect(r.open).toBe(expected.size);
    const crit = (await openAlerts("disbursement-lagging")).find((a) => a.severity === "critical")!;
    expect(crit.title_en).toMatch(/below the quarterly target of 30%/);
  });

  it("KPIs: off target as the measurements and targets say, critical below level 1, and last year's results drop out a year on", async () => {
    type M = { kpi_id: string; fiscal_year: number; value: number; period_end: string; submitted_at: Date };
    type T = { kpi_id: string; fiscal_year: number; levels: (number | null)[] };
    // one KPI's latest result falls below its level-1 floor (as a verified correction would)
    const [low] = await q<{ id: string; floor: number }>(
      `select k.id, (t.levels ->> 0)::float8 as floor from kpis k join kpi_targets t on t.kpi_id = k.id and t.round = 12 and t.fiscal_year = ${LAST}
       where k.province_code = '31' and k.direction <> 'down' and t.levels ->> 0 is not null
         and exists (select 1 from measurements m where m.kpi_id = k.id and m.status = 'verified' and m.fiscal_year = ${LAST})
         and not exists (select 1 from measurements m where m.kpi_id = k.id and m.status = 'verified' and m.fiscal_year = ${FY}) order by k.id limit 1`,
    );
    expect(low).toBeDefined();
    await q(`update measurements set value = $2 where id = (select id from measurements where kpi_id = $1 and status = 'verified' order by fiscal_year desc, period_end desc, submitted_at desc limit 1)`, [low!.id, Number(low!.floor) - 1]);

    const kpis = new Map((await q<{ id: string; direction: string }>(`select id, direction from kpis where province_code is not null`)).map((k) => [k.id, k.direction]));
    const ms = await q<M>(`select kpi_id, fiscal_year, value, period_end, submitted_at from measurements where status = 'verified'`);
    const ts = await q<T>(`select kpi_id, fiscal_year, levels from kpi_targets where round = 12`);
    const expected = (fy: number) => {
      const out = new Map<string, string>();
      for (const [id, direction] of kpis) {
        const mine = ms.filter((m) => m.kpi_id === id && m.fiscal_year >= fy - 1 && m.fiscal_year <= fy);
        if (!mine.length) continue;
        const latest = mine.sort((a, b) => b.fiscal_year - a.fiscal_year || b.period_end.localeCompare(a.period_end) || new Date(b.submitted_at).getTime() - new Date(a.submitted_at).getTime())[0]!;
        const t = ts.find((x) => x.kpi_id === id && x.fiscal_year === latest.fiscal_year);
        const target = t?.levels?.[2];
        if (target === null || target === undefined) continue;
        const v = Number(latest.value);
        const ok = direction === "down" ? v <= Number(target) : v >= Number(target);
        if (ok) continue;
        const floor = t!.levels[0];
        const below = floor !== null && floor !== undefined && (direction === "down" ? v > Number(floor) : v < Number(floor));
        out.set(`${id}:${latest.fiscal_year}`, below ? "critical" : "warning");
      }
      return out;
    };
    const byKey = async () => new Map((await q<Alert>(`select * from oversight_alerts where rule = 'kpi-off-target' and resolved_at is null`)).map((a) => [a.dedupe_key.replace("kpi-off-target:", ""), a.severity] as const));

    await evaluateAlerts({ ctx: at(FIXED_NOW), input: { rules: ["kpi-off-target"] } });
    const now = await byKey();
    expect(now).toEqual(expected(FY));
    expect(now.get(`${low!.id}:${LAST}`)).toBe("critical");

    // 15 Jan 2027 (after quarter 1) the same year's window holds; 15 Oct 2027 is FY 2571: FY 2569's results are no longer alerted
    await evaluateAlerts({ ctx: at(on("2027-01-15")), input: { rules: ["kpi-off-target"] } });
    expect(await byKey()).toEqual(expected(FY));
    const r = await evaluateAlerts({ ctx: at(on("2027-10-15")), input: { rules: ["kpi-off-target"] } });
    const next = await byKey();
    expect(next).toEqual(expected(FY + 1));
    expect(next.has(`${low!.id}:${LAST}`)).toBe(false);
    expect(r.resolved).toBe([...now.keys()].filter((k) => !next.has(k)).length);
    expect(r.resolved).toBeGreaterThan(0);
  });
});

describe("turnaround of requests for more delegated authority", () => {
  it("averages the days from a request's first submission to the Cabinet's decision, as the request and its history say; the drill-down lists those requests", async () => {
    const bangkokDay = (t: Date) => new Date(new Date(t).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const reqs = await q<{ id: string; province_code: string; decided_at: Date }>(`select id, province_code, decided_at from delegation_requests where decided_at is not null`);
    const events = await q<{ request_id: string; at: Date }>(`select request_id, at from delegation_request_events where action = 'submit' order by at`);
    const fyOf = (day: string) => Number(day.slice(0, 4)) + 543 + (day.slice(5, 7) >= "10" ? 1 : 0);
    const rows = reqs.flatMap((r) => {
      const first = events.find((e) => e.request_id === r.id);
      if (!first) return [];
      const decided = bangkokDay(r.decided_at);
      return [{ id: r.id, fy: fyOf(decided), days: (Date.parse(decided) - Date.parse(bangkokDay(first.at))) / DAY }];
    });
    expect(rows.length).toBeGreaterThan(0); // the demo's approved and rejected requests
    let seen = 0;
    for (const fy of [LAST, FY]) {
      const mine = rows.filter((r) => r.fy === fy);
      const fig = (await getDashboard({ ctx: pmoc(), input: { fiscalYear: fy } })).figures.find((f) => f.metric === "delegation.request_turnaround")!;
      expect([fig.num, fig.den ?? 0], `FY ${fy}`).toEqual([mine.reduce((s, r) => s + r.days, 0), mine.length]);
      if (mine.length) expect(fig.value).toBeCloseTo(mine.reduce((s, r) => s + r.days, 0) / mine.length, 2);
      else expect(fig.value).toBeNull();
      const records = await allRecords(pmoc(), "delegation.request_turnaround", fy);
      expect(records.items.map((r) => [r.id, Number(r.value)]).sort()).toEqual(mine.map((r) => [r.id, r.days]).sort());
      expect(records.items.every((r) => r.kind === "delegation-request" && r.link === `/delegation/requests/${r.id}` && ["approved", "rejected"].includes(r.status))).toBe(true);
      seen += mine.length;
    }
    expect(seen).toBeGreaterThan(0);
  });
});
