import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import type { Database } from "../src/platform/db/client.js";
import { buildApp } from "../src/server/app.js";
import { createTestDb } from "./db.js";
import { FIXED_NOW } from "./clock.js";

let db: Database;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDb();
  app = await buildApp({ database: db, env: { demo: true, sessionTtlHours: 12, cookieSecure: "false", logLevel: "silent" }, now: () => FIXED_NOW, logger: false, webDir: null });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function login(username: string, password = "changwat-demo") {
  const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
  const cookie = String(r.headers["set-cookie"] ?? "").split(";")[0]!;
  return { status: r.statusCode, cookie, csrf: r.json().csrfToken as string };
}

describe("accounts over HTTP", () => {
  it("sends the security headers (CSP, HSTS, nosniff) on the API and on errors", async () => {
    for (const url of ["/api/v1/auth/me", "/api/v1/no-such-route"]) {
      const r = await app.inject({ method: "GET", url });
      expect(r.headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(r.headers["strict-transport-security"], url).toMatch(/max-age/);
      expect(r.headers["x-content-type-options"], url).toBe("nosniff");
    }
  });

  it("logs in, needs the CSRF token for writes, logs out", async () => {
    const s = await login("strategy.chiangrai");
    expect(s.status).toBe(200);
    const body = { classification: "university", nameTh: "มหาวิทยาลัยแม่ฟ้าหลวง (ทดสอบ)", areaId: "province:57" };
    const noCsrf = await app.inject({ method: "POST", url: "/api/v1/organizations", headers: { cookie: s.cookie }, payload: body });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("auth.csrf");
    const ok = await app.inject({ method: "POST", url: "/api/v1/organizations", headers: { cookie: s.cookie, "x-csrf-token": s.csrf }, payload: body });
    expect(ok.statusCode).toBe(201);
    const out = await app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: s.cookie, "x-csrf-token": s.csrf } });
    expect(out.statusCode).toBe(200);
    const me = await app.inject({ method: "GET", url: "/api/v1/auth/me", headers: { cookie: s.cookie } });
    expect(me.json().authenticated).toBe(false);
  });

  it("locks an account after repeated failures and says so in Thai and English", async () => {
    for (let i = 0; i < 5; i++) expect((await login("pmoc", "wrong-password")).status).toBe(401);
    const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "pmoc", password: "changwat-demo" } });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe("auth.locked");
    expect(r.json().error.messageTh).toMatch(/ล็อก/);
  });

  it("an administrator issues a one-time reset token; it works once", async () => {
    const a = await login("admin");
    const t = await app.inject({ method: "POST", url: "/api/v1/accounts/demo-citizen/reset-token", headers: { cookie: a.cookie, "x-csrf-token": a.csrf } });
    expect(t.statusCode).toBe(201);
    const token = t.json().token as string;
    const r1 = await app.inject({ method: "POST", url: "/api/v1/auth/reset-password", payload: { token, newPassword: "a-new-long-password" } });
    expect(r1.statusCode).toBe(200);
    const r2 = await app.inject({ method: "POST", url: "/api/v1/auth/reset-password", payload: { token, newPassword: "another-password-1" } });
    expect(r2.statusCode).toBe(422);
    expect((await login("citizen", "a-new-long-password")).status).toBe(200);
  });

  it("API keys are shown once, scoped, and refused after revocation", async () => {
    const a = await login("admin");
    const k = await app.inject({ method: "POST", url: "/api/v1/api-keys", headers: { cookie: a.cookie, "x-csrf-token": a.csrf }, payload: { name: "POC Chiang Rai feed", grants: [{ role: "strategy_officer", scope: "area:province:57" }] } });
    expect(k.statusCode).toBe(201);
    const { secret, id } = k.json();
    const auth = { authorization: `Bearer ${secret}` };
    expect((await app.inject({ method: "POST", url: "/api/v1/organizations", headers: auth, payload: { classification: "other", nameTh: "ทดสอบกุญแจ", areaId: "province:57" } })).statusCode).toBe(201);
    expect((await app.inject({ method: "POST", url: "/api/v1/organizations", headers: auth, payload: { classification: "other", nameTh: "ทดสอบกุญแจ", areaId: "province:55" } })).statusCode).toBe(403);
    const list = await app.inject({ method: "GET", url: "/api/v1/api-keys", headers: { cookie: a.cookie } });
    expect(JSON.stringify(list.json())).not.toContain(secret);
    await app.inject({ method: "DELETE", url: `/api/v1/api-keys/${id}`, headers: { cookie: a.cookie, "x-csrf-token": a.csrf } });
    expect((await app.inject({ method: "GET", url: "/api/v1/provinces", headers: auth })).statusCode).toBe(401);
  });
});

describe("bad input on every route is answered 4xx in the one error shape, and changes nothing", () => {
  const bad: unknown[] = [{}, [], "x", 42, null, { nameTh: 5 }, { classification: "nope", nameTh: "" }, { username: "a".repeat(5000) }, { startDate: "2569-13-45" }, { role: "king", scope: "everywhere" }];
  it("POST/PATCH/DELETE with hand-picked bad bodies", async () => {
    const a = await login("admin");
    const routes = app.printRoutes({ commonPrefix: false });
    expect(routes).toContain("/api/v1/organizations");
    const targets = [
      ["POST", "/api/v1/organizations"], ["PATCH", "/api/v1/organizations/pro:57:land"], ["POST", "/api/v1/persons"], ["PATCH", "/api/v1/persons/demo-person-57-gov"],
      ["POST", "/api/v1/posts"], ["POST", "/api/v1/memberships"], ["POST", "/api/v1/memberships/demo-m-57-gov/end"], ["POST", "/api/v1/oversights"],
      ["POST", "/api/v1/accounts"], ["POST", "/api/v1/accounts/demo-citizen/grants"], ["POST", "/api/v1/api-keys"], ["POST", "/api/v1/holidays"],
      ["POST", "/api/v1/auth/login"], ["POST", "/api/v1/auth/reset-password"],
    ] as const;
    const count = async () => (await db.query<{ n: number }>("select (select count(*) from audit_log where action not like 'accounts.login%') + (select count(*) from organizations) + (select count(*) from persons) as n"))[0]!.n;
    const before = await count();
    let n = 0;
    for (const [method, url] of targets) {
      for (const payload of bad) {
        const r = await app.inject({ method, url, headers: { cookie: a.cookie, "x-csrf-token": a.csrf, "content-type": "application/json" }, payload: JSON.stringify(payload) });
        n++;
        expect(r.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBeGreaterThanOrEqual(400);
        expect(r.statusCode, `${method} ${url} ${JSON.stringify(payload)}`).toBeLessThan(500);
        const e = r.json().error;
        expect(e.code).toBeTypeOf("string");
        expect(e.messageTh).toBeTypeOf("string");
        expect(e.requestId).toBeTypeOf("string");
      }
      const broken = await app.inject({ method, url, headers: { cookie: a.cookie, "x-csrf-token": a.csrf, "content-type": "application/json" }, payload: "{not json" });
      expect(broken.statusCode).toBe(400);
    }
    expect(n).toBe(targets.length * bad.length);
    expect(await count()).toBe(before);
  });

  it("GET routes with bad parameters", async () => {
    for (const url of ["/api/v1/provinces/ABC", "/api/v1/areas?limit=-1", "/api/v1/search?q=", "/api/v1/organizations?classification=zzz", "/api/v1/history/bogus/1", "/api/v1/organizations/nope"]) {
      const r = await app.inject({ method: "GET", url });
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.json().error.code).toBeTypeOf("string");
    }
  });
});

describe("public reads", () => {
  it("province page carries tenure and the short-tenure flag; search finds a district by Thai words", async () => {
    const p = (await app.inject({ method: "GET", url: "/api/v1/provinces/57" })).json();
    expect(p.nameTh).toBe("เชียงราย");
    expect(p.cluster.code).toBe("N2");
    const prev = p.governors.find((g: { tenure: { ongoing: boolean; days: number } }) => !g.tenure.ongoing && g.tenure.days < 730);
    expect(prev.tenure.shortTenure).toBe(true);
    const s = (await app.inject({ method: "GET", url: `/api/v1/search?q=${encodeURIComponent("อำเภอแม่สาย")}` })).json();
    expect(s.hits[0].id).toBe("district:5709");
    const all = (await app.inject({ method: "GET", url: "/api/v1/provinces" })).json();
    expect(all).toHaveLength(77);
    expect(all.find((x: { code: string }) => x.code === "10").ceo).toBe(false);
  });
});

describe("search filters", () => {
  it("accepts kinds as a comma-separated list (regression: was a 500)", async () => {
    const r = await app.inject({ method: "GET", url: `/api/v1/search?q=${encodeURIComponent("เชียงราย")}&kinds=area,organization` });
    expect(r.statusCode).toBe(200);
    expect(r.json().hits.every((h: { kind: string }) => h.kind === "area" || h.kind === "organization")).toBe(true);
    expect((await app.inject({ method: "GET", url: "/api/v1/search?q=x&kinds=bogus" })).statusCode).toBe(400);
  });

  it("a post hit names the organisation it belongs to, so the web links straight to it", async () => {
    const r = await app.inject({ method: "GET", url: `/api/v1/search?q=${encodeURIComponent("ผู้ว่าราชการจังหวัดเชียงราย")}&kinds=post` });
    expect(r.statusCode).toBe(200);
    const hit = r.json().hits.find((h: { id: string }) => h.id === "post:57:governor");
    expect(hit).toBeDefined();
    expect(hit.organizationId).toBe("prov:57");
  });
});

describe("what the user may do is shown with the page (the server still checks)", () => {
  it("the strategy office of Chiang Rai may edit its offices and end terms there, not in Ubon; anonymous may nothing", async () => {
    const s = await login("strategy.chiangrai");
    const get = (url: string, cookie?: string) => app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} }).then((r) => r.json());
    expect((await get("/api/v1/organizations/pro:57:land", s.cookie)).may).toEqual({ edit: true, addPost: true, appoint: true, history: true });
    expect((await get("/api/v1/organizations/pro:34:land", s.cookie)).may).toEqual({ edit: false, addPost: false, appoint: false, history: false });
    expect((await get("/api/v1/organizations/pro:57:land")).may).toEqual({ edit: false, addPost: false, appoint: false, history: false });
    const gov = await get("/api/v1/persons/demo-person-57-gov", s.cookie);
    expect(gov.may.edit).toBe(true);
    expect(gov.may.endMemberships).toContain("demo-m-57-gov");
    const anon = await get("/api/v1/persons/demo-person-57-gov");
    expect(anon.may).toEqual({ edit: false, endMemberships: [], history: false });
    expect(anon.email).toBeNull();
    const citizen = await login("citizen");
    expect((await get("/api/v1/persons/demo-person-57-gov", citizen.cookie)).may).toEqual({ edit: false, endMemberships: [], history: false });
  });
});

describe("history is readable where the viewer's staff grant reaches, and pages say so", () => {
  it("Chiang Rai's strategy office reads the history of an official serving in Chiang Rai; Ubon's governor may not", async () => {
    const cr = await login("strategy.chiangrai");
    const ubon = await login("governor.ubon");
    const hist = (cookie: string) => app.inject({ method: "GET", url: "/api/v1/history/person/demo-person-57-gov", headers: { cookie } });
    expect((await hist(cr.cookie)).statusCode).toBe(200);
    expect((await hist(ubon.cookie)).statusCode).toBe(403);
    const page = (cookie: string, url: string) => app.inject({ method: "GET", url, headers: { cookie } }).then((r) => r.json().may.history);
    expect(await page(cr.cookie, "/api/v1/persons/demo-person-57-gov")).toBe(true);
    expect(await page(ubon.cookie, "/api/v1/persons/demo-person-57-gov")).toBe(false);
    expect(await page(cr.cookie, "/api/v1/provinces/57")).toBe(true);
    expect(await page(cr.cookie, "/api/v1/areas/region:north")).toBe(false); // a region is above her province
    expect((await app.inject({ method: "GET", url: "/api/v1/history/area/region:north", headers: { cookie: cr.cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: "/api/v1/provinces/57" })).json().may.history).toBe(false);
  });
});
