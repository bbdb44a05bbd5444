// Shared by bench/cases-*.ts: a scratch PostgreSQL database, complaint texts derived from the Traffy Fondue export
// (../shared/reference/complaints; REFERENCE_DIR overrides ../shared/reference), points in the five pilot provinces
// (dense in towns, denser at hot spots), intake bodies with repeats (so that duplicates are found), a bulk loader
// of cases (multi-row INSERTs over unnest), percentiles and the machine's description.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, fork } from "node:child_process";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import { mulberry32 } from "../src/platform/demo-random.js";
import { newId } from "../src/platform/ctx.js";
import { openPostgres, type Database } from "../src/platform/db/client.js";
import { searchText } from "../src/platform/thai/segment.js";
import { CATEGORIES, categoryForTraffyTypes } from "../src/modules/cases/categories.js";
import { redactPersonalData } from "../src/modules/cases/case-rules.js";
import { cellOf, districtPoint, locateDistrict } from "../src/modules/cases/locate.js";
import { parseTraffyCsv } from "../src/modules/cases/traffy-csv.js";

/** The five 2024 pilot provinces and their Thai names (the texts' Bangkok names are replaced by these). */
export const PILOTS = [
  { code: "57", nameTh: "เชียงราย" },
  { code: "34", nameTh: "อุบลราชธานี" },
  { code: "31", nameTh: "บุรีรัมย์" },
  { code: "40", nameTh: "ขอนแก่น" },
  { code: "76", nameTh: "เพชรบุรี" },
] as const;

/** A progress line on stderr (stdout carries the JSON result). */
export const log = (tag: string, msg: string) => process.stderr.write(`[${tag}] ${msg}\n`);
/** x rounded to d decimals. */
export const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The p-th percentile (nearest rank) of a list of numbers. */
export function pct(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** The machine and the time of the run, as docs/PERFORMANCE.md records them. */
export function machine(db?: { version?: string }): Record<string, unknown> {
  return {
    date: new Date().toISOString(),
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    postgres: db?.version,
  };
}

/** The 1-, 5- and 15-minute load averages now. */
export const loadAvg = () => os.loadavg().map((x) => round(x, 2));

// ---------------------------------------------------------------------------------------------------------------
// texts

export type Complaint = { text: string; categoryId: string };

/**
 * The Traffy Fondue complaints (Bangkok, May 2023) as provincial reports: comments of 10–1,000 characters,
 * Bangkok's name replaced by the province's, the category mapped from Traffy's types (else "other").
 */
export function loadComplaints(): Complaint[] {
  const dir = path.resolve(process.env.REFERENCE_DIR ?? "../shared/reference");
  const file = path.join(dir, "complaints", "traffy_fondue_2023-05-11_15.csv");
  const { rows } = parseTraffyCsv(fs.readFileSync(file, "utf8"));
  const out: Complaint[] = [];
  for (const r of rows) {
    const text = r.comment.trim();
    if (text.length < 10 || text.length > 1000) continue;
    out.push({ text, categoryId: categoryForTraffyTypes(r.types) ?? "other" });
  }
  if (out.length < 500) throw new Error(`Only ${out.length} usable complaints in ${file}`);
  return out;
}

const BANGKOK = /กรุงเทพมหานคร|กรุงเทพฯ|กรุงเทพ|กทม\.?/g;
/** The complaint as written in a province: Bangkok's names become the province's. */
export const inProvince = (text: string, provinceNameTh: string) => text.replace(BANGKOK, provinceNameTh);

// ---------------------------------------------------------------------------------------------------------------
// points

type Town = { provinceCode: string; districtCode: string; lat: number; lon: number; weight: number; spots: { lat: number; lon: number }[] };

/**
 * Where complaints come from: every district of the five provinces (its interior point), the provincial town
 * (district xx01) weighing 12 times a rural district, with 12 hot spots per district (markets, schools, junctions).
 */
export class PointSource {
  private towns: Town[] = [];
  private total = 0;
  constructor(private rnd: () => number) {
    for (const p of PILOTS) {
      for (let d = 1; d <= 99; d++) {
        const districtCode = `${p.code}${String(d).padStart(2, "0")}`;
        const at = districtPoint(districtCode);
        if (!at) continue;
        const weight = d === 1 ? 12 : 1;
        this.towns.push({ provinceCode: p.code, districtCode, lat: at.lat, lon: at.lon, weight, spots: [] });
        this.total += weight;
      }
    }
    for (const t of this.towns) for (let k = 0; k < 12; k++) t.spots.push(this.around(t, t.weight > 1 ? 1500 : 800));
  }

  private gauss(): number {
    const u = 1 - this.rnd();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.rnd());
  }

  /** A point near a centre (normal, sigma metres), inside the same province (retried otherwise). */
  private around(c: { lat: number; lon: number; provinceCode?: string }, sigma: number, provinceCode?: string): { lat: number; lon: number } {
    for (let tries = 0; ; tries++) {
      const lat = c.lat + (this.gauss() * sigma) / 111_320;
      const lon = c.lon + (this.gauss() * sigma) / (111_320 * Math.cos((c.lat * Math.PI) / 180));
      const hit = locateDistrict(lat, lon);
      if ((hit && (!provinceCode || hit.provinceCode === provinceCode)) || tries > 20) return { lat: round(lat, 6), lon: round(lon, 6) };
    }
  }

  /** A random complaint location: 20 % at a hot spot (sigma 60 m), 50 % in its district's town (1.5 km), 30 % spread (6 km). */
  next(): { provinceCode: string; lat: number; lon: number } {
    let x = this.rnd() * this.total;
    let t = this.towns[0]!;
    for (const c of this.towns) {
      x -= c.weight;
      if (x < 0) {
        t = c;
        break;
      }
    }
    const r = this.rnd();
    const at = r < 0.2 ? this.around(t.spots[Math.floor(this.rnd() * t.spots.length)]!, 60, t.provinceCode) : this.around(t, r < 0.7 ? 1500 : 6000, t.provinceCode);
    return { provinceCode: locateDistrict(at.lat, at.lon)?.provinceCode ?? t.provinceCode, ...at };
  }

  /** A point within about `meters` of another (a second report of the same thing). */
  near(p: { lat: number; lon: number }, meters: number): { lat: number; lon: number } {
    const a = this.rnd() * 2 * Math.PI;
    const m = this.rnd() * meters;
    return { lat: round(p.lat + (Math.sin(a) * m) / 111_320, 6), lon: round(p.lon + (Math.cos(a) * m) / (111_320 * Math.cos((p.lat * Math.PI) / 180)), 6) };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// intake bodies

const FIRST = ["สมชาย", "สมศรี", "วันเพ็ญ", "ประเสริฐ", "นงลักษณ์", "อนันต์", "พรทิพย์", "สุริยา", "กาญจนา", "ธีรพงษ์"];
const LAST = ["ใจดี", "ศรีสุข", "บุญมา", "แก้วมณี", "ทองคำ", "วงศ์ไทย", "สายทอง", "พรหมมา"];

/**
 * Bodies for POST /api/v1/cases as the web form sends them: a complaint text, its category, a pin; 60 % anonymous,
 * the others with a name and a phone (and sometimes an e-mail). 15 % repeat one of the last 2,000 reports within
 * 30 m (same text, or the same text with a short remark), so the duplicate check finds candidates.
 */
export class IntakeBodies {
  private recent: { text: string; categoryId: string; lat: number; lon: number; provinceName: string }[] = [];
  private rnd: () => number;
  private points: PointSource;
  constructor(
    private complaints: Complaint[],
    seed: number,
  ) {
    this.rnd = mulberry32(seed);
    this.points = new PointSource(this.rnd);
  }

  next(): Record<string, unknown> {
    const r = this.rnd;
    let c: { text: string; categoryId: string; lat: number; lon: number; provinceName: string };
    if (this.recent.length > 50 && r() < 0.15) {
      const prev = this.recent[Math.floor(r() * this.recent.length)]!;
      c = { ...prev, ...this.points.near(prev, 30), text: r() < 0.5 ? prev.text : `${prev.text} แจ้งซ้ำ ยังไม่ได้รับการแก้ไข` };
    } else {
      const k = this.complaints[Math.floor(r() * this.complaints.length)]!;
      const p = this.points.next();
      const provinceName = PILOTS.find((x) => x.code === p.provinceCode)?.nameTh ?? "เชียงราย";
      c = { text: inProvince(k.text, provinceName), categoryId: k.categoryId, lat: p.lat, lon: p.lon, provinceName };
      this.recent.push(c);
      if (this.recent.length > 2000) this.recent.shift();
    }
    const named = r() < 0.4;
    const name = `${FIRST[Math.floor(r() * FIRST.length)]} ${LAST[Math.floor(r() * LAST.length)]}`;
    const phone = `08${String(Math.floor(r() * 1e8)).padStart(8, "0")}`;
    const email = r() < 0.3 ? `reporter${Math.floor(r() * 1e6)}@example.com` : undefined;
    return {
      categoryId: c.categoryId,
      descriptionTh: c.text.slice(0, 4000),
      lat: c.lat,
      lon: c.lon,
      addressTh: `จังหวัด${c.provinceName}`,
      reporter: named ? { anonymous: false, name, phone, ...(email ? { email } : {}), notify: !!email } : { anonymous: true, notify: false },
      consent: true,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the database

export type Scratch = { db: Database; url: string; name: string; drop: () => Promise<void> };

/** A new UTF-8 database next to the one DATABASE_URL names (changwat_bench_<random>), dropped by drop(). */
export async function scratchPostgres(poolMax = 8): Promise<Scratch> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("Set DATABASE_URL=postgres://…/postgres (a scratch database is created next to it and dropped afterwards)");
  const name = `changwat_bench_${randomBytes(5).toString("hex")}`;
  const admin = await openPostgres(base, { max: 1 });
  await admin.exec(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
  await admin.close();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const db = await openPostgres(u.toString(), { max: poolMax });
  let dropped = false;
  return {
    db,
    url: u.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.close().catch(() => {});
      // BENCH_KEEP=1 keeps the database for EXPLAIN (drop it by hand afterwards)
      if (process.env.BENCH_KEEP) {
        log("bench", `kept database ${name}`);
        return;
      }
      const a = await openPostgres(base, { max: 1 });
      await a.exec(`drop database if exists ${name} with (force)`);
      await a.close();
    },
  };
}

/** PostgreSQL's version string (short) for the report. */
export async function pgVersion(db: Database): Promise<string> {
  return (await db.query<{ v: string }>("select split_part(version(), ' on ', 1) as v"))[0]!.v;
}

const DAY = 86_400_000;
const OPEN = ["received", "accepted", "in_progress", "reopened"];

/**
 * Bulk-loads `n` cases (not through the API): points from PointSource, texts from the complaints, received over
 * the `days` before `now` (evenly), public refs 1…n of case_ref_seq (moved on afterwards), statuses by age
 * (older cases mostly closed), routed to a random office of the province; optional public timeline events.
 * Multi-row INSERTs of `batch` rows built from unnest() arrays.
 */
export async function loadCases(
  db: Database,
  opts: { n: number; days: number; now: Date; seed: number; complaints: Complaint[]; events?: boolean; batch?: number; progress?: (done: number) => void },
): Promise<{ ms: number }> {
  const t0 = performance.now();
  const rnd = mulberry32(opts.seed);
  const points = new PointSource(rnd);
  const orgs = new Map<string, string[]>();
  for (const p of PILOTS) orgs.set(p.code, (await db.query<{ id: string }>(`select id from organizations where id like 'pro:${p.code}:%' order by id`)).map((r) => r.id));
  const catName = new Map(CATEGORIES.map((c) => [c.id, c.nameTh]));
  const sensitive = new Set(CATEGORIES.filter((c) => c.sensitive).map((c) => c.id));
  // segmenting Thai is ~0.1 ms a text: once per (province, complaint), not per row
  const docCache = new Map<string, string>();
  const redactCache = new Map<string, string>();
  const batch = opts.batch ?? 5000;
  const cols = ["id", "public_ref", "province_code", "district_code", "category_id", "channel", "description_th", "public_text", "address_th", "lat", "lon", "cell", "status", "assigned_org_id", "routed_by", "accept_due_at", "resolve_due_at", "accepted_at", "resolved_at", "closed_at", "search_text", "public_search_text", "received_at", "created_at", "updated_at"] as const;
  const types = ["text", "text", "text", "text", "text", "text", "text", "text", "text", "float8", "float8", "int8", "text", "text", "text", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "text", "text", "timestamptz", "timestamptz", "timestamptz"];
  const insertSql = `insert into cases (${cols.join(", ")}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(", ")})`;
  const eventSql = `insert into case_events (id, case_id, province_code, kind, visibility, to_status, text_th, data, actor_label_th, at) select a, b, c, d, 'public', e, f, '{}'::jsonb, g, h from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[]) as t(a, b, c, d, e, f, g, h)`;
  const span = opts.days * DAY;
  // as a bulk load would: secondary indexes dropped first and rebuilt at the end (the same definitions)
  const indexes = await db.query<{ name: string; def: string }>("select indexname as name, indexdef as def from pg_indexes where tablename in ('cases', 'case_events') and indexname not like '%_pkey'");
  for (const ix of indexes) await db.exec(`drop index ${ix.name}`);
  for (let start = 0; start < opts.n; start += batch) {
    const m = Math.min(batch, opts.n - start);
    const arr: unknown[][] = cols.map(() => new Array(m));
    const ev: unknown[][] = Array.from({ length: 8 }, () => [] as unknown[]);
    for (let j = 0; j < m; j++) {
      const k = start + j;
      const p = points.next();
      const where = locateDistrict(p.lat, p.lon);
      const provinceCode = where?.provinceCode ?? p.provinceCode;
      const prov = PILOTS.find((x) => x.code === provinceCode) ?? PILOTS[0];
      const ci = Math.floor(rnd() * opts.complaints.length);
      const c = opts.complaints[ci]!;
      const key = `${prov.code}:${ci}`;
      const text = inProvince(c.text, prov.nameTh);
      const receivedAt = new Date(opts.now.getTime() - span + ((k + rnd()) / opts.n) * span);
      const age = (opts.now.getTime() - receivedAt.getTime()) / DAY;
      const u = rnd();
      // recent cases are mostly open; after two months nearly all are resolved or closed
      const status = age < 14 ? (u < 0.45 ? "received" : u < 0.7 ? "accepted" : u < 0.85 ? "in_progress" : "resolved") : age < 60 ? (u < 0.1 ? "received" : u < 0.25 ? "in_progress" : u < 0.6 ? "resolved" : "closed") : u < 0.03 ? OPEN[Math.floor(rnd() * 4)]! : u < 0.15 ? "resolved" : "closed";
      const yy = String(receivedAt.getUTCFullYear() + 543).slice(2);
      const ref = `${provinceCode}-${yy}-${String(k + 1).padStart(6, "0")}`;
      let doc = docCache.get(key);
      if (doc === undefined) {
        doc = searchText(catName.get(c.categoryId), text);
        docCache.set(key, doc);
      }
      let publicText = redactCache.get(key);
      if (publicText === undefined) {
        publicText = redactPersonalData(text);
        redactCache.set(key, publicText);
      }
      const orgList = orgs.get(provinceCode) ?? [];
      const org = orgList.length ? orgList[Math.floor(rnd() * orgList.length)]! : null;
      const id = newId(receivedAt.getTime());
      const acc = status === "received" ? null : new Date(receivedAt.getTime() + (2 + rnd() * 40) * 3_600_000);
      const res = status === "resolved" || status === "closed" ? new Date(receivedAt.getTime() + (1 + rnd() * 12) * DAY) : null;
      const row = [id, ref, provinceCode, where?.districtCode ?? null, c.categoryId, rnd() < 0.8 ? "web" : "hotline_1567", text, publicText, "", p.lat, p.lon, cellOf(p.lat, p.lon), status, org, "rule", new Date(receivedAt.getTime() + DAY), new Date(receivedAt.getTime() + 15 * DAY), acc, res, status === "closed" ? res : null, `${ref} ${doc}`, sensitive.has(c.categoryId) ? "" : doc, receivedAt, receivedAt, res ?? acc ?? receivedAt];
      for (let q = 0; q < cols.length; q++) arr[q]![j] = row[q];
      if (opts.events) {
        for (const [kind, txt, st] of [["received", "รับเรื่องทางเว็บไซต์", "received"], ["routed", "ส่งเรื่องถึงหน่วยงาน", null]] as const) {
          ev[0]!.push(newId(receivedAt.getTime()));
          ev[1]!.push(id);
          ev[2]!.push(provinceCode);
          ev[3]!.push(kind);
          ev[4]!.push(st);
          ev[5]!.push(txt);
          ev[6]!.push(kind === "received" ? "ผู้แจ้ง" : "ระบบ");
          ev[7]!.push(receivedAt);
        }
      }
    }
    await db.query(insertSql, arr);
    if (opts.events) await db.query(eventSql, ev);
    opts.progress?.(start + m);
  }
  if (db.pool) {
    const c = await db.pool.connect();
    try {
      await c.query("set maintenance_work_mem = '256MB'");
      for (const ix of indexes) await c.query(ix.def);
    } finally {
      c.release();
    }
  } else for (const ix of indexes) await db.exec(ix.def);
  await db.exec(`select setval('case_ref_seq', ${opts.n + 1})`);
  await db.exec("analyze cases");
  await db.exec("analyze case_events");
  return { ms: performance.now() - t0 };
}

// ---------------------------------------------------------------------------------------------------------------
// the server under test (a child process, so that the load generator does not share its event loop)

export type ServerKind = "app" | "bare";

/** Starts bench/cases-server.ts (the real app or the bare endpoints) in a child process; resolves with its URL. */
export async function startServer(kind: ServerKind, databaseUrl: string, env: Record<string, string> = {}): Promise<{ url: string; stop: () => Promise<void>; pid: number }> {
  const child = fork(path.join(import.meta.dirname, "cases-server.ts"), [kind], {
    execArgv: ["--import", "tsx", ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: "50", CASES_INTAKE_LIMIT: "1000000", JOBS: "off", ...env },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m: { port?: number }) => (m.port ? resolve(m.port) : reject(new Error(JSON.stringify(m)))));
    child.once("exit", (code) => reject(new Error(`bench server (${kind}) exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const isExecutable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
};

/**
 * The pgbench to run: PGBENCH when set; else `pgbench` on PATH (on Debian and Ubuntu, postgresql-common's wrapper,
 * which runs the installed version's); else the newest /usr/lib/postgresql/<version>/bin/pgbench. Throws, saying
 * what to install, when there is none.
 */
export function findPgbench(): string {
  const onPath = (name: string) => (process.env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, name)).find(isExecutable);
  const given = process.env.PGBENCH;
  if (given) {
    const file = given.includes("/") ? (isExecutable(given) ? given : undefined) : onPath(given);
    if (!file) throw new Error(`PGBENCH=${given} is not an executable file`);
    return file;
  }
  const found = onPath("pgbench");
  if (found) return found;
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const file = path.join(root, v, "bin", "pgbench");
    if (isExecutable(file)) return file;
  }
  throw new Error(
    `pgbench not found (not on PATH, nor in ${root}/*/bin). It comes with PostgreSQL (Debian/Ubuntu: the server package, e.g. apt-get install postgresql), or set PGBENCH=/path/to/pgbench.`,
  );
}

/** Runs a command and returns its stdout (for pgbench). */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

// ---------------------------------------------------------------------------------------------------------------
// the load generator (autocannon 9, which ships no types)

type AutocannonResult = {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p97_5: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
};
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: object) => Promise<AutocannonResult>;

/** CPU seconds (user + system, or system alone) used so far by a process, from /proc (Linux; 0 elsewhere). */
export function cpuSeconds(pid: number, only?: "system"): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((only ? 0 : Number(f[11])) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every PostgreSQL process of the machine (other users' queries included). */
export function postgresCpuSeconds(): number {
  let sum = 0;
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, "utf8").trim() === "postgres") sum += cpuSeconds(Number(d));
    } catch {
      /* gone */
    }
  }
  return sum;
}

export type Drive = { serverCpuMsPerRequest?: number; serverSystemCpuMsPerRequest?: number; postgresCpuMsPerRequest?: number; rps: number; requests: number; p50: number; p90: number; p99: number; max: number; mean: number; non2xx: number; errors: number; statusCodes: Record<string, number> };

/**
 * Drives `url` with autocannon at `connections` connections for `seconds` (after `warmupSeconds` of the same load,
 * not counted), each request made by `next()` (method, path, JSON body). Latencies in ms.
 */
export async function drive(url: string, opts: { serverPid?: number; connections: number; seconds: number; warmupSeconds: number; next: () => { method: "GET" | "POST"; path: string; body?: unknown } }): Promise<Drive> {
  const request = {
    setupRequest: (req: Record<string, unknown>) => {
      const r = opts.next();
      return { ...req, method: r.method, path: r.path, ...(r.body === undefined ? {} : { body: JSON.stringify(r.body), headers: { "content-type": "application/json" } }) };
    },
  };
  if (opts.warmupSeconds > 0) await autocannon({ url, connections: opts.connections, duration: opts.warmupSeconds, requests: [request] });
  const cpu0 = opts.serverPid ? cpuSeconds(opts.serverPid) : 0;
  const sys0 = opts.serverPid ? cpuSeconds(opts.serverPid, "system") : 0;
  const pg0 = postgresCpuSeconds();
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, requests: [request] });
  const perReq = (sec: number) => round((sec * 1000) / Math.max(1, r.requests.total), 3);
  return {
    ...(opts.serverPid ? { serverCpuMsPerRequest: perReq(cpuSeconds(opts.serverPid) - cpu0), serverSystemCpuMsPerRequest: perReq(cpuSeconds(opts.serverPid, "system") - sys0) } : {}),
    postgresCpuMsPerRequest: perReq(postgresCpuSeconds() - pg0),
    rps: round(r.requests.total / r.duration, 1),
    requests: r.requests.total,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    mean: round(r.latency.average, 2),
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}
