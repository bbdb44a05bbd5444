import fs from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { referenceDir } from "../../../test/reference.js";
import { insertSyntheticProcurements } from "../../../bench/ocds-data.js";
import { cancelProcurement } from "./cancel-procurement.js";
import { completeProcurement } from "./complete-procurement.js";
import { juristicTaxId as tin, type ProcurementDetail } from "./contracts-procurement.js";
import { createProcurement } from "./create-procurement.js";
import { createProject } from "./create-project.js";
import { getOcdsPackage } from "./get-ocds-release.js";
import { openTender } from "./open-tender.js";
import { recordAward } from "./record-award.js";
import { recordPayment } from "./record-payment.js";
import { signContract } from "./sign-contract.js";
import { streamOcdsReleases } from "./stream-ocds-releases.js";

type Json = Record<string, unknown>;
const dir = path.join(referenceDir(), "schemas", "ocds-1.1.5");
const releaseSchema = JSON.parse(fs.readFileSync(path.join(dir, "release-schema.json"), "utf8")) as Json;
const packageSchema = JSON.parse(fs.readFileSync(path.join(dir, "release-package-schema.json"), "utf8")) as Json;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema(releaseSchema);
const validatePackage = ajv.compile(packageSchema);
const codes = (list: string) => new Set(fs.readFileSync(path.join(dir, "codelists", `${list}.csv`), "utf8").split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(",")[0]!));

/** The official schema allows any extra field; this also reports a field the release schema does not define (an invented one). */
function undeclared(value: unknown, schema: Json, at = "release"): string[] {
  const resolve = (s: Json): Json => (typeof s.$ref === "string" ? resolve((releaseSchema.definitions as Json)[s.$ref.replace("#/definitions/", "")] as Json) : s);
  const s = resolve(schema);
  if (Array.isArray(value)) return value.flatMap((v, i) => (s.items ? undeclared(v, s.items as Json, `${at}.${i}`) : []));
  if (!value || typeof value !== "object") return [];
  const props = (s.properties ?? {}) as Record<string, Json>;
  return Object.entries(value as Json).flatMap(([k, v]) => (props[k] ? undeclared(v, props[k]!, `${at}.${k}`) : [`${at}.${k}`]));
}

function expectValid(pkg: unknown) {
  const ok = validatePackage(pkg);
  expect(validatePackage.errors ?? [], JSON.stringify(validatePackage.errors?.slice(0, 5))).toEqual([]);
  expect(ok).toBe(true);
  const releases = (pkg as { releases: Json[] }).releases;
  for (const r of releases) {
    expect(undeclared(r, releaseSchema)).toEqual([]);
    const tags = codes("releaseTag");
    for (const t of r.tag as string[]) expect(tags.has(t), t).toBe(true);
    const roles = codes("partyRole");
    for (const p of r.parties as { roles: string[] }[]) for (const role of p.roles) expect(roles.has(role), role).toBe(true);
    const tender = r.tender as Json;
    expect(codes("method").has(tender.procurementMethod as string)).toBe(true);
    expect(codes("procurementCategory").has(tender.mainProcurementCategory as string)).toBe(true);
    expect(codes("tenderStatus").has(tender.status as string)).toBe(true);
    for (const a of (r.awards ?? []) as Json[]) expect(codes("awardStatus").has(a.status as string)).toBe(true);
    for (const c of (r.contracts ?? []) as Json[]) expect(codes("contractStatus").has(c.status as string)).toBe(true);
  }
}

let db: Database;
let app: FastifyInstance;
let base: string;
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: false, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null, rateLimitMax: 1_000_000 });
  await app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

let seq = 0;
const OWNER = "pro:57:highways";
const who: Actor = actor("strategy_officer", "area:province:57", "poc-57-ocds");
const as = () => ctxFor(db, who);
const bids = [
  { nameTh: "บริษัท ตัวอย่างเชียงราย จำกัด (ตัวอย่าง)", taxId: tin(575_000_001), bidAmount: 4_800_000 },
  { nameTh: "ห้างหุ้นส่วนจำกัด ตัวอย่างแม่สาย (ตัวอย่าง)", taxId: tin(575_000_002), bidAmount: 4_900_000 },
];

/** One process per stage (planning … complete, cancelled, unsuccessful) of one project. */
async function everyStage(): Promise<{ projectId: string; all: ProcurementDetail[] }> {
  const owner = (await db.query<{ id: string }>("select id from organizations where id like 'pro:57:%' order by id limit 1"))[0]!.id;
  const project = await createProject({ ctx: as(), input: { fiscalYear: 2570, provinceCode: "57", origin: "agency", ownerOrgId: owner || OWNER, titleTh: `ซ่อมสร้างถนนลาดยาง สาย ชร.ถ.${seq++}`, goalIds: ["prov:57:goal:1.1"], areaCodes: ["570101"], budgetLines: [{ source: "function", amount: 100_000_000 }] } });
  const mk = async () => createProcurement({ ctx: as(), input: { projectId: project.id, titleTh: "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก", descriptionTh: "ขนาดกว้าง 6 เมตร ยาว 1,200 เมตร", method: "open", methodDetailsTh: "ประกวดราคาอิเล็กทรอนิกส์ (e-bidding)", category: "works", plannedValue: 5_000_000 } });
  const tender = async () => {
    const p = await mk();
    return openTender({ ctx: as(), input: { id: p.id, version: p.version, tenderValue: 4_950_000, tenderStart: "2026-10-05", tenderEnd: "2026-10-20" } });
  };
  const award = async () => {
    const t = await tender();
    return recordAward({ ctx: as(), input: { id: t.id, version: t.version, tenderers: bids, supplierTaxId: bids[0]!.taxId, awardAmount: 4_800_000, awardDate: "2026-10-27" } });
  };
  const contract = async () => {
    const a = await award();
    return signContract({ ctx: as(), input: { id: a.id, version: a.version, contractNo: "ชร 12/2570", contractAmount: 4_790_000, signedOn: "2026-11-02", periodStart: "2026-11-03", periodEnd: "2027-05-01" } });
  };
  const impl = async () => {
    const c = await contract();
    return recordPayment({ ctx: as(), input: { id: c.id, version: c.version, amount: 1_000_000.5, paidOn: "2026-11-20" } });
  };
  const done = async () => {
    const i = await impl();
    return completeProcurement({ ctx: as(), input: { id: i.id, version: i.version, completedOn: "2026-11-21" } });
  };
  const cancelled = async () => {
    const a = await award();
    return cancelProcurement({ ctx: as(), input: { id: a.id, version: a.version, outcome: "cancelled", reasonTh: "ผู้ชนะไม่มาลงนาม", closedOn: "2026-11-01" } });
  };
  const unsuccessful = async () => {
    const t = await tender();
    return cancelProcurement({ ctx: as(), input: { id: t.id, version: t.version, outcome: "unsuccessful", reasonTh: "ไม่มีผู้ยื่นข้อเสนอ", closedOn: "2026-10-21" } });
  };
  const all = [await mk(), await tender(), await award(), await contract(), await impl(), await done(), await cancelled(), await unsuccessful()];
  return { projectId: project.id, all };
}

let fixture: Awaited<ReturnType<typeof everyStage>>;
beforeAll(async () => {
  fixture = await everyStage();
});

describe("OCDS release packages", () => {
  it("are valid against the official 1.1.5 schema at every stage, with the tag of the stage", async () => {
    const tags: Record<string, string[]> = {};
    for (const p of fixture.all) {
      const res = await app.inject({ method: "GET", url: `/api/v1/planning/ocds/releases/${encodeURIComponent(p.ocid)}` });
      expect(res.statusCode).toBe(200);
      const pkg = res.json() as { releases: Json[]; uri: string };
      expectValid(pkg);
      expect(pkg.uri).toMatch(/^http:\/\/.+\/api\/v1\/planning\/ocds\/releases\//);
      const r = pkg.releases[0]!;
      expect(r).toMatchObject({ ocid: p.ocid, id: `${p.ocid}-${p.version}`, language: "th", initiationType: "tender" });
      tags[p.stage] = r.tag as string[];
    }
    expect(tags).toEqual({ planning: ["planning"], tender: ["tender"], award: ["award"], contract: ["contract"], implementation: ["implementation"], complete: ["contractTermination"], cancelled: ["tenderCancellation", "awardCancellation"], unsuccessful: ["tenderUpdate"] });
  });

  it("name the buyer (the owner organisation) and the juristic-person tenderers by TH-TIN, amounts in THB, dates as RFC 3339", async () => {
    const done = fixture.all.find((p) => p.stage === "complete")!;
    const pkg = await getOcdsPackage({ ctx: as(), input: { kind: "release", ocid: done.ocid, baseUrl: "https://example.test" } });
    const r = pkg.releases[0] as Json & { parties: Json[]; buyer: Json; contracts: Json[]; tender: Json; planning: Json };
    expect(r.buyer).toEqual({ id: `TH-CHANGWAT-${done.buyerOrgId}`, name: done.buyerNameTh });
    expect(r.parties[0]).toMatchObject({ roles: ["buyer", "procuringEntity"], identifier: { scheme: "TH-CHANGWAT", id: done.buyerOrgId } });
    expect(r.parties.slice(1)).toEqual([
      { id: `TH-TIN-${bids[0]!.taxId}`, name: bids[0]!.nameTh, identifier: { scheme: "TH-TIN", id: bids[0]!.taxId, legalName: bids[0]!.nameTh }, roles: ["tenderer", "supplier"] },
      { id: `TH-TIN-${bids[1]!.taxId}`, name: bids[1]!.nameTh, identifier: { scheme: "TH-TIN", id: bids[1]!.taxId, legalName: bids[1]!.nameTh }, roles: ["tenderer"] },
    ]);
    expect(r.tender).toMatchObject({ title: "จ้างก่อสร้างถนนคอนกรีตเสริมเหล็ก", value: { amount: 4_950_000, currency: "THB" }, tenderPeriod: { startDate: "2026-10-05T00:00:00+07:00", endDate: "2026-10-20T00:00:00+07:00" }, numberOfTenderers: 2 });
    const c = r.contracts[0] as Json & { implementation: { transactions: Json[] } };
    expect(c).toMatchObject({ status: "terminated", value: { amount: 4_790_000, currency: "THB" }, dateSigned: "2026-11-02T00:00:00+07:00" });
    expect(c.implementation.transactions[0]).toMatchObject({ value: { amount: 1_000_000.5, currency: "THB" }, date: "2026-11-20T00:00:00+07:00", payee: { id: `TH-TIN-${bids[0]!.taxId}` } });
    expect((r.planning as { budget: Json }).budget).toMatchObject({ amount: { amount: 5_000_000, currency: "THB" } });
  });

  it("per project and per contract are valid too; unknown ids are 404", async () => {
    const proj = await app.inject({ method: "GET", url: `/api/v1/planning/ocds/projects/${fixture.projectId}` });
    expect(proj.statusCode).toBe(200);
    expectValid(proj.json());
    expect((proj.json() as { releases: unknown[] }).releases).toHaveLength(fixture.all.length);
    const withContract = fixture.all.find((p) => p.stage === "implementation")!;
    const cres = await app.inject({ method: "GET", url: `/api/v1/planning/ocds/contracts/${withContract.contracts[0]!.id}` });
    expect(cres.statusCode).toBe(200);
    expectValid(cres.json());
    expect((cres.json() as { releases: Json[] }).releases.map((r) => r.ocid)).toEqual([withContract.ocid]);
    for (const url of ["/api/v1/planning/ocds/releases/ocds-nope00-x", "/api/v1/planning/ocds/projects/nope", "/api/v1/planning/ocds/contracts/nope"]) expect((await app.inject({ method: "GET", url })).statusCode).toBe(404);
  });

  it("carry no personal data: no account, official or citizen id, no personal id number", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/planning/ocds/releases.json" });
    const text = res.body;
    expect(text).not.toContain(who.id!);
    expect(text).not.toMatch(/createdBy|created_by|actor|email|phone/i);
    for (const id of text.match(/(?<!\d)\d{13}(?!\d)/g) ?? []) expect(id.startsWith("0"), id).toBe(true);
  });
});

describe("the bulk download", () => {
  it("is one valid package whose releases are exactly the per-release outputs, in id order; JSON Lines too", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/planning/ocds/releases.json" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/json/);
    const bulk = res.json() as { releases: Json[] };
    expectValid(bulk);
    const singles: Json[] = [];
    for (const r of bulk.releases) singles.push(((await app.inject({ method: "GET", url: `/api/v1/planning/ocds/releases/${encodeURIComponent(r.ocid as string)}` })).json() as { releases: Json[] }).releases[0]!);
    expect(bulk.releases).toEqual(singles);
    for (const p of fixture.all) expect(bulk.releases.some((r) => r.ocid === p.ocid)).toBe(true);
    const lines = (await app.inject({ method: "GET", url: "/api/v1/planning/ocds/releases.jsonl" })).body.trimEnd().split("\n").map((l) => JSON.parse(l) as Json);
    expect(lines).toEqual(bulk.releases);
  });

  it("is produced lazily: one batch read per pull, never the whole table at once", async () => {
    const gen = streamOcdsReleases({ ctx: as(), input: { baseUrl: "http://x", format: "jsonl", batchSize: 3 } });
    const first = await gen.next();
    expect(first.value.trimEnd().split("\n")).toHaveLength(3);
    const second = await gen.next();
    expect(second.value.trimEnd().split("\n")).toHaveLength(3);
    await gen.return(undefined);
    // the package form concatenates to exactly the same releases with small batches as with large ones
    const collect = async (batchSize: number) => {
      let s = "";
      for await (const c of streamOcdsReleases({ ctx: as(), input: { baseUrl: "http://x", format: "package", batchSize } })) s += c;
      return (JSON.parse(s) as { releases: unknown[] }).releases;
    };
    expect(await collect(2)).toEqual(await collect(1000));
  });

  it("streams over HTTP: the first bytes arrive before the end, in several chunks", async () => {
    await insertSyntheticProcurements(db, { n: 3000, tag: "zz-stream", projectId: fixture.projectId, buyerOrgId: fixture.all[0]!.buyerOrgId, provinceCode: "57" });
    const started = performance.now();
    const res = await fetch(`${base}/api/v1/planning/ocds/releases.json`);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const firstChunk = await reader.read();
    const firstAt = performance.now() - started;
    const text = new TextDecoder().decode(firstChunk.value);
    expect(text.startsWith('{"uri":')).toBe(true);
    expect(firstChunk.done).toBe(false);
    let chunks = 1;
    let body = text;
    for (;;) {
      const c = await reader.read();
      if (c.done) break;
      chunks++;
      body += new TextDecoder().decode(c.value);
    }
    expect(chunks).toBeGreaterThan(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(firstAt);
    expect(res.headers.get("content-length")).toBeNull(); // chunked: the server did not know the length in advance
    expectValid(JSON.parse(body));
  });
});
