import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { AppError } from "../../platform/errors.js";
import { buildApp } from "../../server/app.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { accountIdByUsername } from "../accounts/index.js";
import { DEMO_ACCOUNTS } from "../accounts/demo-accounts.js";
import { createOversight } from "../registry/create-oversight.js";
import { createPost } from "../registry/create-post.js";
import { getAlertSubscriptions, setAlertSubscriptions } from "./alert-subscriptions.js";
import { METRIC_IDS, METRICS, type Dashboard, type MetricId, type RecordRow } from "./contracts.js";
import { evaluateAlerts } from "./evaluate-alerts.js";
import { getDashboard } from "./get-dashboard.js";
import { getMetricMap } from "./get-map.js";
import { getMatrix } from "./get-matrix.js";
import { listAlerts } from "./list-alerts.js";
import { listRecords } from "./list-records.js";
import { refreshRollups } from "./refresh-rollups.js";
import { myScopes } from "./scopes.js";

let db: Database;
let app: FastifyInstance;
const FY = 2570; // FIXED_NOW, 22 Nov 2026, is in fiscal year 2570
const DPM = "dpm:demo-post-dpm-1"; // the demo deputy PM (registry seed): clusters N2, NE3, NE4, NE5 and C4
const CLUSTERS = ["N2", "NE3", "NE4", "NE5", "C4"];

beforeAll(async () => {
  db = await createTestDb();
  // the roll-ups and the records read the same clock (FIXED_NOW): overdue counts agree
  await refreshRollups({ ctx: ctxFor(db) });
  await evaluateAlerts({ ctx: ctxFor(db) });
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const demoGrants = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!.grants;
const asDemo = async (username: string): Promise<Actor> => ({ kind: "user", id: await accountIdByUsername(ctxFor(db), username), name: username, grants: demoGrants(username) });
/** the demo deputy PM's office exactly as seeded: five cluster grants */
const dpmOffice = async () => ctxFor(db, await asDemo("dpm.office"));
const pmoc = () => ctxFor(db, actor("pmoc_viewer", "nation", "pmoc"));
const governor31 = () => ctxFor(db, actor("governor", "area:province:31", "gov-31"));
const dopa = () => ctxFor(db, actor("department_officer", "org:moi.dopa", "dopa-officer"));

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, "expected the call to be refused").toBeInstanceOf(AppError);
  return err as AppError;
}
const figure = (d: Dashboard, m: MetricId) => d.figures.find((f) => f.metric === m)!;

/** The provinces of the demo deputy PM's clusters, straight from the registry's tables. */
async function dpmProvinces(): Promise<string[]> {
  const rows = await db.query<{ code: string }>(
    `select distinct a.code from area_groupings g join areas a on a.id = g.area_id and a.classification = 'province'
     where g.group_id = any($1) and g.valid_to is null order by 1`,
    [CLUSTERS.map((c) => `cluster:${c}`)],
  );
  return rows.map((r) => r.code);
}

describe("a deputy prime minister's area", () => {
  it("is the deputy PM's office's widest scope and its landing, then each of its clusters", async () => {
    const mine = await myScopes({ ctx: await dpmOffice() });
    expect(mine.landing).toBe(DPM);
    expect(mine.scopes[0]).toMatchObject({ key: DPM, kind: "dpm", nameTh: "รองนายกรัฐมนตรี (ตัวอย่าง)" });
    expect(mine.scopes.slice(1).map((s) => [s.kind, s.key]).sort()).toEqual(CLUSTERS.map((c) => ["cluster", `area:cluster:${c}`]).sort());
    // an office holding only one of the clusters does not get the deputy PM's area, nor may it open it
    const n2 = ctxFor(db, actor("deputy_pm_office", "area:cluster:N2", "dpm-n2"));
    expect((await myScopes({ ctx: n2 })).scopes.map((s) => s.key)).toEqual(["area:cluster:N2"]);
    expect((await refusal(getDashboard({ ctx: n2, input: { scope: DPM } }))).status).toBe(403);
    // others are not offered it; the PMOC (nation) may still open it
    expect((await myScopes({ ctx: pmoc() })).scopes.map((s) => s.kind)).toEqual(["nation"]);
    expect((await getDashboard({ ctx: pmoc(), input: { scope: DPM } })).scope.kind).toBe("dpm");
  });

  it("shows exactly its provinces on the dashboard, matrix, map and records; a province outside is refused", async () => {
    const ctx = await dpmOffice();
    const provinces = await dpmProvinces();
    expect(provinces).toEqual(expect.arrayContaining(["31", "34", "40", "57"]));
    const d = await getDashboard({ ctx, input: {} });
    expect(d.scope.key).toBe(DPM);
    expect(d.provinces.length).toBeGreaterThan(0);
    expect(d.provinces.every((p) => provinces.includes(p.code))).toBe(true);
    // the figures are the sum over its provinces, no more
    const [src] = await db.query<{ n: number }>(
      `select count(*)::int as n from cases where merged_into is null and (received_at at time zone 'Asia/Bangkok')::date between '2026-10-01' and '2027-09-30' and province_code = any($1)`,
      [provinces],
    );
    expect(figure(d, "cases.received").value).toBe(src!.n);
    const map = await getMetricMap({ ctx, input: { metric: "cases.received", scope: DPM } });
    expect(map.provinces.map((p) => p.code).sort()).toEqual(provinces);
    const matrix = await getMatrix({ ctx, input: { metric: "cases.received", scope: DPM } });
    expect(matrix.columns.map((c) => c.id).sort()).toEqual(provinces);
    const byCluster = await getMatrix({ ctx, input: { metric: "cases.received", scope: DPM, columns: "cluster" } });
    expect(byCluster.columns.map((c) => c.code).sort()).toEqual([...CLUSTERS].sort());
    expect(byCluster.total.value).toBe(src!.n);
    const records = await listRecords({ ctx, input: { metric: "cases.received", scope: DPM, pageSize: 200 } });
    expect(records.total).toBe(src!.n);
    expect(records.items.every((r) => provinces.includes(r.provinceCode))).toBe(true);
    // without a scope the records are those of the landing scope: the same
    expect((await listRecords({ ctx, input: { metric: "cases.received", pageSize: 1 } })).total).toBe(src!.n);

    const outside = (await db.query<{ code: string }>(`select code from areas where classification = 'province' and code <> all($1) order by code limit 1`, [provinces]))[0]!.code;
    expect((await refusal(getDashboard({ ctx, input: { scope: `area:province:${outside}` } }))).status).toBe(403);
    expect((await refusal(getDashboard({ ctx, input: { scope: "nation" } }))).status).toBe(403);
    expect((await refusal(listRecords({ ctx, input: { metric: "cases.received", scope: DPM, province: outside } }))).status).toBe(403);
    expect((await refusal(listRecords({ ctx, input: { metric: "cases.received", province: outside } }))).status).toBe(403);
    expect((await refusal(listAlerts({ ctx, input: { province: outside } }))).status).toBe(403);
    // a governor inside the area may not open the whole area
    expect((await refusal(getDashboard({ ctx: governor31(), input: { scope: DPM } }))).status).toBe(403);
  });

  it("refuses a post that is no deputy PM or oversees nothing, and a malformed key, with stable codes", async () => {
    const ctx = await dpmOffice();
    const none = await refusal(getDashboard({ ctx, input: { scope: "dpm:no-such-post" } }));
    expect([none.status, none.code]).toEqual([404, "post.not-found"]);
    const governorPost = await refusal(getDashboard({ ctx: pmoc(), input: { scope: "dpm:post:57:governor" } }));
    expect(governorPost.status).toBe(404);
    const bad = await refusal(getDashboard({ ctx, input: { scope: "dpm:" } }));
    expect(bad.status).toBe(400);
    // someone with no dashboard anywhere learns nothing about posts
    expect((await refusal(getDashboard({ ctx: ctxFor(db, actor("citizen", "nation")), input: { scope: "dpm:no-such-post" } }))).status).toBe(403);
  });

  it("is the alert inbox of an office with no subscription, and may be subscribed to", async () => {
    const ctx = await dpmOffice();
    const provinces = await dpmProvinces();
    await setAlertSubscriptions({ ctx, input: { subscriptions: [] } });
    const inbox = await listAlerts({ ctx, input: { pageSize: 200 } });
    expect(inbox.source).toBe("landing");
    expect(inbox.scopes.map((s) => s.key)).toEqual([DPM]);
    const [src] = await db.query<{ n: number; provinces: number }>(`select count(*)::int as n, count(distinct province_code)::int as provinces from oversight_alerts where resolved_at is null and province_code = any($1)`, [provinces]);
    expect(inbox.total).toBe(src!.n);
    expect(src!.provinces, "the demo has open alerts in more than one cluster of the area").toBeGreaterThan(1);
    expect(inbox.items.every((a) => provinces.includes(a.provinceCode))).toBe(true);

    const subs = await setAlertSubscriptions({ ctx, input: { subscriptions: [{ scope: DPM, frequency: "daily" }] } });
    expect(subs.subscriptions.map((s) => [s.scope.key, s.scope.kind])).toEqual([[DPM, "dpm"]]);
    expect(subs.available[0]?.key).toBe(DPM);
    expect(subs.defaultScope).toBe(DPM);
    expect((await getAlertSubscriptions({ ctx })).subscriptions).toHaveLength(1);
    const followed = await listAlerts({ ctx, input: { pageSize: 1 } });
    expect([followed.source, followed.total]).toEqual(["subscriptions", src!.n]);
    // a governor inside the area may not subscribe to the whole area
    const gov = ctxFor(db, await asDemo("governor.buriram"));
    expect((await refusal(setAlertSubscriptions({ ctx: gov, input: { subscriptions: [{ scope: DPM }] } }))).status).toBe(403);
  });

  it("lands the deputy PM's office on its area after login (HTTP): home /oversight, then the area's dashboard", async () => {
    const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "dpm.office", password: "changwat-demo" } });
    expect(r.statusCode).toBe(200);
    expect(r.json().home).toBe("/oversight");
    const cookie = String(r.headers["set-cookie"]).split(";")[0]!;
    const scopes = await app.inject({ url: "/api/v1/oversight/scopes", headers: { cookie } });
    expect(scopes.json().landing).toBe(DPM);
    const d = await app.inject({ url: "/api/v1/oversight/dashboard", headers: { cookie } });
    expect(d.statusCode).toBe(200);
    expect(d.json().scope).toMatchObject({ key: DPM, kind: "dpm" });
    const byKey = await app.inject({ url: `/api/v1/oversight/map?metric=cases.received&scope=${encodeURIComponent(DPM)}`, headers: { cookie } });
    expect(byKey.statusCode).toBe(200);
    // the demo accounts list says where each lands: staff on /oversight, the citizen and the district's centre as before
    const demo = (await app.inject({ url: "/api/v1/demo/accounts" })).json() as { username: string; home: string }[];
    const home = Object.fromEntries(demo.map((a) => [a.username, a.home]));
    expect([home["governor.buriram"], home["moi.officer"], home["pmoc"], home["head.land.chiangrai"], home["citizen"], home["district.maesai"]]).toEqual([
      "/oversight",
      "/oversight",
      "/oversight",
      "/oversight",
      "/",
      "/areas/district%3A5709",
    ]);
  });

  it("follows the registry: a more specific oversight takes a province away, an ended one gives it back", async () => {
    const sys = ctxFor(db);
    await createPost({ ctx: sys, input: { id: "test-dpm-2", role: "deputy_prime_minister", labelTh: "รองนายกรัฐมนตรีทดสอบ", labelEn: "Test deputy PM", organizationId: "opm" } });
    await createOversight({ ctx: sys, input: { postId: "test-dpm-2", areaId: "province:31", startDate: "2026-10-01" } });
    const ctx = await dpmOffice();
    const map = await getMetricMap({ ctx, input: { metric: "cases.received", scope: DPM } });
    expect(map.provinces.map((p) => p.code)).not.toContain("31");
    expect(map.provinces.map((p) => p.code).sort()).toEqual((await dpmProvinces()).filter((p) => p !== "31"));
    // the office still reads Buriram through its cluster grant, and now sees the second deputy PM's area (Buriram alone)
    expect((await myScopes({ ctx })).scopes.filter((s) => s.kind === "dpm").map((s) => s.key).sort()).toEqual([DPM, "dpm:test-dpm-2"].sort());
    expect((await getMetricMap({ ctx: pmoc(), input: { metric: "cases.received", scope: "dpm:test-dpm-2" } })).provinces.map((p) => p.code)).toEqual(["31"]);
    await db.query(`update oversights set end_date = '2026-11-01' where post_id = 'test-dpm-2'`);
    expect((await getMetricMap({ ctx, input: { metric: "cases.received", scope: DPM } })).provinces.map((p) => p.code)).toContain("31");
    expect((await refusal(getDashboard({ ctx: pmoc(), input: { scope: "dpm:test-dpm-2" } }))).status).toBe(404);
  });
});

describe("a department's (DOC) and an office's dashboards", () => {
  /** the organisations under one (itself included) */
  const subtree = async (id: string) =>
    (
      await db.query<{ ids: string[] }>(
        `with recursive up(org_id, cur_id, depth) as (select id, id, 0 from organizations union all select up.org_id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.cur_id where o.parent_id is not null and up.depth < 8)
         select coalesce(array_agg(distinct org_id), '{}') as ids from up where cur_id = $1`,
        [id],
      )
    )[0]!.ids;

  it("a department sees its function across provinces and nothing else", async () => {
    const mine = await myScopes({ ctx: dopa() });
    expect(mine.scopes.map((s) => [s.key, s.kind])).toEqual([["org:moi.dopa", "department"]]);
    const d = await getDashboard({ ctx: dopa(), input: {} });
    expect(d.scope).toMatchObject({ key: "org:moi.dopa", kind: "department" });
    const ids = await subtree("moi.dopa");
    const [src] = await db.query<{ n: number; provinces: string[] }>(
      `select count(*)::int as n, coalesce(array_agg(distinct province_code), '{}') as provinces from cases
       where merged_into is null and (received_at at time zone 'Asia/Bangkok')::date between '2026-10-01' and '2027-09-30' and assigned_org_id = any($1)`,
      [ids],
    );
    expect(figure(d, "cases.received").value).toBe(src!.n);
    // the budget of the department's projects, wherever they are
    const [b] = await db.query<{ total: string; provinces: number }>(
      `select coalesce(sum(total_budget), 0)::text as total, count(distinct province_code)::int as provinces from projects
       where fiscal_year = ${FY} and status not in ('rejected', 'cancelled') and duplicate_of is null and owner_org_id = any($1)`,
      [ids],
    );
    expect(figure(d, "budget.total").value).toBe(Number(b!.total));
    expect(b!.provinces, "the demo's DOPA projects lie in several provinces").toBeGreaterThan(1);
    // per province: only provinces where the department has records; no province-wide figures; no function rows
    const [p] = await db.query<{ provinces: string[] }>(
      `select coalesce(array_agg(distinct province_code), '{}') as provinces from oversight_rollups where fiscal_year = ${FY} and department_id = 'moi.dopa' and agenda_id = '*'`,
    );
    expect(d.provinces.map((x) => x.code).sort()).toEqual([...p!.provinces].sort());
    expect(figure(d, "agreement.score").value).toBeNull();
    expect(figure(d, "committees.late").value).toBeNull();
    expect(d.functions).toEqual([]);
    // another department or ministry, a province, the nation: refused
    for (const scope of ["org:moi.dol", "org:moi", "area:province:31", "nation"]) expect((await refusal(getDashboard({ ctx: dopa(), input: { scope } }))).status, scope).toBe(403);
    // its records are its own organisations' only
    const recs = await listRecords({ ctx: dopa(), input: { metric: "budget.total", pageSize: 200 } });
    expect(recs.items.every((r) => r.orgId !== null && ids.includes(r.orgId))).toBe(true);
  });

  it("an office sees its own records in its province and nothing else", async () => {
    // the office with the most cases this year in a pilot province
    const [o] = await db.query<{ org: string; province: string; n: number }>(
      `select assigned_org_id as org, province_code as province, count(*)::int as n from cases
       where merged_into is null and assigned_org_id like 'pro:%' and (received_at at time zone 'Asia/Bangkok')::date between '2026-10-01' and '2027-09-30'
       group by 1, 2 order by 3 desc, 1 limit 1`,
    );
    expect(o, "the demo has cases assigned to a provincial office this year").toBeDefined();
    const ctx = ctxFor(db, actor("agency_officer", `org:${o!.org}`, "office-officer"));
    const mine = await myScopes({ ctx });
    expect(mine.scopes.map((s) => [s.key, s.kind])).toEqual([[`org:${o!.org}`, "office"]]);
    const d = await getDashboard({ ctx, input: {} });
    expect(d.scope.kind).toBe("office");
    expect(figure(d, "cases.received").value).toBe(o!.n);
    expect(d.provinces.map((p) => p.code)).toEqual([o!.province]);
    expect(d.functions).toEqual([]);
    expect(figure(d, "agreement.score").value).toBeNull();
    const recs = await listRecords({ ctx, input: { metric: "cases.received", pageSize: 200 } });
    expect(recs.total).toBe(o!.n);
    expect(recs.items.every((r) => r.orgId === o!.org && r.provinceCode === o!.province)).toBe(true);
    expect((await refusal(getDashboard({ ctx, input: { scope: `area:province:${o!.province}` } }))).status).toBe(403);
    expect((await refusal(listRecords({ ctx, input: { metric: "cases.received", org: "moi.dopa", scope: "org:moi.dopa" } }))).status).toBe(403);
  });
});

describe("every metric for every scope kind, and each figure equal to its records", () => {
  /** The scope of each kind read here: who reads it and its key. */
  async function scopes(): Promise<{ kind: string; key: string; ctx: ReturnType<typeof ctxFor> }[]> {
    const [region] = await db.query<{ id: string }>(`select parent_id as id from areas where id = 'province:31'`);
    const [office] = await db.query<{ org: string }>(
      `select assigned_org_id as org from cases where merged_into is null and assigned_org_id like 'pro:%' group by 1 order by count(*) desc, 1 limit 1`,
    );
    return [
      { kind: "nation", key: "nation", ctx: pmoc() },
      { kind: "dpm", key: DPM, ctx: await dpmOffice() },
      { kind: "region", key: `area:${region!.id}`, ctx: pmoc() },
      { kind: "cluster", key: "area:cluster:NE4", ctx: await dpmOffice() },
      { kind: "province", key: "area:province:31", ctx: governor31() },
      { kind: "ministry", key: "org:moi", ctx: ctxFor(db, actor("ministry_officer", "org:moi", "moi-officer")) },
      { kind: "department", key: "org:moi.dopa", ctx: dopa() },
      { kind: "office", key: `org:${office!.org}`, ctx: pmoc() },
    ];
  }

  it("has every metric of the contract for every scope kind: a value, or null for a reason (no denominator, or not a function's figure)", async () => {
    const all = await scopes();
    expect(new Set(all.map((s) => s.kind))).toEqual(new Set(["nation", "dpm", "region", "cluster", "province", "ministry", "department", "office"]));
    for (const s of all) {
      const d = await getDashboard({ ctx: s.ctx, input: { scope: s.key } });
      expect(d.scope.kind, s.key).toBe(s.kind);
      expect(d.figures.map((f) => f.metric), s.key).toEqual(METRIC_IDS);
      const isFunction = ["ministry", "department", "office"].includes(s.kind);
      for (const f of d.figures) {
        const def = METRICS[f.metric];
        const where = `${s.key} ${f.metric}`;
        if (isFunction && !def.byFunction) {
          expect(f.value, where).toBeNull(); // the province's own figures (the agreement, committees' cadence) are no function's
          continue;
        }
        if (!("den" in def)) {
          expect([f.value, f.den], where).toEqual([f.num, null]);
          continue;
        }
        if (f.den === 0) expect(f.value, where).toBeNull();
        else expect(f.value, where).toBeCloseTo((f.num / f.den!) * ("scale" in def ? def.scale : 1), 1);
      }
    }
  });

  /** Every record behind a figure (all pages). */
  async function allRecords(ctx: ReturnType<typeof ctxFor>, scope: string, metric: MetricId, fiscalYear: number): Promise<RecordRow[]> {
    const out: RecordRow[] = [];
    for (let page = 1; ; page++) {
      const r = await listRecords({ ctx, input: { metric, scope, fiscalYear, page, pageSize: 200 } });
      out.push(...r.items);
      if (out.length >= r.total || r.items.length === 0) return out;
    }
  }

  /** A scope's filter on a source table: its provinces, and its function's organisations (null = none). */
  async function sourceFilter(key: string): Promise<{ provinces: string[] | null; orgs: string[] | null }> {
    if (key === "nation") return { provinces: null, orgs: null };
    if (key.startsWith("dpm:")) return { provinces: await dpmProvinces(), orgs: null };
    if (key.startsWith("area:province:")) return { provinces: [key.slice(-2)], orgs: null };
    if (key.startsWith("area:cluster:")) return { provinces: (await db.query<{ code: string }>(`select a.code from area_groupings g join areas a on a.id = g.area_id where g.group_id = $1 and g.valid_to is null`, [key.slice(5)])).map((r) => r.code), orgs: null };
    const org = key.slice(4);
    const [r] = await db.query<{ ids: string[] }>(
      `with recursive up(org_id, cur_id, depth) as (select id, id, 0 from organizations union all select up.org_id, o.parent_id, up.depth + 1 from up join organizations o on o.id = up.cur_id where o.parent_id is not null and up.depth < 8)
       select coalesce(array_agg(distinct org_id), '{}') as ids from up where cur_id = $1`,
      [org],
    );
    return { provinces: null, orgs: r!.ids };
  }

  /** Sums of a source table under a scope's filter (the province and owner columns given). */
  async function sourceSums(key: string, q: { from: string; province: string; org: string; select: string; where: string }): Promise<Record<string, number>> {
    const f = await sourceFilter(key);
    const [r] = await db.query<Record<string, string | number>>(
      `select ${q.select} from ${q.from} where ${q.where} and ($1::text[] is null or ${q.province} = any($1)) and ($2::text[] is null or ${q.org} = any($2))`,
      [f.provinces, f.orgs],
    );
    return Object.fromEntries(Object.entries(r!).map(([k, v]) => [k, Number(v)]));
  }

  it("gives each figure the records behind it (or its source table): province, ministry, department, cluster, deputy PM's area, nation", async () => {
    const kinds = ["province", "ministry", "department", "cluster", "dpm", "nation"];
    const picked = (await scopes()).filter((s) => kinds.includes(s.kind));
    expect(picked).toHaveLength(kinds.length);
    let compared = 0;
    for (const s of picked) {
      for (const fy of [FY - 1, FY]) {
        const d = await getDashboard({ ctx: s.ctx, input: { scope: s.key, fiscalYear: fy } });
        const v = (m: MetricId) => figure(d, m);
        const recs = (m: MetricId) => allRecords(s.ctx, s.key, m, fy);
        const at = (m: string) => `${s.key} FY${fy} ${m}`;
        const isFunction = s.kind === "ministry" || s.kind === "department";

        // cases: every case received, the resolved ones (late ones flagged), the open overdue ones, the rated ones
        const received = await recs("cases.received");
        expect(received.length, at("cases.received")).toBe(v("cases.received").value);
        const resolved = await recs("cases.on_time_pct");
        expect(resolved.length, at("cases.on_time_pct")).toBe(v("cases.on_time_pct").den);
        expect((await recs("cases.open_overdue")).length, at("cases.open_overdue")).toBe(v("cases.open_overdue").value);
        const rated = await recs("cases.satisfaction");
        expect([rated.length, rated.reduce((a, r) => a + Number(r.value), 0)], at("cases.satisfaction")).toEqual([v("cases.satisfaction").den, v("cases.satisfaction").num]);

        // budget: the projects counted, from the projects table (the records list the same projects)
        const months = fy < FY ? 12 : 2; // FIXED_NOW is in November, the second month of FY 2570
        const budget = await sourceSums(s.key, {
          from: "projects",
          province: "province_code",
          org: "owner_org_id",
          select: `count(*)::int as n, coalesce(sum(total_budget), 0)::float8 as total, coalesce(sum(coalesce(cum_disbursed[${months}], 0)), 0)::float8 as disbursed, coalesce(sum(coalesce(cum_planned[${months}], 0)), 0)::float8 as planned`,
          where: `fiscal_year = ${fy} and status not in ('rejected', 'cancelled') and duplicate_of is null`,
        });
        expect((await recs("budget.total")).length, at("budget projects")).toBe(budget.n);
        expect(v("budget.total").value, at("budget.total")).toBeCloseTo(budget.total!, 2);
        expect([v("budget.disbursed_pct").num, v("budget.disbursed_pct").den], at("budget.disbursed_pct")).toEqual([budget.disbursed, budget.total].map((x) => Math.round(x! * 100) / 100));
        expect(v("budget.vs_plan_pct").den, at("budget.vs_plan_pct")).toBeCloseTo(budget.planned!, 2);

        // KPIs: each with a result and a target is on or off it; each of the year is reported or not
        const kpis = await recs("kpi.on_target_pct");
        const judged = kpis.filter((r) => r.status === "on-target" || r.status === "off-target");
        expect([judged.filter((r) => r.status === "on-target").length, judged.length], at("kpi.on_target_pct")).toEqual([v("kpi.on_target_pct").num, v("kpi.on_target_pct").den]);
        // (the on-target records are the KPIs judged, with a target and a result; the reported ones are every KPI)
        const reported = await recs("kpi.reported_pct");
        expect([reported.filter((r) => r.status !== "not-reported").length, reported.length], at("kpi.reported_pct")).toEqual([v("kpi.reported_pct").num, v("kpi.reported_pct").den]);

        // permits: the applications of the year, from their table; the overdue ones are the records
        const permits = await sourceSums(s.key, {
          from: "permit_applications a left join powers w on w.code = a.power_code",
          province: "a.province_code",
          org: "w.central_org_id",
          select: `count(*)::int as received, count(a.decided_on)::int as decided, count(*) filter (where a.decided_on <= a.due_on)::int as on_time,
                   coalesce(sum(a.turnaround_days) filter (where a.decided_on is not null), 0)::int as days, count(*) filter (where a.route = 'delegated')::int as delegated`,
          where: `a.received_on between '${fy - 544}-10-01' and '${fy - 543}-09-30'`,
        });
        expect((await recs("permits.delegated_pct")).length, at("permits received")).toBe(permits.received);
        expect((await recs("permits.on_time_pct")).length, at("permits decided")).toBe(permits.decided);
        expect([v("permits.on_time_pct").num, v("permits.on_time_pct").den], at("permits.on_time_pct")).toEqual([permits.on_time, permits.decided]);
        expect([v("permits.turnaround").num, v("permits.turnaround").den], at("permits.turnaround")).toEqual([permits.days, permits.decided]);
        expect([v("permits.delegated_pct").num, v("permits.delegated_pct").den], at("permits.delegated_pct")).toEqual([permits.delegated, permits.received]);
        if (fy === FY) expect((await recs("permits.open_overdue")).length, at("permits.open_overdue")).toBe(v("permits.open_overdue").value);

        // the province's own figures: the agreement's latest closed score; committees late; action items overdue
        if (!isFunction) {
          const scored = (await recs("agreement.score")).filter((r) => r.value !== null);
          expect(scored.length, at("agreement.score")).toBe(v("agreement.score").den);
          expect(scored.reduce((a, r) => a + Number(r.value), 0), at("agreement.score")).toBeCloseTo(v("agreement.score").num, 1); // both sums rounded to 2 places
        }
        if (fy === FY) {
          if (!isFunction) expect((await recs("committees.late")).filter((r) => r.flagged).length, at("committees.late")).toBe(v("committees.late").value);
          expect((await recs("committees.actions_overdue")).filter((r) => r.flagged).length, at("committees.actions_overdue")).toBe(v("committees.actions_overdue").value);
        }
        compared += received.length + kpis.length + budget.n!;
      }
    }
    expect(compared, "the demo gives these scopes records to compare").toBeGreaterThan(0);
  });
});
