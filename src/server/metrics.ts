import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "../platform/db/client.js";
import { errorBody } from "../platform/http/error-handler.js";
import type { JobRunRecord } from "../platform/jobs/scheduler.js";
import { registerProcessMetrics } from "../platform/metrics/process.js";
import { EXPOSITION_CONTENT_TYPE, MetricsRegistry } from "../platform/metrics/registry.js";

/** Request durations in seconds: 5 ms … 10 s (the API's goals are in the 100–300 ms range). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Routes outside /api and /open311 that are the app's own (the rest are the web app's files). */
const OWN_ROUTES = new Set(["/", "/health", "/ready", "/metrics"]);

/**
 * The route label of a request: the pattern it matched (`/api/v1/cases/:id`), never the URL it asked for, so no
 * id, tracking code or search text reaches a label. Built files of the web app are one label, `(static)`;
 * anything no route matched (404s, the web app's own paths answered with index.html) is `(unmatched)`.
 */
export function routeLabel(pattern: string | undefined): string {
  if (!pattern) return "(unmatched)";
  if (pattern.startsWith("/api/") || pattern.startsWith("/open311/") || OWN_ROUTES.has(pattern)) return pattern;
  return "(static)";
}

export type ServerMetrics = {
  registry: MetricsRegistry;
  /** Give to the scheduler (startModules' onJobRun): counts runs and keeps the time of each job's last success. */
  onJobRun: (run: JobRunRecord) => void;
  /** Stops the event-loop sampling. */
  stop: () => void;
};

/**
 * The application's metrics: the process, HTTP requests (added by `registerMetricsRoute`), the database pool, the
 * backlogs kept in the database (webhook outbox, unsent notifications, mail queue, imports, dirty roll-ups, pg-boss
 * jobs waiting) and scheduled job runs. The backlog is read with one statement of index-backed counts, at most
 * once per `backlogMaxAgeMs` (default 5 s) however many scrapers ask.
 */
export function createServerMetrics(opts: { database: Database; backlogMaxAgeMs?: number }): ServerMetrics {
  const registry = new MetricsRegistry();
  const stopProcess = registerProcessMetrics(registry);
  const db = opts.database;

  registry.gauge<"database">("changwat_info", "Constant 1; the labels say which database this process uses (pglite or postgres).", ["database"]).set({ database: db.kind }, 1);

  // the PostgreSQL pool of this process (PGlite has no pool: one in-process session)
  if (db.pool) {
    const pool = db.pool;
    const conns = registry.gauge<"state">("changwat_db_pool_connections", "Connections of this process's PostgreSQL pool, by state (total, idle).", ["state"]);
    const waiting = registry.gauge("changwat_db_pool_waiting_requests", "Queries of this process waiting for a free pool connection.");
    const max = registry.gauge("changwat_db_pool_max_connections", "Size limit of this process's pool (DATABASE_POOL_MAX).");
    registry.onCollect(() => {
      conns.set({ state: "total" }, pool.totalCount);
      conns.set({ state: "idle" }, pool.idleCount);
      waiting.set({}, pool.waitingCount);
      max.set({}, pool.options.max ?? 10);
    });
  }

  const up = registry.gauge("changwat_metrics_database_up", "1 when this scrape could read the backlog figures from the database, else 0.");
  const webhookPending = registry.gauge<"subscription">("changwat_webhook_deliveries_pending", "Webhook deliveries waiting to be sent (pending or being sent), by their subscription's status (active, paused).", ["subscription"]);
  const webhookOverdue = registry.gauge("changwat_webhook_deliveries_overdue_seconds", "How long the most overdue delivery of an active subscription has been due, in seconds (0: none due).");
  const notificationsUnsent = registry.gauge("changwat_notifications_unsent", "Notifications not yet handed to the mailer.");
  const notificationsAge = registry.gauge("changwat_notifications_oldest_unsent_age_seconds", "Age of the oldest notification not yet handed to the mailer, in seconds (0: none).");
  const mailQueue = registry.gauge("changwat_mail_queue_messages", "Transactional mails (verification, password reset) waiting in mail_queue for a first send or a retry.");
  const mailOverdue = registry.gauge("changwat_mail_queue_overdue_seconds", "How long the most overdue mail in mail_queue has been due, in seconds (0: none due).");
  const imports = registry.gauge<"status">("changwat_import_jobs", "Registry imports queued or running.", ["status"]);
  const dirty = registry.gauge("changwat_oversight_rollups_dirty", "Operation-centre roll-ups (province × family) marked for refreshing.");
  const dirtyAge = registry.gauge("changwat_oversight_rollups_oldest_dirty_age_seconds", "Age of the oldest roll-up mark not yet refreshed, in seconds: how far dashboards may lag (0: none).");
  const jobsWaiting = registry.gauge<"job" | "state">("changwat_jobs_waiting", "Scheduled job runs waiting in pg-boss, by job and state (created: due or not yet due; retry: failed and waiting to be retried).", ["job", "state"]);
  const runs = registry.counter<"job" | "outcome">("changwat_job_runs_total", "Scheduled job runs finished in this process, by job and outcome (succeeded, failed).", ["job", "outcome"]);
  const lastSuccess = registry.gauge<"job">("changwat_job_last_success_timestamp_seconds", "When a run of the job last succeeded in this process (Unix time, s). Across processes take the max.", ["job"]);
  const runSeconds = registry.histogram<"job">("changwat_job_run_duration_seconds", "Duration of scheduled job runs in this process, in seconds.", ["job"], [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900]);

  let readAt = -Infinity;
  let reading: Promise<void> | undefined;
  const maxAge = opts.backlogMaxAgeMs ?? 5_000;
  const readBacklog = async () => {
    try {
      const [b] = await db.query<Record<string, number | string | null>>(BACKLOG_SQL);
      const n = (k: string) => Number(b?.[k] ?? 0);
      webhookPending.set({ subscription: "active" }, n("webhook_active"));
      webhookPending.set({ subscription: "paused" }, n("webhook_paused"));
      webhookOverdue.set({}, n("webhook_overdue"));
      notificationsUnsent.set({}, n("notifications_unsent"));
      notificationsAge.set({}, n("notifications_age"));
      mailQueue.set({}, n("mail_queue"));
      mailOverdue.set({}, n("mail_overdue"));
      imports.set({ status: "queued" }, n("imports_queued"));
      imports.set({ status: "running" }, n("imports_running"));
      dirty.set({}, n("rollups_dirty"));
      dirtyAge.set({}, n("rollups_age"));
      // pg-boss's schema exists once a process has started the scheduler
      const waiting = b?.jobs_installed ? await db.query<{ name: string; state: string; n: number }>(JOBS_WAITING_SQL) : [];
      jobsWaiting.reset();
      for (const w of waiting) jobsWaiting.set({ job: w.name, state: w.state }, Number(w.n));
      up.set({}, 1);
    } catch {
      up.set({}, 0);
    }
    readAt = Date.now();
  };
  registry.onCollect(async () => {
    if (Date.now() - readAt < maxAge) return;
    // scrapes arriving together share one read
    reading ??= readBacklog().finally(() => (reading = undefined));
    await reading;
  });

  return {
    registry,
    onJobRun: (run) => {
      runs.inc({ job: run.job, outcome: run.ok ? "succeeded" : "failed" });
      runSeconds.observe({ job: run.job }, run.ms / 1000);
      if (run.ok) lastSuccess.set({ job: run.job }, Math.round(run.finishedAt.getTime() / 1000));
    },
    stop: stopProcess,
  };
}

// Each count is served by an index (webhook_deliveries_due_idx, notifications_unsent_idx, mail_queue_due_idx,
// import_jobs_status_idx, the primary key of oversight_dirty); mail_queue only holds mail not yet sent.
const BACKLOG_SQL = `select
  (select count(*) from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id where d.status in ('pending', 'sending') and s.status = 'active')::int as webhook_active,
  (select count(*) from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id where d.status in ('pending', 'sending') and s.status <> 'active')::int as webhook_paused,
  (select coalesce(greatest(0, extract(epoch from now() - min(d.next_attempt_at))), 0) from webhook_deliveries d join webhook_subscriptions s on s.id = d.subscription_id where d.status in ('pending', 'sending') and s.status = 'active')::float8 as webhook_overdue,
  (select count(*) from notifications where sent_at is null)::int as notifications_unsent,
  (select coalesce(greatest(0, extract(epoch from now() - min(created_at))), 0) from notifications where sent_at is null)::float8 as notifications_age,
  (select count(*) from mail_queue)::int as mail_queue,
  (select coalesce(greatest(0, extract(epoch from now() - min(next_attempt_at))), 0) from mail_queue)::float8 as mail_overdue,
  (select count(*) from import_jobs where status = 'queued')::int as imports_queued,
  (select count(*) from import_jobs where status = 'running')::int as imports_running,
  (select count(*) from oversight_dirty)::int as rollups_dirty,
  (select coalesce(greatest(0, extract(epoch from now() - min(marked_at))), 0) from oversight_dirty)::float8 as rollups_age,
  (to_regclass('pgboss.job') is not null) as jobs_installed`;
// pg-boss's partial index job_i11 holds exactly the runs not yet started (created, retry)
// (pg-boss's own internal queues, named __pgboss__…, are left out)
const JOBS_WAITING_SQL = "select name, state::text as state, count(*)::int as n from pgboss.job where state < 'active' and not blocked and name not like '\\_\\_pgboss%' group by 1, 2 order by 1, 2";

/** Equal-time comparison of a presented token with the configured one (digests, so lengths never leak). */
function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith("::ffff:") ? address.slice(7) : address;
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"] as const;

/**
 * Who may read /metrics. With METRICS_TOKEN set: whoever sends `Authorization: Bearer <token>`, from anywhere
 * (and nobody without it, loopback included). Without it: only a direct connection from this machine's loopback
 * address that carries no forwarding header — a request relayed by a proxy on the same machine (nginx sets
 * X-Forwarded-For) is refused, so a proxy never publishes the page. The socket's address is read, not
 * `req.ip`, which TRUST_PROXY lets a client choose.
 */
export function metricsAccess(req: FastifyRequest, token: string | undefined): "ok" | "no-token" | "bad-token" | "not-local" {
  if (token) {
    const auth = req.headers.authorization;
    if (!auth?.startsWith("Bearer ")) return "no-token";
    return tokenMatches(auth.slice(7).trim(), token) ? "ok" : "bad-token";
  }
  if (!isLoopback(req.socket.remoteAddress)) return "not-local";
  return FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined) ? "not-local" : "ok";
}

/**
 * Counts every request (method, route pattern, status class, duration) and serves GET /metrics to those
 * `metricsAccess` lets in; others get 401 (token missing or wrong) or 403 (not local, no token configured) in
 * the one error shape.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: ServerMetrics, opts: { token?: string }): void {
  const requests = metrics.registry.counter<"method" | "route" | "status_class">("changwat_http_requests_total", "HTTP requests answered, by method, route pattern and status class.", ["method", "route", "status_class"]);
  const duration = metrics.registry.histogram<"method" | "route" | "status_class">("changwat_http_request_duration_seconds", "Time to answer HTTP requests, in seconds, by method, route pattern and status class.", ["method", "route", "status_class"], DURATION_BUCKETS);
  app.addHook("onResponse", (req, reply, done) => {
    const labels = {
      method: METHODS.has(req.method) ? req.method : "OTHER",
      route: routeLabel(req.routeOptions.url),
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    };
    requests.inc(labels);
    duration.observe(labels, reply.elapsedTime / 1000);
    done();
  });
  app.addHook("onClose", async () => metrics.stop());

  app.get("/metrics", { schema: { hide: true } }, async (req: FastifyRequest, reply: FastifyReply) => {
    const access = metricsAccess(req, opts.token);
    if (access === "no-token" || access === "bad-token") {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="metrics"')
        .send(errorBody(String(req.id), "metrics.unauthorized", "ต้องส่งโทเค็น METRICS_TOKEN ในส่วนหัว Authorization: Bearer เพื่ออ่านตัวชี้วัดของระบบ", access === "no-token" ? "Metrics need the token: send Authorization: Bearer <METRICS_TOKEN>" : "Wrong metrics token"));
    }
    if (access === "not-local") {
      return reply
        .code(403)
        .send(errorBody(String(req.id), "metrics.local-only", "ตัวชี้วัดของระบบอ่านได้จากเครื่องนี้เท่านั้น (ตั้งค่า METRICS_TOKEN เพื่ออ่านจากที่อื่น)", "Metrics are served only to direct connections from this machine; set METRICS_TOKEN to scrape them from elsewhere (Authorization: Bearer)"));
    }
    const body = await metrics.registry.render();
    return reply.header("cache-control", "no-store").type(EXPOSITION_CONTENT_TYPE).send(body);
  });
}
