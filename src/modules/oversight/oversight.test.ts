import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymousActor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { submitCase } from "../cases/submit-case.js";
import { METRIC_IDS } from "./contracts.js";
import { getDashboard } from "./get-dashboard.js";
import { getMetricMap } from "./get-map.js";
import { getMatrix } from "./get-matrix.js";
import { listRecords } from "./list-records.js";
import { rebuildRollups } from "./rebuild-rollups.js";
import { refreshDirty, refreshRollups } from "./refresh-rollups.js";
import { myScopes } from "./scopes.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const FY = 2570; // FIXED_NOW, 22 Nov 2026, is in fiscal year 2570 (1 Oct 2026 – 30 Sep 2027)
const governor31 = () => ctxFor(db, actor("governor", "area:province:31", "gov-31"));
const pmoc = () => ctxFor(db, actor("pmoc_viewer", "nation", "pmoc"));
const moph = () => ctxFor(db, actor("ministry_officer", "org:moph", "moph-officer"));
const admin = () => ctxFor(db, actor("administrator", "nation", "admin"));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}
const figure = (d: { figures: { metric: string; value: number | null; num: number; den: number | null }[] }, m: string) => d.figures.find((f) => f.metric === m)!;

/** Cases received in FY 2570 straight from the source table (Bangkok months), optionally under an organisation. */
async function casesInSource(where: string, params: unknown[] = []) {
  const [r] = await db.query<{ n: number; on_time: number; resolved: number }>(
    `select count(*)::int as n, count(*) filter (where resolved_at <= resolve_due_at)::int as on_time, count(resolved_at)::int as resolved from cases
     where merged_into is null and (received_at at time zone 'Asia/Bangkok')::date between '2026-10-01' and '2027-09-30' and ${where}`,
    params,
  );
  return r!;
}

describe("scoped dashboards from the roll-ups", () => {
  it("lands each reader on their own scope: the governor on the province, a ministry on its function, the PMOC on the nation", async () => {
    expect((await myScopes({ ctx: governor31() })).landing).toBe("area:province:31");
    expect((await myScopes({ ctx: moph() })).scopes.map((s) => [s.key, s.kind])).toEqual([["org:moph", "ministry"]]);
    expect((await myScopes({ ctx: pmoc() })).landing).toBe("nation");
    expect((await myScopes({ ctx: ctxFor(db, actor("district_officer", "area:district:3101")) })).scopes).toEqual([]);
    const d = await getDashboard({ ctx: governor31(), input: {} });
    expect(d.scope).toMatchObject({ key: "area:province:31", kind: "province", nameTh: "บุรีรัมย์" });
    expect(d.fiscalYear).toBe(FY);
    expect(d.isDemo).toBe(true);
    expect(d.asOf).not.toBeNull();
  });

  it("sums exactly what the source tables hold: a province, a ministry across provinces, the nation", async () => {
    const province = await getDashboard({ ctx: governor31(), input: {} });
    const src31 = await casesInSource("province_code = '31'");
    expect(figure(province, "cases.received").value).toBe(src31.n);
    expect(figure(province, "cases.on_time_pct")).toMatchObject({ num: src31.on_time, den: src31.resolved });

    const nation = await getDashboard({ ctx: pmoc(), input: {} });
    const all = await casesInSource("true");
    expect(figure(nation, "cases.received").value).toBe(all.n);
    expect(nation.provinces.map((p) => p.code).sort()).toEqual(expect.arrayContaining(["31", "34", "40", "57", "76"]));

    // the Ministry of Public Health: cases assigned to its offices (any province), nothing else
    const ministry = await getDashboard({ ctx: moph(), input: {} });
    expect(ministry.scope).toMatchObject({ key: "org:moph", kind: "ministry" });
    const [{ ids }] = await db.query<{ ids: string[] }>(
      `with recursive up(org_id, cur_id) as (select id, id from organizations union all select up.org_id, o.parent_id from up join organizations o on o.id = up.cur_id where o.parent_id is not null)
       select coalesce(array_agg(distinct org_id), '{}') as ids from up where cur_id = 'moph'`,
    );
    const srcMoph = await casesInSource("assigned_org_id = any($1)", [ids]);
    expect(figure(ministry, "cases.received").value).toBe(srcMoph.n);
    // a function's dashboard has no province-wide figures
    expect(figure(ministry, "agreement.score").value).toBeNull();
    expect(ministry.functions.every((f) => f.kind === "department")).toBe(true);

    // every budget figure agrees with the projects of the year (counted ones)
    const [b] = await db.query<{ total: string }>(`select coalesce(sum(total_budget), 0)::text as total from projects where province_code = '31' and fiscal_year = ${FY} and status not in ('rejected', 'cancelled') and duplicate_of is null`);
    expect(figure(province, "budget.total").value).toBe(Number(b!.total));
  });

  it("shows a province only itself, a ministry only its function, a deputy PM's office only its provinces", async () => {
    expect((await refusal(getDashboard({ ctx: governor31(), input: { scope: "area:province:57" } }))).status).toBe(403);
    expect((await refusal(getDashboard({ ctx: governor31(), input: { scope: "nation" } }))).status).toBe(403);
    expect((await refusal(getDashboard({ ctx: moph(), input: { scope: "org:moi" } }))).status).toBe(403);
    expect((await refusal(getDashboard({ ctx: ctxFor(db, anonymousActor), input: {} }))).status).toBe(401);
    expect((await refusal(getDashboard({ ctx: ctxFor(db, actor("citizen", "nation")), input: {} }))).status).toBe(403);
    // Buriram's cluster (the lower north-east 1): the deputy PM's office sees its provinces and no other
    const [{ cluster }] = await db.query<{ cluster: string }>(`select g.group_id as cluster from area_groupings g join areas c on c.id = g.group_id and c.classification = 'cluster' where g.area_id = 'province:31' and g.valid_to is null`);
    const dpm = ctxFor(db, actor("deputy_pm_office", `area:${cluster}`, "dpm"));
    const d = await getDashboard({ ctx: dpm, input: {} });
    expect(d.scope).toMatchObject({ key: `area:${cluster}`, kind: "cluster" });
    const members = (await db.query<{ code: string }>(`select a.code from area_groupings g join areas a on a.id = g.area_id where g.group_id = $1 and g.valid_to is null`, [cluster])).map((r) => r.code);
    expect(members).toContain("31");
    expect(d.provinces.every((p) => members.includes(p.code))).toBe(true);
    expect((await refusal(getDashboard({ ctx: dpm, input: { scope: "area:province:57" } }))).status).toBe(403);
    expect((await refusal(getMatrix({ ctx: dpm, input: { metric: "cases.received" } }))).status).toBe(403); // the matrix defaults to the nation
    const m = await getMatrix({ ctx: dpm, input: { metric: "cases.received", scope: `area:${cluster}` } });
    expect(m.columns.map((c) => c.id).sort()).toEqual([...members].sort());
    // a ministry's matrix by cluster: a cluster's cell drills to that cluster's records of the ministry, in its own scope
    const byCluster = await getMatrix({ ctx: moph(), input: { metric: "cases.received", scope: "org:moph", columns: "cluster" } });
    for (const total of byCluster.columnTotals) {
      const page = await listRecords({ ctx: moph(), input: { metric: "cases.received", scope: "org:moph", area: total.column, fiscalYear: FY, pageSize: 200 } });
      expect(page.total, total.column).toBe(total.value);
    }
    const unknown = await refusal(listRecords({ ctx: moph(), input: { metric: "cases.received", scope: "org:moph", area: "cluster:nowhere" } }));
    expect([unknown.status, unknown.fields?.[0]?.code]).toEqual([400, "oversight.unknown-area"]);
  });
});

describe("kept current by triggers and the refresh job", () => {
  it("marks the province when a case comes in; the figure moves when the job has run, and the dashboard says it is catching up", async () => {
    const before = figure(await getDashboard({ ctx: governor31(), input: {} }), "cases.received").value!;
    await submitCase({ ctx: ctxFor(db, anonymousActor), input: { categoryId: "road", descriptionTh: "ถนนหน้าโรงเรียนเป็นหลุมลึก รถล้มบ่อย", districtCode: "3101", reporter: { anonymous: true }, consent: true } });
    const stale = await getDashboard({ ctx: governor31(), input: {} });
    expect(stale.pending).toBeGreaterThanOrEqual(1);
    expect(figure(stale, "cases.received").value).toBe(before);
    const r = await refreshDirty({ ctx: ctxFor(db) });
    expect(r.provinces).toBeGreaterThanOrEqual(1);
    const fresh = await getDashboard({ ctx: governor31(), input: {} });
    expect(fresh.pending).toBe(0);
    expect(figure(fresh, "cases.received").value).toBe(before + 1);
  });

  it("counts a case overdue once the clock passes its due time (a fake clock; the nightly rebuild)", async () => {
    const at = (d: Date) => ({ ...ctxFor(db, actor("governor", "area:province:31", "gov-31")), now: () => d });
    await refreshRollups({ ctx: { ...ctxFor(db), now: () => FIXED_NOW }, input: { provinces: ["31"], families: ["cases"] } });
    const now = figure(await getDashboard({ ctx: at(FIXED_NOW), input: {} }), "cases.open_overdue").value!;
    const [{ n }] = await db.query<{ n: number }>(`select count(*)::int as n from cases where province_code = '31' and merged_into is null and status in ('received', 'accepted', 'in_progress', 'reopened') and (received_at at time zone 'Asia/Bangkok')::date >= '2026-10-01' and resolve_due_at < $1`, [new Date(FIXED_NOW.getTime() + 90 * 86_400_000)]);
    const later = new Date(FIXED_NOW.getTime() + 90 * 86_400_000);
    await refreshRollups({ ctx: { ...ctxFor(db), now: () => later }, input: { provinces: ["31"], families: ["cases"] } });
    const after = figure(await getDashboard({ ctx: at(later), input: { fiscalYear: FY } }), "cases.open_overdue").value!;
    expect(after).toBe(n);
    expect(after).toBeGreaterThan(now); // the case submitted above is open, and due long before then
    await refreshRollups({ ctx: ctxFor(db), input: { provinces: ["31"], families: ["cases"] } });
  });

  it("rebuilds everything on an administrator's request, with an audit record; anyone else is refused and nothing is written", async () => {
    const audits = async () => (await db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'oversight.rollups.rebuild'"))[0]!.n;
    const n0 = await audits();
    expect((await refusal(rebuildRollups({ ctx: governor31() }))).status).toBe(403);
    expect(await audits()).toBe(n0);
    const r = await rebuildRollups({ ctx: admin() });
    expect(r.provinces).toBe(77);
    expect(r.rows).toBeGreaterThan(0);
    expect(await audits()).toBe(n0 + 1);
    // narrowed to one family of one province; an unknown province changes nothing
    expect((await rebuildRollups({ ctx: admin(), input: { families: ["cases"], provinces: ["31"] } })).provinces).toBe(1);
    const bad = await refusal(rebuildRollups({ ctx: admin(), input: { provinces: ["31", "99"] } }));
    expect([bad.status, bad.fields?.[0]?.path]).toEqual([400, "provinces.1"]);
    expect(await audits()).toBe(n0 + 2);
  });
});

describe("the function × area × agenda matrix, the map and the records behind them", () => {
  it("finds the worst province on an agenda for the PMOC and drills to its records", async () => {
    // the demo's KPIs were verified in the last full fiscal year (2569)
    const LAST = FY - 1;
    const [{ agenda }] = await db.query<{ agenda: string }>(
      `select agenda_id as agenda from oversight_rollups where measure = 'kpi.with_target' and agenda_id <> '*' and org_id = '*' and fiscal_year = ${LAST} group by 1 order by count(distinct province_code) desc, 1 limit 1`,
    );
    const m = await getMatrix({ ctx: pmoc(), input: { metric: "kpi.on_target_pct", agenda, fiscalYear: LAST } });
    expect(m.agenda?.id).toBe(agenda);
    expect(m.columns).toHaveLength(77);
    const withValues = m.columnTotals.filter((c) => c.value !== null);
    expect(withValues.length).toBeGreaterThan(0);
    const worst = withValues.reduce((a, b) => (b.value! < a.value! ? b : a));
    expect(m.worstColumn).toBe(worst.column);
    // the cells of a column add up to its total (sums, not means of ratios)
    const col = m.cells.filter((c) => c.column === worst.column);
    expect(col.reduce((s, c) => s + c.den!, 0)).toBe(worst.den);

    const records = await listRecords({ ctx: pmoc(), input: { metric: "kpi.on_target_pct", agenda, fiscalYear: LAST, province: worst.column } });
    const withTarget = records.items.filter((r) => r.status === "on-target" || r.status === "off-target");
    expect(withTarget).toHaveLength(worst.den!);
    expect(withTarget.filter((r) => r.status === "on-target")).toHaveLength(worst.num);
    expect(records.items.every((r) => r.provinceCode === worst.column && r.link.startsWith("/kpis/"))).toBe(true);
    // flagged (off target) first
    const flags = records.items.map((r) => r.flagged);
    expect(flags).toEqual([...flags].sort((a, b) => Number(b) - Number(a)));
  });

  it("groups columns into clusters and regions, and rows into departments; the map has every province and a legend range", async () => {
    const byProvince = await getMatrix({ ctx: pmoc(), input: { metric: "budget.total", fiscalYear: FY } });
    const byRegion = await getMatrix({ ctx: pmoc(), input: { metric: "budget.total", fiscalYear: FY, columns: "region", rows: "department" } });
    expect(byRegion.rowKind).toBe("department");
    expect(byRegion.columns.flatMap((c) => c.provinces).sort()).toEqual(byProvince.columns.map((c) => c.id).sort());
    expect(byRegion.total.value).toBe(byProvince.total.value);
    expect(byProvince.worstColumn).toBeNull(); // a budget is neither good nor bad

    const map = await getMetricMap({ ctx: pmoc(), input: { metric: "cases.on_time_pct", fiscalYear: FY } });
    expect(map.provinces).toHaveLength(77);
    const vals = map.provinces.flatMap((p) => (p.value === null ? [] : [p.value]));
    expect(map.min).toBe(Math.min(...vals));
    expect(map.max).toBe(Math.max(...vals));
    // a province's map value is its dashboard's
    const d = await getDashboard({ ctx: governor31(), input: {} });
    expect(map.provinces.find((p) => p.code === "31")!.value).toBe(figure(d, "cases.on_time_pct").value);
  });

  it("shows a case's public text only, never who reported it, and keeps a governor to their province", async () => {
    const [{ name }] = await db.query<{ name: string }>(`select r.name from case_reporters r join cases c on c.id = r.case_id where c.province_code = '31' and r.name is not null and r.name <> '' limit 1`).then((rows) => (rows.length ? rows : [{ name: "__none__" }]));
    const page = await listRecords({ ctx: governor31(), input: { metric: "cases.received", fiscalYear: FY, pageSize: 200 } });
    expect(page.total).toBe((await casesInSource("province_code = '31'")).n);
    expect(JSON.stringify(page)).not.toContain(name);
    expect(page.items.every((r) => r.provinceCode === "31" && r.link.startsWith("/cases/"))).toBe(true);
    expect((await refusal(listRecords({ ctx: governor31(), input: { metric: "cases.received", province: "57" } }))).status).toBe(403);
  });

  it("refuses bad input with a clear error and a stable code", async () => {
    for (const [input, code] of [
      [{ metric: "cases.nope" }, "validation.failed"],
      [{ metric: "cases.received", agenda: "agenda:does-not-exist" }, "validation.failed"],
      [{ metric: "cases.received", scope: "elsewhere" }, "validation.failed"],
      [{ metric: "cases.received", fiscalYear: 1999 }, "validation.failed"],
    ] as const) {
      const e = await refusal(getMatrix({ ctx: pmoc(), input: input as never }));
      expect([e.status, e.code]).toEqual([400, code]);
      expect(e.messageTh.length).toBeGreaterThan(0);
    }
    const e = await refusal(getMatrix({ ctx: pmoc(), input: { metric: "cases.received", agenda: "agenda:x" } }));
    expect(e.fields?.[0]?.code).toBe("oversight.metric-without-agenda");
    const unknownArea = await refusal(getDashboard({ ctx: pmoc(), input: { scope: "area:province:99" } }));
    expect(unknownArea.status).toBe(404);
    expect(METRIC_IDS.length).toBeGreaterThan(10);
  });
});
