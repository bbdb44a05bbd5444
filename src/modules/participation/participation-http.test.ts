import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { buildApp, routeCatalog } from "../../server/app.js";
import { createTestDb } from "../../../test/db.js";
import { FIXED_NOW } from "../../../test/clock.js";
import { DEMO_CALL_ID, DEMO_PM25_KPI, DEMO_SATISFACTION_KPI } from "./seed-demo.js";

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

async function login(username: string) {
  const s = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password: "changwat-demo" } });
  expect(s.statusCode, s.body).toBe(200);
  return { cookie: String(s.headers["set-cookie"]).split(";")[0]!, "x-csrf-token": s.json().csrfToken as string };
}

describe("the demo citizen's own data", () => {
  it("\"my data\" lists the demo citizen's proposal, comment and support in Chiang Rai's clean-air call", async () => {
    const auth = await login("citizen");
    const r = await app.inject({ method: "GET", url: "/api/v1/me/data", headers: auth });
    expect(r.statusCode, r.body).toBe(200);
    const rows = (key: string) => (r.json().sections as { key: string; rows: Record<string, unknown>[] }[]).find((s) => s.key === key)!.rows;
    expect(rows("participation.proposals")).toContainEqual(expect.objectContaining({ proposalId: "demo-prop-57-alerts", callId: DEMO_CALL_ID, provinceCode: "57", title: expect.stringContaining("แจ้งเตือนค่าฝุ่น") }));
    expect(rows("participation.comments")).toContainEqual(expect.objectContaining({ proposalId: "demo-prop-57-districts", provinceCode: "57", text: expect.stringContaining("แม่สาย") }));
    expect(rows("participation.supports")).toContainEqual(expect.objectContaining({ proposalId: "demo-prop-57-schools", provinceCode: "57" }));
    // not the hotspots proposal: the e2e story supports that one as this citizen and counts one more
    expect(rows("participation.supports").map((s) => s.proposalId)).not.toContain("demo-prop-57-hotspots");
    // and the call shows them as the citizen's
    const call = (await app.inject({ method: "GET", url: `/api/v1/participation/calls/${DEMO_CALL_ID}`, headers: auth })).json();
    expect(call.proposalsList.find((p: { id: string }) => p.id === "demo-prop-57-schools")).toMatchObject({ supportedByMe: true });
  });
});

let mine = "";
describe("a citizen over HTTP", () => {
  it("proposes, supports once (a second support is not counted), comments; the public cannot", async () => {
    const auth = await login("citizen");
    const call = (await app.inject({ method: "GET", url: `/api/v1/participation/calls/${DEMO_CALL_ID}`, headers: auth })).json();
    expect(call.viewer).toMatchObject({ loggedIn: true, canTakePart: true, verified: true, supportBlockedCode: null });
    const target = call.proposalsList.find((p: { state: string; supportedByMe: boolean }) => p.state === "open" && !p.supportedByMe);
    const one = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/support`, headers: auth });
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({ counted: true, supportCount: target.supportCount + 1 });
    const two = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/support`, headers: auth });
    expect(two.json()).toMatchObject({ counted: false, supportCount: target.supportCount + 1 });
    const made = await app.inject({ method: "POST", url: `/api/v1/participation/calls/${DEMO_CALL_ID}/proposals`, headers: auth, payload: { titleTh: "ติดตั้งเครื่องวัดฝุ่นในทุกตำบล", bodyTh: "ขอให้ติดตั้งเครื่องวัดฝุ่นราคาประหยัดในทุกตำบลและเปิดข้อมูลให้ประชาชนดู" } });
    expect(made.statusCode, made.body).toBe(201);
    mine = made.json().id;
    const cm = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/comments`, headers: auth, payload: { bodyTh: "เห็นด้วยอย่างยิ่ง" } });
    expect(cm.statusCode, cm.body).toBe(201);
    expect(cm.json()).toMatchObject({ authorName: null, mine: true });
    const anon = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${target.id}/support` });
    expect(anon.statusCode).toBe(401);
    const bad = await app.inject({ method: "POST", url: `/api/v1/participation/calls/${DEMO_CALL_ID}/proposals`, headers: auth, payload: { titleTh: 5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: "validation.failed" });
  });

  it("staff cannot support; a manager sees the queue with deadlines", async () => {
    const auth = await login("strategy.chiangrai");
    const call = (await app.inject({ method: "GET", url: `/api/v1/participation/calls/${DEMO_CALL_ID}`, headers: auth })).json();
    expect(call.viewer).toMatchObject({ canManage: true, canTakePart: false, supportBlockedCode: "participation.citizens-only" });
    const r = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${call.proposalsList[0].id}/support`, headers: auth });
    expect(r.statusCode).toBe(403);
    const q = (await app.inject({ method: "GET", url: "/api/v1/participation/queue?provinceCode=57", headers: auth })).json();
    expect(q.items.length).toBeGreaterThan(0);
    expect(q.items[0]).toMatchObject({ state: "awaiting_response" });
    expect(q.items[0].responseDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe("moderation over HTTP", () => {
  it("a manager hides and unhides (with a reason) a proposal and a comment; a citizen may not unhide; an answered proposal cannot be hidden (409)", async () => {
    const office = await login("strategy.chiangrai");
    const citizen = await login("citizen");
    const hid = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${mine}/hide`, headers: office, payload: { reasonTh: "ตรวจสอบเนื้อหา" } });
    expect(hid.statusCode, hid.body).toBe(200);
    const refused = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${mine}/unhide`, headers: citizen, payload: { reasonTh: "ขอให้แสดง" } });
    expect(refused.statusCode).toBe(403);
    const noReason = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${mine}/unhide`, headers: office, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const un = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${mine}/unhide`, headers: office, payload: { reasonTh: "ตรวจสอบแล้วเหมาะสม" } });
    expect(un.statusCode, un.body).toBe(200);
    expect(un.json()).toEqual({ id: mine, hidden: false });
    expect((await app.inject({ method: "GET", url: `/api/v1/participation/proposals/${mine}` })).json()).toMatchObject({ state: "open", titleTh: "ติดตั้งเครื่องวัดฝุ่นในทุกตำบล" });
    const again = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${mine}/unhide`, headers: office, payload: { reasonTh: "ตรวจสอบแล้วเหมาะสม" } });
    expect([again.statusCode, again.json().error.code]).toEqual([422, "participation.not-hidden"]);

    const answered = (await app.inject({ method: "GET", url: `/api/v1/participation/calls/${DEMO_CALL_ID}`, headers: office })).json().proposalsList.find((p: { state: string }) => p.state === "responded");
    const comment = (await app.inject({ method: "GET", url: `/api/v1/participation/proposals/${answered.id}` })).json().commentsList[0];
    const no = await app.inject({ method: "POST", url: `/api/v1/participation/proposals/${answered.id}/hide`, headers: office, payload: { reasonTh: "ไม่ต้องการให้แสดง" } });
    expect(no.statusCode).toBe(409);
    expect(no.json().error).toMatchObject({ code: "participation.responded-not-hideable" });
    expect(no.json().error.messageTh && no.json().error.messageEn).toBeTruthy();
    const hc = await app.inject({ method: "POST", url: `/api/v1/participation/comments/${comment.id}/hide`, headers: office, payload: { reasonTh: "ทดสอบการซ่อน" } });
    expect(hc.statusCode, hc.body).toBe(200);
    const uc = await app.inject({ method: "POST", url: `/api/v1/participation/comments/${comment.id}/unhide`, headers: office, payload: { reasonTh: "ทดสอบการแสดงอีกครั้ง" } });
    expect(uc.statusCode, uc.body).toBe(200);
    expect((await app.inject({ method: "GET", url: `/api/v1/participation/proposals/${answered.id}` })).json().commentsList[0]).toMatchObject({ id: comment.id, bodyTh: comment.bodyTh, hiddenReasonTh: null });
  });
});

describe("no personal data in any public participation answer (automated scan)", () => {
  it("calls every participation GET route anonymously with the demo's ids and finds no account id, e-mail or hidden author name", async () => {
    const ids = (await db.query<{ id: string }>("select id from participation_calls union all select id from participation_proposals union all select id from participation_surveys")).map((r) => r.id);
    const accounts = await db.query<{ id: string; email: string | null; display_name: string }>("select id, email, display_name from accounts where id in (select author_account_id from participation_proposals union select author_account_id from participation_comments union select account_id from participation_supports union select account_id from participation_survey_answers union select published_by from participation_responses)");
    const shown = new Set((await db.query<{ n: string }>("select author_name as n from participation_proposals where author_name is not null union select author_name from participation_comments where author_name is not null")).map((r) => r.n));
    const needles = [...accounts.flatMap((a) => [a.id, ...(a.email ? [a.email] : [])]), ...accounts.map((a) => a.display_name).filter((n) => !shown.has(n)), "@demo.changwat.invalid", "@example"];
    expect(needles.length).toBeGreaterThan(40);
    const routes = routeCatalog(app).filter((r) => r.method === "GET" && r.url.startsWith("/api/v1/participation"));
    let scanned = 0;
    for (const r of routes) {
      const urls = r.url.includes(":id") ? ids.map((id) => r.url.replace(":id", id)) : [r.url];
      for (const url of urls) {
        for (const qs of ["", "?provinceCode=57&state=all", `?subjectId=${DEMO_PM25_KPI}`, `?subjectId=${DEMO_SATISFACTION_KPI}`, `?subjectId=prov:57:goal:1.2`]) {
          const res = await app.inject({ method: "GET", url: url + qs });
          if (res.statusCode !== 200) continue;
          scanned++;
          const text = res.rawPayload.toString("utf8");
          for (const n of needles) expect(text.includes(n), `${url}${qs} leaks ${n}`).toBe(false);
          expect(text, `${url}${qs}`).not.toMatch(/"(accountId|authorAccountId|email|phone|publishedBy|hiddenBy|score)"/);
        }
      }
    }
    expect(scanned).toBeGreaterThan(20);
    // a proposal whose author did not show a name reads as nobody in particular
    const p = (await app.inject({ method: "GET", url: `/api/v1/participation/proposals/${mine}` })).json();
    expect(p).toMatchObject({ authorName: null, mine: false });
  });
});
