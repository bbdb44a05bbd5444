/**
 * GET /metrics: the text exposition format 0.0.4 (checked by a small parser written here, not by the code that
 * writes it), counters that move with requests and job runs, gauges that follow the database's backlog, labels
 * that never carry an id or anything a person typed, and access: loopback only without METRICS_TOKEN, the
 * bearer token from anywhere with it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../platform/db/client.js";
import { startScheduler } from "../platform/jobs/scheduler.js";
import { buildApp, routeCatalog } from "./app.js";
import { createServerMetrics, routeLabel, type ServerMetrics } from "./metrics.js";
import { createTestDb, ctxFor } from "../../test/db.js";
import { FIXED_NOW } from "../../test/clock.js";

// ---------------------------------------------------------------- a parser of the exposition format (0.0.4)

type Sample = { name: string; labels: Record<string, string>; value: number };
type Family = { name: string; type: string; help: string; samples: Sample[] };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FLOAT = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf("=", i);
    if (eq < 0) throw new Error(`label without '=': ${line}`);
    const name = text.slice(i, eq).trim();
    if (!LABEL_NAME.test(name)) throw new Error(`bad label name '${name}': ${line}`);
    if (text[eq + 1] !== '"') throw new Error(`label value not quoted: ${line}`);
    let j = eq + 2;
    let value = "";
    for (;;) {
      const c = text[j];
      if (c === undefined) throw new Error(`unterminated label value: ${line}`);
      if (c === "\\") {
        const n = text[j + 1];
        if (n === "\\") value += "\\";
        else if (n === '"') value += '"';
        else if (n === "n") value += "\n";
        else throw new Error(`bad escape \\${n}: ${line}`);
        j += 2;
      } else if (c === '"') {
        j++;
        break;
      } else {
        value += c;
        j++;
      }
    }
    if (name in labels) throw new Error(`label ${name} twice: ${line}`);
    labels[name] = value;
    if (text[j] === ",") j++;
    else if (j !== text.length) throw new Error(`expected ',' after a label: ${line}`);
    i = j;
  }
  return labels;
}

/** Parses and checks a whole exposition; throws on anything the format does not allow. */
function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a line feed");
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  for (const line of text.slice(0, -1).split("\n")) {
    if (line === "") continue;
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string];
      if (!NAME.test(name)) throw new Error(`bad metric name: ${line}`);
      const f = families.get(name) ?? { name, type: "untyped", help: "", samples: [] };
      if (kind === "TYPE") {
        if (!["counter", "gauge", "histogram", "summary", "untyped"].includes(rest)) throw new Error(`bad type: ${line}`);
        if (f.samples.length) throw new Error(`TYPE after samples: ${line}`);
        f.type = rest;
      } else f.help = rest;
      families.set(name, f);
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([^ ]+)(?: (-?\d+))?$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText, valueText] = m as unknown as [string, string, string | undefined, string];
    if (!FLOAT.test(valueText)) throw new Error(`bad value: ${line}`);
    const labels = labelText ? parseLabels(labelText, line) : {};
    const base = families.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
    const f = families.get(base);
    if (!f) throw new Error(`sample before its TYPE: ${line}`);
    if (base !== name && f.type !== "histogram" && f.type !== "summary") throw new Error(`suffix on a ${f.type}: ${line}`);
    const id = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(id)) throw new Error(`series twice: ${line}`);
    seen.add(id);
    const value = valueText === "+Inf" || valueText === "Inf" ? Infinity : valueText === "-Inf" ? -Infinity : Number(valueText);
    if (f.type === "counter" && !(value >= 0)) throw new Error(`negative counter: ${line}`);
    f.samples.push({ name, labels, value });
  }
  // histograms: cumulative buckets ending in +Inf, which equals _count
  for (const f of families.values()) {
    if (f.type !== "histogram") continue;
    const series = new Map<string, Sample[]>();
    for (const s of f.samples) {
      const { le, ...rest } = s.labels;
      const key = JSON.stringify(Object.entries(rest).sort());
      if (s.name === `${f.name}_bucket` && le === undefined) throw new Error(`${f.name}: bucket without le`);
      series.set(key, [...(series.get(key) ?? []), s]);
    }
    for (const [key, ss] of series) {
      const buckets = ss.filter((s) => s.name === `${f.name}_bucket`);
      const count = ss.find((s) => s.name === `${f.name}_count`);
      if (!count || !ss.some((s) => s.name === `${f.name}_sum`)) throw new Error(`${f.name}${key}: _sum or _count missing`);
      if (buckets.at(-1)?.labels.le !== "+Inf") throw new Error(`${f.name}${key}: last bucket is not +Inf`);
      for (let i = 1; i < buckets.length; i++) {
        if (!(Number(buckets[i]!.labels.le!.replace("+Inf", "Infinity")) > Number(buckets[i - 1]!.labels.le))) throw new Error(`${f.name}${key}: le not increasing`);
        if (buckets[i]!.value < buckets[i - 1]!.value) throw new Error(`${f.name}${key}: buckets not cumulative`);
      }
      if (buckets.at(-1)!.value !== count.value) throw new Error(`${f.name}${key}: +Inf bucket ≠ _count`);
    }
  }
  return families;
}

const value = (fams: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined => {
  const base = fams.has(name) ? name : name.replace(/_(bucket|sum|count)$/, "");
  return fams.get(base)?.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
};

describe("the exposition parser of this test", () => {
  it("accepts the format and refuses what it forbids", () => {
    const ok = '# HELP a_total A.\n# TYPE a_total counter\na_total{x="q\\"\\\\\\n"} 3\n# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="+Inf"} 2\nh_sum 3.5\nh_count 2\n';
    const f = parseExposition(ok);
    expect(f.get("a_total")!.samples[0]!.labels.x).toBe('q"\\\n');
    for (const bad of ["a 1\n", "# TYPE a counter\na -1\n", "# TYPE a gauge\na{x=1} 1\n", "# TYPE a gauge\na 1", "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "# TYPE a gauge\na 1\na 2\n"]) {
      expect(() => parseExposition(bad), bad).toThrow();
    }
  });
});

// ---------------------------------------------------------------- the endpoint

let db: Database;
let metrics: ServerMetrics;
let app: FastifyInstance;
let tokenApp: FastifyInstance;
const TOKEN = "metrics-token-0123456789abcdef";
const env = { demo: true, sessionTtlHours: 12, cookieSecure: "false" as const, logLevel: "silent" };

beforeAll(async () => {
  db = await createTestDb();
  // backlog read at every scrape here (production: at most every 5 s)
  metrics = createServerMetrics({ database: db, backlogMaxAgeMs: 0 });
  app = await buildApp({ database: db, env, metrics, now: () => FIXED_NOW, webDir: null });
  tokenApp = await buildApp({ database: db, env: { ...env, metricsToken: TOKEN }, now: () => FIXED_NOW, webDir: null });
});
afterAll(async () => {
  await app?.close();
  await tokenApp?.close();
  await db?.close();
});

async function scrape(a = app, headers: Record<string, string> = {}): Promise<Map<string, Family>> {
  const r = await a.inject({ method: "GET", url: "/metrics", headers });
  expect(r.statusCode, r.body).toBe(200);
  expect(r.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  return parseExposition(r.body);
}

describe("GET /metrics", () => {
  it("parses as exposition format 0.0.4 and has the process, database and backlog figures", async () => {
    const f = await scrape();
    expect(value(f, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(value(f, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
    expect(value(f, "changwat_process_uptime_seconds")).toBeGreaterThan(0);
    expect(value(f, "process_start_time_seconds")).toBeGreaterThan(1.7e9);
    for (const stat of ["min", "mean", "p50", "p90", "p99", "max"]) expect(value(f, "nodejs_eventloop_delay_seconds", { stat })).toBeGreaterThanOrEqual(0);
    expect(value(f, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(value(f, "changwat_info", { database: db.kind })).toBe(1);
    expect(value(f, "changwat_metrics_database_up")).toBe(1);
    if (db.kind === "postgres") {
      expect(value(f, "changwat_db_pool_connections", { state: "total" })).toBeGreaterThan(0);
      expect(value(f, "changwat_db_pool_max_connections")).toBe(db.pool!.options.max);
    } else expect(f.has("changwat_db_pool_connections")).toBe(false);
    // the demo's one webhook subscription is paused: its deliveries are not an active backlog
    expect(value(f, "changwat_webhook_deliveries_pending", { subscription: "active" })).toBe(0);
    for (const name of ["changwat_http_requests_total", "changwat_http_request_duration_seconds", "changwat_job_runs_total", "changwat_jobs_waiting", "changwat_oversight_rollups_dirty"]) expect(f.has(name), name).toBe(true);
  });

  it("backlog gauges follow the database: unsent notifications and queued mail", async () => {
    const before = await scrape();
    const count = async (sql: string) => (await db.query<{ n: number }>(sql))[0]!.n;
    expect(value(before, "changwat_notifications_unsent")).toBe(await count("select count(*)::int as n from notifications where sent_at is null"));
    expect(value(before, "changwat_mail_queue_messages")).toBe(await count("select count(*)::int as n from mail_queue"));
    await db.query("insert into notifications (id, dedupe_key, recipient, kind, subject_th, subject_en, created_at) values ('metrics-probe', 'metrics-probe', 'user:metrics', 'test.metrics', 'ท', 'e', now() - interval '10 minutes')");
    await db.query("insert into mail_queue (id, kind, to_address, subject, text_body, html_body, created_at, next_attempt_at) values ('metrics-probe', 'accounts.verify', 'metrics.probe@example.invalid', 's', 't', 'h', now(), now() - interval '2 minutes')");
    const after = await scrape();
    expect(value(after, "changwat_notifications_unsent")).toBe(value(before, "changwat_notifications_unsent")! + 1);
    expect(value(after, "changwat_notifications_oldest_unsent_age_seconds")).toBeGreaterThanOrEqual(600);
    expect(value(after, "changwat_mail_queue_messages")).toBe(value(before, "changwat_mail_queue_messages")! + 1);
    expect(value(after, "changwat_mail_queue_overdue_seconds")).toBeGreaterThanOrEqual(120);
    // the address is in the database, never in the page
    const body = (await app.inject({ method: "GET", url: "/metrics" })).body;
    expect(body).not.toContain("metrics.probe");
    await db.query("delete from mail_queue where id = 'metrics-probe'");
  });

  it("counts requests by method, route pattern and status class; the ids and words asked for never become labels", async () => {
    const before = await scrape();
    const orgRoute = { method: "GET", route: "/api/v1/organizations/:id", status_class: "2xx" };
    const secrets = ["moi.dopa", "สมชาย", "0812345678", encodeURIComponent("สมชาย"), "CW-SECRET-TRACK"];
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: "GET", url: "/api/v1/organizations/moi.dopa" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: `/api/v1/search?q=${encodeURIComponent("สมชาย 0812345678")}` })).statusCode).toBeLessThan(500);
    expect((await app.inject({ method: "GET", url: "/api/v1/no-such-route/0812345678" })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/api/v1/cases/CW-SECRET-TRACK" })).statusCode).toBeGreaterThanOrEqual(400);
    expect((await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "สมชาย", password: "0812345678" } })).statusCode).toBe(401);
    const after = await scrape();

    const delta = (labels: Record<string, string>) => (value(after, "changwat_http_requests_total", labels) ?? 0) - (value(before, "changwat_http_requests_total", labels) ?? 0);
    expect(delta(orgRoute)).toBe(3);
    expect(delta({ method: "GET", route: "(unmatched)", status_class: "4xx" })).toBeGreaterThanOrEqual(1);
    expect(delta({ method: "POST", route: "/api/v1/auth/login", status_class: "4xx" })).toBe(1);
    expect(delta({ method: "GET", route: "/api/v1/cases/:id", status_class: "4xx" })).toBe(1);
    expect((value(after, "changwat_http_request_duration_seconds_count", orgRoute) ?? 0) - (value(before, "changwat_http_request_duration_seconds_count", orgRoute) ?? 0)).toBe(3);
    expect(value(after, "changwat_http_request_duration_seconds_bucket", { ...orgRoute, le: "+Inf" })).toBe(value(after, "changwat_http_request_duration_seconds_count", orgRoute));

    // every route label is a registered pattern (or one of the two fixed words), every label value is from a closed set
    const patterns = new Set(routeCatalog(app).map((r) => r.url));
    const labelValues = [...after.values()].flatMap((f) => f.samples.flatMap((s) => Object.values(s.labels)));
    for (const s of after.get("changwat_http_requests_total")!.samples) {
      expect(s.labels.route === "(unmatched)" || s.labels.route === "(static)" || patterns.has(s.labels.route!), s.labels.route).toBe(true);
      expect(s.labels.status_class).toMatch(/^[1-5]xx$/);
    }
    for (const v of labelValues) for (const secret of secrets) expect(v).not.toContain(secret);
    const body = (await app.inject({ method: "GET", url: "/metrics" })).body;
    for (const secret of secrets) expect(body).not.toContain(secret);
  });

  it("route labels are patterns: the web app's files are one label, unmatched paths another", () => {
    expect(routeLabel("/api/v1/cases/:id")).toBe("/api/v1/cases/:id");
    expect(routeLabel("/open311/v2/requests/:id.:format")).toBe("/open311/v2/requests/:id.:format");
    expect(routeLabel("/assets/index-3f9a1c.js")).toBe("(static)");
    expect(routeLabel(undefined)).toBe("(unmatched)");
  });

  it("counts scheduled job runs and keeps each job's last success", async () => {
    let fail = false;
    const scheduler = await startScheduler(db, [{ name: "test.metrics-probe", cron: "10 0 * * *", tz: "Asia/Bangkok", run: async () => {
      if (fail) throw new Error("probe failure");
      return { ok: 1 };
    } }], { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, retryLimit: 0, stopTimeoutMs: 5_000, catchUp: true, exclusive: false, makeCtx: () => ctxFor(db), onJobRun: metrics.onJobRun });
    try {
      await scheduler.whenIdle();
      fail = true;
      await scheduler.enqueue("test.metrics-probe");
      await scheduler.whenIdle();
      // a run waiting in pg-boss shows in the backlog (pg-boss's own internal queues do not)
      expect(await scheduler.enqueue("test.metrics-probe", { startAfterSeconds: 3600 })).not.toBeNull();
      const waiting = await scrape();
      expect(value(waiting, "changwat_jobs_waiting", { job: "test.metrics-probe", state: "created" })).toBe(1);
      expect(waiting.get("changwat_jobs_waiting")!.samples.filter((s) => s.labels.job!.startsWith("__pgboss"))).toEqual([]);
    } finally {
      await scheduler.stop();
    }
    const f = await scrape();
    expect(value(f, "changwat_job_runs_total", { job: "test.metrics-probe", outcome: "succeeded" })).toBe(1);
    expect(value(f, "changwat_job_runs_total", { job: "test.metrics-probe", outcome: "failed" })).toBe(1);
    expect(value(f, "changwat_job_run_duration_seconds_count", { job: "test.metrics-probe" })).toBe(2);
    const last = value(f, "changwat_job_last_success_timestamp_seconds", { job: "test.metrics-probe" })!;
    expect(Math.abs(last - Date.now() / 1000)).toBeLessThan(600);
  });
});

describe("who may read /metrics", () => {
  it("without METRICS_TOKEN: direct loopback connections only; another address or a proxied request is refused (403)", async () => {
    expect((await app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" })).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: "/metrics", remoteAddress: "::1" })).statusCode).toBe(200);
    for (const req of [
      { remoteAddress: "10.1.2.3" },
      { remoteAddress: "203.0.113.9" },
      // nginx on the same machine relays from 127.0.0.1 but adds X-Forwarded-For: still refused
      { remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "203.0.113.9" } },
      { remoteAddress: "127.0.0.1", headers: { forwarded: "for=203.0.113.9" } },
      // a client cannot claim loopback through the header either
      { remoteAddress: "203.0.113.9", headers: { "x-forwarded-for": "127.0.0.1" } },
    ]) {
      const r = await app.inject({ method: "GET", url: "/metrics", ...req });
      expect(r.statusCode, JSON.stringify(req)).toBe(403);
      expect(r.json().error).toMatchObject({ code: "metrics.local-only", messageEn: expect.stringContaining("METRICS_TOKEN") });
      expect(r.body).not.toContain("process_resident_memory_bytes");
    }
  });

  it("with METRICS_TOKEN: the bearer token from anywhere; no token or a wrong one is refused (401), loopback included", async () => {
    const f = await scrape(tokenApp, { authorization: `Bearer ${TOKEN}` });
    expect(value(f, "process_resident_memory_bytes")).toBeGreaterThan(0);
    const remote = await tokenApp.inject({ method: "GET", url: "/metrics", remoteAddress: "10.1.2.3", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(remote.statusCode).toBe(200);
    for (const headers of [{}, { authorization: "Bearer wrong-token-0123456789" }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
      const r = await tokenApp.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1", headers });
      expect(r.statusCode, JSON.stringify(headers)).toBe(401);
      expect(r.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
      expect(r.json().error).toMatchObject({ code: "metrics.unauthorized", messageTh: expect.any(String), messageEn: expect.stringMatching(/token/i) });
      expect(r.body).not.toContain("process_resident_memory_bytes");
    }
  });
});
