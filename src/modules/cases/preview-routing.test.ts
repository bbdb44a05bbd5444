import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp } from "../../server/app.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import type { RoutingPreview, RoutingRuleList } from "./contracts.js";
import { listRoutingProvinces, listRoutingRules } from "./list-routing-rules.js";
import { previewRouting } from "./preview-routing.js";
import { setRoutingRule } from "./set-routing-rule.js";
import { submitCase } from "./submit-case.js";

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

/** Mae Sai's Damrongdhama centre, as the demo grants it. */
const maeSai = () => ctxFor(db, actor("district_officer", "area:district:5709", "demo-district.maesai"));
const governor = () => ctxFor(db, actor("governor", "area:province:57", "p-gov"));
const status = (p: Promise<unknown>) => p.then(() => 0, (e: { status: number }) => e.status);
const writes = async () => (await db.query<{ n: number }>("select (select count(*) from audit_log) + (select count(*) from cases) + (select count(*) from case_routing_rules) as n"))[0]!.n;

describe("where would a case go (the intake form asks before saving)", () => {
  it("names the deciding rule, from the most specific area down, and the two fallbacks when no rule applies", async () => {
    // Wiang Chai (5702) has no rules in the demo: the category's provincial office, else the province's centre
    const flood = await previewRouting({ ctx: maeSai(), input: { categoryId: "flood", districtCode: "5702" } });
    expect(flood).toMatchObject({ provinceCode: "57", districtCode: "5702", orgId: "pro:57:disaster-prevention-mitigation", reason: "category-office", rule: null });
    expect((await previewRouting({ ctx: maeSai(), input: { categoryId: "inquiry", districtCode: "5702" } })).reason).toBe("province-centre");
    await setRoutingRule({ ctx: governor(), input: { areaId: "province:57", categoryId: null, orgId: "pao:57" } });
    const wide = await previewRouting({ ctx: maeSai(), input: { categoryId: "inquiry", districtCode: "5702" } });
    expect(wide.rule).toMatchObject({ areaId: "province:57", level: "province", categoryId: null, areaNameTh: "เชียงราย", areaNameEn: "Chiang Rai" });
    await setRoutingRule({ ctx: governor(), input: { areaId: "district:5702", categoryId: "flood", orgId: "pro:57:public-works-town-planning", noteTh: "ทดสอบ" } });
    const district = await previewRouting({ ctx: maeSai(), input: { categoryId: "flood", subdistrictCode: "570202" } });
    expect(district).toMatchObject({ subdistrictCode: "570202", orgId: "pro:57:public-works-town-planning", reason: "rule", rule: { level: "district", areaId: "district:5702", categoryId: "flood", noteTh: "ทดสอบ" } });
    expect(district.orgNameTh).toContain("โยธาธิการ");
    await setRoutingRule({ ctx: governor(), input: { areaId: "subdistrict:570202", categoryId: null, orgId: "pro:57:provincial-administration" } });
    expect((await previewRouting({ ctx: maeSai(), input: { categoryId: "flood", subdistrictCode: "570202" } })).rule).toMatchObject({ level: "subdistrict", categoryId: null });
    // the demo's rule of Mae Sai: roads go to the Chiang Rai PAO
    const road = await previewRouting({ ctx: maeSai(), input: { categoryId: "road", districtCode: "5709" } });
    expect(road).toMatchObject({ orgId: "pao:57", reason: "rule", rule: { level: "district", areaNameTh: "แม่สาย", areaNameEn: "Mae Sai", categoryId: "road" } });
  });

  it("places a pin as intake does and answers what intake then does", async () => {
    const where = { lat: 20.4412, lon: 99.8765 }; // in Mae Sai
    for (const categoryId of ["road", "flood", "inquiry"]) {
      const p = await previewRouting({ ctx: maeSai(), input: { categoryId, ...where } });
      expect(p.districtCode).toBe("5709");
      const made = await submitCase({ ctx: maeSai(), input: { categoryId, ...where, channel: "hotline_1567", descriptionTh: "ผู้โทรแจ้งปัญหาในอำเภอแม่สาย", reporter: { anonymous: true }, consent: true } });
      expect(made.assignedOrgId, categoryId).toBe(p.orgId);
    }
  });

  it("refuses a bad question (400, Thai and English) and writes nothing", async () => {
    const before = await writes();
    for (const input of [{ categoryId: "no-such-category", districtCode: "5709" }, { categoryId: "road", subdistrictCode: "999999" }, { categoryId: "road", districtCode: "5709", subdistrictCode: "570202" }, { categoryId: "road" }, { categoryId: "road", districtCode: "57" }, { categoryId: "road", districtCode: "5709", orgId: "pao:57" }]) {
      const e = await previewRouting({ ctx: maeSai(), input }).then(() => null, (x: { status: number; messageTh: string; messageEn: string }) => x);
      expect(e?.status, JSON.stringify(input)).toBe(400);
      expect(e?.messageTh && e.messageEn).toBeTruthy();
    }
    expect(await status(previewRouting({ ctx: ctxFor(db, { kind: "anonymous", id: null, name: "anonymous", grants: [] }), input: { categoryId: "road", districtCode: "5709" } }))).toBe(401);
    expect(await writes()).toBe(before);
  });

  it("offers each reader exactly the provinces whose rules it may read, and nobody else any", async () => {
    const codes = async (who: ReturnType<typeof actor>) => (await listRoutingProvinces({ ctx: ctxFor(db, who) })).provinceCodes;
    const [{ n2 }] = await db.query<{ n2: string[] }>("select array_agg(p.code order by p.code) as n2 from area_groupings g join areas p on p.id = g.area_id where g.group_id = 'cluster:N2' and g.valid_to is null and p.classification = 'province'");
    expect(n2).toContain("57");
    const readers: [ReturnType<typeof actor>, string[]][] = [
      [actor("district_officer", "area:district:5709"), ["57"]],
      [actor("agency_officer", "org:pro:76:land"), ["76"]],
      [actor("governor", "area:province:34"), ["34"]],
      [actor("cluster_office", "area:cluster:N2"), n2!],
    ];
    for (const [who, expected] of readers) {
      const got = await codes(who);
      expect(got, who.grants[0]!.scope).toEqual(expected);
      // the same answer as the rules themselves give: the listed provinces read, another one is refused
      for (const c of got) expect(await status(listRoutingRules({ ctx: ctxFor(db, who), input: { provinceCode: c } })), c).toBe(0);
      const outside = ["10", "40", "76"].find((c) => !got.includes(c))!;
      expect(await status(listRoutingRules({ ctx: ctxFor(db, who), input: { provinceCode: outside } })), outside).toBe(403);
    }
    expect(await codes(actor("administrator", "nation"))).toHaveLength(77);
    expect(await codes(actor("citizen", "nation"))).toEqual([]);
    expect(await status(listRoutingProvinces({ ctx: ctxFor(db, { kind: "anonymous", id: null, name: "anonymous", grants: [] }) }))).toBe(401);
  });

  it("over HTTP, logged in as Mae Sai's centre: the rules read-only, the preview of a 1567 call, another province refused", async () => {
    const login = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username: "district.maesai", password: "changwat-demo" } });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const list = await app.inject({ method: "GET", url: "/api/v1/cases/routing-rules?provinceCode=57", headers: { cookie } });
    expect(list.statusCode, list.body).toBe(200);
    const l = list.json() as RoutingRuleList;
    expect(l.canWrite).toBe(false);
    expect(l.items.some((r) => r.areaId === "district:5709" && r.categoryId === "road" && r.orgId === "pao:57")).toBe(true);
    const p = await app.inject({ method: "GET", url: "/api/v1/cases/routing-rules/preview?categoryId=road&provinceCode=57&districtCode=5709&lat=20.4412&lon=99.8765", headers: { cookie } });
    expect(p.statusCode, p.body).toBe(200);
    expect((p.json() as RoutingPreview).rule?.areaNameEn).toBe("Mae Sai");
    // the page offers only the province it may read
    const provinces = await app.inject({ method: "GET", url: "/api/v1/cases/routing-rules/provinces", headers: { cookie } });
    expect([provinces.statusCode, provinces.json()]).toEqual([200, { provinceCodes: ["57"] }]);
    const other = await app.inject({ method: "GET", url: "/api/v1/cases/routing-rules?provinceCode=76", headers: { cookie } });
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toMatchObject({ code: "auth.forbidden", details: { operation: "cases:routing.read" } });
    const put = await app.inject({ method: "PUT", url: "/api/v1/cases/routing-rules", headers: { cookie, "x-csrf-token": (login.json() as { csrfToken: string }).csrfToken }, payload: { areaId: "district:5709", categoryId: "road", orgId: "pro:57:rural-roads" } });
    expect(put.statusCode, put.body).toBe(403);
  });
});
