// npx tsx bench/delegation-authority.ts — the authority check (issue 4) against 100,000 delegation instruments.
//   PGlite (default): a new database in a temp folder, removed afterwards.
//   PostgreSQL: DATABASE_URL=postgres://changwat:changwat@127.0.0.1:5432/changwat_ci npx tsx bench/delegation-authority.ts
//     creates a scratch database next to the one named (UTF-8, C.UTF-8), drops it afterwards.
// Env: BENCH_QUERIES (default 5000), BENCH_INSTRUMENTS (default 100000).
//
// 1. migrates the database and seeds reference data and the powers catalogue as the app does (prepareDatabase,
//    no demo);
// 2. generates, from a seeded PRNG, a nation's worth of instruments: all 76 CEO provinces × the 36 catalogue powers,
//    re-issued every fiscal year FY 2563–2570 (most are expired on the bench's "today", 22 Nov 2026), chains from
//    the central authority to the governor (or through a department head to every governor, nation-wide) and on to
//    a vice governor and the chiefs of real districts, caps narrowing down the chain, some revoked (with cascade)
//    and re-issued; inserted with multi-row INSERTs; then it proves the chain rules hold — for every row in SQL
//    (root_id, depth, area, amount, dates) and with chainViolations() from rules.ts on a sample;
// 3. measures checkAuthority (the real use case, anonymous actor) on random queries after a warm-up, sequentially
//    and 4 at a time, and getProvincePowers; EXPLAIN ANALYZE of the candidate query. Prints JSON.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PerformanceObserver } from "node:perf_hooks";
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import { anonymousActor } from "../src/platform/auth/actor.js";
import { mulberry32 } from "../src/platform/demo-random.js";
import { addDays } from "../src/platform/thai/dates.js";
import { newRequestId, type Ctx } from "../src/platform/ctx.js";
import { openPglite, openPostgres, type Database } from "../src/platform/db/client.js";
import { createScopeResolver } from "../src/modules/registry/index.js";
import { prepareDatabase } from "../src/server/bootstrap.js";
import { checkAuthority } from "../src/modules/delegation/index.js";
import { getProvincePowers } from "../src/modules/delegation/get-province-powers.js";
import { capOf, chainViolations, delegateLabel, instrumentsFor, mustGetPower, type Names } from "../src/modules/delegation/rules.js";
import { loadNames } from "../src/modules/delegation/presenters.js";
import { delegations, powers } from "../src/modules/delegation/tables.js";
import { emitResult } from "./result.js";

const TARGET = Number(process.env.BENCH_INSTRUMENTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 5_000);
const WARMUP = 500;
const PROVINCE_POWERS_CALLS = 300;
const SAMPLE = 2_000;
const SEED = 0xde1e_6a7e;
const GOAL_P95_MS = 10;
/** The bench's clock, as the tests': 22 Nov 2026, 10:00 Bangkok (fiscal year 2570 has just begun). */
const NOW = new Date("2026-11-22T03:00:00Z");
const FIRST_FY = 2563; // 1 Oct 2019 – 30 Sep 2020
const LAST_FY = 2570; // 1 Oct 2026 – 30 Sep 2027

const rnd = mulberry32(SEED);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const chance = (p: number) => rnd() < p;
const log = (msg: string) => process.stderr.write(`[delegation-bench] ${msg}\n`);

const fyStart = (fy: number) => `${fy - 544}-10-01`;
const fyEnd = (fy: number) => `${fy - 543}-09-30`;
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => Math.round(x * 100) / 100;

// ---------------------------------------------------------------------------------------------------------------
// the database

type Opened = { db: Database; drop: () => Promise<void>; where: string };

async function openScratch(): Promise<Opened> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `changwat_bench_${randomBytes(5).toString("hex")}`;
    const admin = await openPostgres(url, { max: 1 });
    await admin.exec(`create database ${name} template template0 encoding 'UTF8' lc_ctype 'C.UTF-8' lc_collate 'C.UTF-8'`);
    await admin.close();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openPostgres(u.toString(), { max: 4 });
    return {
      db,
      where: `PostgreSQL scratch database ${name}`,
      drop: async () => {
        await db.close();
        const a = await openPostgres(url, { max: 1 });
        await a.exec(`drop database if exists ${name}`);
        await a.close();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "changwat-bench-deleg-"));
  const db = await openPglite({ dataDir: dir });
  return {
    db,
    where: `PGlite in ${dir}`,
    drop: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ctxOf = (db: Database): Ctx => ({ db: db.db, actor: anonymousActor, now: () => NOW, requestId: newRequestId(), scopes: createScopeResolver(db.db) });

// ---------------------------------------------------------------------------------------------------------------
// the generated nation

type Row = typeof delegations.$inferInsert & {
  id: string;
  parentId: string | null;
  rootId: string;
  depth: number;
  provinceCode: string | null;
  districtCode: string | null;
  amountCap: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  instrumentDate: string;
  maySubdelegate: boolean;
  revokedFrom: string | null;
  cascadedFromId: string | null;
};

type PowerPlan = {
  code: string;
  centralOrgId: string;
  /** "provincial": a root per province to its governor; "nation": one root to every governor; "via-agency": central → head of a department → every governor */
  shape: "provincial" | "nation" | "via-agency";
  agencyOrgId?: string;
  /** the governor's cap (baht), null = none */
  cap: number | null;
  /** first fiscal year it was delegated */
  since: number;
  /** last fiscal year it was delegated (then it went back to the centre) */
  until: number;
  /** every district chief of the province receives it (registrar-like powers) */
  allDistricts: boolean;
  /** relative weight of onward delegation to (some) district chiefs */
  districtAffinity: number;
  /** open-ended (never re-issued) nation-wide instrument since this date */
  openEndedSince?: string;
};

const VIA_AGENCY: Record<string, string> = { "P-BUD-001": "moi.dopa", "P-PRC-001": "moi.ops", "P-PRC-002": "moi.ops" };
const NATION: Record<string, string | null> = { "P-BUD-005": "2008-10-01", "P-HR-001": "2003-10-01", "P-HR-003": null };
const CAPS: Record<string, number> = {
  "P-PRC-001": 100_000_000, "P-PRC-002": 10_000_000, "P-PRC-003": 500_000, "P-PRC-004": 100_000, "P-PRC-006": 50_000_000, "P-PRC-007": 50_000_000,
  "P-BUD-001": 20_000_000, "P-BUD-002": 50_000_000, "P-BUD-003": 10_000_000, "P-BUD-004": 30_000_000, "P-ADM-019": 20_000_000, "P-ADM-015": 5_000_000,
};
const ALL_DISTRICTS = new Set(["P-ADM-004", "P-ADM-010", "P-ADM-018"]);
/** delegated for a few years only, then back to the centre (so that recent checks answer "central") */
const UNTIL: Record<string, number> = { "P-BUD-003": 2565, "P-ADM-017": 2564 };

class Nation {
  rows: Row[] = [];
  private seq = 0;
  private byId = new Map<string, Row>();
  children = new Map<string, Row[]>();
  constructor(
    private names: Names,
    private orgNames: Map<string, { nameTh: string; nameEn: string }>,
  ) {}

  private newId(date: string): string {
    // UUIDv7-shaped (as newId() makes them): the instrument date's milliseconds, then PRNG bits
    const ts = Date.parse(`${date}T00:00:00Z`).toString(16).padStart(12, "0");
    const r = Array.from({ length: 20 }, () => int(0, 15).toString(16)).join("");
    this.seq++;
    return `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7${r.slice(0, 3)}-${"89ab"[int(0, 3)]}${r.slice(3, 6)}-${r.slice(6, 18)}`;
  }

  add(r: Omit<Row, "id" | "parentId" | "rootId" | "depth" | "delegatorLabelTh" | "delegatorLabelEn" | "delegatorOrgId" | "areaId" | "createdBy" | "revokedFrom" | "cascadedFromId" | "isDemo">, parent: Row | null, centralOrgId: string): Row {
    const id = this.newId(r.instrumentDate);
    let label: { th: string; en: string };
    if (parent) {
      const at = parent.provinceCode === null && r.provinceCode ? { ...parent, provinceCode: r.provinceCode } : parent;
      label = delegateLabel({ delegateRole: at.delegateRole, delegateOrgId: at.delegateOrgId ?? null, provinceCode: at.provinceCode, districtCode: at.districtCode }, this.names);
    } else {
      const org = this.orgNames.get(centralOrgId);
      label = { th: org?.nameTh ?? centralOrgId, en: org?.nameEn ?? centralOrgId };
    }
    const row: Row = {
      ...r,
      id,
      parentId: parent?.id ?? null,
      rootId: parent?.rootId ?? id,
      depth: parent ? parent.depth + 1 : 0,
      delegatorOrgId: parent ? null : centralOrgId,
      delegatorLabelTh: label.th,
      delegatorLabelEn: label.en,
      areaId: r.districtCode ? `district:${r.districtCode}` : r.provinceCode ? `province:${r.provinceCode}` : null,
      revokedFrom: null,
      cascadedFromId: null,
      createdBy: "bench",
      isDemo: false,
      createdAt: NOW,
      updatedAt: NOW,
    };
    this.rows.push(row);
    this.byId.set(id, row);
    if (parent) {
      const list = this.children.get(parent.id) ?? [];
      list.push(row);
      this.children.set(parent.id, list);
    }
    return row;
  }

  subtree(r: Row): Row[] {
    const out: Row[] = [];
    const stack = [r];
    while (stack.length) {
      const x = stack.pop()!;
      out.push(x);
      stack.push(...(this.children.get(x.id) ?? []));
    }
    return out;
  }

  /** As revokeDelegation does: the instrument and its whole subtree stop from `from` (unless revoked earlier). */
  revoke(r: Row, from: string, reason: string) {
    for (const x of this.subtree(r)) {
      if (x.revokedFrom !== null && x.revokedFrom <= from) continue;
      x.revokedFrom = from;
      x.revokedAt = new Date(`${from}T03:00:00Z`);
      x.revokeReasonTh = reason;
      x.cascadedFromId = x.id === r.id ? null : r.id;
    }
  }
}

/** A cap a little narrower than the delegator's (or none when the delegator has none, mostly). */
function narrower(parentCap: string | null, shares: readonly number[], fresh: number | null): string | null {
  if (parentCap === null) return fresh === null ? null : fresh.toFixed(2);
  return Math.max(1, Math.round(Number(parentCap) * pick(shares))).toFixed(2);
}

function generate(nation: Nation, plans: PowerPlan[], provinces: { code: string; nameTh: string }[], districtsOf: Map<string, string[]>, orgAbbr: (org: string) => string) {
  const no = (issuer: string, n: number, fy: number) => `${issuer} ที่ ${n}/${fy}`;
  let orderSeq = 0;
  /** governor and vice governor instruments that may be delegated onward to district chiefs, per chain (power × province × year) */
  const chains: { plan: PowerPlan; province: string; provinceNameTh: string; fy: number; parents: Row[]; used: Set<string> }[] = [];
  const provincialRoots: Row[] = [];
  const vices: Row[] = [];

  for (const plan of plans) {
    // the nation-wide part: every governor holds it (through a department head for via-agency powers)
    const nationGov = new Map<number, Row>();
    if (plan.shape !== "provincial") {
      if (plan.openEndedSince) {
        const g = nation.add({ powerCode: plan.code, delegateRole: "governor", delegateOrgId: null, provinceCode: null, districtCode: null, amountCap: plan.cap?.toFixed(2) ?? null, instrumentNo: no(`คำสั่ง${orgAbbr(plan.centralOrgId)}`, int(1, 40), Number(plan.openEndedSince.slice(0, 4)) + 543), instrumentDate: plan.openEndedSince, effectiveFrom: plan.openEndedSince, effectiveTo: null, maySubdelegate: true, conditionsTh: "" }, null, plan.centralOrgId);
        for (let fy = FIRST_FY; fy <= LAST_FY; fy++) nationGov.set(fy, g);
      } else {
        for (let fy = plan.since; fy <= plan.until; fy++) {
          const from = addDays(fyStart(fy), int(0, 5));
          let parent: Row | null = null;
          if (plan.shape === "via-agency") {
            parent = nation.add({ powerCode: plan.code, delegateRole: "agency_head", delegateOrgId: plan.agencyOrgId!, provinceCode: null, districtCode: null, amountCap: plan.cap === null ? null : (plan.cap * 2).toFixed(2), instrumentNo: no(`คำสั่ง${orgAbbr(plan.centralOrgId)}`, int(1, 90), fy), instrumentDate: addDays(from, -int(0, 10)), effectiveFrom: from, effectiveTo: fyEnd(fy), maySubdelegate: true, conditionsTh: "" }, null, plan.centralOrgId);
          }
          const gFrom = parent ? addDays(from, int(0, 10)) : from;
          nationGov.set(fy, nation.add({ powerCode: plan.code, delegateRole: "governor", delegateOrgId: null, provinceCode: null, districtCode: null, amountCap: narrower(parent?.amountCap ?? null, [0.5, 1], plan.cap), instrumentNo: no(parent ? `คำสั่ง${orgAbbr(plan.agencyOrgId!)}` : `คำสั่ง${orgAbbr(plan.centralOrgId)}`, int(1, 120), fy), instrumentDate: gFrom, effectiveFrom: gFrom, effectiveTo: fyEnd(fy), maySubdelegate: true, conditionsTh: "" }, parent, plan.centralOrgId));
        }
      }
    }
    for (const p of provinces) {
      // some provinces were given the power a year or two later than others
      const since = Math.min(plan.until, plan.since + (chance(0.2) ? int(1, 2) : 0));
      for (let fy = since; fy <= plan.until; fy++) {
        if (chance(0.04)) continue; // not re-issued that year: it went back to the centre
        let gov: Row;
        if (plan.shape === "provincial") {
          const from = addDays(fyStart(fy), int(0, 14));
          gov = nation.add({ powerCode: plan.code, delegateRole: "governor", delegateOrgId: null, provinceCode: p.code, districtCode: null, amountCap: plan.cap === null ? null : (plan.cap * (fy >= 2567 ? 1.5 : 1)).toFixed(2), instrumentNo: no(`คำสั่ง${orgAbbr(plan.centralOrgId)}`, ++orderSeq % 900 + 1, fy), instrumentDate: addDays(from, -int(0, 7)), effectiveFrom: from, effectiveTo: fyEnd(fy), maySubdelegate: plan.allDistricts || plan.districtAffinity > 0 ? chance(0.9) : chance(0.5), conditionsTh: "" }, null, plan.centralOrgId);
          provincialRoots.push(gov);
        } else {
          gov = nationGov.get(fy)!;
          if (!gov) continue;
        }
        const parents: Row[] = [];
        if (gov.maySubdelegate) parents.push(gov);
        // the governor delegates onward to a vice governor in most provinces
        if (gov.maySubdelegate && chance(0.75)) {
          const from = maxDate(gov.effectiveFrom, addDays(fyStart(fy), int(3, 30)));
          const vice = nation.add({ powerCode: plan.code, delegateRole: "vice_governor", delegateOrgId: null, provinceCode: p.code, districtCode: null, amountCap: narrower(gov.amountCap, [0.5, 0.4, 0.2], null), instrumentNo: no(`คำสั่งจังหวัด${p.nameTh}`, int(1, 4000), fy), instrumentDate: from, effectiveFrom: from, effectiveTo: minDate(gov.effectiveTo ?? fyEnd(fy), fyEnd(fy)), maySubdelegate: chance(0.4), conditionsTh: "" }, gov, plan.centralOrgId);
          vices.push(vice);
          if (vice.maySubdelegate) parents.push(vice);
        }
        if (parents.length === 0) continue;
        const chain = { plan, province: p.code, provinceNameTh: p.nameTh, fy, parents, used: new Set<string>() };
        chains.push(chain);
        if (plan.allDistricts) for (const d of districtsOf.get(p.code) ?? []) addDistrict(chain, d);
      }
    }
  }

  function addDistrict(chain: (typeof chains)[number], districtCode: string) {
    // never under a revoked instrument (the top-up after the revocations)
    const open = chain.parents.filter((p) => p.revokedFrom === null);
    if (open.length === 0) return;
    const parent = open.length > 1 && chance(0.4) ? open[1]! : open[0]!;
    const from = maxDate(parent.effectiveFrom, addDays(fyStart(chain.fy), int(5, 60)));
    const to = minDate(parent.effectiveTo ?? fyEnd(chain.fy), fyEnd(chain.fy));
    if (from > to) return;
    chain.used.add(districtCode);
    nation.add({ powerCode: chain.plan.code, delegateRole: "district_chief", delegateOrgId: null, provinceCode: chain.province, districtCode, amountCap: narrower(parent.amountCap, [0.1, 0.05, 0.2], chance(0.3) ? 500_000 : null), instrumentNo: no(`คำสั่งจังหวัด${chain.provinceNameTh}`, int(1, 4000), chain.fy), instrumentDate: from, effectiveFrom: from, effectiveTo: to, maySubdelegate: false, conditionsTh: chance(0.2) ? "เฉพาะเรื่องในเขตอำเภอ และรายงานจังหวัดทุกเดือน" : "" }, parent, chain.plan.centralOrgId);
  }

  // onward delegation to some district chiefs, weighted by power, until the nation has exactly TARGET instruments
  const weighted = chains.filter((c) => !c.plan.allDistricts && c.plan.districtAffinity > 0).flatMap((c) => Array.from({ length: c.plan.districtAffinity }, () => c));
  const replacements = Math.round(provincialRoots.length * 0.02); // room for the re-issued roots (about 1 %)
  const room = TARGET - nation.rows.length - replacements;
  if (room < 0) throw new Error(`the skeleton alone has ${nation.rows.length} instruments (> ${TARGET})`);
  let guard = 0;
  while (nation.rows.length < TARGET - replacements && guard++ < 10_000_000) {
    const c = pick(weighted);
    const all = districtsOf.get(c.province) ?? [];
    if (c.used.size >= all.length) continue;
    const d = pick(all);
    if (!c.used.has(d)) addDistrict(c, d);
  }

  // revocations: 2 % of the provincial roots (cascading), 1 % of vice governors' and district chiefs' instruments;
  // half the revoked roots were re-issued for the rest of the year
  const reason = "ยกเลิกคำสั่งเดิม เพื่อออกคำสั่งฉบับใหม่ (ข้อมูลทดสอบสมรรถนะ)";
  const revokeSome = (list: Row[], share: number) => {
    const out: Row[] = [];
    for (const r of list) {
      if (!chance(share) || r.revokedFrom !== null) continue;
      // after every onward instrument beneath it was issued, before it would have expired
      const latestIssue = nation.subtree(r).reduce((m, x) => maxDate(m, x.instrumentDate), r.instrumentDate);
      const end = r.effectiveTo ?? fyEnd(LAST_FY);
      const from = addDays(latestIssue, int(1, 200));
      if (from > end) continue;
      nation.revoke(r, from, reason);
      out.push(r);
    }
    return out;
  };
  const revokedRoots = revokeSome(provincialRoots, 0.02);
  revokeSome(vices, 0.01);
  revokeSome(nation.rows.filter((r) => r.delegateRole === "district_chief"), 0.01);
  for (const r of revokedRoots) {
    if (nation.rows.length >= TARGET) break;
    if (!chance(0.5)) continue;
    const fy = Number(r.effectiveTo!.slice(0, 4)) + 543;
    nation.add({ powerCode: r.powerCode, delegateRole: "governor", delegateOrgId: null, provinceCode: r.provinceCode, districtCode: null, amountCap: r.amountCap, instrumentNo: no(`คำสั่ง${orgAbbr(r.delegatorOrgId!)}`, int(1, 900), fy), instrumentDate: r.revokedFrom!, effectiveFrom: r.revokedFrom!, effectiveTo: r.effectiveTo, maySubdelegate: false, conditionsTh: "ออกแทนคำสั่งที่ถูกยกเลิก" }, null, r.delegatorOrgId!);
  }
  // top up (few) so that the count is exact
  guard = 0;
  while (nation.rows.length < TARGET) {
    if (guard++ > 10_000_000) throw new Error("could not top up to the target");
    const c = pick(weighted);
    const all = districtsOf.get(c.province) ?? [];
    const d = pick(all);
    if (!c.used.has(d)) addDistrict(c, d);
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  const { db, drop, where } = await openScratch();
  log(`preparing ${where}`);
  const result: Record<string, unknown> = {};
  try {
    const tPrep = performance.now();
    await prepareDatabase(db, { demo: false, now: () => NOW });
    const prepareMs = performance.now() - tPrep;

    // reference data the generator needs
    const provinces = await db.query<{ code: string; name_th: string; name_en: string }>(`select code, name_th, name_en from areas where classification = 'province' and coalesce(attributes->>'ceo', 'true') <> 'false' order by code`);
    const districts = await db.query<{ code: string; province_code: string; name_th: string; name_en: string }>(`select code, province_code, name_th, name_en from areas where classification = 'district' and province_code in (select code from areas where classification = 'province' and coalesce(attributes->>'ceo', 'true') <> 'false') and valid_to is null order by code`);
    const catalogue = await db.db.select().from(powers).orderBy(powers.code);
    const orgIds = [...new Set([...catalogue.map((p) => p.centralOrgId), ...Object.values(VIA_AGENCY)])];
    const orgs = await db.query<{ id: string; name_th: string; name_en: string }>(`select id, name_th, name_en from organizations where id = any($1)`, [orgIds]);
    const orgNames = new Map(orgs.map((o) => [o.id, { nameTh: o.name_th, nameEn: o.name_en }]));
    const provinceNames = new Map(provinces.map((p) => [p.code, { nameTh: p.name_th, nameEn: p.name_en }]));
    const districtNames = new Map(districts.map((d) => [d.code, { nameTh: d.name_th, nameEn: d.name_en }]));
    const names: Names = { province: (c) => provinceNames.get(c), district: (c) => districtNames.get(c), org: (id) => orgNames.get(id) };
    const districtsOf = new Map<string, string[]>();
    for (const d of districts) districtsOf.set(d.province_code, [...(districtsOf.get(d.province_code) ?? []), d.code]);
    const orgAbbr = (id: string) => orgNames.get(id)?.nameTh ?? id;
    if (provinces.length !== 76) throw new Error(`expected 76 CEO provinces, found ${provinces.length}`);
    if (catalogue.length !== 36) throw new Error(`expected 36 powers in the catalogue, found ${catalogue.length}`);

    // the plan of each power
    const plans: PowerPlan[] = catalogue.map((p) => {
      const shape = VIA_AGENCY[p.code] ? "via-agency" : p.code in NATION ? "nation" : "provincial";
      const isHr = p.area === "personnel";
      return {
        code: p.code,
        centralOrgId: p.centralOrgId,
        shape,
        agencyOrgId: VIA_AGENCY[p.code],
        cap: CAPS[p.code] ?? null,
        since: p.code in UNTIL ? FIRST_FY : FIRST_FY + int(0, 3),
        until: UNTIL[p.code] ?? LAST_FY,
        allDistricts: ALL_DISTRICTS.has(p.code),
        districtAffinity: isHr ? (chance(0.3) ? 1 : 0) : p.code === "P-BUD-003" ? 0 : int(1, 3),
        openEndedSince: NATION[p.code] ?? undefined,
      } satisfies PowerPlan;
    });
    // generated, inserted and checked in a function of its own, so that the 100,000 generated objects are garbage
    // before the measurements (held, they made the bench's own GC pauses part of the latencies)
    const built = await (async () => {
      const tGen = performance.now();
      const nation = new Nation(names, orgNames);
      generate(nation, plans, provinces.map((p) => ({ code: p.code, nameTh: p.name_th })), districtsOf, orgAbbr);
      const generateMs = performance.now() - tGen;
      log(`generated ${nation.rows.length} instruments in ${Math.round(generateMs)} ms; inserting`);

      const tIns = performance.now();
      const BATCH = 1_000;
      for (let i = 0; i < nation.rows.length; i += BATCH) await db.db.insert(delegations).values(nation.rows.slice(i, i + BATCH));
      await db.exec("analyze delegations");
      const insertMs = performance.now() - tIns;
      log(`inserted in ${Math.round(insertMs)} ms`);

      // --- the data obeys the chain rules -------------------------------------------------------------------------
      const [whole] = await db.query<Record<string, number>>(`
        select count(*)::int as instruments,
          count(*) filter (where parent_id is null)::int as roots,
          count(*) filter (where parent_id is null and (root_id <> id or depth <> 0 or delegator_org_id is null))::int as bad_roots,
          count(*) filter (where province_code is null)::int as nation_wide,
          count(*) filter (where revoked_from is not null)::int as revoked,
          count(*) filter (where cascaded_from_id is not null)::int as revoked_by_cascade,
          count(*) filter (where revoked_from is null and effective_to < '2026-11-22')::int as expired_today,
          count(*) filter (where (revoked_from is null or revoked_from > '2026-11-22') and effective_from <= '2026-11-22' and (effective_to is null or effective_to >= '2026-11-22'))::int as own_dates_in_force_today,
          count(*) filter (where effective_from > '2026-11-22')::int as not_yet_today,
          count(*) filter (where delegate_role = 'district_chief')::int as district_chiefs,
          count(*) filter (where delegate_role = 'vice_governor')::int as vice_governors,
          count(*) filter (where delegate_role = 'governor')::int as governors,
          count(*) filter (where delegate_role = 'agency_head')::int as agency_heads,
          count(distinct district_code)::int as districts,
          count(distinct province_code)::int as provinces,
          count(distinct power_code)::int as powers,
          max(depth)::int as max_depth
        from delegations`);
      const [bad] = await db.query<Record<string, number>>(`
        select count(*)::int as onward,
          count(*) filter (where c.root_id <> p.root_id)::int as root_id,
          count(*) filter (where c.depth <> p.depth + 1)::int as depth,
          count(*) filter (where c.power_code <> p.power_code)::int as power,
          count(*) filter (where not p.may_subdelegate)::int as no_onward,
          count(*) filter (where p.province_code is not null and c.province_code is distinct from p.province_code)::int as wider_province,
          count(*) filter (where p.district_code is not null and c.district_code is distinct from p.district_code)::int as wider_district,
          count(*) filter (where c.district_code is not null and left(c.district_code, 2) <> c.province_code)::int as district_outside_province,
          count(*) filter (where p.amount_cap is not null and (c.amount_cap is null or c.amount_cap > p.amount_cap))::int as wider_amount,
          count(*) filter (where c.effective_from < p.effective_from)::int as starts_earlier,
          count(*) filter (where p.effective_to is not null and (c.effective_to is null or c.effective_to > p.effective_to))::int as ends_later,
          count(*) filter (where p.revoked_from is not null and c.instrument_date >= p.revoked_from)::int as issued_under_revoked_parent,
          count(*) filter (where p.revoked_from is not null and (c.revoked_from is null or c.revoked_from > p.revoked_from))::int as cascade_missing,
          count(*) filter (where c.district_code is not null and not exists (select 1 from areas a where a.id = 'district:' || c.district_code))::int as unknown_district
        from delegations c join delegations p on p.id = c.parent_id`);
      const orphans = (await db.query<{ n: number }>(`select count(*)::int as n from delegations c where c.parent_id is not null and not exists (select 1 from delegations p where p.id = c.parent_id)`))[0]!.n;
      const { onward, ...violations } = bad!;
      if (whole!.instruments !== TARGET || whole!.bad_roots !== 0 || orphans !== 0 || Object.values(violations).some((n) => n !== 0)) {
        throw new Error(`generated data breaks the chain rules: ${JSON.stringify({ whole, bad, orphans })}`);
      }
      // and a sample checked by the module's own rule (the parent as it stood when the child was issued)
      const onwardRows = nation.rows.filter((r) => r.parentId !== null);
      const sampleIds = Array.from({ length: SAMPLE }, () => pick(onwardRows).id);
      const stored = await db.db.select().from(delegations).where(inArray(delegations.id, sampleIds));
      const parentRows = await db.db.select().from(delegations).where(inArray(delegations.id, stored.map((s) => s.parentId!)));
      const parentById = new Map(parentRows.map((p) => [p.id, p]));
      let sampleViolations = 0;
      for (const c of stored) {
        const p = parentById.get(c.parentId!)!;
        const issuedWhileInForce = p.revokedFrom === null || c.instrumentDate < p.revokedFrom;
        const v = chainViolations({ ...p, amountCap: capOf(p), revokedFrom: issuedWhileInForce ? null : p.revokedFrom }, { provinceCode: c.provinceCode, districtCode: c.districtCode, amountCap: capOf(c), effectiveFrom: c.effectiveFrom, effectiveTo: c.effectiveTo });
        if (v.length || c.rootId !== p.rootId || c.depth !== p.depth + 1) {
          sampleViolations++;
          if (sampleViolations <= 3) log(`violation ${c.id}: ${JSON.stringify(v)}`);
        }
      }
      if (sampleViolations) throw new Error(`${sampleViolations} of ${stored.length} sampled instruments break chainViolations()`);
      log(`chain rules hold (every row in SQL; ${stored.length} sampled with chainViolations())`);
      return { whole: whole!, onward, sampled: stored.length, generateMs, insertMs };
    })();

    // --- the queries --------------------------------------------------------------------------------------------
    const qrnd = mulberry32(SEED ^ 0x5151);
    const qpick = <T>(xs: readonly T[]): T => xs[Math.floor(qrnd() * xs.length)]!;
    const firstDay = Date.parse(`${fyStart(FIRST_FY)}T00:00:00Z`);
    const lastDay = Date.parse(`${fyEnd(LAST_FY)}T00:00:00Z`);
    const makeQuery = () => {
      const plan = qpick(plans);
      const p = qpick(provinces).code;
      const q: { powerCode: string; provinceCode: string; districtCode?: string; amount?: number; date?: string } = { powerCode: plan.code, provinceCode: p };
      if (qrnd() < 0.4) q.districtCode = qpick(districtsOf.get(p)!);
      if (qrnd() < 0.4) {
        const top = Math.log10((plan.cap ?? 20_000_000) * 2);
        q.amount = Math.round(10 ** (4 + qrnd() * (top - 4)));
      }
      if (qrnd() < 0.5) q.date = new Date(firstDay + Math.floor(qrnd() * ((lastDay - firstDay) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
      return q;
    };
    const queries = Array.from({ length: QUERIES }, makeQuery);
    const warm = Array.from({ length: WARMUP }, makeQuery);
    log(`warm-up (${WARMUP}), then ${QUERIES} checks`);
    for (const q of warm) await checkAuthority({ ctx: ctxOf(db), input: q });

    const lat: number[] = [];
    let delegated = 0;
    let considered = 0;
    let deciders = 0;
    let chainLinks = 0;
    // garbage collection pauses in this process during the sequential pass
    const gc: number[] = [];
    const gcKinds: Record<string, number> = {};
    const gcObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gc.push(e.duration);
        const kind = ({ 1: "minor", 2: "major", 4: "incremental", 8: "weakcb" } as Record<number, string>)[((e as { detail?: { kind?: number } }).detail)?.kind ?? 0] ?? "other";
        gcKinds[kind] = (gcKinds[kind] ?? 0) + 1;
      }
    });
    gcObserver.observe({ entryTypes: ["gc"] });
    const tSeq = performance.now();
    // in passes of 1,000, each with its p95 and the load average then: the machine is shared, bursts show up here
    const passes: { p50Ms: number; p95Ms: number; load1: number }[] = [];
    let passStart = 0;
    for (const [k, q] of queries.entries()) {
      const t = performance.now();
      const a = await checkAuthority({ ctx: ctxOf(db), input: q });
      lat.push(performance.now() - t);
      if ((k + 1) % 1_000 === 0 || k === queries.length - 1) {
        const slice = lat.slice(passStart);
        passes.push({ p50Ms: ms(pct(slice, 50)), p95Ms: ms(pct(slice, 95)), load1: Number(os.loadavg()[0]!.toFixed(2)) });
        passStart = lat.length;
      }
      if (a.decision === "delegated") delegated++;
      considered += a.deciders.length + a.notApplicable.length;
      deciders += a.deciders.length;
      chainLinks += a.deciders.reduce((n, d) => n + d.chain.length, 0);
    }
    const seqMs = performance.now() - tSeq;
    await new Promise((r) => setTimeout(r, 200)); // GC entries are delivered on later turns of the event loop
    gcObserver.disconnect();

    // 4 callers at once (the pool has 4 connections on PostgreSQL; PGlite runs one query at a time)
    const conc: number[] = [];
    const tConc = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < queries.length) {
          const q = queries[next++]!;
          const t = performance.now();
          await checkAuthority({ ctx: ctxOf(db), input: q });
          conc.push(performance.now() - t);
        }
      }),
    );
    const concMs = performance.now() - tConc;

    // where a check's time goes: its three reads alone (the power, the candidate instruments, the names), same queries
    const parts = { power: [] as number[], instruments: [] as number[], names: [] as number[] };
    for (const q of queries) {
      const c = ctxOf(db);
      let t = performance.now();
      const power = await mustGetPower(c, q.powerCode);
      parts.power.push(performance.now() - t);
      t = performance.now();
      const rows = await instrumentsFor(c, q.powerCode, q.provinceCode);
      parts.instruments.push(performance.now() - t);
      t = performance.now();
      await loadNames(c, rows, [power], [`province:${q.provinceCode}`, ...(q.districtCode ? [`district:${q.districtCode}`] : [])]);
      parts.names.push(performance.now() - t);
    }
    const part = (xs: number[]) => ({ p50Ms: ms(pct(xs, 50)), p95Ms: ms(pct(xs, 95)) });

    // how large the answers are (untimed): every instrument of past years is listed in notApplicable with its reason
    let answerBytes = 0;
    let notApplicable = 0;
    const sized = queries.slice(0, 500);
    for (const q of sized) {
      const a = await checkAuthority({ ctx: ctxOf(db), input: q });
      answerBytes += Buffer.byteLength(JSON.stringify(a));
      notApplicable += a.notApplicable.length;
    }

    // what the governor of P may decide (today or on a past date)
    const ppLat: number[] = [];
    for (let i = 0; i < 20; i++) await getProvincePowers({ ctx: ctxOf(db), input: { provinceCode: qpick(provinces).code } });
    let decidedHere = 0;
    for (let i = 0; i < PROVINCE_POWERS_CALLS; i++) {
      const input = { provinceCode: qpick(provinces).code, ...(i % 2 ? { date: makeQuery().date ?? "2024-03-01" } : {}) };
      const t = performance.now();
      const r = await getProvincePowers({ ctx: ctxOf(db), input });
      ppLat.push(performance.now() - t);
      decidedHere += r.counts.decidedHere;
    }

    // the candidate query, as instrumentsFor builds it, and the province query of getProvincePowers
    const cand = db.db.select().from(delegations).where(and(eq(delegations.powerCode, "P-ADM-015"), or(eq(delegations.provinceCode, "40"), isNull(delegations.provinceCode)))).toSQL();
    const explain = async (q: { sql: string; params: unknown[] }) => (await db.query<Record<string, string>>(`explain (analyze, buffers) ${q.sql}`, q.params)).map((r) => Object.values(r)[0]!);
    const candidatePlan = await explain(cand);
    const candRows = (await db.query<{ n: number }>(`select count(*)::int as n from delegations where power_code = $1 and (province_code = $2 or province_code is null)`, ["P-ADM-015", "40"]))[0]!.n;
    const provincePlan = await explain(db.db.select().from(delegations).where(or(eq(delegations.provinceCode, "40"), isNull(delegations.provinceCode))).toSQL());
    const provinceRows = (await db.query<{ n: number }>(`select count(*)::int as n from delegations where province_code = $1 or province_code is null`, ["40"]))[0]!.n;

    Object.assign(result, {
      bench: "delegation-authority",
      database: db.kind === "postgres" ? `PostgreSQL ${(await db.query<{ v: string }>("select current_setting('server_version') as v"))[0]!.v}` : "PGlite",
      seed: `0x${SEED.toString(16)}`,
      today: "2026-11-22",
      goalP95Ms: GOAL_P95_MS,
      data: { ...built.whole, onward: built.onward, sampleCheckedWithChainViolations: built.sampled, prepareDatabaseMs: Math.round(prepareMs), generateMs: Math.round(built.generateMs), insertAndAnalyzeMs: Math.round(built.insertMs) },
      checkAuthority: {
        queries: QUERIES,
        warmup: WARMUP,
        sequential: { p50Ms: ms(pct(lat, 50)), p95Ms: ms(pct(lat, 95)), p99Ms: ms(pct(lat, 99)), maxMs: ms(Math.max(...lat)), meanMs: ms(seqMs / QUERIES), perSecond: Math.round(QUERIES / (seqMs / 1000)), passes, gcPauses: { count: gc.length, totalMs: ms(gc.reduce((a, b) => a + b, 0)), maxMs: ms(Math.max(0, ...gc)), p95Ms: ms(gc.length ? pct(gc, 95) : 0), kinds: gcKinds, heapUsedMbAfter: Math.round(process.memoryUsage().heapUsed / 2 ** 20) } },
        fourAtOnce: { p50Ms: ms(pct(conc, 50)), p95Ms: ms(pct(conc, 95)), p99Ms: ms(pct(conc, 99)), maxMs: ms(Math.max(...conc)), perSecond: Math.round(QUERIES / (concMs / 1000)) },
        readsAlone: { mustGetPower: part(parts.power), instrumentsFor: part(parts.instruments), loadNames: part(parts.names) },
        answers: { delegatedShare: Math.round((delegated / QUERIES) * 1000) / 1000, avgInstrumentsConsidered: Math.round((considered / QUERIES) * 10) / 10, avgDeciders: Math.round((deciders / QUERIES) * 100) / 100, avgChainLinks: Math.round((chainLinks / Math.max(1, deciders)) * 100) / 100, avgNotApplicable: Math.round((notApplicable / sized.length) * 10) / 10, avgAnswerKiB: Math.round(answerBytes / sized.length / 102.4) / 10 },
        met: pct(lat, 95) <= GOAL_P95_MS,
      },
      getProvincePowers: { calls: PROVINCE_POWERS_CALLS, p50Ms: ms(pct(ppLat, 50)), p95Ms: ms(pct(ppLat, 95)), maxMs: ms(Math.max(...ppLat)), avgDecidedHere: Math.round((decidedHere / PROVINCE_POWERS_CALLS) * 10) / 10 },
      explain: {
        candidateQuery: cand.sql,
        candidateRows: candRows,
        usesCheckIndex: candidatePlan.some((l) => l.includes("delegations_check_idx")),
        candidatePlan,
        provinceQueryRows: provinceRows,
        provincePlan,
      },
      node: process.version,
      cpu: os.cpus()[0]?.model ?? "unknown",
      cpus: os.cpus().length,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
      totalS: 0,
    });
  } finally {
    await drop();
  }
  result.totalS = Math.round((performance.now() - t0) / 100) / 10;
  emitResult(result);
}

await main();
