/**
 * No personal data where it does not belong (PDPA), checked by planting it and scanning every answer.
 *
 * Two citizens sign up and report cases in Buriram through the real routes (names, phone numbers, e-mail
 * addresses, an ID number and a house number in the text, an exact pin, a photo with GPS in its EXIF, a free
 * attribute), take part in a call for input; an Open311 client posts a request with its reporter's contact; the
 * province's counter receives a permit application; the handlers write an internal note, resolve with an
 * after-photo (GPS in its EXIF too) and the reporter rates with a comment.
 *
 * Then EVERY GET route of the app (the route table, not a list: a new route is scanned or fails the test unless
 * the skip-list below says why) is called with real ids and with each value of its query's enumerations
 * (formats: CSV, XLSX, PDF, JSON, XML; Open311 JSON and XML), as: nobody, the other citizen, each citizen for
 * the other's data, the governor of another province (beside) and the Prime Minister's operation centre (above).
 * Every answer is decoded (JSON strings, XML entities, XLSX parts, PDF text, image metadata) and searched, with
 * its headers, for every planted value it must not carry, normalised (a phone number in any spelling, e-mail in
 * any case, Thai names by their parts). Each needle is first shown to find its value where it belongs (the
 * handlers' case page, the citizen's own data), so that a scan that finds nothing has looked for something real.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { Database } from "../src/platform/db/client.js";
import { configureMail, outboxTransport } from "../src/modules/mail/index.js";
import { buildApp, routeCatalog, type RouteEntry } from "../src/server/app.js";
import { FIXED_NOW } from "./clock.js";
import { createTestDb } from "./db.js";
import { multipart, phonePhoto } from "./intake.js";
import { coordinateNeedle, decodeBody, emailNeedle, haystack, idNumberNeedle, nameNeedles, needlesIn, phoneNeedle, textNeedle, type Needle } from "./personal-data-scan.js";
import { idsOf, tableFor, tablesOf, type Tables } from "./route-ids.js";
import { unwrap, validOf } from "./zod-arbitrary.js";

type Any = z.ZodType;
let db: Database;
let app: FastifyInstance;
let tables: Tables;

beforeAll(async () => {
  db = await createTestDb();
  configureMail({ transport: outboxTransport(db.db, "Changwat <no-reply@changwat.invalid>", () => FIXED_NOW), publicUrl: "http://localhost:4312" });
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null, rateLimitMax: 1_000_000 });
  await app.ready();
  tables = await tablesOf(db);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

// ───────────────────────────── who, and what they give ─────────────────────────────

/** A valid Thai ID number (check digit computed), so the forms accept it. */
function thaiId(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i);
  return `${first12}${(11 - (sum % 11)) % 10}`;
}

const A = {
  name: "ปิ่นมณีรัตน์ เกษมสุขโภคินันท์",
  email: "pinmanee.kasem.7731@example.invalid",
  phone: "0867314529",
  idNumber: thaiId("110170023456"),
  house: "73/1448",
  street: "ซอยพิณมณีสุขสันต์",
  point: { lat: 14.9876543, lon: 103.1234567 },
  camera: "PDPA-Scan-Phone-A7731",
  afterCamera: "PDPA-Scan-After-A7731",
  attribute: "ติดต่อผู้แจ้ง 086 731 4529",
  rating: "ขอบคุณเจ้าหน้าที่ รหัสความเห็น PDPA-RATE-A7731",
};
const B = {
  name: "ธีรวัฒน์ชัย บุญญาฤทธิ์ไพศาล",
  email: "theerawat.boon.5520@example.invalid",
  phone: "0925518804",
  house: "218/3305",
  point: { lat: 14.9654321, lon: 103.0876543 },
};
const O = {
  firstName: "ชนัญญ์ภัสสร",
  lastName: "วิริยะธนาภิรมย์",
  email: "chanan.wiriya.6642@example.invalid",
  phone: "+66 81 555 0199",
  address: "บ้านเลขที่ 55/9090 ถนนหลังวัดพิทักษ์ธรรม",
  device: "device-pdpa-9f3e77",
  account: "open311-acct-pdpa-77q",
  media: "https://example.invalid/pdpa-media-O7731.jpg",
  point: { lat: 14.9543219, lon: 103.1098765 },
};
const P = {
  name: "นางสาวศศิธรณ์พร ลิขิตวรกุลชัย",
  idNumber: thaiId("310990012345"),
  phone: "044 611 823",
  address: "เลขที่ 401/77 หมู่ 4 ตำบลอิสาณ",
};
/** A's second report, anonymous: a street light out near home */
const A2_POINT = { lat: 14.9897543, lon: 103.1217567 };
const INTERNAL = "บันทึกภายในเฉพาะเจ้าหน้าที่ PDPA-NOTE-5531";

type Session = { cookie: string; "x-csrf-token": string };
let addr = 0;
/** each request from its own address: per-route rate limits are not what is tested here */
const from = () => `10.77.${(++addr >> 8) & 255}.${addr & 255}`;

async function login(username: string, password = "changwat-demo"): Promise<Session> {
  const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: from(), payload: { username, password } });
  expect(r.statusCode, `${username}: ${r.body}`).toBe(200);
  return { cookie: String(r.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": r.json().csrfToken as string };
}

/** Signs up over HTTP, verifies from the development outbox's link, logs in with the address. */
async function signUp(p: { name: string; email: string; phone: string }): Promise<{ session: Session; accountId: string }> {
  const s = await app.inject({ method: "POST", url: "/api/v1/auth/sign-up", remoteAddress: from(), payload: { email: p.email, password: "a-long-enough-password", displayName: p.name, phone: p.phone, consent: true } });
  expect(s.statusCode, s.body).toBe(202);
  const mail = (await app.inject({ method: "POST", url: "/api/v1/dev/outbox", remoteAddress: from(), payload: { address: p.email } })).json().items[0];
  const token = decodeURIComponent(/\/account\/verify#token=([^\s"<&]+)/.exec(mail.text)![1]!);
  expect((await app.inject({ method: "POST", url: "/api/v1/auth/verify-email", remoteAddress: from(), payload: { token } })).statusCode).toBe(200);
  const session = await login(p.email, "a-long-enough-password");
  const me = await app.inject({ method: "GET", url: "/api/v1/me/profile", headers: session });
  return { session, accountId: me.json().id as string };
}

async function post(url: string, who: Session | null, payload: unknown, status = 201) {
  const r = await app.inject({ method: "POST", url, remoteAddress: from(), headers: who ?? {}, payload: payload as object });
  expect(r.statusCode, `${url}: ${r.body}`).toBe(status);
  return r.json();
}

// ───────────────────────────── planting ─────────────────────────────

type Planted = { id: string; publicRef: string; trackingCode: string };
const planted = {} as {
  a: Session;
  b: Session;
  aId: string;
  bId: string;
  buriram: Session;
  a1: Planted;
  a2: Planted;
  b1: Planted;
  o1: Planted;
  beforePhoto: string;
  afterPhoto: string;
  proposal: string;
  permit: string;
  reporterIds: string[];
  submitted: string[];
  uploads: Buffer[];
};

let plantedAll: Promise<void> | null = null;
const plant = () => (plantedAll ??= doPlant());

async function doPlant(): Promise<void> {
  ({ session: planted.a, accountId: planted.aId } = await signUp(A));
  ({ session: planted.b, accountId: planted.bId } = await signUp(B));
  planted.buriram = await login("governor.buriram");
  planted.submitted = [];
  planted.uploads = [];
  // A: a web report with a photo, contact and an exact pin, text full of contact details
  const photo = await phonePhoto({ model: A.camera, lat: A.point.lat, lon: A.point.lon });
  planted.uploads.push(photo);
  const a1 = {
    categoryId: "road",
    descriptionTh: `ถนนหน้าบ้านเลขที่ ${A.house} ทรุดเป็นหลุมลึก ท่อระบายน้ำอุดตัน น้ำขังทุกครั้งที่ฝนตก ${A.name} แจ้ง โทร 086-731-4529 อีเมล ${A.email.toUpperCase()} เลขบัตร ${A.idNumber.replace(/^(\d)(\d{4})(\d{5})(\d{2})(\d)$/, "$1-$2-$3-$4-$5")}`,
    ...A.point,
    addressTh: `บ้านเลขที่ ${A.house} ${A.street} ตำบลในเมือง`,
    attributes: { contact_note: A.attribute },
    reporter: { anonymous: false, name: A.name, phone: A.phone, email: A.email, notify: true },
    consent: true,
  };
  const m = multipart({ case: JSON.stringify(a1) }, [{ name: "photo", filename: "IMG_7731.jpg", type: "image/jpeg", data: photo }]);
  const r1 = await app.inject({ method: "POST", url: "/api/v1/cases", remoteAddress: from(), payload: m.payload, headers: { ...m.headers, ...planted.a } });
  expect(r1.statusCode, r1.body).toBe(201);
  planted.a1 = r1.json();
  planted.submitted.push(r1.body);
  expect(planted.a1.publicRef).toMatch(/^31-/);
  // A again, anonymously while logged in: nothing of the account may show with it
  planted.a2 = await post("/api/v1/cases", planted.a, { categoryId: "lighting", descriptionTh: "ไฟฟ้าส่องสว่างดับทั้งซอย ท่อระบายน้ำ มืดมากตอนกลางคืน", ...A2_POINT, reporter: { anonymous: true, notify: false }, consent: true });
  // B: another citizen's report
  planted.b1 = await post("/api/v1/cases", planted.b, { categoryId: "drain", descriptionTh: `ท่อระบายน้ำแตกหน้าบ้านเลขที่ ${B.house} กลิ่นเหม็นมาก ติดต่อ ${B.phone.replace(/^(\d{3})(\d{3})(\d{4})$/, "$1 $2 $3")} ${B.email}`, ...B.point, addressTh: `บ้านเลขที่ ${B.house}`, reporter: { anonymous: false, name: B.name, phone: B.phone, email: B.email, notify: true }, consent: true });
  planted.submitted.push(JSON.stringify(planted.a2), JSON.stringify(planted.b1));
  // Open311: a client with an API key (made by the administrator over HTTP) posts a request with its reporter's contact
  const admin = await login("admin");
  const key = await post("/api/v1/api-keys", admin, { name: "LINE bot of Buriram (PDPA scan)", grants: [{ role: "citizen", scope: "nation" }] });
  const form = new URLSearchParams({ api_key: key.secret, service_code: "road", lat: String(O.point.lat), long: String(O.point.lon), description: `ถนนลูกรังเป็นหลุมท่อระบายน้ำพัง ติดต่อ ${O.firstName} ${O.phone}`, first_name: O.firstName, last_name: O.lastName, email: O.email, phone: O.phone, address_string: O.address, device_id: O.device, account_id: O.account, media_url: O.media });
  const o = await app.inject({ method: "POST", url: "/open311/v2/requests.json", remoteAddress: from(), headers: { "content-type": "application/x-www-form-urlencoded" }, payload: form.toString() });
  expect(o.statusCode, o.body).toBe(201);
  const oRef = o.json()[0].service_request_id as string;
  const [oRow] = await db.query<{ id: string }>("select id from cases where public_ref = $1", [oRef]);
  planted.o1 = { id: oRow!.id, publicRef: oRef, trackingCode: "" };
  // the counter of Buriram receives a permit application from a citizen
  const permit = await post("/api/v1/delegation/permits", planted.buriram, { powerCode: "P-ADM-015", provinceCode: "31", districtCode: "3101", applicantKind: "citizen", applicant: P, subjectTh: "ขอใช้ที่สาธารณประโยชน์วางท่อระบายน้ำหน้าบ้าน", amount: 60000 });
  planted.permit = permit.id;
  // the handlers: an internal note naming the reporter, accept, start, an after-photo with GPS, resolve
  const buri = planted.buriram;
  await post(`/api/v1/cases/${planted.a1.id}/events`, buri, { textTh: `${INTERNAL} โทรกลับคุณ${A.name.split(" ")[0]} ที่ ${A.phone} แล้ว`, visibility: "internal" }, 200);
  let v = (await app.inject({ method: "GET", url: `/api/v1/cases/${planted.a1.id}`, headers: buri })).json().version as number;
  v = (await post(`/api/v1/cases/${planted.a1.id}/accept`, buri, { version: v }, 200)).version;
  v = (await post(`/api/v1/cases/${planted.a1.id}/start`, buri, { version: v, textTh: "ส่งช่างออกสำรวจแล้ว" }, 200)).version;
  const after = await phonePhoto({ model: A.afterCamera, lat: A.point.lat, lon: A.point.lon, after: true });
  planted.uploads.push(after);
  const am = multipart({}, [{ name: "photo", filename: "after.jpg", type: "image/jpeg", data: after }]);
  const up = await app.inject({ method: "POST", url: `/api/v1/cases/${planted.a1.id}/photos`, remoteAddress: from(), payload: am.payload, headers: { ...am.headers, ...buri } });
  expect(up.statusCode, up.body).toBe(201);
  planted.afterPhoto = up.json().id;
  planted.beforePhoto = (await db.query<{ id: string }>("select id from case_photos where case_id = $1 and kind = 'before'", [planted.a1.id]))[0]!.id;
  await post(`/api/v1/cases/${planted.a1.id}/resolve`, buri, { version: v, afterPhotoId: planted.afterPhoto, textTh: "ซ่อมผิวถนนและล้างท่อแล้ว" }, 200);
  // the reporter rates it, with a comment
  await post(`/api/v1/cases/${planted.a1.id}/rate`, planted.a, { rating: 2, commentTh: A.rating }, 200);
  // participation: A proposes and comments on Chiang Rai's open call without showing a name, supports, answers a survey
  const call = (await db.query<{ id: string }>("select id from participation_calls where province_code = '57' and closes_at > $1 order by id limit 1", [FIXED_NOW]))[0]!.id;
  planted.proposal = (await post(`/api/v1/participation/calls/${call}/proposals`, planted.a, { titleTh: "ติดตั้งเครื่องวัดฝุ่นในตำบลรอบนอกเพิ่ม", bodyTh: "สถานีวัดฝุ่นมีแต่ในเมือง ขอให้ติดตั้งเพิ่มในตำบลรอบนอกอย่างน้อยอำเภอละหนึ่งแห่ง" })).id;
  await post(`/api/v1/participation/proposals/${planted.proposal}/comments`, planted.a, { bodyTh: "เห็นด้วย ควรรายงานผลรายสัปดาห์" });
  await post(`/api/v1/participation/proposals/${planted.proposal}/support`, planted.b, {}, 200);
  const survey = (await db.query<{ id: string }>("select id from participation_surveys where province_code = '57' and closes_at > $1 order by id limit 1", [FIXED_NOW]))[0]?.id;
  if (survey) await post(`/api/v1/participation/surveys/${survey}/answers`, planted.a, { score: 2 });
  planted.reporterIds = (await db.query<{ id: string }>("select id from case_reporters where case_id = any($1)", [[planted.a1.id, planted.a2.id, planted.b1.id, planted.o1.id]])).map((r) => r.id);
}

/** Every planted value, each with whose it is. */
function needles(): Needle[] {
  const nobody = "nobody";
  return [
    ...nameNeedles("A's name", "A", A.name),
    emailNeedle("A's e-mail", "A", A.email),
    phoneNeedle("A's phone", "A", A.phone),
    idNumberNeedle("A's ID number", "A", A.idNumber),
    textNeedle("A's house number", "A", A.house),
    textNeedle("A's street", "A", A.street),
    coordinateNeedle("A's exact latitude", "A", A.point.lat),
    coordinateNeedle("A's exact longitude", "A", A.point.lon),
    coordinateNeedle("A's second exact latitude", "A", A2_POINT.lat),
    coordinateNeedle("A's second exact longitude", "A", A2_POINT.lon),
    textNeedle("A's account id", "A", planted.aId),
    textNeedle("A's rating comment", "A", A.rating),
    textNeedle("A's camera (EXIF)", nobody, A.camera),
    textNeedle("the after-photo's camera (EXIF)", nobody, A.afterCamera),
    ...nameNeedles("B's name", "B", B.name),
    emailNeedle("B's e-mail", "B", B.email),
    phoneNeedle("B's phone", "B", B.phone),
    textNeedle("B's house number", "B", B.house),
    coordinateNeedle("B's exact latitude", "B", B.point.lat),
    coordinateNeedle("B's exact longitude", "B", B.point.lon),
    textNeedle("B's account id", "B", planted.bId),
    ...nameNeedles("the Open311 reporter's first name", "O", O.firstName),
    ...nameNeedles("the Open311 reporter's last name", "O", O.lastName),
    emailNeedle("the Open311 reporter's e-mail", "O", O.email),
    phoneNeedle("the Open311 reporter's phone", "O", O.phone),
    textNeedle("the Open311 reporter's house number", "O", "55/9090"),
    textNeedle("the Open311 device id", nobody, O.device),
    textNeedle("the Open311 account id", nobody, O.account),
    textNeedle("the Open311 media URL", nobody, O.media),
    coordinateNeedle("the Open311 exact latitude", "O", O.point.lat),
    coordinateNeedle("the Open311 exact longitude", "O", O.point.lon),
    ...nameNeedles("the permit applicant's name", "P", P.name.replace(/^นางสาว/, "")),
    idNumberNeedle("the permit applicant's ID number", "P", P.idNumber),
    phoneNeedle("the permit applicant's phone", "P", P.phone),
    textNeedle("the permit applicant's address", "P", "401/77"),
    textNeedle("the internal note", "handlers", INTERNAL),
    ...[planted.a1, planted.a2, planted.b1].map((c, k) => textNeedle(`tracking code ${k + 1}`, nobody, c.trackingCode)),
    ...planted.reporterIds.map((id, k) => textNeedle(`reporter record id ${k + 1}`, nobody, id)),
  ];
}

// ───────────────────────────── what is called ─────────────────────────────

/** GET routes not called, and why (reviewed). */
const SKIP: Record<string, string> = {
  "/api/docs/static/*": "the Swagger UI's own files (a wildcard over the package's static assets; no data)",
};
/** Routes an anonymous call may answer 404 (not 2xx, 401 or 403), and why (reviewed). */
const ANON_NOT_FOUND: Record<string, string> = {
  "/api/v1/map/geojson": "no GEOJSON_PROVINCES file is configured in the tests",
  "/api/v1/public/cases/:ref/photos/:photoId": "the before-photo (a citizen's) is never public: 404 by design; the after-photo answers 200",
};

/** Values for query fields and path parameters that find the planted records (never a planted value itself). */
const QUERY_FILL: Record<string, string> = {
  provinceCode: "31",
  province: "31",
  fiscalYear: "2570",
  q: "ท่อระบายน้ำ",
  text: "ถนนทรุดเป็นหลุมลึก ท่อระบายน้ำอุดตัน น้ำขังทุกครั้งที่ฝนตก",
  lat: "14.98775",
  lon: "103.12355",
  categoryId: "road",
  powerCode: "P-ADM-015",
  from: "1",
  to: "2",
  period: "12",
  pageSize: "100",
  limit: "100",
};

type Call = { route: RouteEntry; url: string };

function queryVariants(route: RouteEntry, subjectId: string): Record<string, string>[] {
  const s = route.schema.querystring && typeof route.schema.querystring === "object" && "safeParse" in route.schema.querystring ? unwrap(route.schema.querystring as Any) : null;
  if (!s) return [{}];
  const d = (s as unknown as { _zod: { def: { type: string; shape?: Record<string, Any> } } })._zod.def;
  if (d.type !== "object" || !d.shape) return [{}];
  const base: Record<string, string> = {};
  const enums: [string, string[]][] = [];
  for (const [k, f] of Object.entries(d.shape)) {
    const inner = unwrap(f) as unknown as { _zod: { def: { type: string; entries?: Record<string, string> } } };
    const required = !f.safeParse(undefined).success;
    if (inner._zod.def.type === "enum") enums.push([k, Object.values(inner._zod.def.entries!)]);
    const fill = k === "subjectId" ? subjectId : QUERY_FILL[k];
    if (fill !== undefined && f.safeParse(fill).success) {
      // optional filters are filled too (the planted province, a search that finds the planted cases)
      base[k] = fill;
    } else if (required) {
      const v = inner._zod.def.type === "enum" ? Object.values(inner._zod.def.entries!)[0] : fc.sample(validOf(f as z.ZodType<unknown>), { numRuns: 1, seed: 31 })[0];
      base[k] = String(v);
    }
  }
  const out = [base];
  // and with nothing optional: the default view
  const required = Object.fromEntries(Object.entries(base).filter(([k]) => !d.shape![k]!.safeParse(undefined).success));
  out.push(required);
  for (const [k, values] of enums) for (const v of values) out.push({ ...base, [k]: v });
  const seen = new Set<string>();
  return out.filter((q) => {
    const key = JSON.stringify(Object.entries(q).sort());
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Path parameters for a route: the planted records where the route is about them, else a real id (Buriram's first). */
async function paramSets(route: RouteEntry, sections: string[]): Promise<Record<string, string>[] | null> {
  const cases = [planted.a1, planted.a2, planted.b1, planted.o1];
  const first = async (sql: string, p: unknown[] = []) => (await db.query<{ v: string }>(sql, p)).map((r) => r.v);
  const open311 = (names: string[]) => names.flatMap((n) => [{ file: `${n}.json` }, { file: `${n}.xml` }]);
  const explicit: Record<string, () => Promise<Record<string, string>[]>> = {
    "/api/v1/cases/:id": async () => cases.map((c) => ({ id: c.id })),
    "/api/v1/cases/:id/assignees": async () => cases.map((c) => ({ id: c.id })),
    "/api/v1/cases/:id/photos/:photoId": async () => [planted.beforePhoto, planted.afterPhoto].map((photoId) => ({ id: planted.a1.id, photoId })),
    "/api/v1/public/cases/:ref": async () => cases.map((c) => ({ ref: c.publicRef })),
    "/api/v1/public/cases/:ref/photos/:photoId": async () => [planted.beforePhoto, planted.afterPhoto].map((photoId) => ({ ref: planted.a1.publicRef, photoId })),
    // every kind of history, of a Buriram record where there is one (and of citizen A's account)
    "/api/v1/history/:entityType/:entityId": async () => {
      const k = unwrap((route.schema.params as { shape: { entityType: Any } }).shape.entityType) as unknown as { _zod: { def: { entries: Record<string, string> } } };
      const out: Record<string, string>[] = [];
      for (const entityType of Object.values(k._zod.def.entries)) {
        const special: Record<string, string> = { account: planted.aId, area: "province:31", organization: "pro:31:provincial-office" };
        const table = [`${entityType.replace(/-/g, "_")}s`, `${entityType.replace(/-/g, "_")}es`, entityType === "pilot-programme" ? "pilot_programmes" : ""].find((t) => tables.names.has(t));
        const id = special[entityType] ?? (table ? (await idsOf(db, table, tables, { provinceCode: "31" }))[0] : undefined) ?? "no-such-record";
        out.push({ entityType, entityId: id });
      }
      return out;
    },
    "/api/v1/me/data/:section/csv": async () => sections.map((section) => ({ section })),
    "/api/v1/provinces/:code": async () => [{ code: "31" }],
    "/api/v1/delegation/provinces/:provinceCode/powers": async () => [{ provinceCode: "31" }],
    "/api/v1/delegation/permits/:id": async () => [{ id: planted.permit }],
    "/api/v1/participation/proposals/:id": async () => [{ id: planted.proposal }],
    "/api/v1/agreements/:id/rounds/:round/report": async () => (await first("select id as v from agreements where province_code = '31' order by fiscal_year desc limit 1")).map((id) => ({ id, round: "6" })),
    "/api/v1/planning/projects/:id/files/:fileId": async () => {
      const f = await db.query<{ id: string; f: string }>("select project_id as id, id as f from project_files order by (province_code = '31') desc, id limit 1");
      // (the demo attaches no file: a Buriram project and no file still asks who may read its files)
      return f.length ? f.map((r) => ({ id: r.id, fileId: r.f })) : (await idsOf(db, "projects", tables, { provinceCode: "31" })).map((id) => ({ id, fileId: "no-such-file" }));
    },
    "/api/v1/planning/imports/templates/:kind": async () => {
      const k = unwrap((route.schema.params as { shape: { kind: Any } }).shape.kind) as unknown as { _zod: { def: { entries: Record<string, string> } } };
      return Object.values(k._zod.def.entries).map((kind) => ({ kind }));
    },
    "/api/v1/planning/ocds/releases/:ocid": async () => (await first("select ocid as v from procurements order by (province_code = '31') desc, id limit 1")).map((ocid) => ({ ocid })),
    "/api/v1/planning/ocds/projects/:projectId": async () => (await first("select project_id as v from procurements order by (province_code = '31') desc, id limit 1")).map((projectId) => ({ projectId })),
    "/api/v1/planning/ocds/contracts/:contractId": async () => (await first("select id as v from procurement_contracts order by (province_code = '31') desc, id limit 1")).map((contractId) => ({ contractId })),
    "/api/v1/partners/:id/committee-seats": async () => (await first("select partner_id as v from committee_seats where partner_id is not null order by id limit 1")).map((id) => ({ id })),
    "/open311/v2/:file": async () => open311(["discovery", "services", "requests"]),
    "/open311/v2/services/:file": async () => open311(["road", "flood"]),
    "/open311/v2/requests/:file": async () => open311(cases.map((c) => c.publicRef)),
    "/open311/v2/tokens/:file": async () => open311(cases.map((c) => c.publicRef)),
  };
  if (explicit[route.url]) return explicit[route.url]!();
  const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  if (!names.length) return [{}];
  if (names.length === 1 && names[0] === "id") {
    const t = tableFor(route.url, tables);
    if (!t) return null;
    const ids = await idsOf(db, t, tables, { provinceCode: "31" });
    // an empty table (no import job in the demo, say): the route is still called; an anonymous 404 then fails below
    return ids.length ? ids.map((id) => ({ id })) : [{ id: "no-such-record" }];
  }
  return null;
}

/** Every GET request of the scan, or the routes it could not fill (each must then be on the skip-list). */
async function plan(): Promise<{ calls: Call[]; unfilled: string[]; routes: RouteEntry[] }> {
  const routes = routeCatalog(app).filter((r) => r.method === "GET" && !SKIP[r.url]);
  const mine = await app.inject({ method: "GET", url: "/api/v1/me/data", headers: planted.a });
  const sections = (mine.json().sections as { key: string }[]).map((s) => s.key);
  const subjectId = (await db.query<{ v: string }>("select subject_id as v from participation_calls where province_code = '57' order by id limit 1"))[0]!.v;
  const calls: Call[] = [];
  const unfilled: string[] = [];
  for (const route of routes) {
    const sets = await paramSets(route, sections);
    if (!sets) {
      unfilled.push(route.url);
      continue;
    }
    for (const p of sets) {
      const path = route.url.replace(/:(\w+)/g, (_m, k: string) => encodeURIComponent(p[k]!));
      for (const q of queryVariants(route, subjectId)) {
        const qs = new URLSearchParams(q).toString();
        calls.push({ route, url: qs ? `${path}?${qs}` : path });
      }
      // Open311 reads its own query (no schema in the route table): the standard's filters and the language
      for (const qs of route.url.startsWith("/open311/") ? (p.file?.startsWith("requests.") ? ["status=open&service_code=road", "status=closed", "jurisdiction_id=TH-31", "lang=en"] : ["lang=en"]) : []) calls.push({ route, url: `${path}?${qs}` });
    }
  }
  return { calls, unfilled, routes };
}

// ───────────────────────────── scanning ─────────────────────────────

type Actor = { name: string; owner: string | null; headers: Record<string, string> };
type Finding = { actor: string; url: string; status: number; needle: string };
const scanned = new Map<string, { found: Needle[]; problems: string[]; kind: string }>();
const stats = { requests: 0, answers2xx: 0, bytes: 0, decoded: new Map<string, number>() };

async function scanAnswer(r: LightMyRequestResponse, all: Needle[]): Promise<{ found: Needle[]; problems: string[] }> {
  const headers = Object.entries(r.headers)
    .filter(([k]) => k !== "date" && k !== "x-request-id" && k !== "set-cookie")
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join("\n");
  const key = createHash("sha256").update(headers).update(r.rawPayload).digest("hex");
  let hit = scanned.get(key);
  if (!hit) {
    const d = await decodeBody(String(r.headers["content-type"] ?? ""), r.rawPayload);
    hit = { found: needlesIn(haystack(`${headers}\n${d.text}`), all), problems: d.problems, kind: d.kind };
    scanned.set(key, hit);
  }
  stats.bytes += r.rawPayload.length;
  stats.decoded.set(hit.kind, (stats.decoded.get(hit.kind) ?? 0) + 1);
  return hit;
}

async function scanAs(who: Actor, calls: Call[], all: Needle[]) {
  const findings: Finding[] = [];
  const statuses = new Map<string, number[]>();
  const failures: string[] = [];
  for (const c of calls) {
    const r = await app.inject({ method: "GET", url: c.url, headers: who.headers, remoteAddress: from() });
    stats.requests++;
    statuses.set(c.route.url, [...(statuses.get(c.route.url) ?? []), r.statusCode]);
    if (r.statusCode >= 500) failures.push(`${who.name} GET ${c.url} → ${r.statusCode} ${r.body.slice(0, 200)}`);
    if (r.statusCode >= 200 && r.statusCode < 300) stats.answers2xx++;
    // refusals are scanned too: an error message must not echo a record's personal data either
    const { found, problems } = await scanAnswer(r, all);
    for (const p of problems) failures.push(`${who.name} GET ${c.url}: the image still carries ${p} metadata`);
    for (const n of found) if (n.owner !== who.owner) findings.push({ actor: who.name, url: c.url, status: r.statusCode, needle: n.label });
  }
  return { findings, statuses, failures };
}

describe("no personal data in any answer to those it does not belong to (automated scan)", { timeout: 240_000 }, () => {
  it("plants personal data through the real routes, and every needle finds it where it belongs", async () => {
    await plant();
    const all = needles();
    // where each value belongs: the handlers' case pages and the permit, each citizen's own data, the submissions' answers
    const views: string[] = [];
    for (const id of [planted.a1.id, planted.b1.id, planted.o1.id]) views.push((await app.inject({ method: "GET", url: `/api/v1/cases/${id}`, headers: planted.buriram })).body);
    views.push((await app.inject({ method: "GET", url: `/api/v1/delegation/permits/${planted.permit}`, headers: planted.buriram })).body);
    for (const s of [planted.a, planted.b]) views.push((await app.inject({ method: "GET", url: "/api/v1/me/data", headers: s })).body);
    views.push(...planted.submitted);
    // values that are never shown to anyone: the stored rows and what was uploaded and posted
    views.push(JSON.stringify(await db.query("select * from case_reporters")), JSON.stringify(await db.query("select id, attributes from cases where id = $1", [planted.o1.id])), O.device, O.account, O.media);
    views.push(...planted.uploads.map((b) => b.toString("latin1")));
    const h = haystack(views.join("\n"));
    const unproven = all.filter((n) => !n.find(h)).map((n) => n.label);
    expect(unproven, "needles that find nothing even where the value is").toEqual([]);
    // the handler's view carries the reporter, the pin and the internal note (the scan below looks for real things)
    const handler = haystack(views[0]!);
    expect(needlesIn(handler, all).map((n) => n.label)).toEqual(expect.arrayContaining(["A's name", "A's phone", "A's e-mail", "A's exact latitude", "A's house number", "the internal note"]));
    // the decoders read what a person reading the file would: a Buriram round report as PDF and XLSX names the province
    const agreement = (await db.query<{ id: string }>("select id from agreements where province_code = '31' order by fiscal_year desc limit 1"))[0]!.id;
    for (const format of ["pdf", "xlsx"]) {
      const r = await app.inject({ method: "GET", url: `/api/v1/agreements/${agreement}/rounds/6/report?format=${format}`, headers: planted.buriram });
      expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
      const d = await decodeBody(String(r.headers["content-type"]), r.rawPayload);
      expect(d.kind).toBe(format);
      expect(haystack(d.text).text, format).toContain("บุรีรัมย์");
    }
    // what is stored of the photos has no EXIF (the camera's name and the GPS went at intake)
    const stored = await db.query<{ content: Uint8Array }>("select content from case_photos where case_id = $1", [planted.a1.id]);
    for (const p of stored) expect(Buffer.from(p.content).includes(A.camera) || Buffer.from(p.content).includes(A.afterCamera)).toBe(false);
  });

  it("every GET route, as nobody, the other citizen, another province's governor and the Prime Minister's operation centre: no planted value", async () => {
    await plant();
    const all = needles();
    const { calls, unfilled, routes } = await plan();
    expect(unfilled, "GET routes the scan cannot fill with real ids: give them ids or a reason on the skip-list").toEqual([]);
    const actors: Actor[] = [
      { name: "anonymous", owner: null, headers: {} },
      { name: "citizen A", owner: "A", headers: planted.a },
      { name: "citizen B", owner: "B", headers: planted.b },
      { name: "governor of Chiang Rai (beside)", owner: null, headers: await login("governor.chiangrai") },
      { name: "PMOC (above)", owner: null, headers: await login("pmoc") },
    ];
    const findings: Finding[] = [];
    const failures: string[] = [];
    const anonStatuses = new Map<string, number[]>();
    const t0 = Date.now();
    for (const who of actors) {
      const r = await scanAs(who, calls, all);
      findings.push(...r.findings);
      failures.push(...r.failures);
      if (who.name === "anonymous") for (const [k, v] of r.statuses) anonStatuses.set(k, v);
    }
    expect(failures).toEqual([]);
    expect(findings, "planted personal data in an answer to someone it does not belong to").toEqual([]);
    // every route was called, and an anonymous call was either answered or refused (a 400 or 404 means the scan's ids or query were wrong)
    const covered = new Set(calls.map((c) => c.route.url));
    expect(routes.filter((r) => !covered.has(r.url)).map((r) => r.url)).toEqual([]);
    const wrong = [...anonStatuses].filter(([url, st]) => !ANON_NOT_FOUND[url] && st.some((s) => !(s < 400 || s === 401 || s === 403))).map(([url, st]) => `${url}: ${[...new Set(st)].join(",")}`);
    expect(wrong, "anonymous calls answered neither 2xx nor 401/403: fix the ids or queries, or list the route with a reason").toEqual([]);
    const open = [...anonStatuses].filter(([, st]) => st.some((s) => s < 300)).map(([url]) => url);
    // the public faces of the planted cases were among what was scanned
    for (const url of ["/api/v1/public/cases", "/api/v1/public/cases/:ref", "/open311/v2/:file", "/open311/v2/requests/:file", "/api/v1/participation/proposals/:id"]) expect(open, url).toContain(url);
    const anonBoard = await app.inject({ method: "GET", url: "/api/v1/public/cases?provinceCode=31&pageSize=100" });
    for (const c of [planted.a1, planted.a2, planted.b1, planted.o1]) expect(anonBoard.body).toContain(c.publicRef);
    const kinds = [...stats.decoded].map(([k, n]) => `${k} ${n}`).join(", ");
    console.log(
      `personal-data scan: ${routes.length} GET routes (${Object.keys(SKIP).length} skipped with a reason; ${open.length} answer an anonymous caller), ${calls.length} requests per actor × ${actors.length} actors = ${stats.requests} requests, ${stats.answers2xx} answered 2xx, ${(stats.bytes / 1e6).toFixed(1)} MB scanned (${scanned.size} distinct answers; ${kinds}) for ${all.length} needles in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  });

  it("the citizen who reported sees their own data; the other citizen does not, and a search by name finds nothing", async () => {
    await plant();
    const all = needles();
    const own = (owner: string) => all.filter((n) => n.owner === owner && !/exact|account id|rating/.test(n.label)).map((n) => n.label);
    for (const [who, s] of [["A", planted.a], ["B", planted.b]] as const) {
      const mine = haystack([(await app.inject({ method: "GET", url: "/api/v1/me/data", headers: s })).body, (await app.inject({ method: "GET", url: "/api/v1/cases/mine", headers: s })).body].join("\n"));
      // their own name, phone, e-mail and what they wrote (ID number, house number) are in their own data
      const found = needlesIn(mine, all).map((n) => n.label);
      expect(found, `${who} sees their own`).toEqual(expect.arrayContaining(own(who)));
      expect(needlesIn(mine, all).filter((n) => n.owner !== who).map((n) => n.label), `${who} sees someone else's`).toEqual([]);
    }
    // the board's text search does not answer "is there a case by this person?"
    for (const q of [A.name.split(" ")[1]!, B.name.split(" ")[0]!, A.phone, A.email]) {
      const r = await app.inject({ method: "GET", url: `/api/v1/public/cases?provinceCode=31&pageSize=100&q=${encodeURIComponent(q)}` });
      expect(r.statusCode).toBe(200);
      for (const c of [planted.a1, planted.b1]) expect(r.body, `search "${q}"`).not.toContain(c.publicRef);
    }
    // and the similar-case search before sending finds the case without saying who reported it
    const similar = await app.inject({ method: "GET", url: `/api/v1/cases/similar?lat=14.98985&lon=103.12185&text=${encodeURIComponent("ไฟฟ้าส่องสว่างดับทั้งซอย มืดมากตอนกลางคืน")}` });
    expect(similar.statusCode, similar.body).toBe(200);
    expect(similar.json().items.map((x: { publicRef: string }) => x.publicRef)).toContain(planted.a2.publicRef);
    expect(needlesIn(haystack(similar.body), all)).toEqual([]);
  });
});
