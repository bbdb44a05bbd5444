import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { governor, strategy } from "../../../test/planning-funds-fixture.js";
import { createOversight } from "../registry/create-oversight.js";
import { createPost } from "../registry/create-post.js";
import { lookupOverseer } from "../registry/index.js";
import { withTransaction } from "../../platform/ctx.js";
import { decideEmergencyRequest } from "./decide-emergency-request.js";
import { getEmergencyHeadroom } from "./get-emergency-headroom.js";
import { getEmergencyRequest } from "./get-emergency-request.js";
import { listEmergencyRequests } from "./list-emergency-requests.js";
import { pmDecideEmergencyRequest } from "./pm-decide-emergency-request.js";
import { screenEmergencyRequest } from "./screen-emergency-request.js";
import { submitEmergencyRequest } from "./submit-emergency-request.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const SUB: Record<string, string> = { "76": "760101", "57": "570101", "34": "340101", "31": "310101", "40": "400101" };
const screener = () => actor("administrator", "nation", "screening-group");
const dpmOffice = (scope = "area:cluster:C4") => actor("deputy_pm_office", scope, `dpm-office-${scope}`);
const pm = () => actor("administrator", "nation", "pm-office");
let seq = 0;

/** A deputy PM's post of its own, overseeing `province` directly (more specific than the demo cluster oversight). */
async function ownDeputyPm(province: string): Promise<string> {
  const id = `test-dpm-${province}-${seq++}`;
  await withTransaction(ctxFor(db), async (tx) => {
    await createPost({ ctx: tx, input: { id, role: "deputy_prime_minister", labelTh: `รองนายกรัฐมนตรีทดสอบ ${id}`, labelEn: `Test DPM ${id}`, organizationId: "opm" } as never });
    await createOversight({ ctx: tx, input: { postId: id, areaId: `province:${province}`, startDate: "2026-10-01" } });
  });
  return id;
}

/** A request submitted and screened in support of `amount`. */
async function screened(province: string, amount: number, recommended = amount) {
  const r = await submitEmergencyRequest({ ctx: ctxFor(db, governor(province)), input: { provinceCode: province, titleTh: `อุทกภัยฉับพลัน ${seq++}`, amount, justificationTh: "น้ำป่าไหลหลากทำให้ถนนและสะพานเสียหาย", areaCodes: [SUB[province]!], urgency: "immediate" } });
  return screenEmergencyRequest({ ctx: ctxFor(db, screener()), input: { id: r.id, recommendation: "support", recommendedAmount: recommended } });
}
const ledger = async (post: string) => (await db.query<{ t: string; n: number }>("select approved_total::text as t, approvals as n from emergency_cap_ledger where deputy_pm_post_id = $1 and fiscal_year = 2570", [post]))[0];

describe("the area's deputy PM", () => {
  it("is found through the province's cluster, and a direct oversight of the province wins", async () => {
    expect((await lookupOverseer(ctxFor(db), "34", "2026-11-22"))?.postId).toBe("demo-post-dpm-1");
    expect(await lookupOverseer(ctxFor(db), "34", "2025-01-01")).toBeNull();
    expect(await lookupOverseer(ctxFor(db), "10", "2026-11-22")).toBeNull();
    const own = await ownDeputyPm("31");
    expect((await lookupOverseer(ctxFor(db), "31", "2026-11-22"))?.postId).toBe(own);
    const r = await submitEmergencyRequest({ ctx: ctxFor(db, strategy("31")), input: { provinceCode: "31", titleTh: "ภัยแล้ง", amount: 1000, justificationTh: "ขาดแคลนน้ำอุปโภคบริโภคทั้งตำบล", areaCodes: ["310101"], urgency: "urgent" } });
    expect([r.deputyPmPostId, r.fiscalYear, r.status]).toEqual([own, 2570, "submitted"]);
  });
});

describe("the 100 M yearly cap", () => {
  it("approves up to exactly 100,000,000 and refers 0.01 more to the prime minister", async () => {
    const post = await ownDeputyPm("76");
    const a = await screened("76", 60_000_000);
    const d1 = await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: a.id, decision: "approve" } });
    expect([d1.outcome, d1.approvedTotal, d1.headroom]).toEqual(["approved", "60000000.00", "40000000.00"]);
    // requested 45 M, the working group recommends 39,999,999.99: the recommendation is what counts
    const b = await screened("76", 45_000_000, 39_999_999.99);
    expect((await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: b.id, decision: "approve" } })).outcome).toBe("approved");
    const over = await screened("76", 0.02);
    const d3 = await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: over.id, decision: "approve" } });
    expect([d3.outcome, d3.request.status]).toEqual(["referred", "referred_to_pm"]);
    expect(d3.request.decisionNoteTh).toContain("นายกรัฐมนตรี");
    const exact = await screened("76", 0.01);
    const d4 = await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: exact.id, decision: "approve" } });
    expect([d4.outcome, d4.approvedTotal, d4.headroom]).toEqual(["approved", "100000000.00", "0.00"]);
    const next = await screened("76", 0.01);
    expect((await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: next.id, decision: "approve" } })).outcome).toBe("referred");
    expect(await ledger(post)).toEqual({ t: "100000000.00", n: 3 });
    const h = await getEmergencyHeadroom({ ctx: ctxFor(db, dpmOffice()), input: {} });
    expect(h.deputyPms.find((x) => x.postId === post)).toMatchObject({ approvedTotal: "100000000.00", headroom: "0.00", approvals: 3 });
    // the PM decides what was referred; it does not count on the deputy PM's cap
    const pmd = await pmDecideEmergencyRequest({ ctx: ctxFor(db, pm()), input: { id: over.id, decision: "approve" } });
    expect(pmd.status).toBe("pm_approved");
    expect(await ledger(post)).toEqual({ t: "100000000.00", n: 3 });
    const detail = await getEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: over.id } });
    expect(detail.history.map((x) => x.action)).toEqual(["planning.emergency.pm-decide", "planning.emergency.refer", "planning.emergency.screen", "planning.emergency.submit"]);
  });

  it("holds under concurrent approvals: the approved total never passes 100 M, the rest are referred", async () => {
    const post = await ownDeputyPm("57");
    const reqs = [];
    for (let k = 0; k < 12; k++) reqs.push(await screened("57", 9_000_000 + k * 1_000_000));
    const amounts = reqs.map((r) => Math.round(Number(r.decisionAmount) * 100));
    const results = await Promise.all(reqs.map((r) => decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:N2")), input: { id: r.id, decision: "approve" } })));
    const approved = results.filter((r) => r.outcome === "approved").map((r) => Math.round(Number(r.request.decisionAmount) * 100));
    const referred = results.filter((r) => r.outcome === "referred");
    const total = approved.reduce((s, x) => s + x, 0);
    expect(total).toBeLessThanOrEqual(100_000_000_00);
    expect(approved.length + referred.length).toBe(12);
    expect(referred.length).toBeGreaterThan(0);
    expect((await ledger(post))!.t).toBe((total / 100).toFixed(2));
    // every referred request would indeed have broken the cap on top of what was approved
    for (const r of referred) expect(total + Math.round(Number(r.request.decisionAmount) * 100)).toBeGreaterThan(100_000_000_00);
    expect(amounts.reduce((s, x) => s + x, 0)).toBeGreaterThan(100_000_000_00);
    const rows = await db.query<{ s: string }>("select coalesce(sum(coalesce((screening->>'recommendedAmount')::numeric, amount)),0)::text as s from emergency_requests where deputy_pm_post_id = $1 and status = 'approved'", [post]);
    expect(rows[0]!.s).toBe((total / 100).toFixed(2));
  });
});

describe("the approved money reaches the project the request named", () => {
  it("adds a central-fund line for the approved amount on approval (deputy PM or PM), none on rejection; a project of another province or year is refused", async () => {
    const gov = ctxFor(db, governor("34"));
    const [p] = await db.query<{ id: string; total: string }>("select id, total_budget::text as total from projects where code = 'DEMO-FUNDS-76-02'");
    // Ubon asks for Phetchaburi's project: refused, nothing written
    const before = (await db.query<{ n: number }>("select count(*)::int as n from emergency_requests"))[0]!.n;
    await expect(submitEmergencyRequest({ ctx: gov, input: { provinceCode: "34", titleTh: "ซ่อมถนน", amount: 1_000, justificationTh: "น้ำป่าไหลหลากทำให้ถนนเสียหาย", areaCodes: [SUB["34"]!], urgency: "urgent", projectId: p!.id } })).rejects.toMatchObject({ status: 400, fields: [expect.objectContaining({ path: "projectId", code: "planning.emergency.project-mismatch" })] });
    expect((await db.query<{ n: number }>("select count(*)::int as n from emergency_requests"))[0]!.n).toBe(before);
    const central = (id: string) => db.query<{ source: string; amount: string; funder_org_id: string }>("select source, amount::text, funder_org_id from project_budget_lines where project_id = $1 and source = 'central_fund'", [id]);
    // within the cap: the area's deputy PM approves (a post of its own for Khon Kaen, nothing approved on it yet)
    const [k] = await db.query<{ id: string; total: string }>("select id, total_budget::text as total from projects where code = 'DEMO-FUNDS-40-01'");
    await ownDeputyPm("40");
    const a = await submitEmergencyRequest({ ctx: ctxFor(db, governor("40")), input: { provinceCode: "40", titleTh: "ถนนเชื่อมแหล่งท่องเที่ยวเสียหายจากน้ำท่วม", amount: 300_000, justificationTh: "น้ำท่วมถนนต้องซ่อมก่อนฤดูท่องเที่ยว", areaCodes: [SUB["40"]!], urgency: "urgent", projectId: k!.id } });
    expect(a.projectId).toBe(k!.id);
    await screenEmergencyRequest({ ctx: ctxFor(db, screener()), input: { id: a.id, recommendation: "support", recommendedAmount: 250_000 } });
    expect((await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE3")), input: { id: a.id, decision: "approve" } })).outcome).toBe("approved");
    expect(await central(k!.id)).toEqual([{ source: "central_fund", amount: "250000.00", funder_org_id: "opm.bb" }]);
    const [after] = await db.query<{ total: string }>("select total_budget::text as total from projects where id = $1", [k!.id]);
    expect(Number(after!.total)).toBe(Number(k!.total) + 250_000);
    // referred by the deputy PM: nothing until the PM approves, then the line for the recommended amount
    const r = await submitEmergencyRequest({ ctx: ctxFor(db, governor("76")), input: { provinceCode: "76", titleTh: "แปลงเรียนรู้ชมพู่เสียหายจากน้ำท่วม", amount: 300_000, justificationTh: "น้ำท่วมแปลงเรียนรู้ต้องฟื้นฟูก่อนฤดูปลูก", areaCodes: [SUB["76"]!], urgency: "urgent", projectId: p!.id } });
    await screenEmergencyRequest({ ctx: ctxFor(db, screener()), input: { id: r.id, recommendation: "support", recommendedAmount: 250_000 } });
    expect((await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: r.id, decision: "refer" } })).outcome).toBe("referred");
    expect(await central(p!.id)).toEqual([]);
    await pmDecideEmergencyRequest({ ctx: ctxFor(db, pm()), input: { id: r.id, decision: "approve" } });
    expect(await central(p!.id)).toEqual([{ source: "central_fund", amount: "250000.00", funder_org_id: "opm.bb" }]);
    // a rejected request adds nothing
    const no = await submitEmergencyRequest({ ctx: ctxFor(db, governor("76")), input: { provinceCode: "76", titleTh: "ขอซ้ำ", amount: 100_000, justificationTh: "ขอเพิ่มเติมสำหรับแปลงเรียนรู้", areaCodes: [SUB["76"]!], urgency: "necessary", projectId: p!.id } });
    await screenEmergencyRequest({ ctx: ctxFor(db, screener()), input: { id: no.id, recommendation: "not_support", noteTh: "ใช้งบปกติได้" } });
    await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: no.id, decision: "reject" } });
    expect((await db.query<{ n: number }>("select count(*)::int as n from project_budget_lines where project_id = $1 and source = 'central_fund'", [p!.id]))[0]!.n).toBe(1);
  });
});

describe("rules and permissions", () => {
  it("needs a screening before a decision, a supporting one to approve, and a recommended amount within the request", async () => {
    await ownDeputyPm("40");
    const r = await submitEmergencyRequest({ ctx: ctxFor(db, governor("40")), input: { provinceCode: "40", titleTh: "พายุฤดูร้อน", amount: 2_000_000, justificationTh: "บ้านเรือนเสียหายหลายร้อยหลัง", areaCodes: ["400101"], urgency: "urgent" } });
    await expect(decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE3")), input: { id: r.id, decision: "approve" } })).rejects.toMatchObject({ status: 422, code: "planning.emergency.not-awaiting" });
    await expect(screenEmergencyRequest({ ctx: ctxFor(db, screener()), input: { id: r.id, recommendation: "support", recommendedAmount: 2_000_000.01 } })).rejects.toMatchObject({ status: 400 });
    await expect(screenEmergencyRequest({ ctx: ctxFor(db, screener()), input: { id: r.id, recommendation: "support" } })).rejects.toMatchObject({ status: 400 });
    const s = await screenEmergencyRequest({ ctx: ctxFor(db, screener()), input: { id: r.id, recommendation: "not_support", noteTh: "ใช้งบจังหวัดได้" } });
    await expect(decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE3")), input: { id: r.id, decision: "approve" } })).rejects.toMatchObject({ status: 422, code: "planning.emergency.not-supported" });
    await expect(decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE3")), input: { id: r.id, decision: "reject", version: s.version - 1 } })).rejects.toMatchObject({ status: 409, code: "planning.stale" });
    const d = await decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE3")), input: { id: r.id, decision: "reject", version: s.version } });
    expect(d.outcome).toBe("rejected");
    await expect(decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE3")), input: { id: r.id, decision: "approve" } })).rejects.toMatchObject({ code: "planning.emergency.not-awaiting" });
  });

  it("permission matrix: who requests, screens, approves and decides for the PM", async () => {
    const base = { provinceCode: "34", titleTh: "ไฟป่า", amount: 1_000, justificationTh: "ไฟป่าลุกลามใกล้ชุมชน", areaCodes: ["340101"], urgency: "immediate" as const };
    for (const who of [governor("57"), strategy("57"), actor("agency_head", "org:pro:34:agricultural-extension"), dpmOffice("area:cluster:NE5"), actor("citizen", "nation")]) {
      await expect(submitEmergencyRequest({ ctx: ctxFor(db, who), input: base })).rejects.toMatchObject({ status: 403 });
    }
    const r = await submitEmergencyRequest({ ctx: ctxFor(db, strategy("34")), input: base });
    for (const who of [governor("34"), strategy("34")]) await expect(screenEmergencyRequest({ ctx: ctxFor(db, who), input: { id: r.id, recommendation: "support", recommendedAmount: 1000 } })).rejects.toMatchObject({ status: 403 });
    await screenEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE5")), input: { id: r.id, recommendation: "support", recommendedAmount: 1000 } });
    // a deputy PM's office outside its grant's provinces, a governor and an administrator may not approve
    for (const who of [dpmOffice("area:cluster:N2"), dpmOffice("area:province:76"), governor("34"), actor("administrator", "nation")]) {
      await expect(decideEmergencyRequest({ ctx: ctxFor(db, who), input: { id: r.id, decision: "approve" } })).rejects.toMatchObject({ status: 403 });
    }
    await expect(decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:province:34")), input: { id: r.id, decision: "refer" } })).resolves.toMatchObject({ outcome: "referred" });
    await expect(pmDecideEmergencyRequest({ ctx: ctxFor(db, dpmOffice("area:cluster:NE5")), input: { id: r.id, decision: "approve" } })).rejects.toMatchObject({ status: 403 });
    await expect(listEmergencyRequests({ ctx: ctxFor(db, governor("57")), input: { provinceCode: "34" } })).rejects.toMatchObject({ status: 403 });
    const mine = await listEmergencyRequests({ ctx: ctxFor(db, governor("57")), input: {} });
    expect(mine.items.every((x) => x.provinceCode === "57")).toBe(true);
  });

  it("bad input changes nothing", async () => {
    const count = async () => (await db.query<{ n: number }>("select (select count(*) from emergency_requests)::int + (select count(*) from audit_log)::int as n"))[0]!.n;
    const before = await count();
    const base = { provinceCode: "76", titleTh: "คำขอ", amount: 1000, justificationTh: "เหตุผลที่ยาวพอสมควร", areaCodes: ["760101"], urgency: "urgent" as const };
    for (const input of [{ ...base, amount: 0 }, { ...base, amount: 10.123 }, { ...base, areaCodes: ["570101"] }, { ...base, areaCodes: [] }, { ...base, areaCodes: ["769999"] }, { ...base, provinceCode: "99" }, { ...base, urgency: "whenever" as never }, { ...base, submittedOn: "2027-01-01" }, { ...base, requestingOrgId: "prov:57" }]) {
      const e = await submitEmergencyRequest({ ctx: ctxFor(db, governor()), input }).catch((x) => x);
      expect(e.status).toBe(400);
    }
    await expect(decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: "nope", decision: "approve" } })).rejects.toMatchObject({ status: 404 });
    await expect(decideEmergencyRequest({ ctx: ctxFor(db, dpmOffice()), input: { id: "x", decision: "maybe" as never } })).rejects.toMatchObject({ status: 400 });
    expect(await count()).toBe(before);
  });
});
