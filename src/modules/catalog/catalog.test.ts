import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp, routeCatalog } from "../../server/app.js";
import { MODULES } from "../../server/modules.js";
import { createTestDb } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";

let db: Database;
let app: FastifyInstance;
const PII = { name: "สุนทรีลับเฉพาะ แคตตาล็อก", phone: "0812349876", email: "catalog.reporter@example.invalid" };

beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
  // a case whose description names its reporter (the public text redacts it)
  const r = await app.inject({ method: "POST", url: "/api/v1/cases", payload: { categoryId: "flood", descriptionTh: `น้ำท่วมถนนหน้าวัด ติดต่อ ${PII.name} โทร ${PII.phone}`, lat: 20.4291, lon: 99.8833, reporter: { ...PII, anonymous: false, notify: true }, consent: true } });
  expect(r.statusCode, r.body).toBe(201);
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

/** A 13-digit Thai personal id number with a valid check digit (juristic ids start with 0). */
function personalIds(text: string): string[] {
  return [...text.matchAll(/(?<!\d)[1-8]\d{12}(?!\d)/g)]
    .map((m) => m[0])
    .filter((id) => (11 - ([...id.slice(0, 12)].reduce((s, d, i) => s + Number(d) * (13 - i), 0) % 11)) % 10 === Number(id[12]));
}

type Dist = { accessURL: string; downloadURL?: string; mediaType: string; conformsTo?: string };
type Dataset = { identifier: string; title: { th: string; en: string }; modified?: string; license: string; distribution: Dist[] };

describe("GET /catalog — the open-data catalogue", () => {
  it("is public DCAT-like JSON: every module's datasets, each with Thai and English titles, a licence and distributions", async () => {
    const r = await app.inject({ method: "GET", url: "/api/v1/catalog", headers: { host: "changwat.example.go.th" } });
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c["@type"]).toBe("dcat:Catalog");
    expect(c["@context"].dcat).toBe("http://www.w3.org/ns/dcat#");
    expect(c.title.th).toBeTruthy();
    const ids = (c.dataset as Dataset[]).map((d) => d.identifier);
    expect(ids).toEqual(MODULES.flatMap((m) => m.openData ?? []).map((d) => d.identifier));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(["registry.areas", "registry.organizations", "cases.public-board", "planning.procurement-ocds", "strategy.cascade", "delegation.instruments", "networks.partners"]));
    for (const d of c.dataset as Dataset[]) {
      expect(d.title.th && d.title.en, d.identifier).toBeTruthy();
      expect(d.license).toMatch(/^https:\/\//);
      expect(d.distribution.length, d.identifier).toBeGreaterThan(0);
      for (const x of d.distribution) expect(x.accessURL.startsWith("http://changwat.example.go.th/"), x.accessURL).toBe(true);
    }
    const conforms = (c.dataset as Dataset[]).flatMap((d) => d.distribution.map((x) => x.conformsTo)).join(" ");
    for (const std of ["GeoReport_v2", "open-contracting.org/1.1", "popoloproject"]) expect(conforms).toContain(std);
    // modified comes from the data: the newest public case event is this test's new case
    expect((c.dataset as Dataset[]).find((d) => d.identifier === "cases.public-board")!.modified).toBe(FIXED_NOW.toISOString());
    expect((c.dataset as Dataset[]).find((d) => d.identifier === "registry.organizations")!.modified).toMatch(/^\d{4}-/);
  });

  it("every distribution answers 200 without a session and carries no personal data (no reporter's name, phone, e-mail or personal id)", async () => {
    const c = (await app.inject({ method: "GET", url: "/api/v1/catalog" })).json();
    const reporters = await db.query<{ name: string | null; phone: string | null; email: string | null }>("select name, phone, email from case_reporters");
    const needles = [...new Set([PII.name.split(" ")[0]!, PII.phone, PII.email, ...reporters.flatMap((r) => [r.name, r.phone, r.email]).filter((x): x is string => !!x && x.length >= 6)])];
    expect(needles.length).toBeGreaterThan(3);
    const urls = [...new Set((c.dataset as Dataset[]).flatMap((d) => d.distribution.flatMap((x) => [x.accessURL, x.downloadURL].filter((u): u is string => !!u))))];
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) {
      const url = new URL(u);
      const r = await app.inject({ method: "GET", url: url.pathname + url.search });
      expect(r.statusCode, `${u}: ${r.body.slice(0, 300)}`).toBe(200);
      const text = r.rawPayload.toString("utf8");
      expect(text.length, u).toBeGreaterThan(2);
      for (const n of needles) expect(text.includes(n), `${u} leaks ${n}`).toBe(false);
      expect(personalIds(text), u).toEqual([]);
    }
  });

  it("lists only routes the app really serves without login", async () => {
    const c = (await app.inject({ method: "GET", url: "/api/v1/catalog" })).json();
    const routes = routeCatalog(app).filter((r) => r.method === "GET");
    for (const d of c.dataset as Dataset[]) {
      for (const x of d.distribution) {
        const p = new URL(x.accessURL).pathname;
        const hit = routes.some((r) => new RegExp(`^${r.url.replace(/:\w+/g, "[^/]+")}$`).test(p));
        expect(hit, p).toBe(true);
      }
    }
  });
});
