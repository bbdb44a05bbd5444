// Scheduled deadlines and reminders across restarts (issue 8): every reminder, notice, queued mail and webhook a
// person or a system receives is delivered after a crash, and none twice. The jobs run in a separate OS process
// (test/jobs-runner.ts: the server's own job start-up, with a clock the test sets), killed with SIGKILL while a
// mail or a webhook is in flight and started again on the same database. The outside world is real sockets: an
// SMTP server (test/smtp-sink.ts) and an HTTP receiver, both recording what they accepted. On PGlite by default,
// on PostgreSQL when DATABASE_URL is set. Guarantees and figures: docs/OPERATIONS.md, "Scheduled jobs across restarts".
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres, type Database } from "../src/platform/db/client.js";
import type { Ctx } from "../src/platform/ctx.js";
import { configureWebhooks } from "../src/platform/webhooks/index.js";
import { deliverPending, notify } from "../src/platform/notify/notify.js";
import { createAgreement } from "../src/modules/performance/create-agreement.js";
import { signAgreement } from "../src/modules/performance/sign-agreement.js";
import { recordBudgetAct } from "../src/modules/planning/record-budget-act.js";
import { createProject } from "../src/modules/planning/create-project.js";
import { openCall } from "../src/modules/participation/open-call.js";
import { submitProposal } from "../src/modules/participation/submit-proposal.js";
import { supportProposal } from "../src/modules/participation/support-proposal.js";
import { DEMO_PM25_KPI } from "../src/modules/participation/seed-demo.js";
import { demoCitizenIds } from "../src/modules/accounts/index.js";
import { submitCase } from "../src/modules/cases/submit-case.js";
import { createSubscription } from "../src/modules/webhooks/create-subscription.js";
import { queueMail } from "../src/modules/mail/queue.js";
import { smtpTransport } from "../src/modules/mail/index.js";
import { resolvingMailer } from "../src/server/mailer.js";
import { ROOT } from "../bench/crash-harness.js";
import { actor, createTestDb, ctxFor } from "./db.js";
import { startSmtpSink, type SinkMessage, type SmtpSink } from "./smtp-sink.js";
import { templateCopy } from "./template-copy.js";

const url = process.env.DATABASE_URL;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** The first start after the downtime: Sunday 25 July 2032, 10:00 in Bangkok. */
const T1 = new Date("2032-07-25T03:00:00Z");
/** Five days later, after a second downtime. */
const T2 = new Date(T1.getTime() + 5 * DAY);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

/** Short intervals, so a run cut off by a kill is found in seconds (production: docs/OPERATIONS.md). */
const TUNING = { pollingIntervalSeconds: 0.5, cronWorkerIntervalSeconds: 1, retryDelaySeconds: 1, retryBackoff: false, retryLimit: 5, heartbeatSeconds: 10, superviseIntervalSeconds: 1, monitorIntervalSeconds: 1, stopTimeoutMs: 5_000 };

// ---------------------------------------------------------------------------------------------------------------
// the database: a copy of the suite's template (migrated, seeded, demo), as a PGlite folder or a PostgreSQL database

type Target = { dataDir: string; databaseUrl?: string };
const copyTemplate = (): Promise<Target> => templateCopy("jobs-restart", cleanups);

/** Opens the target for the test's own reads and writes (PGlite: takes the folder lock, so no runner may be up). */
const open = (t: Target): Promise<Database> => (t.databaseUrl ? openPostgres(t.databaseUrl, { max: 2 }) : openPglite({ dataDir: t.dataDir }));
async function withDb<T>(t: Target, f: (db: Database) => Promise<T>): Promise<T> {
  const db = await open(t);
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the job runner: a child process, bundled from the sources like the crash-safety test bundles the server

type Runner = { child: ChildProcess; events: { ev: string; [k: string]: unknown }[]; stderr: string; exited: Promise<number | null>; waitFor(ev: string, timeoutMs?: number): Promise<void> };
let runnerJs: string | undefined;
async function bundleRunner(): Promise<string> {
  if (runnerJs) return runnerJs;
  const { build } = await import("esbuild");
  const outdir = path.join(ROOT, ".tmp", `jobs-runner-${process.pid}`);
  cleanups.push(async () => fs.rmSync(outdir, { recursive: true, force: true }));
  await build({ entryPoints: [path.join(ROOT, "test/jobs-runner.ts")], outdir, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", sourcemap: true, logLevel: "warning" });
  return (runnerJs = path.join(outdir, "jobs-runner.js"));
}

function startRunner(t: Target, now: Date, env: Record<string, string>): Runner {
  const child = spawn(process.execPath, ["--enable-source-maps", runnerJs!, `--now=${now.toISOString()}`, `--tuning=${JSON.stringify(TUNING)}`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: "test", DATA_DIR: t.dataDir, ...(t.databaseUrl ? { DATABASE_URL: t.databaseUrl } : {}), MAIL_TRANSPORT: "smtp", PUBLIC_URL: "https://changwat.example.org", WEBHOOKS_ALLOW_PRIVATE: "true", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const r: Runner = {
    child,
    events: [],
    stderr: "",
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    waitFor: async (ev, timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!r.events.some((e) => e.ev === ev)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the job runner ended (${child.exitCode ?? child.signalCode}) before "${ev}": ${r.stderr.slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`no "${ev}" from the job runner after ${timeoutMs} ms; last events: ${JSON.stringify(r.events.slice(-5))}`);
        await new Promise((res) => setTimeout(res, 50));
      }
    },
  };
  let out = "";
  child.stdout!.setEncoding("utf8").on("data", (c: string) => {
    out += c;
    let nl: number;
    while ((nl = out.indexOf("\n")) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      try {
        r.events.push(JSON.parse(line));
      } catch {
        r.events.push({ ev: "text", line });
      }
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (c: string) => void (r.stderr += c));
  cleanups.push(async () => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL")));
  return r;
}

async function kill(r: Runner): Promise<void> {
  r.child.kill("SIGKILL");
  await r.exited;
}
async function stop(r: Runner): Promise<void> {
  r.child.kill("SIGTERM");
  expect(await r.exited).toBe(0);
}

// ---------------------------------------------------------------------------------------------------------------
// the outside world: the SMTP sink, and an HTTP receiver for webhooks that can hold a request unanswered

type Hook = { webhookId: string; type: string; status: "held" | "answered" | "abandoned"; res: http.ServerResponse };
async function startReceiver(decide: (h: Hook) => "answer" | "hold") {
  const hooks: Hook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { type: string };
      const h: Hook = { webhookId: String(req.headers["webhook-id"]), type: body.type, status: "held", res };
      hooks.push(h);
      res.on("close", () => {
        if (h.status === "held") h.status = "abandoned";
      });
      if (decide(h) === "answer") answer(h);
    });
  });
  const answer = (h: Hook) => {
    if (h.status !== "held") return;
    h.status = "answered";
    h.res.end("ok");
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  server.keepAliveTimeout = 1;
  return { hooks, answer, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

// ---------------------------------------------------------------------------------------------------------------
// the checks (pure, so the second test can show that they catch a duplicate, a repeat and a loss)

type NotificationRow = { id: string; dedupe_key: string; recipient: string; kind: string; entity_id: string | null; subject_en: string; body_th: string | null; sent_at: Date | null; delivery: string | null };
/** What the SMTP sink accepted, judged against the notifications, the queued mail and the expected addresses. */
function judgeMail(accepted: SinkMessage[], notifications: NotificationRow[], addressesOf: Record<string, string[]>, queued: string[], allowedRepeats: Set<string>) {
  const byId = new Map(notifications.map((n) => [n.id, n]));
  const count = new Map<string, number>();
  for (const m of accepted) for (const to of m.to) count.set(`${to} ${m.messageId}`, (count.get(`${to} ${m.messageId}`) ?? 0) + 1);
  // the same message accepted twice (a repeat the receiver can drop only by its Message-ID)
  const repeats = [...count].filter(([k, n]) => n > 1 && !(n === 2 && allowedRepeats.has(k.split(" ")[1]!))).map(([k, n]) => `${k} ×${n}`);
  // the same content mailed to the same address twice as two different messages (what a broken dedupe key would do;
  // distinct occasions differ in kind, subject or body: a status change and a public update of one case, say)
  const occasions = new Map<string, string[]>();
  for (const k of count.keys()) {
    const [to, mid] = k.split(" ") as [string, string];
    const id = /^<notification\.([^.]+)\./.exec(mid)?.[1];
    const n = id ? byId.get(id) : undefined;
    if (!n) continue;
    const key = `${to} ${n.kind} ${n.entity_id} ${n.subject_en} ${n.body_th ?? ""}`.trim();
    occasions.set(key, [...(occasions.get(key) ?? []), n.dedupe_key]);
  }
  const duplicates = [...occasions].filter(([, keys]) => keys.length > 1).map(([k, keys]) => `${k}: ${keys.join(", ")}`);
  // every notification for a scope with addresses reached each address; every queued mail arrived
  const delivered = new Set([...count.keys()].map((k) => {
    const [to, mid] = k.split(" ") as [string, string];
    return `${to} ${/^<notification\.([^.]+)\./.exec(mid)?.[1] ?? mid}`;
  }));
  const missing: string[] = [];
  for (const n of notifications) for (const a of addressesOf[n.recipient] ?? []) if (!delivered.has(`${a} ${n.id}`)) missing.push(`${n.dedupe_key} → ${a}`);
  const gotQueued = new Set(accepted.map((m) => m.messageId));
  for (const q of queued) if (!gotQueued.has(`<mail.${q}@changwat.invalid>`)) missing.push(`queued mail ${q}`);
  const unknown = accepted.filter((m) => !/^<(notification|mail)\./.test(m.messageId ?? "")).map((m) => m.messageId ?? "(no Message-ID)");
  return { repeats, duplicates, missing, unknown };
}

/** What the webhook receiver answered, judged against the deliveries recorded. */
function judgeHooks(hooks: { webhookId: string; status: string }[], eventIds: string[], allowedRepeats: Set<string>) {
  const answered = new Map<string, number>();
  for (const h of hooks) if (h.status === "answered") answered.set(h.webhookId, (answered.get(h.webhookId) ?? 0) + 1);
  return {
    repeats: [...answered].filter(([id, n]) => n > 1 && !(n === 2 && allowedRepeats.has(id))).map(([id, n]) => `${id} ×${n}`),
    missing: eventIds.filter((id) => !answered.has(id)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the scenario's data: one deadline of each kind, and people with addresses at the scopes that hear of them

const at = (db: Database, when: Date, who = actor("administrator", "nation", "jr-admin")): Ctx => ({ ...ctxFor(db, who), now: () => when });
const ADDRESSES: Record<string, string[]> = {
  "area:province:57": ["prov57.strategy@example.invalid", "prov57.governor@example.invalid"],
  "area:province:40": ["prov40.strategy@example.invalid"],
  "org:moac.doae": ["doae.budget@example.invalid"],
};

async function arrange(db: Database, hookUrl: string) {
  const citizens = demoCitizenIds();
  const citizen = (k: number) => ({ kind: "user" as const, id: citizens[k]!, name: `c${k}`, grants: [{ role: "citizen" as const, scope: "nation" }] });
  const poc57 = actor("strategy_officer", "area:province:57", "jr-strategy-57");
  // webhooks: Chiang Rai's case events go to the receiver
  const sub = await createSubscription({ ctx: at(db, new Date(T1.getTime() - 30 * DAY), poc57), input: { url: hookUrl, provinceCode: "57", eventTypes: ["case.*"] } });
  // performance: FY 2575, rounds due 30 Apr (overdue at T1: closed by the catch-up), 30 Jul (due in 5 days at T1)
  const agreement = await createAgreement({
    ctx: ctxFor(db, actor("governor", "area:province:57", "jr-gov-57")),
    input: {
      fiscalYear: 2575,
      kind: "provincial",
      areaId: "province:57",
      titleTh: "คำรับรองการปฏิบัติราชการ จังหวัดเชียงราย ปี 2575 (ทดสอบ)",
      titleEn: "Chiang Rai performance agreement 2575 (test)",
      parties: [
        { role: "deputy_pm", nameTh: "รองนายกรัฐมนตรี (ทดสอบ)" },
        { role: "minister_interior", nameTh: "รัฐมนตรีว่าการกระทรวงมหาดไทย (ทดสอบ)" },
        { role: "governor", nameTh: "ผู้ว่าราชการจังหวัดเชียงราย (ทดสอบ)" },
      ],
      scheme: { type: "five-level" },
      items: [{ id: "m1", nameTh: "ศูนย์บัญชาการแก้ไขปัญหาหมอกควัน", nameEn: "Haze command centre", weight: 1, criteria: { kind: "five-level-milestone", steps: [1, 2, 3, 4, 5].map((n) => ({ th: `ขั้นที่ ${n}`, en: `Step ${n}` })) as never } }],
    },
  });
  await signAgreement({ ctx: ctxFor(db, actor("deputy_pm_office", "area:cluster:N2", "jr-dpm")), input: { id: agreement.id } });
  // planning: the FY 2576 Budget Act; the agricultural extension department owes Khon Kaen its allocation notice
  await recordBudgetAct({ ctx: at(db, new Date("2032-06-27T03:00:00Z")), input: { fiscalYear: 2576, passedOn: "2032-06-26" } });
  await createProject({ ctx: at(db, new Date("2032-06-28T03:00:00Z"), actor("strategy_officer", "area:province:40", "jr-strategy-40")), input: { fiscalYear: 2576, provinceCode: "40", origin: "agency", ownerOrgId: "pro:40:agricultural-extension", titleTh: "โครงการทดสอบรอหนังสือแจ้งจัดสรร", goalIds: ["prov:40:goal:1.1"], budgetLines: [{ source: "function", amount: 1_000 }] } });
  // participation: two proposals past their threshold, one answer overdue at T1, one due within days of it
  const call = await openCall({ ctx: at(db, new Date(T1.getTime() - 20 * DAY), poc57), input: { provinceCode: "57", subjectKind: "kpi", subjectId: DEMO_PM25_KPI, titleTh: "ร่วมเสนอแนวทางลดฝุ่น (ทดสอบการเริ่มระบบใหม่)", supportThreshold: 1, responseDays: 3, closesAt: new Date(T1.getTime() + 60 * DAY).toISOString() } });
  const proposals: string[] = [];
  for (const [k, daysBefore] of [[30, 12], [32, 1]] as const) {
    const when = new Date(T1.getTime() - daysBefore * DAY);
    const p = await submitProposal({ ctx: at(db, when, citizen(k)), input: { callId: call.id, titleTh: `ข้อเสนอทดสอบ ${k}: ปลูกต้นไม้ริมถนน`, bodyTh: "รายละเอียดของข้อเสนอเพื่อทดสอบการแจ้งเตือนหลังเริ่มระบบใหม่", showName: false } });
    await supportProposal({ ctx: at(db, when, citizen(k + 1)), input: { id: p.id } });
    proposals.push(p.id);
  }
  // cases: a blocked drain in Mueang Chiang Rai, reported 11 days before T1 and never accepted
  const reported = new Date(T1.getTime() - 11 * DAY);
  const c = await submitCase({ ctx: at(db, reported, { kind: "anonymous", id: null, name: "anonymous", grants: [] }), input: { categoryId: "drain", descriptionTh: "ท่อระบายน้ำหน้าตลาดอุดตัน น้ำเน่าขังทั้งซอย (ทดสอบ)", subdistrictCode: "570101", reporter: { anonymous: true }, consent: true } });
  const [kase] = await db.query<{ district_code: string; assigned_org_id: string }>("select district_code, assigned_org_id from cases where id = $1", [c.id]);
  // the people who receive all this (verified addresses, a role exactly at each scope)
  const addresses: Record<string, string[]> = { ...ADDRESSES, [`area:district:${kase!.district_code}`]: ["district.chief@example.invalid"], [`org:${kase!.assigned_org_id}`]: ["public.works@example.invalid"] };
  let i = 0;
  for (const [scope, list] of Object.entries(addresses)) {
    for (const email of list) {
      i++;
      await db.query("insert into accounts (id, username, display_name, password_hash, email, email_verified_at) values ($1, $1, $1, 'x', $2, now())", [`jr-person-${i}`, email]);
      await db.query("insert into grants (id, account_id, role, scope, created_at) values ($1, $2, 'strategy_officer', $3, now())", [`jr-grant-${i}`, `jr-person-${i}`, scope]);
    }
  }
  return { sub: sub.id, agreement: agreement.id, proposals, caseId: c.id, districtCode: kase!.district_code, orgId: kase!.assigned_org_id, addresses };
}

/** Transactional mail waiting in mail_queue (as a sign-up leaves it when the first try failed). */
async function queueSome(db: Database, when: Date, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let k = 0; k < n; k++) ids.push(await queueMail(at(db, when), { kind: "accounts.verify-email", to: `new.citizen.${tag}.${k}@example.invalid`, content: { subjectTh: `ยืนยันอีเมล ${tag}${k}`, subjectEn: `Verify your e-mail ${tag}${k}`, link: "/verify" } }));
  return ids;
}

async function state(db: Database, sub: string) {
  // the template's own notifications were settled (no address) before this test; the rest are the runners'
  const notifications = await db.query<NotificationRow>("select id, dedupe_key, recipient, kind, entity_id, subject_en, body_th, sent_at, delivery from notifications where sent_at is null or sent_at >= $1 order by dedupe_key", [T1]);
  const deliveries = await db.query<{ event_id: string; status: string }>("select event_id, status from webhook_deliveries where subscription_id = $1", [sub]);
  const queue = await db.query<{ id: string }>("select id from mail_queue");
  const audits = async (action: string, entity: string) => Number((await db.query<{ n: number }>("select count(*)::int as n from audit_log where action = $1 and entity_id = $2", [action, entity]))[0]!.n);
  return { notifications, deliveries, queue, audits };
}

/** Waits until `cond` holds (polling every 20 ms). */
async function until(cond: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((res) => setTimeout(res, 20));
  }
}
const inFlight = (sink: SmtpSink, receiver: { hooks: Hook[] }) => sink.messages.some((m) => m.status === "held") && receiver.hooks.some((h) => h.status === "held");

describe(`scheduled deadlines and reminders across kill -9 and restarts (${url ? "PostgreSQL" : "PGlite"})`, () => {
  it("acts on deadlines that came due while down, delivers every reminder, mail and webhook after a kill mid-delivery, and none twice", async () => {
    const t0 = Date.now();
    const target = await copyTemplate();
    await bundleRunner();
    configureWebhooks({ allowPrivate: true });

    // the outside world; `mode` says what it does with the next message or webhook
    let mode: "accept" | "hold" = "accept";
    const sink = await startSmtpSink(() => (mode === "hold" ? "hold" : "accept"));
    cleanups.push(() => sink.close());
    const receiver = await startReceiver(() => (mode === "hold" ? "hold" : "answer"));
    const env = { SMTP_URL: sink.url };

    const s = await withDb(target, async (db) => {
      const arranged = await arrange(db, receiver.url);
      const queued = await queueSome(db, new Date(T1.getTime() - 60 * MIN), 3, "a");
      return { ...arranged, queued };
    });
    const figures: Record<string, number> = {};
    const phase = (name: string, since: number) => void (figures[name] = Date.now() - since);

    // 1. first start after the downtime; the outside world holds the first mail and the first webhooks unanswered,
    //    and the process is killed while they are in flight (the sink never said 250: not delivered)
    let t = Date.now();
    mode = "hold";
    const a = startRunner(target, T1, env);
    await a.waitFor("started");
    // (a webhook may already have timed out unanswered on a slow start: it was not delivered either way)
    await until(() => sink.messages.some((m) => m.status === "held") && receiver.hooks.length > 0, "a mail and a webhook in flight after the first start");
    await kill(a);
    const heldMail = sink.messages.filter((m) => m.status === "abandoned").map((m) => m.messageId);
    expect(heldMail.length).toBeGreaterThan(0);
    expect(sink.accepted()).toEqual([]);
    expect(receiver.hooks.every((h) => h.status !== "answered")).toBe(true);
    phase("killMidDelivery", t);

    // 2. restarted 10 minutes later: this time the outside world takes the first mail and webhook, but only after the
    //    process was frozen (SIGSTOP) — so it dies (SIGKILL) before it can record them as sent: the documented window
    t = Date.now();
    const b = startRunner(target, new Date(T1.getTime() + 10 * MIN), env);
    await b.waitFor("started");
    await until(() => inFlight(sink, receiver), "a mail and a webhook in flight after the second start");
    b.child.kill("SIGSTOP");
    const windowMail = new Set(sink.messages.filter((m) => m.status === "held").map((m) => m.messageId!));
    const windowHooks = new Set(receiver.hooks.filter((h) => h.status === "held").map((h) => h.webhookId));
    for (const m of sink.messages.filter((x) => x.status === "held")) sink.accept(m);
    for (const h of receiver.hooks.filter((x) => x.status === "held")) receiver.answer(h);
    await new Promise((res) => setTimeout(res, 200));
    await kill(b);
    phase("killAfterAcceptance", t);
    Object.assign(figures, { heldMail: heldMail.length, heldHooks: receiver.hooks.length, windowMail: windowMail.size, windowHooks: windowHooks.size });

    // 3. restarted again and left to finish: everything is delivered
    t = Date.now();
    mode = "accept";
    const c = startRunner(target, new Date(T1.getTime() + 20 * MIN), env);
    await c.waitFor("idle");
    phase("recoverToIdle", t);
    await stop(c);

    await withDb(target, async (db) => {
      const st = await state(db, s.sub);
      const keys = st.notifications.map((n) => n.dedupe_key);
      // each kind of deadline was acted on (catch-up), once
      expect(keys).toEqual(expect.arrayContaining([`round-due:${s.agreement}:9:7`, `participation-overdue:${s.proposals[0]}`, `participation-due-soon:${s.proposals[1]}`, `case-escalated:${s.caseId}:0:1`, `case-accept-overdue:${s.caseId}:${s.orgId}`]));
      expect(keys.filter((k) => k.startsWith("planning.notice-due:2576:moac.doae:40:"))).toHaveLength(1);
      expect(await st.audits("performance.round.close", s.agreement)).toBe(1);
      expect(await st.audits("cases.case.escalate", s.caseId)).toBe(1);
      expect(await st.audits("participation.proposal.overdue", s.proposals[0]!)).toBe(1);
      // everything handed on; nothing left waiting
      expect(st.notifications.filter((n) => !n.sent_at)).toEqual([]);
      expect(st.queue).toEqual([]);
      expect(st.deliveries.length).toBeGreaterThanOrEqual(3);
      expect(st.deliveries.filter((d) => d.status !== "succeeded")).toEqual([]);
      // the outside world: every mail and webhook arrived; the only repeats are the ones accepted in the window
      const mail = judgeMail(sink.accepted(), st.notifications, s.addresses, s.queued, windowMail);
      expect(mail).toEqual({ repeats: [], duplicates: [], missing: [], unknown: [] });
      for (const id of heldMail.filter((x) => !windowMail.has(x!))) expect(sink.accepted().filter((m) => m.messageId === id)).toHaveLength(1); // held, then delivered once
      for (const id of windowMail) expect(sink.accepted().filter((m) => m.messageId === id)).toHaveLength(2); // the window: twice, same Message-ID
      const hooks = judgeHooks(receiver.hooks, st.deliveries.map((d) => d.event_id), windowHooks);
      expect(hooks).toEqual({ repeats: [], missing: [] });
      figures.mails = new Set(sink.accepted().map((m) => `${m.to} ${m.messageId}`)).size;
      figures.webhooks = new Set(receiver.hooks.filter((h) => h.status === "answered").map((h) => h.webhookId)).size;
      figures.notifications = st.notifications.length;
      // more mail waiting for the next start
      s.queued.push(...(await queueSome(db, new Date(T2.getTime() - 60 * MIN), 2, "b")));
    });

    // 4. five days on, after a second downtime: two starts in a row killed (one mid-delivery, one just after it
    //    started), then two processes at once (PostgreSQL; PGlite refuses the second: the folder is locked)
    t = Date.now();
    const sentBefore = sink.messages.length;
    mode = "hold";
    const d = startRunner(target, T2, env);
    await d.waitFor("started");
    await until(() => sink.messages.slice(sentBefore).some((m) => m.status === "held"), "a mail in flight after the second downtime");
    await kill(d);
    mode = "accept";
    const e = startRunner(target, new Date(T2.getTime() + 5 * MIN), env);
    await e.waitFor("started");
    await kill(e);
    const f = startRunner(target, new Date(T2.getTime() + 10 * MIN), env);
    const g = startRunner(target, new Date(T2.getTime() + 10 * MIN), env);
    if (url) {
      await Promise.all([f.waitFor("idle"), g.waitFor("idle")]);
      await Promise.all([stop(f), stop(g)]);
    } else {
      // one of the two holds the folder; the other is refused with the lock message
      const both = Promise.all([f.waitFor("idle"), g.waitFor("idle")]).then(
        () => "both ran",
        () => "one ended",
      );
      expect(await Promise.race([f.exited, g.exited, both])).not.toBe("both ran");
      await until(() => f.child.exitCode !== null || g.child.exitCode !== null, "the refused process to exit", 5_000);
      const [refused, holder] = f.child.exitCode !== null ? [f, g] : [g, f];
      expect(refused.child.exitCode).toBe(1);
      expect(refused.stderr).toMatch(/in use by another Changwat process/);
      await holder.waitFor("idle");
      await stop(holder);
    }
    phase("twoKillsThenTwoProcesses", t);

    await withDb(target, async (db) => {
      const st = await state(db, s.sub);
      const keys = st.notifications.map((n) => n.dedupe_key);
      expect(keys).toEqual(expect.arrayContaining([`round-due:${s.agreement}:9:1`, `participation-overdue:${s.proposals[1]}`, `case-escalated:${s.caseId}:0:2`, "planning.notice-overdue:2576:moac.doae:40:org:moac.doae", "planning.notice-overdue:2576:moac.doae:40:area:province:40"]));
      expect(await st.audits("cases.case.escalate", s.caseId)).toBe(2);
      expect(await st.audits("participation.proposal.overdue", s.proposals[1]!)).toBe(1);
      expect(st.notifications.filter((n) => !n.sent_at)).toEqual([]);
      expect(st.queue).toEqual([]);
      expect(st.deliveries.filter((x) => x.status !== "succeeded")).toEqual([]);
      const mail = judgeMail(sink.accepted(), st.notifications, s.addresses, s.queued, windowMail);
      expect(mail).toEqual({ repeats: [], duplicates: [], missing: [], unknown: [] });
      expect(judgeHooks(receiver.hooks, st.deliveries.map((x) => x.event_id), windowHooks)).toEqual({ repeats: [], missing: [] });
      figures.mails = new Set(sink.accepted().map((m) => `${m.to} ${m.messageId}`)).size;
      figures.webhooks = new Set(receiver.hooks.filter((h) => h.status === "answered").map((h) => h.webhookId)).size;
      figures.notifications = st.notifications.length;
      const kindOf = new Map(st.notifications.map((n) => [n.id, n.kind]));
      const byKind: Record<string, number> = {};
      for (const k of new Set(sink.accepted().map((m) => `${m.to} ${m.messageId}`))) {
        const id = /<notification\.([^.]+)\./.exec(k)?.[1];
        const name = id ? (kindOf.get(id) ?? "?") : "mail_queue";
        byKind[name] = (byKind[name] ?? 0) + 1;
      }
      console.log(`[jobs-restart] mails by kind: ${JSON.stringify(byKind)}`);
    });
    figures.total = Date.now() - t0;
    console.log(`[jobs-restart ${url ? "PostgreSQL" : "PGlite"}] ${JSON.stringify(figures)}`);
  }, 300_000);

  it("the checks see a mail repeated, an occasion mailed twice under two keys, a lost mail and a missing webhook", async () => {
    const db = await createTestDb();
    const sink = await startSmtpSink();
    try {
      const ctx = ctxFor(db);
      await db.query("insert into accounts (id, username, display_name, password_hash, email, email_verified_at) values ('jr-check', 'jr-check', 'x', 'x', 'check@example.invalid', now())");
      await db.query("insert into grants (id, account_id, role, scope, created_at) values ('jr-check-g', 'jr-check', 'strategy_officer', 'area:province:34', now())");
      const transport = smtpTransport(sink.url, "Changwat <no-reply@changwat.invalid>");
      const mailer = resolvingMailer({ makeCtx: () => ctxFor(db), transport: () => transport });
      const occasion = { recipient: "area:province:34", provinceCode: "34", kind: "test.reminder", subjectTh: "ครบกำหนด", subjectEn: "Due", entityType: "test", entityId: "e1" };
      await notify(ctx, { ...occasion, dedupeKey: "check:1" });
      expect(await deliverPending(ctx, mailer, { kindPrefix: "test." })).toEqual({ sent: 1, failed: 0 });
      const rows = () => db.query<NotificationRow>("select id, dedupe_key, recipient, kind, entity_id, subject_en, body_th, sent_at, delivery from notifications where kind = 'test.reminder'");
      const addresses = { "area:province:34": ["check@example.invalid"] };
      expect(judgeMail(sink.accepted(), await rows(), addresses, [], new Set())).toEqual({ repeats: [], duplicates: [], missing: [], unknown: [] });

      // planted: the same occasion under a second dedupe key (a key that is not stable across runs)
      await notify(ctx, { ...occasion, dedupeKey: "check:1:again" });
      await deliverPending(ctx, mailer, { kindPrefix: "test." });
      expect(judgeMail(sink.accepted(), await rows(), addresses, [], new Set()).duplicates).toEqual(["check@example.invalid test.reminder e1 Due: check:1, check:1:again"]);

      // planted: a message sent again with its Message-ID (a send repeated after a crash), and a queued mail never sent
      const [first] = sink.accepted();
      await transport.send({ kind: "test.reminder", to: "check@example.invalid", subject: "Due", text: "x", html: "x", messageId: first!.messageId! });
      const judged = judgeMail(sink.accepted(), await rows(), addresses, ["never-sent"], new Set());
      expect(judged.repeats).toEqual([`check@example.invalid ${first!.messageId} ×2`]);
      expect(judged.missing).toEqual(["queued mail never-sent"]);
      expect(judgeMail(sink.accepted(), await rows(), addresses, [], new Set([first!.messageId!])).repeats).toEqual([]); // unless allowed

      // planted: a notification whose mail never arrived
      const lost = await rows();
      lost.push({ ...lost[0]!, id: "lost-one", dedupe_key: "check:lost" });
      expect(judgeMail(sink.accepted(), lost, addresses, [], new Set()).missing).toEqual(["check:lost → check@example.invalid"]);

      // webhooks: a repeat, and an event never answered
      expect(judgeHooks([{ webhookId: "w1", status: "answered" }, { webhookId: "w1", status: "answered" }, { webhookId: "w2", status: "abandoned" }], ["w1", "w2"], new Set())).toEqual({ repeats: ["w1 ×2"], missing: ["w2"] });
    } finally {
      await sink.close();
      await db.close();
    }
  });
});
