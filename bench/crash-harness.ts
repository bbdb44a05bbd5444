// Crash safety (issue 8): the real server process under a write load is killed with SIGKILL at a random moment,
// restarted on the same database, and every write it acknowledged is looked for, field by field, with SQL checks
// that no write is half there. Shared by `npm run bench:crash` (bench/crash-safety.ts) and the short version in the
// normal suite (test/crash-safety.test.ts).
//
// The load: citizens report cases (POST /api/v1/cases, anonymous or with a name and phone, by pin or subdistrict, in
// Mae Sai district, Chiang Rai), and a district officer logged in as `district.maesai` writes internal notes and
// public updates on those cases (POST /api/v1/cases/:id/events). A write counts as acknowledged only when its 2xx
// answer arrived, with the id the server returned. Each simulated citizen comes from its own address
// (X-Forwarded-For, as behind the reverse proxy the server trusts), so the per-address limits do not refuse the load.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openPglite, openPostgres, type Database } from "../src/platform/db/client.js";
import { trackingHash } from "../src/modules/cases/case-rules.js";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** How the server is started. */
export type Launcher = { label: string; command: string; args: string[] };
/** The built bundle, as `npm start` runs it. */
export const BUILT_SERVER: Launcher = { label: "node --enable-source-maps dist/server/main.js", command: process.execPath, args: ["--enable-source-maps", "dist/server/main.js"] };

/**
 * The server bundled from the sources now, as scripts/build.mjs bundles it (esbuild, dependencies external), into
 * `outdir` inside the project (so its imports resolve from node_modules): for the test suite, which runs before the
 * build. It starts faster than the sources through tsx (~3 s less per start on a loaded machine).
 */
export async function bundleServer(outdir: string): Promise<Launcher> {
  const { build } = await import("esbuild");
  await build({ entryPoints: [path.join(ROOT, "src/server/main.ts")], outdir, bundle: true, platform: "node", format: "esm", target: "node20", packages: "external", sourcemap: true, logLevel: "warning" });
  const main = path.join(outdir, "main.js");
  return { label: `node --enable-source-maps ${path.relative(ROOT, main)}`, command: process.execPath, args: ["--enable-source-maps", main] };
}

/**
 * The database the server runs on: a PGlite folder, or a PostgreSQL database. DATA_DIR is a scratch folder either way
 * (without WEBHOOKS_SECRET_KEY a demo server keeps its generated webhooks key there).
 */
export type Target = { kind: "pglite"; dataDir: string } | { kind: "postgres"; databaseUrl: string; dataDir: string };

export type CrashOptions = {
  launcher: Launcher;
  target: Target;
  /** kills (each followed by a restart and the checks) */
  rounds: number;
  /** concurrent citizens reporting cases */
  citizens: number;
  /** concurrent staff writers (notes and public updates) */
  staff: number;
  /** the kill comes at a random moment this many milliseconds into the load */
  killAfterMs: [number, number];
  /** extra environment for the server (e.g. WEBHOOKS_SECRET_KEY) */
  env?: Record<string, string>;
  /** how long the server may take to become ready (a fresh database is migrated and seeded first) */
  readyTimeoutMs?: number;
  /** cases read back through the public API after each restart (all when undefined) */
  httpSample?: number;
  /** end with one more restart after an orderly stop, timed, to compare with the restarts after a kill */
  cleanRestart?: boolean;
  log?: (line: string) => void;
};

type CaseBody = {
  categoryId: string;
  descriptionTh: string;
  lat?: number;
  lon?: number;
  subdistrictCode?: string;
  addressTh: string;
  reporter: { anonymous: true } | { anonymous: false; name: string; phone: string; notify: false };
  consent: true;
};
export type AckCase = { round: number; id: string; publicRef: string; trackingCode: string; body: CaseBody };
export type AckNote = { round: number; caseId: string; eventId: string; textTh: string; visibility: "internal" | "public" };

/** The SQL checks of one state of the database; every count in `partial` must be 0. */
export type Verification = {
  cases: { acknowledged: number; found: number; missing: number; mismatched: number };
  notes: { acknowledged: number; found: number; missing: number; mismatched: number };
  partial: Record<string, number>;
  /** ids of the acknowledged writes not found, and of those found different from what was sent */
  lost: string[];
  changed: string[];
  examples: string[];
};

export type RoundResult = {
  round: number;
  killAfterMs: number;
  /** requests sent and not yet answered when SIGKILL went out */
  inFlightAtKill: number;
  acknowledged: { cases: number; notes: number };
  /** requests in flight at the kill that got no answer: each may or may not have happened */
  unanswered: number;
  /** of the unanswered reports, how many the database holds (whole: the partial checks cover every case) */
  unansweredReportsLanded: number;
  /** answers other than 2xx, by status (none expected) */
  refused: Record<string, number>;
  restartMs: number;
  /** after the restart: /ready, the staff session still valid, a new case accepted, acknowledged cases readable */
  afterRestart: { ready: boolean; sessionValid: boolean; acceptsWrites: boolean; readBack: number; readBackMissing: number };
  verify: Verification;
};

export type CrashReport = {
  engine: "pglite" | "postgres";
  launcher: string;
  firstStartMs: number;
  /** a restart after an orderly stop (SIGTERM), for comparison with the restarts after a kill */
  cleanRestartMs: number | null;
  rounds: RoundResult[];
  /** after the last restart and an orderly stop: every acknowledged write, on the database itself */
  final: Verification;
  /** missing and mismatched: distinct acknowledged writes; partial: the most partial writes any check found */
  totals: { acknowledged: { cases: number; notes: number }; found: { cases: number; notes: number }; missing: number; mismatched: number; partial: number; unanswered: number; restartMs: { min: number; median: number; max: number } };
  ok: boolean;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One server process; its output is kept (last lines) for the report when something fails. */
export class ServerProcess {
  private tail: string[] = [];
  readonly exited: Promise<void>;
  private constructor(
    readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim()) this.tail.push(line);
      if (this.tail.length > 200) this.tail.splice(0, this.tail.length - 200);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exited = new Promise((r) => child.once("exit", () => r()));
  }

  get output(): string {
    return this.tail.join("\n");
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the server and waits for /ready; `ms` is spawn to ready. */
  static async start(o: { launcher: Launcher; target: Target; env?: Record<string, string>; readyTimeoutMs?: number }): Promise<{ server: ServerProcess; ms: number }> {
    const port = await freePort();
    const t0 = performance.now();
    const child = spawn(o.launcher.command, o.launcher.args, {
      cwd: ROOT,
      env: {
        ...process.env,
        ...o.env,
        DATABASE_URL: o.target.kind === "postgres" ? o.target.databaseUrl : "",
        DATA_DIR: o.target.dataDir,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        DEMO: "true",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    const deadline = Date.now() + (o.readyTimeoutMs ?? 240_000);
    for (;;) {
      if (!server.alive) throw new Error(`the server exited during start-up (${child.exitCode ?? child.signalCode}):\n${server.output}`);
      try {
        if ((await fetch(`${server.url}/ready`)).ok) return { server, ms: performance.now() - t0 };
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) {
        await server.kill();
        throw new Error(`the server was not ready after ${o.readyTimeoutMs ?? 240_000} ms:\n${server.output}`);
      }
      await sleep(50);
    }
  }

  /** SIGKILL: no handler runs, nothing is flushed or closed. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM: the server's own orderly shutdown. */
  async stop(): Promise<void> {
    if (this.alive) this.child.kill("SIGTERM");
    await this.exited;
  }
}

// ─── the load ───

const MAE_SAI_SUBDISTRICTS = ["570901", "570902", "570903", "570904", "570905", "570906", "570908", "570909"];
const CATEGORIES = ["lighting", "drain", "road", "sidewalk", "tree", "cleanliness", "noise"];
const TEXTS = ["ไฟถนนดับทั้งซอย มืดมากตอนกลางคืน", "ท่อระบายน้ำอุดตัน น้ำขังหน้าบ้านหลังฝนตก", "ถนนเป็นหลุมลึก รถจักรยานยนต์ล้มบ่อย", "ทางเท้าแตกชำรุด ผู้สูงอายุเดินลำบาก", "กิ่งไม้ใหญ่หักพาดสายไฟหน้าตลาด", "ขยะไม่มีคนเก็บมาหลายวัน ส่งกลิ่นเหม็น", "เสียงเครื่องจักรจากโรงงานดังหลังเที่ยงคืน"];

/** The n-th citizen's report: a pin in Mae Sai or one of its subdistricts, anonymous or named. */
function caseBody(n: number, round: number): CaseBody {
  const byPin = n % 3 === 0;
  return {
    categoryId: CATEGORIES[n % CATEGORIES.length]!,
    descriptionTh: `${TEXTS[n % TEXTS.length]} (รอบ ${round} เรื่องที่ ${n})`,
    ...(byPin ? { lat: 20.4 + ((n * 7919) % 3000) / 100_000, lon: 99.87 + ((n * 104_729) % 2000) / 100_000 } : { subdistrictCode: MAE_SAI_SUBDISTRICTS[n % MAE_SAI_SUBDISTRICTS.length]! }),
    addressTh: `หมู่ ${(n % 12) + 1}`,
    reporter: n % 2 === 0 ? { anonymous: true } : { anonymous: false, name: `สมศรี ผู้แจ้ง${n}`, phone: `08${String(n).padStart(8, "0")}`, notify: false },
    consent: true,
  };
}

/** A distinct client address per request (X-Forwarded-For). */
const addressOf = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

type Session = { cookie: string; csrf: string };

async function login(url: string): Promise<Session> {
  const r = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": "10.255.0.1" }, body: JSON.stringify({ username: "district.maesai", password: "changwat-demo" }) });
  if (!r.ok) throw new Error(`login district.maesai: ${r.status} ${await r.text()}`);
  const cookie = String(r.headers.get("set-cookie")).split(";")[0]!;
  return { cookie, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

class Load {
  stopped = false;
  inFlight = 0;
  unanswered = 0;
  /** descriptions of the reports that got no answer: looked for afterwards (each either whole or absent) */
  unansweredReports: string[] = [];
  refused: Record<string, number> = {};
  cases: AckCase[] = [];
  notes: AckNote[] = [];
  private workers: Promise<void>[] = [];

  constructor(
    private readonly url: string,
    private readonly round: number,
    private readonly session: Session,
    private readonly counter: { n: number },
    /** every case acknowledged so far (earlier rounds included): what the staff write on */
    private readonly known: AckCase[],
  ) {}

  start(citizens: number, staff: number): void {
    for (let i = 0; i < citizens; i++) this.workers.push(this.citizen());
    for (let i = 0; i < staff; i++) this.workers.push(this.officer());
  }

  async finish(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers);
  }

  /** Sends one request; the answer's JSON on 2xx, null when refused, "unanswered" when no answer came. */
  private async send(path: string, body: unknown, headers: Record<string, string>): Promise<Record<string, unknown> | null | "unanswered"> {
    this.inFlight++;
    try {
      const r = await fetch(`${this.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
      const text = await r.text();
      if (r.status >= 200 && r.status < 300) return JSON.parse(text) as Record<string, unknown>;
      this.refused[r.status] = (this.refused[r.status] ?? 0) + 1;
      return null;
    } catch {
      this.unanswered++;
      return "unanswered";
    } finally {
      this.inFlight--;
    }
  }

  private async citizen(): Promise<void> {
    while (!this.stopped) {
      const n = ++this.counter.n;
      const body = caseBody(n, this.round);
      const a = await this.send("/api/v1/cases", body, { "x-forwarded-for": addressOf(n) });
      if (a && a !== "unanswered") {
        const ack: AckCase = { round: this.round, id: String(a.id), publicRef: String(a.publicRef), trackingCode: String(a.trackingCode), body };
        this.cases.push(ack);
        this.known.push(ack);
        continue;
      }
      if (a === "unanswered") this.unansweredReports.push(body.descriptionTh);
      if (!this.stopped) await sleep(20);
    }
  }

  private async officer(): Promise<void> {
    while (!this.stopped) {
      if (!this.known.length) {
        await sleep(20);
        continue;
      }
      const n = ++this.counter.n;
      const target = this.known[Math.floor(Math.random() * this.known.length)]!;
      const visibility = n % 2 === 0 ? "internal" : "public";
      const textTh = visibility === "internal" ? `บันทึกภายใน: ตรวจสอบพื้นที่แล้ว (รอบ ${this.round} ลำดับ ${n})` : `อำเภอแม่สายส่งเจ้าหน้าที่ลงพื้นที่แล้ว (รอบ ${this.round} ลำดับ ${n})`;
      const a = await this.send(`/api/v1/cases/${target.id}/events`, { textTh, visibility }, { cookie: this.session.cookie, "x-csrf-token": this.session.csrf, "x-forwarded-for": addressOf(n) });
      if (a && a !== "unanswered") this.notes.push({ round: this.round, caseId: target.id, eventId: String(a.id), textTh, visibility });
      else if (!this.stopped) await sleep(20);
    }
  }
}

// ─── the checks ───

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/**
 * What must hold after any crash. An intake writes, in one statement, the case, its reporter, its `received` and
 * `routed` timeline entries, its audit record and its two outbox entries (`case.created`, `case.routed`); a staff
 * note or update writes its timeline entry and audit record (and, when public, its outbox entry) in one transaction.
 * Each count is of cases (or rows) where one part exists without the others.
 */
export const PARTIAL_CHECKS: Record<string, string> = {
  casesWithoutReporter: `select count(*)::int as n from cases c where not c.is_demo and not exists (select 1 from case_reporters r where r.case_id = c.id)`,
  casesWithoutReceivedEvent: `select count(*)::int as n from cases c where not c.is_demo and not exists (select 1 from case_events e where e.case_id = c.id and e.kind = 'received')`,
  casesWithoutRoutedEvent: `select count(*)::int as n from cases c where not c.is_demo and not exists (select 1 from case_events e where e.case_id = c.id and e.kind = 'routed')`,
  casesWithoutAudit: `select count(*)::int as n from cases c where not c.is_demo and not exists (select 1 from audit_log a where a.entity_type = 'case' and a.entity_id = c.id and a.action = 'cases.case.submit')`,
  casesWithoutCreatedOutbox: `select count(*)::int as n from cases c where not c.is_demo and not exists (select 1 from webhook_events w where w.entity_type = 'case' and w.entity_id = c.id and w.type = 'case.created')`,
  casesWithoutRoutedOutbox: `select count(*)::int as n from cases c where not c.is_demo and not exists (select 1 from webhook_events w where w.entity_type = 'case' and w.entity_id = c.id and w.type = 'case.routed')`,
  reportersWithoutCase: `select count(*)::int as n from case_reporters r where not exists (select 1 from cases c where c.id = r.case_id)`,
  eventsWithoutCase: `select count(*)::int as n from case_events e where not exists (select 1 from cases c where c.id = e.case_id)`,
  outboxWithoutCase: `select count(*)::int as n from webhook_events w where w.entity_type = 'case' and not exists (select 1 from cases c where c.id = w.entity_id)`,
  auditWithoutCase: `select count(*)::int as n from audit_log a where a.entity_type = 'case' and a.action like 'cases.case.%' and not exists (select 1 from cases c where c.id = a.entity_id)`,
  staffEntriesWithoutAudit: `select count(*)::int as n from cases c where not c.is_demo and (select count(*) from case_events e where e.case_id = c.id and e.kind in ('note', 'update')) <> (select count(*) from audit_log a where a.entity_type = 'case' and a.entity_id = c.id and a.action in ('cases.case.note', 'cases.case.update'))`,
  updatesWithoutOutbox: `select count(*)::int as n from cases c where not c.is_demo and (select count(*) from case_events e where e.case_id = c.id and e.kind = 'update') <> (select count(*) from webhook_events w where w.entity_type = 'case' and w.entity_id = c.id and w.type = 'case.update')`,
};

type CaseRowCheck = { id: string; public_ref: string; category_id: string; description_th: string; subdistrict_code: string | null; district_code: string | null; lat: number | null; lon: number | null; address_th: string; anonymous: boolean | null; name: string | null; phone: string | null; tracking_hash: string | null };

/** Looks for every acknowledged write and runs the partial-write checks. */
export async function verify(db: Database, acks: { cases: AckCase[]; notes: AckNote[] }): Promise<Verification> {
  const examples: string[] = [];
  const note = (s: string) => void (examples.length < 10 && examples.push(s));
  const lost: string[] = [];
  const changed: string[] = [];
  let found = 0;
  let mismatched = 0;
  for (const part of chunks(acks.cases, 2000)) {
    const rows = await db.query<CaseRowCheck>(
      `select c.id, c.public_ref, c.category_id, c.description_th, c.subdistrict_code, c.district_code, c.lat, c.lon, c.address_th, r.anonymous, r.name, r.phone, r.tracking_hash
         from cases c left join case_reporters r on r.case_id = c.id
        where c.id in (select jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify(part.map((a) => a.id))],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of part) {
      const r = byId.get(a.id);
      if (!r) {
        lost.push(a.id);
        note(`missing case ${a.id} (${a.publicRef}, round ${a.round})`);
        continue;
      }
      found++;
      const b = a.body;
      const named = b.reporter.anonymous ? null : b.reporter;
      const wrong = [
        r.public_ref !== a.publicRef && "publicRef",
        r.category_id !== b.categoryId && "categoryId",
        r.description_th !== b.descriptionTh && "descriptionTh",
        r.address_th !== b.addressTh && "addressTh",
        r.district_code !== "5709" && "districtCode",
        b.subdistrictCode !== undefined && r.subdistrict_code !== b.subdistrictCode && "subdistrictCode",
        b.lat !== undefined && (Number(r.lat) !== b.lat || Number(r.lon) !== b.lon) && "pin",
        r.anonymous !== b.reporter.anonymous && "reporter.anonymous",
        (r.name ?? null) !== (named?.name ?? null) && "reporter.name",
        (r.phone ?? null) !== (named?.phone ?? null) && "reporter.phone",
        r.tracking_hash !== trackingHash(a.trackingCode) && "trackingCode",
      ].filter(Boolean);
      if (wrong.length) {
        mismatched++;
        changed.push(a.id);
        note(`case ${a.publicRef} differs from what was sent: ${wrong.join(", ")}`);
      }
    }
  }
  let notesFound = 0;
  let notesMismatched = 0;
  for (const part of chunks(acks.notes, 2000)) {
    const rows = await db.query<{ id: string; case_id: string; kind: string; visibility: string; text_th: string }>(`select id, case_id, kind, visibility, text_th from case_events where id in (select jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(part.map((a) => a.eventId))]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of part) {
      const r = byId.get(a.eventId);
      if (!r) {
        lost.push(a.eventId);
        note(`missing ${a.visibility} entry ${a.eventId} on case ${a.caseId} (round ${a.round})`);
        continue;
      }
      notesFound++;
      if (r.case_id !== a.caseId || r.text_th !== a.textTh || r.visibility !== a.visibility || r.kind !== (a.visibility === "public" ? "update" : "note")) {
        notesMismatched++;
        changed.push(a.eventId);
        note(`entry ${a.eventId} differs from what was sent`);
      }
    }
  }
  const partial: Record<string, number> = {};
  for (const [name, q] of Object.entries(PARTIAL_CHECKS)) {
    partial[name] = (await db.query<{ n: number }>(q))[0]!.n;
    if (partial[name]) note(`${name}: ${partial[name]}`);
  }
  return {
    cases: { acknowledged: acks.cases.length, found, missing: acks.cases.length - found, mismatched },
    notes: { acknowledged: acks.notes.length, found: notesFound, missing: acks.notes.length - notesFound, mismatched: notesMismatched },
    partial,
    lost,
    changed,
    examples,
  };
}

/**
 * Opens the database as it was left, for the checks. PGlite: a copy of the folder taken right after the kill (the
 * restarted server holds the folder itself; a folder copied from a dead process is what was on disk at the kill).
 */
export async function openForChecks(target: Target, snapshot?: string): Promise<Database> {
  if (target.kind === "postgres") return openPostgres(target.databaseUrl, { max: 2 });
  return openPglite({ dataDir: snapshot ?? target.dataDir });
}

/** After a restart: the officer's session (a write acknowledged before the crashes), a new case, and reads by reference. */
async function checkAfterRestart(url: string, session: Session, sample: AckCase[], counter: { n: number }): Promise<RoundResult["afterRestart"] & { probe?: AckCase }> {
  const ready = (await fetch(`${url}/ready`)).ok;
  const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie: session.cookie } })).json()) as { authenticated: boolean };
  const n = ++counter.n;
  const body = caseBody(n, -1);
  const r = await fetch(`${url}/api/v1/cases`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": addressOf(n) }, body: JSON.stringify(body) });
  const a = r.status === 201 ? ((await r.json()) as { id: string; publicRef: string; trackingCode: string }) : null;
  let readBackMissing = 0;
  for (const c of sample) {
    const p = await fetch(`${url}/api/v1/public/cases/${encodeURIComponent(c.publicRef)}`);
    const v = p.ok ? ((await p.json()) as { publicRef: string; categoryId: string }) : null;
    if (!v || v.publicRef !== c.publicRef || v.categoryId !== c.body.categoryId) readBackMissing++;
  }
  return { ready, sessionValid: me.authenticated === true, acceptsWrites: !!a, readBack: sample.length, readBackMissing, probe: a ? { round: -1, id: a.id, publicRef: a.publicRef, trackingCode: a.trackingCode, body } : undefined };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

/** Runs the rounds: start, load, SIGKILL at a random moment, snapshot, restart, check; returns the report. */
export async function runCrashRounds(o: CrashOptions): Promise<CrashReport> {
  const log = o.log ?? (() => {});
  const counter = { n: 0 };
  const acks: { cases: AckCase[]; notes: AckNote[] } = { cases: [], notes: [] };
  let { server, ms: firstStartMs } = await ServerProcess.start(o);
  log(`ready in ${Math.round(firstStartMs)} ms on ${o.target.kind}`);
  const rounds: RoundResult[] = [];
  try {
    const session = await login(server.url);
    for (let round = 1; round <= o.rounds; round++) {
      const load = new Load(server.url, round, session, counter, acks.cases);
      load.start(o.citizens, o.staff);
      const killAfterMs = Math.round(o.killAfterMs[0] + Math.random() * (o.killAfterMs[1] - o.killAfterMs[0]));
      await sleep(killAfterMs);
      // no new requests from here: the unanswered ones are those in flight at the kill
      load.stopped = true;
      const inFlightAtKill = load.inFlight;
      await server.kill();
      await load.finish();
      acks.notes.push(...load.notes);
      log(`round ${round}: killed after ${killAfterMs} ms with ${inFlightAtKill} requests in flight; ${load.cases.length} cases and ${load.notes.length} staff entries acknowledged, ${load.unanswered} unanswered`);
      // the folder as the kill left it (PGlite), before the restarted server recovers and writes to it
      let snapshot: string | undefined;
      if (o.target.kind === "pglite") {
        snapshot = `${o.target.dataDir}-after-kill-${round}`;
        fs.cpSync(o.target.dataDir, snapshot, { recursive: true });
      }
      const restarted = await ServerProcess.start(o);
      server = restarted.server;
      log(`round ${round}: restarted in ${Math.round(restarted.ms)} ms`);
      const sample = o.httpSample === undefined ? acks.cases : acks.cases.filter((_, i) => i % Math.max(1, Math.floor(acks.cases.length / o.httpSample!)) === 0).slice(0, o.httpSample);
      const { probe, ...afterRestart } = await checkAfterRestart(server.url, session, sample, counter);
      if (probe) acks.cases.push(probe);
      const db = await openForChecks(o.target, snapshot);
      let v: Verification;
      let landed: number;
      try {
        // the probe was written after the snapshot: looked for in the database itself below (PostgreSQL) or next round
        v = await verify(db, { cases: snapshot && probe ? acks.cases.slice(0, -1) : acks.cases, notes: acks.notes });
        landed = (await db.query<{ n: number }>(`select count(*)::int as n from cases where description_th in (select jsonb_array_elements_text($1::jsonb))`, [JSON.stringify(load.unansweredReports)]))[0]!.n;
      } finally {
        await db.close();
        if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true });
      }
      rounds.push({ round, killAfterMs, inFlightAtKill, acknowledged: { cases: load.cases.length, notes: load.notes.length }, unanswered: load.unanswered, unansweredReportsLanded: landed, refused: load.refused, restartMs: Math.round(restarted.ms), afterRestart, verify: v });
      log(`round ${round}: ${v.cases.found}/${v.cases.acknowledged} cases, ${v.notes.found}/${v.notes.acknowledged} staff entries found; ${landed} of ${load.unansweredReports.length} unanswered reports landed; partial ${Object.values(v.partial).reduce((s, x) => s + x, 0)}${v.examples.length ? `: ${v.examples.join("; ")}` : ""}`);
    }
  } catch (e) {
    const out = server.output;
    await server.kill();
    throw new Error(`${(e as Error).message}\n--- server output (last lines) ---\n${out}`);
  }
  // an orderly stop, then everything once more on the database itself (the last round's probe case included)
  await server.stop();
  const db = await openForChecks(o.target);
  let final: Verification;
  try {
    final = await verify(db, acks);
  } finally {
    await db.close();
  }
  log(`final: ${final.cases.found}/${final.cases.acknowledged} cases, ${final.notes.found}/${final.notes.acknowledged} staff entries found`);
  // for comparison: a restart after an orderly stop, on the same database at the same moment
  let cleanRestartMs: number | null = null;
  if (o.cleanRestart) {
    const clean = await ServerProcess.start(o);
    await clean.server.stop();
    cleanRestartMs = Math.round(clean.ms);
    log(`restart after an orderly stop: ${cleanRestartMs} ms`);
  }
  // each acknowledged write counted once however many checks missed it; partial: the worst check
  const checks = [...rounds.map((r) => r.verify), final];
  const missing = new Set(checks.flatMap((v) => v.lost)).size;
  const mismatched = new Set(checks.flatMap((v) => v.changed)).size;
  const partial = Math.max(...checks.map((v) => Object.values(v.partial).reduce((a, b) => a + b, 0)));
  const restarts = rounds.map((r) => r.restartMs);
  const healthy = rounds.every((r) => r.afterRestart.ready && r.afterRestart.sessionValid && r.afterRestart.acceptsWrites && r.afterRestart.readBackMissing === 0);
  return {
    engine: o.target.kind,
    launcher: o.launcher.label,
    firstStartMs: Math.round(firstStartMs),
    cleanRestartMs,
    rounds,
    final,
    totals: {
      acknowledged: { cases: acks.cases.length, notes: acks.notes.length },
      found: { cases: final.cases.found, notes: final.notes.found },
      missing,
      mismatched,
      partial,
      unanswered: rounds.reduce((s, r) => s + r.unanswered, 0),
      restartMs: { min: Math.min(...restarts), median: median(restarts), max: Math.max(...restarts) },
    },
    ok: missing === 0 && mismatched === 0 && partial === 0 && healthy && rounds.every((r) => r.acknowledged.cases > 0),
  };
}
