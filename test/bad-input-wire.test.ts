/**
 * Bad input below the contracts (issue 8, item 3): what bad-input.test.ts cannot reach by breaking fields of a
 * JSON body. Three families, all generated:
 *
 * - the wire: every write route under /api/v1 sent a body it does not take — other content types, JSON that is
 *   not an object, broken or deeply nested JSON, a wrong charset, a body over the limit;
 * - multipart: the three upload routes (citizen intake with photos, a handler's after-photo, a project's file)
 *   with broken framing, missing or extra parts, files that are not what they claim, a file over the limit,
 *   a `case` field the contract refuses;
 * - Open311 GeoReport v2: every POST field broken in turn (form-encoded and JSON, answered as .json and .xml),
 *   whole random forms, and bad GET filters, ids and formats.
 *
 * Every answer must be a 4xx in its protocol's error shape (ours, or Open311's error list, checked against the
 * spec's schema), never a 5xx or a stack trace, and the database must be unchanged. Then the untouched base
 * requests are sent and must succeed, so the refusals above are the broken parts' doing.
 */
import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTransaction } from "../src/platform/ctx.js";
import type { Database } from "../src/platform/db/client.js";
import { createApiKey } from "../src/modules/accounts/create-api-key.js";
import { SubmitCaseInput } from "../src/modules/cases/contracts.js";
import { validateOpen311, validateOpen311Xml } from "../src/modules/cases/open311-schema.js";
import { buildApp, routeCatalog } from "../src/server/app.js";
import { FIXED_NOW } from "./clock.js";
import { createTestDb, ctxFor } from "./db.js";
import { type MultipartPart, multipartBody } from "./intake.js";
import { fingerprintAll } from "./snapshot.js";
import { invalidFor } from "./zod-arbitrary.js";

let db: Database;
let app: FastifyInstance;
let staff: Record<string, string>;
/** strategy.chiangrai: the administrator may not add to a project's progress, Chiang Rai's strategy office may */
let planner: Record<string, string>;
let apiKey = "";
let caseId = "";
let projectId = "";
let requests = 0;

beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null, rateLimitMax: 1_000_000 });
  await app.ready();
  const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "admin", password: "changwat-demo" } });
  expect(r.statusCode).toBe(200);
  staff = { cookie: String(r.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": r.json().csrfToken };
  const p = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "strategy.chiangrai", password: "changwat-demo" } });
  expect(p.statusCode).toBe(200);
  planner = { cookie: String(p.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": p.json().csrfToken };
  const key = await withTransaction(ctxFor(db), (tx) => createApiKey({ ctx: tx, input: { name: "Open311 fuzz client (test)", grants: [{ role: "citizen", scope: "nation" }] } }));
  apiKey = key.secret;
  caseId = (await db.query<{ id: string }>("select id from cases where province_code = '31' and status in ('accepted', 'in_progress', 'reopened') order by id limit 1"))[0]!.id;
  projectId = (await db.query<{ id: string }>("select id from projects where province_code = '57' order by id limit 1"))[0]!.id;
}, 300_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** each request from its own address: per-route rate limits are not what is tested here */
let clients = 0;
const from = () => {
  const n = ++clients;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};
const sample = <T>(arb: fc.Arbitrary<T>, n: number, seed: number) => fc.sample(arb, { numRuns: n, seed });
const inject = (o: InjectOptions) => {
  requests++;
  return app.inject({ remoteAddress: from(), ...o });
};
type Answer = Awaited<ReturnType<typeof inject>>;

/** our one error shape, 4xx, no stack trace */
function expectRefused(r: Answer, what: string, status?: number) {
  expect(r.statusCode, `${what} → ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(r.statusCode, `${what} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
  if (status) expect(r.statusCode, what).toBe(status);
  const e = r.json().error;
  expect(e.code, what).toBeTypeOf("string");
  expect(e.messageTh, what).toMatch(/[\u0E00-\u0E7F]/);
  expect(e.messageEn, what).toBeTypeOf("string");
  expect(r.body, what).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

/** Open311's error list in the asked format, valid against the spec's schema, 4xx */
function expectOpen311Refused(r: Answer, format: "json" | "xml", what: string) {
  expect(r.statusCode, `${what} → ${r.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(r.statusCode, `${what} → ${r.body.slice(0, 200)}`).toBeLessThan(500);
  if (format === "xml") {
    expect(String(r.headers["content-type"]), what).toMatch(/xml/);
    expect(validateOpen311Xml("errors", r.body, { strict: true }), what).toEqual([]);
  } else {
    expect(String(r.headers["content-type"]), what).toMatch(/json/);
    expect(validateOpen311("errors", r.json(), { strict: true }), what).toEqual([]);
  }
  expect(r.body, what).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

/** The multipart bodies below are framed with the boundary their requests announce, unless a case says otherwise. */
const fuzzBody = (parts: MultipartPart[], boundary = "----changwat-fuzz") => multipartBody(parts, boundary);

describe("bad input below the contracts: the wire, multipart uploads, Open311", { timeout: 900_000 }, () => {
  let before: Record<string, string>;
  beforeAll(async () => {
    before = await fingerprintAll(db);
  });

  it("every write route refuses bodies it does not take: other media types, non-object or broken JSON, deep nesting, a wrong charset, a body over the limit", async () => {
    // (logout takes no input: any body is ignored)
    const writes = routeCatalog(app).filter((r) => r.url.startsWith("/api/v1/") && r.method !== "GET" && !r.schema.hide && r.url !== "/api/v1/auth/logout");
    expect(writes.length).toBeGreaterThan(100);
    const url = (u: string) => u.replace(/:([A-Za-z]+)/g, () => "fuzz-0001");
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    const deepObject = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);
    const bodies: { type: string | undefined; payload: string | Buffer; why: string }[] = [
      { type: "text/plain", payload: "hello", why: "text/plain" },
      { type: "application/xml", payload: "<case><title>x</title></case>", why: "XML" },
      { type: "application/json", payload: "null", why: "JSON null" },
      { type: "application/json", payload: "[]", why: "a JSON array" },
      { type: "application/json", payload: '"a string"', why: "a JSON string" },
      { type: "application/json", payload: "1e999", why: "a JSON number" },
      { type: "application/json", payload: '{"a":', why: "truncated JSON" },
      { type: "application/json", payload: deep(20_000), why: "arrays nested 20,000 deep" },
      { type: "application/json", payload: deepObject(5_000), why: "objects nested 5,000 deep" },
      { type: "application/json; charset=utf-16", payload: Buffer.from('{"a":1}', "utf16le"), why: "UTF-16" },
      { type: "application/json", payload: Buffer.from([0xff, 0xfe, 0x7b, 0x7d]), why: "bytes that are not UTF-8" },
      { type: "multipart/form-data", payload: "--x\r\n", why: "multipart without a boundary" },
    ];
    for (const route of writes) {
      for (const b of bodies) {
        const r = await inject({ method: route.method as "POST", url: url(route.url), headers: { ...staff, ...(b.type ? { "content-type": b.type } : {}) }, payload: b.payload });
        expectRefused(r, `${route.method} ${route.url} with ${b.why}`);
      }
    }
    // over the 12 MB body limit: refused before the body is read, in the same shape
    const big = Buffer.alloc(13 * 1024 * 1024, 0x61);
    for (const route of writes.slice(0, 5)) {
      const r = await inject({ method: route.method as "POST", url: url(route.url), headers: { ...staff, "content-type": "application/json" }, payload: big });
      expectRefused(r, `${route.method} ${route.url} with 13 MB`, 413);
    }
  });

  it("the upload routes refuse broken multipart, missing, extra and false files, oversize files and a case the contract refuses", async () => {
    const notImage = Buffer.from("MZ\x90\x00 this is not a picture, it only says so");
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 20 } } }).jpeg().toBuffer();
    const validCase = { categoryId: "flood", descriptionTh: "น้ำท่วมถนนหน้าโรงเรียน รถผ่านไม่ได้", lat: 14.99, lon: 103.1, reporter: { anonymous: true }, consent: true };
    const boundary = "----changwat-fuzz";
    const mp = { "content-type": `multipart/form-data; boundary=${boundary}` };
    const targets = [
      // photos are optional at intake: a report without one (or with a file in another field, which is not read) is a good one
      { url: "/api/v1/cases", field: "photo", headers: {}, base: [{ name: "case", value: JSON.stringify(validCase) }], max: 10 * 1024 * 1024, skip: ["the file under another name", "no file at all"] },
      { url: `/api/v1/cases/${caseId}/photos`, field: "photo", headers: staff, base: [], max: 10 * 1024 * 1024 },
      { url: `/api/v1/planning/projects/${projectId}/files`, field: "file", headers: planner, base: [{ name: "kind", value: "document" }], max: 5 * 1024 * 1024 },
    ];
    for (const t of targets) {
      const send = (payload: Buffer, headers: Record<string, string> = mp) => inject({ method: "POST", url: t.url, headers: { ...t.headers, ...headers }, payload });
      const cases: [string, () => Promise<Answer>][] = [
        ["a body that is not multipart", () => send(Buffer.from("garbage\r\n\r\n"), mp)],
        ["no closing boundary", () => send(fuzzBody([...t.base, { name: t.field, filename: "a.jpg", type: "image/jpeg", data: jpeg }]).subarray(0, -12))],
        ["another boundary than announced", () => send(fuzzBody([...t.base, { name: t.field, filename: "a.jpg", type: "image/jpeg", data: jpeg }], "----other"))],
        ["the file under another name", () => send(fuzzBody([...t.base, { name: "attachment", filename: "a.jpg", type: "image/jpeg", data: jpeg }]))],
        ["no file at all", () => send(fuzzBody([...t.base, { name: "note", value: "x" }]))],
        ["an executable calling itself a JPEG", () => send(fuzzBody([...t.base, { name: t.field, filename: "a.jpg", type: "image/jpeg", data: notImage }]))],
        ["HTML", () => send(fuzzBody([...t.base, { name: t.field, filename: "../../../etc/passwd.html", type: "text/html", data: Buffer.from("<script>alert(1)</script>") }]))],
        ["an empty file", () => send(fuzzBody([...t.base, { name: t.field, filename: "a.jpg", type: "image/jpeg", data: Buffer.alloc(0) }]))],
        ["a truncated JPEG", () => send(fuzzBody([...t.base, { name: t.field, filename: "a.jpg", type: "image/jpeg", data: jpeg.subarray(0, 40) }]))],
        ["one byte over the size limit", () => send(fuzzBody([...t.base, { name: t.field, filename: "big.jpg", type: "image/jpeg", data: Buffer.concat([jpeg, Buffer.alloc(t.max + 1 - jpeg.length)]) }]))],
        ["five files", () => send(fuzzBody([...t.base, ...Array.from({ length: 5 }, (_, i) => ({ name: t.field, filename: `${i}.jpg`, type: "image/jpeg", data: notImage }))]))],
      ];
      for (const [why, go] of cases) if (!("skip" in t && t.skip?.includes(why))) expectRefused(await go(), `${t.url}: ${why}`);
    }
    // the intake's `case` field: not JSON, and JSON the contract refuses (generated)
    const intake = (value: string) => inject({ method: "POST", url: "/api/v1/cases", headers: mp, payload: fuzzBody([{ name: "case", value }, { name: "photo", filename: "a.jpg", type: "image/jpeg", data: jpeg }]) });
    expectRefused(await intake("{not json"), "case field: not JSON");
    for (const bad of sample(invalidFor(SubmitCaseInput), 60, 7)) expectRefused(await intake(JSON.stringify(bad) ?? "null"), `case field: ${JSON.stringify(bad)?.slice(0, 80)}`);
    for (const [k, v] of Object.entries({ lat: 91, lon: "east", categoryId: 7, descriptionTh: "", consent: false, reporter: "me" }))
      expectRefused(await intake(JSON.stringify({ ...validCase, [k]: v })), `case field with ${k}=${JSON.stringify(v)}`, 400);
  });

  it("Open311 POST: every field broken in turn, form-encoded and JSON, .json and .xml; whole random forms; all refused in Open311's error list", async () => {
    const base: Record<string, string> = { api_key: apiKey, service_code: "flood", lat: "14.9930", long: "103.1029", description: "น้ำท่วมถนนหน้าวัด รถเล็กผ่านไม่ได้", "attribute[road_passable]": "no", "attribute[water_depth_cm]": "35" };
    const withLetter = fc.string({ maxLength: 12 }).map((s) => `x${s}`);
    const bad: Record<string, fc.Arbitrary<string>> = {
      api_key: fc.oneof(fc.constant(""), withLetter, fc.string({ minLength: 1, maxLength: 80 })).filter((s) => s !== apiKey),
      service_code: fc.oneof(withLetter, fc.constantFrom("../flood", "flood\u0000", "ก".repeat(300))),
      lat: fc.oneof(withLetter, fc.double({ min: 90.0001, max: 1e300, noNaN: true }).map(String), fc.double({ min: -1e300, max: -90.0001, noNaN: true }).map(String), fc.constantFrom("NaN", "Infinity", "0x10", "1e1", "14,99", "๑๔.๙๙")),
      long: fc.oneof(withLetter, fc.double({ min: 180.0001, max: 1e300, noNaN: true }).map(String), fc.constantFrom("-180.5", "NaN", "1_03", "103.1.2")),
      email: fc.oneof(fc.string({ maxLength: 30 }).filter((s) => s.trim() !== "" && !s.includes("@")), fc.constantFrom("a@b", "@example.org", "a b@example.org", "a@@example.org")),
      phone: fc.oneof(fc.string({ minLength: 1, maxLength: 10 }).map((s) => `08${s}z`), fc.constantFrom("12", "0".repeat(41), "<script>")),
      media_url: fc.oneof(withLetter, fc.constantFrom("javascript:alert(1)", "ftp://example.org/a.jpg", "file:///etc/passwd", "data:image/png;base64,AAAA", "//example.org/a.jpg")),
      "attribute[road_passable]": fc.oneof(withLetter.map((s) => `maybe${s}`), fc.constantFrom("YES ", "1", "true")),
      "attribute[no_such_attribute]": fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ""),
      address_string: fc.constant("ถ".repeat(501)),
      description: fc.constant("ก".repeat(4001)),
    };
    const form = (o: Record<string, string | string[]>) => {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      return p.toString();
    };
    let seed = 1;
    let open311 = 0;
    for (const [field, arb] of Object.entries(bad)) {
      for (const value of sample(arb, 24, seed++)) {
        const body = { ...base, [field]: value };
        for (const format of ["json", "xml"] as const) {
          const r = await inject({ method: "POST", url: `/open311/v2/requests.${format}`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form(body) });
          expectOpen311Refused(r, format, `form ${field}=${JSON.stringify(value).slice(0, 60)} .${format}`);
          open311++;
        }
        const j = await inject({ method: "POST", url: "/open311/v2/requests.json", headers: { "content-type": "application/json" }, payload: JSON.stringify(body) });
        expectOpen311Refused(j, "json", `JSON ${field}=${JSON.stringify(value).slice(0, 60)}`);
        open311++;
      }
      if (field !== "api_key") {
        // the field sent twice with two different values: which one was meant is not guessed
        const twice = await inject({ method: "POST", url: "/open311/v2/requests.json", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form({ ...base, [field]: [base[field] ?? "a", `${base[field] ?? "a"}-other`] }) });
        if (field.startsWith("attribute[") || field === "address_string" || field === "email" || field === "phone" || field === "media_url") expect(twice.statusCode).toBeLessThan(500);
        else expectOpen311Refused(twice, "json", `${field} twice`);
        open311++;
      }
    }
    // JSON bodies whose fields are not strings: numbers, objects, arrays of objects, null
    for (const field of ["service_code", "lat", "long", "email", "attribute"]) {
      for (const value of sample(fc.oneof(fc.dictionary(fc.string({ maxLength: 4 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 3 }), fc.array(fc.object(), { minLength: 1, maxLength: 3 }), fc.constant(null), fc.boolean()), 12, seed++)) {
        if (value === null && field === "email") continue; // null is how JSON says "not given", and e-mail is optional
        const r = await inject({ method: "POST", url: "/open311/v2/requests.json", headers: { "content-type": "application/json" }, payload: JSON.stringify({ ...base, [field]: value, ...(field === "attribute" ? { "attribute[road_passable]": undefined } : {}) }) });
        expectOpen311Refused(r, "json", `JSON ${field}=${JSON.stringify(value).slice(0, 60)}`);
        open311++;
      }
    }
    // whole random forms (no valid key among them), random extensions, broken bodies
    for (const o of sample(fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 30 }), { maxKeys: 8 }), 60, seed++)) {
      const r = await inject({ method: "POST", url: "/open311/v2/requests.xml", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form(o) });
      expectOpen311Refused(r, "xml", `random form ${JSON.stringify(o).slice(0, 80)}`);
      open311++;
    }
    for (const ext of ["yaml", "html", "", "json.exe", "jsonp"]) {
      const r = await inject({ method: "POST", url: `/open311/v2/requests${ext ? `.${ext}` : ""}`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form(base) });
      expect(r.statusCode, `.${ext}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `.${ext}`).toBeLessThan(500);
      open311++;
    }
    for (const [type, payload] of [["application/json", "{broken"], ["application/json", "[1,2]"], ["text/plain", "service_code=flood"], ["application/xml", "<service_request/>"]] as const) {
      const r = await inject({ method: "POST", url: "/open311/v2/requests.json", headers: { "content-type": type }, payload });
      expect(r.statusCode, `${type} ${payload}`).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, `${type} ${payload}`).toBeLessThan(500);
      open311++;
    }
    console.log(`Open311 POST: ${open311} bad requests refused`);
  });

  it("Open311 GET: bad filters, ids, services and formats are refused in Open311's error list", async () => {
    let seed = 100;
    const notW3 = fc.oneof(fc.string({ maxLength: 25 }).map((s) => `x${s}`), fc.constantFrom("2026-11-01T00:00:00", "01/11/2026", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00+07:00", "2569-11-01T00:00:00+07:00x", "yesterday"));
    const queries: [string, Record<string, string>][] = [];
    for (const v of sample(notW3, 20, seed++)) queries.push(["start_date", { start_date: v }], ["end_date", { end_date: v }]);
    for (const v of sample(fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !["open", "closed"].includes(s) && s.trim() !== "" && !s.includes(",")), 20, seed++)) queries.push(["status", { status: v }]);
    queries.push(["end before start", { start_date: "2026-11-10T00:00:00Z", end_date: "2026-11-01T00:00:00Z" }], ["91 days", { start_date: "2026-01-01T00:00:00Z", end_date: "2026-04-02T00:00:00Z" }]);
    queries.push(["1,001 ids", { service_request_id: Array.from({ length: 1001 }, (_, i) => `31-${i}`).join(",") }]);
    for (const [what, q] of queries)
      for (const format of ["json", "xml"] as const) {
        const r = await inject({ method: "GET", url: `/open311/v2/requests.${format}?${new URLSearchParams(q)}` });
        expectOpen311Refused(r, format, `GET requests ${what} ${JSON.stringify(q).slice(0, 80)}`);
      }
    for (const id of sample(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes("/") && !s.includes(".")), 30, seed++))
      for (const path of ["requests", "tokens", "services"])
        for (const format of ["json", "xml"] as const) {
          const r = await inject({ method: "GET", url: `/open311/v2/${path}/${encodeURIComponent(id)}.${format}` });
          expectOpen311Refused(r, format, `GET ${path}/${id}.${format}`);
        }
    for (const file of ["discovery.yaml", "services.html", "requests", "nothing.json", "requests.json.bak"]) {
      const r = await inject({ method: "GET", url: `/open311/v2/${file}` });
      expect(r.statusCode, file).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, file).toBeLessThan(500);
    }
  });

  it("nothing refused above was written; the untouched base requests are accepted", async () => {
    expect(await fingerprintAll(db)).toEqual(before);
    console.log(`bad input below the contracts: ${requests} refused requests (wire, multipart, Open311), the database unchanged`);
    expect(requests).toBeGreaterThan(2_500);
    // the bases were good: the same routes take them once nothing is broken
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 20 } } }).jpeg().toBuffer();
    const ok311 = await inject({ method: "POST", url: "/open311/v2/requests.xml", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams({ api_key: apiKey, service_code: "flood", lat: "14.9930", long: "103.1029", description: "น้ำท่วมถนนหน้าวัด รถเล็กผ่านไม่ได้", "attribute[road_passable]": "no", "attribute[water_depth_cm]": "35" }).toString() });
    expect(ok311.statusCode, ok311.body).toBe(201);
    const validCase = { categoryId: "flood", descriptionTh: "น้ำท่วมถนนหน้าโรงเรียน รถผ่านไม่ได้", lat: 14.99, lon: 103.1, reporter: { anonymous: true }, consent: true };
    const okCase = await inject({ method: "POST", url: "/api/v1/cases", headers: { "content-type": "multipart/form-data; boundary=----changwat-fuzz" }, payload: fuzzBody([{ name: "case", value: JSON.stringify(validCase) }, { name: "photo", filename: "a.jpg", type: "image/jpeg", data: jpeg }]) });
    expect(okCase.statusCode, okCase.body).toBe(201);
    const okPhoto = await inject({ method: "POST", url: `/api/v1/cases/${caseId}/photos`, headers: { ...staff, "content-type": "multipart/form-data; boundary=----changwat-fuzz" }, payload: fuzzBody([{ name: "photo", filename: "a.jpg", type: "image/jpeg", data: jpeg }]) });
    expect(okPhoto.statusCode, okPhoto.body).toBe(201);
    const okFile = await inject({ method: "POST", url: `/api/v1/planning/projects/${projectId}/files`, headers: { ...planner, "content-type": "multipart/form-data; boundary=----changwat-fuzz" }, payload: fuzzBody([{ name: "kind", value: "photo" }, { name: "file", filename: "a.jpg", type: "image/jpeg", data: jpeg }]) });
    expect(okFile.statusCode, okFile.body).toBe(201);
  });
});
