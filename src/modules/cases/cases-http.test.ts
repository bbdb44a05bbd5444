import type { FastifyInstance } from "fastify";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp, routeCatalog } from "../../server/app.js";
import { createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { withTransaction } from "../../platform/ctx.js";
import { createApiKey } from "../accounts/create-api-key.js";
import { configureCases } from "./module.js";
import { validateOpen311, validateOpen311Xml } from "./open311-schema.js";

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

/** A phone-style JPEG that carries GPS and camera EXIF, as a citizen's upload would. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .composite([{ input: Buffer.from('<svg width="640" height="480"><rect x="40" y="300" width="560" height="120" fill="#654"/><circle cx="320" cy="160" r="90" fill="#eee"/></svg>'), top: 0, left: 0 }])
    .jpeg()
    .withExif({ IFD0: { Make: "TestPhone", Model: "Secret Model X" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "20/1 24/1 3600/100", GPSLongitudeRef: "E", GPSLongitude: "99/1 52/1 3000/100" } })
    .toBuffer();
}

/** multipart/form-data by hand: a `case` JSON field and files. */
function multipart(fields: Record<string, string>, files: { name: string; filename: string; type: string; data: Buffer }[]) {
  const boundary = "----changwat-test-boundary";
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const f of files) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.filename}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.data, Buffer.from("\r\n"));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

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

describe("no personal data in any public or Open311 answer (automated scan)", () => {
  it("calls every GET route anonymously with this case's ids and finds no name, phone, e-mail, exact point or internal note", async () => {
    // an internal note and a public update on the case, by its handlers
    const s = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "district.maesai", password: "changwat-demo" } });
    const auth = { cookie: String(s.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": s.json().csrfToken as string };
    expect((await app.inject({ method: "POST", url: `/api/v1/cases/${made.id}/events`, headers: auth, payload: { textTh: "บันทึกภายในลับมาก ห้ามเผยแพร่", visibility: "internal" } })).statusCode).toBe(200);
    const staffView = await app.inject({ method: "GET", url: `/api/v1/cases/${made.id}`, headers: auth });
    expect(staffView.json().reporters[0].phone).toBe(PII.phone); // the handler does see it
    const [photo] = await db.query<{ id: string }>("select id from case_photos where case_id = $1", [made.id]);
    const fill: Record<string, string[]> = {
      ref: [made.publicRef],
      photoId: [photo!.id],
      file: ["discovery.json", "services.json", "requests.json", "requests.xml", `${made.publicRef}.json`, `${made.publicRef}.xml`],
      code: ["flood"],
      id: [made.id],
    };
    const needles = [PII.name.split(" ")[0]!, PII.phone, PII.email, "บันทึกภายในลับ", String(EXACT.lat), String(EXACT.lon), "20.42123", "99.88123", made.trackingCode];
    const routes = routeCatalog(app).filter((r) => r.method === "GET" && !r.url.includes("*"));
    let scanned = 0;
    for (const r of routes) {
      const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const values = names.map((n) => fill[n] ?? []);
      if (values.some((v) => v.length === 0)) continue;
      const urls = names.length ? (values[0]!.flatMap((v0) => [r.url.replace(`:${names[0]}`, v0)]).map((u) => names.slice(1).reduce((acc, n) => acc.replace(`:${n}`, fill[n]![0]!), u))) : [r.url];
      for (const url of urls) {
        for (const q of ["", r.url.includes("public/cases") && !r.url.includes(":") ? "?provinceCode=57&pageSize=100" : "", r.url.endsWith("/stats") ? "?by=agency" : "", r.url.endsWith("/similar") ? `?lat=${EXACT.lat}&lon=${EXACT.lon}&text=${encodeURIComponent("น้ำท่วมถนนหน้าตลาด")}` : ""]) {
          const res = await app.inject({ method: "GET", url: url + q });
          if (res.statusCode !== 200) continue;
          scanned++;
          const text = res.rawPayload.toString("utf8");
          for (const n of needles) expect(text.includes(n), `${url}${q} leaks ${n}`).toBe(false);
        }
      }
    }
    expect(scanned).toBeGreaterThan(15);
    // and the public board's similar-case answer found the case without saying who reported it
    const similar = await app.inject({ method: "GET", url: `/api/v1/cases/similar?lat=${EXACT.lat}&lon=${EXACT.lon}&text=${encodeURIComponent("น้ำท่วมถนนหน้าตลาด ลึกครึ่งเข่า")}` });
    expect(similar.json().items.map((x: { publicRef: string }) => x.publicRef)).toContain(made.publicRef);
  });
});
