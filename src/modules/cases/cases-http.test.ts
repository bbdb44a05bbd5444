import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { withTransaction } from "../../platform/ctx.js";
import { createApiKey } from "../accounts/create-api-key.js";
import { configureCases } from "./module.js";
import { validateOpen311, validateOpen311Xml } from "./open311-schema.js";
import { multipart, phonePhoto } from "../../../test/intake.js";

let db: Database;
let app: FastifyInstance;
let apiKey = "";
beforeAll(async () => {
  db = await createTestDb();
  configureCases({ intakeLimit: 4 });
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  const key = await withTransaction(ctxFor(db), (tx) => createApiKey({ ctx: tx, input: { name: "LINE bot of Chiang Rai (test)", grants: [{ role: "citizen", scope: "nation" }] } }));
  apiKey = key.secret;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

const PII = { name: "ปิยะพงษ์ลับเฉพาะ ทดสอบ", phone: "0891234567", email: "secret.reporter@example.invalid" };
const EXACT = { lat: 20.4212345, lon: 99.8812345 };
let made: { id: string; publicRef: string; trackingCode: string };

describe("intake over HTTP", () => {
  it("takes a Thai report with a photo and a pin (multipart); the stored photo has no EXIF or GPS", async () => {
    const body = { categoryId: "flood", descriptionTh: `น้ำท่วมถนนหน้าตลาด ลึกครึ่งเข่า ติดต่อ ${PII.name} โทร ${PII.phone}`, ...EXACT, reporter: { ...PII, anonymous: false, notify: true }, consent: true };
    const m = multipart({ case: JSON.stringify(body) }, [{ name: "photo", filename: "IMG_0001.jpg", type: "image/jpeg", data: await phonePhoto() }]);
    const r = await app.inject({ method: "POST", url: "/api/v1/cases", ...m });
    expect(r.statusCode, r.body).toBe(201);
    made = r.json();
    expect(made.publicRef).toMatch(/^57-/);
    const [p] = await db.query<{ content: Uint8Array }>("select content from case_photos where case_id = $1", [made.id]);
    const meta = await sharp(Buffer.from(p!.content)).metadata();
    expect([meta.exif, meta.xmp, meta.iptc]).toEqual([undefined, undefined, undefined]);
    expect(Buffer.from(p!.content).includes("Secret Model X")).toBe(false);
    // the reporter follows it with the tracking code alone
    const t = await app.inject({ method: "POST", url: "/api/v1/cases/track", payload: { trackingCode: made.trackingCode } });
    expect(t.statusCode).toBe(200);
    expect(t.json().publicRef).toBe(made.publicRef);
    expect((await app.inject({ method: "POST", url: "/api/v1/cases/track", payload: { trackingCode: "ZZZZ-ZZZZ-ZZ" } })).statusCode).toBe(404);
  });

  it("refuses a file that is not an image (400) and one over 10 MB (413), writing nothing", async () => {
    const before = [await count("cases"), await count("case_photos")];
    const body = JSON.stringify({ categoryId: "road", descriptionTh: "ถนนเป็นหลุมลึกหน้าโรงเรียน", subdistrictCode: "570101", reporter: { anonymous: true }, consent: true });
    const pdf = multipart({ case: body }, [{ name: "photo", filename: "photo.jpg", type: "image/jpeg", data: Buffer.from("%PDF-1.7\n" + "x".repeat(500)) }]);
    const a = await app.inject({ method: "POST", url: "/api/v1/cases", ...pdf });
    expect(a.statusCode).toBe(400);
    expect(a.json().error.fields[0].code).toBe("cases.photo.not-an-image");
    const big = multipart({ case: body }, [{ name: "photo", filename: "big.jpg", type: "image/jpeg", data: Buffer.alloc(10 * 1024 * 1024 + 10, 0xff) }]);
    expect((await app.inject({ method: "POST", url: "/api/v1/cases", ...big })).statusCode).toBe(413);
    expect([await count("cases"), await count("case_photos")]).toEqual(before);
  });

  it("limits public intake per address; staff entering 1567 calls are not limited", async () => {
    const body = { categoryId: "noise", descriptionTh: "เสียงเพลงดังจากร้านอาหารหลังเที่ยงคืน", subdistrictCode: "400101", reporter: { anonymous: true }, consent: true };
    const codes: number[] = [];
    for (let k = 0; k < 4; k++) codes.push((await app.inject({ method: "POST", url: "/api/v1/cases", remoteAddress: "203.0.113.9", payload: body })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201]); // 4 per address per 10 minutes
    const limited = await app.inject({ method: "POST", url: "/api/v1/cases", remoteAddress: "203.0.113.9", payload: body });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.messageTh).toBeTruthy();
    const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", remoteAddress: "203.0.113.9", payload: { username: "district.maesai", password: "changwat-demo" } });
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    for (let k = 0; k < 5; k++) {
      const r = await app.inject({ method: "POST", url: "/api/v1/cases", remoteAddress: "203.0.113.9", headers: { cookie, "x-csrf-token": login.json().csrfToken }, payload: { ...body, subdistrictCode: "570901", channel: "hotline_1567" } });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
});

describe("Open311 GeoReport v2 at /open311/v2", () => {
  it("answers discovery, services and a service definition in JSON and XML, valid against the reference schemas", async () => {
    for (const [url, kind] of [["discovery", "discovery"], ["services", "services"], ["services/flood", "service-definition"]] as const) {
      const j = await app.inject({ method: "GET", url: `/open311/v2/${url}.json` });
      expect(j.statusCode, url).toBe(200);
      expect(j.headers["content-type"]).toContain("application/json");
      expect(validateOpen311(kind, j.json(), { strict: true }), url).toEqual([]);
      const x = await app.inject({ method: "GET", url: `/open311/v2/${url}.xml` });
      expect(x.headers["content-type"]).toContain("text/xml");
      expect(validateOpen311Xml(kind, x.body, { strict: true }), url).toEqual([]);
    }
    const services = (await app.inject({ method: "GET", url: "/open311/v2/services.json" })).json() as { service_code: string; service_name: string }[];
    expect(services.find((s) => s.service_code === "flood")?.service_name).toBe("น้ำท่วม");
    const en = (await app.inject({ method: "GET", url: "/open311/v2/services.json?lang=en" })).json() as { service_code: string; service_name: string }[];
    expect(en.find((s) => s.service_code === "flood")?.service_name).toBe("Flooding");
    const def = (await app.inject({ method: "GET", url: "/open311/v2/services/flood.json" })).json();
    expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(["water_depth_cm", "road_passable"]);
    const missing = await app.inject({ method: "GET", url: "/open311/v2/services/no-such.xml" });
    expect(missing.statusCode).toBe(404);
    expect(validateOpen311Xml("errors", missing.body, { strict: true })).toEqual([]);
    expect((await app.inject({ method: "GET", url: "/open311/v2/services.yaml" })).statusCode).toBe(404);
  });

  it("lists requests with the standard filters and by id, public view only", async () => {
    const all = await app.inject({ method: "GET", url: "/open311/v2/requests.json" });
    expect(all.statusCode).toBe(200);
    expect(validateOpen311("requests", all.json(), { strict: true })).toEqual([]);
    const mine = (all.json() as { service_request_id: string; lat: number; long: number; description: string }[]).find((x) => x.service_request_id === made.publicRef)!;
    expect([mine.lat, mine.long]).toEqual([20.421, 99.881]);
    expect(mine.description).not.toContain(PII.phone);
    const closed = (await app.inject({ method: "GET", url: "/open311/v2/requests.json?status=closed&service_code=flood,stray-animal" })).json() as { status: string; service_code: string }[];
    expect(closed.every((x) => x.status === "closed" && ["flood", "stray-animal"].includes(x.service_code))).toBe(true);
    const one = await app.inject({ method: "GET", url: `/open311/v2/requests/${made.publicRef}.xml` });
    expect(one.statusCode).toBe(200);
    expect(validateOpen311Xml("requests", one.body, { strict: true })).toEqual([]);
    const bad = await app.inject({ method: "GET", url: "/open311/v2/requests.json?start_date=2026-11-01T00:00:00Z&end_date=2026-10-01T00:00:00Z" });
    expect(bad.statusCode).toBe(400);
    expect(validateOpen311("errors", bad.json(), { strict: true })).toEqual([]);
  });

  it("takes a POST from a client with an API key (form-encoded), refuses one without, and refuses bad input with Open311 errors", async () => {
    const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
    const base = { service_code: "flood", lat: "20.4301", long: "99.8790", description: "น้ำท่วมซอยหลังวัด รถเล็กผ่านไม่ได้", "attribute[road_passable]": "no", "attribute[water_depth_cm]": "35" };
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const before = await count("cases");
    const noKey = await app.inject({ method: "POST", url: "/open311/v2/requests.json", headers, payload: form(base) });
    expect(noKey.statusCode).toBe(403);
    expect(validateOpen311("errors", noKey.json(), { strict: true })).toEqual([]);
    expect((await app.inject({ method: "POST", url: "/open311/v2/requests.json", headers, payload: form({ ...base, api_key: "wrong" }) })).statusCode).toBe(403);
    expect((await app.inject({ method: "POST", url: "/open311/v2/requests.json", headers, payload: form({ ...base, api_key: apiKey, service_code: "nope" }) })).statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: "/open311/v2/requests.json", headers, payload: form({ ...base, api_key: apiKey, "attribute[road_passable]": "maybe" }) })).statusCode).toBe(400);
    expect((await app.inject({ method: "POST", url: "/open311/v2/requests.json", headers, payload: form({ ...base, api_key: apiKey, lat: "91" }) })).statusCode).toBe(400);
    expect(await count("cases")).toBe(before);
    const ok = await app.inject({ method: "POST", url: "/open311/v2/requests.xml", headers, payload: form({ ...base, api_key: apiKey, first_name: "สมหมาย", last_name: "ทดลอง", email: "sommai@example.invalid" }) });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(validateOpen311Xml("post-response", ok.body, { strict: true })).toEqual([]);
    const [row] = await db.query<{ channel: string; attributes: Record<string, string>; created_by: string }>("select channel, attributes, created_by from cases where attributes->>'water_depth_cm' = '35' and description_th like 'น้ำท่วมซอยหลังวัด%'");
    expect(row!.channel).toBe("open311");
    expect(row!.attributes).toMatchObject({ road_passable: "no", water_depth_cm: "35" });
  });
});

// The scan of every GET answer for personal data (this case's reporter, pin and internal note included) is
// test/public-personal-data.test.ts: it plants reporters, Open311 contacts and applicants through these routes
// and calls every GET route of the app as nobody, another citizen, another province's and the national staff.
