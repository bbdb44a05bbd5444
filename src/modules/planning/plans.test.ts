import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type RoleId } from "../../platform/auth/policy.js";
import type { Database } from "../../platform/db/client.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { expectAll } from "../../../test/expect-all.js";
import { approvePlan } from "./approve-plan.js";
import { consolidatePlan } from "./consolidate-plan.js";
import { createPlan } from "./create-plan.js";
import { createProject } from "./create-project.js";
import { decideAmendment } from "./decide-amendment.js";
import { getPlan } from "./get-plan.js";
import { getProjectFile } from "./get-project-file.js";
import { getProjectPage } from "./get-project-page.js";
import { getProjectTimeline } from "./get-project-timeline.js";
import { listPlans } from "./list-plans.js";
import { listProjects } from "./list-projects.js";
import { previewAmendmentRoute } from "./preview-amendment-route.js";
import { prioritisePlan } from "./prioritise-plan.js";
import { requestAmendment } from "./request-amendment.js";
import { resolveDuplicate } from "./resolve-duplicate.js";
import { updateProject } from "./update-project.js";
import { uploadProjectFile } from "./upload-project-file.js";
import { changeProjectStatus } from "./change-project-status.js";
import { addMilestone } from "./add-milestone.js";
import { completeMilestone } from "./complete-milestone.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

const strategy = (p = "76") => actor("strategy_officer", `area:province:${p}`, `strategy-${p}`);
const governor = (p = "76") => actor("governor", `area:province:${p}`, `governor-${p}`);
const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;
const snapshot = async () => (await db.query<{ h: string }>("select md5(string_agg(x::text, '|' order by x::text)) as h from (select * from projects) x"))[0]!.h + (await count("plans")) + (await count("project_amendments")) + (await count("project_files"));
const fail = (p: Promise<unknown>) => p.then(() => { throw new Error("expected a failure"); }, (e: unknown) => e as { status: number; code: string });
const at = (ctx: ReturnType<typeof ctxFor>, iso: string) => ({ ...ctx, now: () => new Date(`${iso}T03:00:00Z`) });

describe("the demo One Plan", () => {
  it("has plans for FY 2569 and 2570 in the five pilots, fixed project codes, a consolidated Buriram plan with flags and both amendment routes", async () => {
    const all = await listPlans({ ctx: ctxFor(db, strategy()), input: { pageSize: 200 } });
    for (const p of ["76", "40", "31", "34", "57"]) for (const fy of [2569, 2570]) expect(all.items.some((x) => x.provinceCode === p && x.fiscalYear === fy && x.level === "province"), `${p} ${fy}`).toBe(true);
    const bur = await getPlan({ ctx: ctxFor(db, strategy("31")), input: { id: "plan-province-31-2570" } });
    expect(bur.status).toBe("consolidated");
    expect(bur.duplicateFlags.map((f) => [f.projectId, f.otherId])).toContainEqual(["demo-proj-31-2570-11", "demo-proj-31-2570-02"]);
    const pb = await getProjectPage({ ctx: ctxFor(db, governor()), input: { id: "demo-proj-76-2569-01" } });
    expect(pb.amendments[0]).toMatchObject({ route: "delegated", status: "approved", instrumentNo: "คำสั่งสำนักงบประมาณ ที่ 576/2568 (ตัวอย่าง)" });
    expect(pb.project.totalBudget).toBe("11500000.00");
    expect(pb.project.code).toBe("DEMO-76-2569-01");
    expect(pb.goalChains[0]!.chain.map((c) => c.kind)).toEqual(expect.arrayContaining(["strategic_issue", "provincial_strategy"]));
    const cr = await getProjectPage({ ctx: ctxFor(db, governor("57")), input: { id: "demo-proj-57-2569-01" } });
    expect(cr.amendments[0]).toMatchObject({ route: "central", status: "pending_central", centralOrgId: "opm.bb" });
    expect(cr.project.areaCodes).toHaveLength(3); // not applied while it waits
  });
});

describe("consolidation and likely duplicates (pg_trgm similarity ≥ 0.5 on the Thai title AND the same area)", () => {
  it("pulls district and subdistrict proposals into the province plan and flags only similar titles in the same area", async () => {
    const so = ctxFor(db, strategy());
    const prov = await createPlan({ ctx: so, input: { fiscalYear: 2571, level: "province", areaId: "province:76" } });
    const d1 = await createPlan({ ctx: so, input: { fiscalYear: 2571, level: "district", areaId: "district:7601" } });
    const d2 = await createPlan({ ctx: so, input: { fiscalYear: 2571, level: "district", areaId: "district:7602" } });
    const mk = (planId: string, titleTh: string, areaCodes: string[], origin: "agency" | "district" = "district") =>
      createProject({ ctx: so, input: { fiscalYear: 2571, provinceCode: "76", planId, origin, ownerOrgId: "pro:76:community-development", titleTh, goalIds: ["prov:76:goal:1.1"], areaCodes } });
    const road = await mk(prov.id, "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านหนองปลาไหล หมู่ 3", ["760104"], "agency");
    const roadDup = await mk(d1.id, "ก่อสร้างถนน คสล. สายบ้านหนองปลาไหล หมู่ที่ 3", ["760104"]); // 0.54, same subdistrict: flagged
    const roadElsewhere = await mk(d2.id, "ก่อสร้างถนน คสล. สายบ้านหนองปลาไหล หมู่ที่ 3", ["760201"]); // same words, another subdistrict: not flagged
    const bank = await mk(prov.id, "ธนาคารขยะชุมชนตำบลท่าราบ", ["760101"], "agency");
    const school = await mk(d1.id, "ธนาคารขยะในโรงเรียน ตำบลท่าราบ", ["760101"]); // 0.47: below the threshold
    const canal = await mk(prov.id, "ขุดลอกคลองส่งน้ำบ้านท่าแร้ง", ["760102"], "agency");
    const canalNoCode = await mk(d1.id, "ขุดลอกคลองส่งน้ำเพื่อการเกษตรบ้านท่าแร้ง", []); // 0.59, no codes: its district plan 7601 = the district of 760102
    const canalOtherDistrict = await mk(d2.id, "ขุดลอกคลองส่งน้ำเพื่อการเกษตรบ้านท่าแร้ง", []); // district 7602: not flagged
    const sim = async (a: string, b: string) => (await db.query<{ s: number }>("select similarity($1, $2)::float8 as s", [a, b]))[0]!.s;
    expect(await sim(road.titleTh, roadDup.titleTh)).toBeGreaterThanOrEqual(0.5);
    expect(await sim(bank.titleTh, school.titleTh)).toBeLessThan(0.5);
    expect(await sim(bank.titleTh, school.titleTh)).toBeGreaterThan(0.45);

    const r = await consolidatePlan({ ctx: so, input: { planId: prov.id } });
    expect(r.pulledIn).toBe(5);
    expect(r.plan.status).toBe("consolidated");
    expect(r.plan.projects.filter((x) => x.fromPlanLevel === "district").map((x) => x.id).sort()).toEqual([roadDup.id, roadElsewhere.id, school.id, canalNoCode.id, canalOtherDistrict.id].sort());
    const pairs = r.plan.duplicateFlags.map((f) => [f.projectId, f.otherId, f.areaMatch]);
    expect(pairs).toContainEqual([roadDup.id, road.id, "subdistricts"]);
    expect(pairs).toContainEqual([canalNoCode.id, canal.id, "district"]);
    const ids = r.plan.duplicateFlags.flatMap((f) => [f.projectId, f.otherId]);
    for (const x of [roadElsewhere, school, bank, canalOtherDistrict]) expect(ids, x.titleTh).not.toContain(x.id === canalOtherDistrict.id ? "__" : x.id);
    expect(r.plan.duplicateFlags.some((f) => [f.projectId, f.otherId].includes(canalOtherDistrict.id) && [f.projectId, f.otherId].includes(canal.id))).toBe(false);
    expect(r.flagged).toBe(r.plan.duplicateFlags.length);
    // pulling in again takes nothing new
    expect((await consolidatePlan({ ctx: so, input: { planId: prov.id } })).pulledIn).toBe(0);

    // dismiss: the pair is never flagged again; confirm: kept, marked duplicate, rejected, out of the order
    const afterDismiss = await resolveDuplicate({ ctx: so, input: { planId: prov.id, projectId: canalNoCode.id, otherId: canal.id, decision: "dismiss" } });
    expect(afterDismiss.duplicateFlags.some((f) => f.projectId === canalNoCode.id && f.otherId === canal.id)).toBe(false);
    const afterConfirm = await resolveDuplicate({ ctx: so, input: { planId: prov.id, projectId: roadDup.id, otherId: road.id, decision: "confirm" } });
    expect(afterConfirm.projects.find((x) => x.id === roadDup.id)).toMatchObject({ duplicateOf: road.id, status: "rejected" });
    expect(afterConfirm.duplicateFlags.some((f) => f.projectId === roadDup.id)).toBe(false);
    // a governor of another province may not settle flags here, and nothing changes
    const before = await snapshot();
    expect((await fail(resolveDuplicate({ ctx: ctxFor(db, strategy("57")), input: { planId: prov.id, projectId: school.id, otherId: bank.id, decision: "confirm" } }))).status).toBe(403);
    expect((await fail(resolveDuplicate({ ctx: so, input: { planId: prov.id, projectId: school.id, otherId: school.id, decision: "confirm" } }))).status).toBe(400);
    expect(await snapshot()).toBe(before);

    // prioritisation: all active projects once; a stale version is a conflict; the audit keeps before and after
    const active = afterConfirm.projects.filter((x) => !x.duplicateOf && x.status !== "rejected").map((x) => x.id);
    expect((await fail(prioritisePlan({ ctx: so, input: { planId: prov.id, version: afterConfirm.version, order: active.slice(1) } }))).code).toBe("validation.failed");
    expect((await fail(prioritisePlan({ ctx: so, input: { planId: prov.id, version: afterConfirm.version - 1, order: active } }))).status).toBe(409);
    expect(await snapshot()).toBe(before);
    const reversed = [...active].reverse();
    const ordered = await prioritisePlan({ ctx: so, input: { planId: prov.id, version: afterConfirm.version, order: reversed } });
    expect(ordered.projects.filter((x) => x.priority !== null).map((x) => x.id)).toEqual(reversed);
    expectAll(ordered.projects.filter((x) => reversed.includes(x.id)), (x) => x.status === "prioritised");
    const [audit] = await db.query<{ before: { order: { id: string }[] }; after: { order: { id: string; priority: number }[] } }>("select before, after from audit_log where action = 'planning.plan.prioritise' and entity_id = $1 order by id desc limit 1", [prov.id]);
    expect(audit!.after.order.map((o) => o.id)).toEqual(reversed);
    expect(audit!.before.order).toHaveLength(reversed.length);

    // approval: only the governor; it locks the plan and approves its projects (not the confirmed duplicate)
    expect((await fail(approvePlan({ ctx: so, input: { planId: prov.id, version: ordered.version } }))).status).toBe(403);
    const approved = await approvePlan({ ctx: ctxFor(db, governor()), input: { planId: prov.id, version: ordered.version } });
    expect(approved.status).toBe("approved");
    expectAll(approved.projects.filter((x) => !x.duplicateOf), (x) => x.status === "approved");
    expect(approved.projects.find((x) => x.id === roadDup.id)!.status).toBe("rejected");
    const locked = await snapshot();
    expect((await fail(mk(prov.id, "โครงการใหม่หลังอนุมัติแผน", ["760101"], "agency"))).code).toBe("planning.plan-approved");
    expect((await fail(prioritisePlan({ ctx: so, input: { planId: prov.id, version: approved.version, order: reversed } }))).code).toBe("planning.plan-approved");
    expect((await fail(consolidatePlan({ ctx: so, input: { planId: prov.id } }))).code).toBe("planning.plan-approved");
    expect((await fail(updateProject({ ctx: so, input: { id: bank.id, version: 1, titleTh: "เปลี่ยนชื่อหลังอนุมัติ" } }))).status).toBeGreaterThanOrEqual(409);
    expect((await fail(approvePlan({ ctx: ctxFor(db, governor()), input: { planId: prov.id, version: approved.version } }))).code).toBe("planning.plan-approved");
    expect(await snapshot()).toBe(locked);
  });
});

describe("editing a proposal", () => {
  it("needs the current version, a real KPI and keeps the total in step with the lines", async () => {
    const so = ctxFor(db, strategy());
    const p = await createProject({ ctx: so, input: { fiscalYear: 2571, provinceCode: "76", origin: "agency", ownerOrgId: "pro:76:energy", titleTh: "โซลาร์เซลล์บนหลังคาโรงเรียน", goalIds: ["prov:76:goal:1.1"] } });
    const before = await snapshot();
    expect((await fail(updateProject({ ctx: so, input: { id: p.id, version: 2, titleTh: "ชื่อใหม่" } }))).status).toBe(409);
    expect((await fail(updateProject({ ctx: so, input: { id: p.id, version: 1, outcomes: [{ kpiId: "no-such-kpi", kind: "outcome" }] } }))).code).toBe("validation.failed");
    expect((await fail(updateProject({ ctx: so, input: { id: p.id, version: 1, outcomes: [{ kpiId: "demo-kpi-57-3", kind: "outcome" }] } }))).code).toBe("validation.failed");
    expect((await fail(updateProject({ ctx: ctxFor(db, strategy("57")), input: { id: p.id, version: 1, titleTh: "ชื่อใหม่" } }))).status).toBe(403);
    // another project's line, named by its id together with a title change: refused, and the title stays too
    const [foreign] = await db.query<{ id: string }>("select id from project_budget_lines where project_id = 'demo-proj-76-2569-01' limit 1");
    expect(await fail(updateProject({ ctx: so, input: { id: p.id, version: 1, titleTh: "ชื่อใหม่", budgetLines: [{ id: foreign!.id, source: "function", funderOrgId: "moen.ops", amount: 1 }] } }))).toMatchObject({ status: 400, fields: [expect.objectContaining({ path: "budgetLines.0.id", code: "planning.budget-line.unknown" })] });
    expect(await snapshot()).toBe(before);
    const u = await updateProject({ ctx: so, input: { id: p.id, version: 1, titleTh: "โซลาร์เซลล์บนหลังคาโรงเรียน 12 แห่ง", outcomes: [{ kpiId: "demo-kpi-76-1", kind: "outcome", target: 75 }], budgetLines: [{ source: "function", funderOrgId: "moen.ops", amount: 2_000_000.25 }, { source: "local", funderOrgId: "pao:76", amount: 500_000 }] } });
    expect(u).toMatchObject({ version: 2, totalBudget: "2500000.25", titleTh: "โซลาร์เซลล์บนหลังคาโรงเรียน 12 แห่ง" });
  });
});

describe("amendments: the delegation module's authority check decides (P-BUD-004)", () => {
  const amend = (ctx: ReturnType<typeof ctxFor>, projectId: string, changes: Record<string, unknown> = { endDate: "2026-12-31" }) => requestAmendment({ ctx, input: { projectId, reasonTh: "ขยายเวลาเพราะน้ำท่วม", changes } });

  it("before the instrument's first day goes central; on it the governor approves at once, recording the instrument", async () => {
    const early = await amend(at(ctxFor(db, governor()), "2025-09-30"), "demo-proj-76-2569-02");
    expect(early).toMatchObject({ route: "central", status: "pending_central", centralOrgId: "opm.bb", delegationId: null });
    expect(early.authority.notApplicable.map((n) => n.reason)).toContain("not-yet-effective");
    const onDay = await amend(at(ctxFor(db, governor()), "2025-10-01"), "demo-proj-76-2569-03".replace("03", "04"));
    expect(onDay).toMatchObject({ route: "delegated", status: "approved", decidedBy: "governor-76", instrumentNo: "คำสั่งสำนักงบประมาณ ที่ 576/2568 (ตัวอย่าง)" });
    expect(onDay.delegationId).toBe(onDay.authority.deciders[0]!.delegationId);
    expect(onDay.authority.deciders[0]!.chain.length).toBeGreaterThan(0);
    const page = await getProjectPage({ ctx: ctxFor(db, governor()), input: { id: "demo-proj-76-2569-04" } });
    expect(page.project).toMatchObject({ endDate: "2026-12-31", version: 2 });
  });

  it("over the 20-million cap goes central; exactly at the cap stays in the province", async () => {
    const gov = ctxFor(db, governor("40"));
    const over = await amend(gov, "demo-proj-40-2569-04", { budgetLines: [{ source: "function", funderOrgId: "moph.ops", amount: 20_000_000.01 }] });
    expect(over).toMatchObject({ route: "central", status: "pending_central", amount: "20000000.01" });
    expect(over.authority.notApplicable.map((n) => n.reason)).toContain("over-limit");
    const cap = await amend(gov, "demo-proj-40-2569-05", { budgetLines: [{ source: "function", funderOrgId: "moe.ops", amount: 20_000_000 }] });
    expect(cap).toMatchObject({ route: "delegated", status: "approved" });
    expect((await getProjectPage({ ctx: gov, input: { id: "demo-proj-40-2569-05" } })).project.totalBudget).toBe("20000000.00");
    // the preview says the same before anyone asks
    expect((await previewAmendmentRoute({ ctx: gov, input: { projectId: "demo-proj-40-2569-06", amount: 20_000_000.01 } })).authority.decision).toBe("central");
    expect(await previewAmendmentRoute({ ctx: gov, input: { projectId: "demo-proj-40-2569-06", amount: 20_000_000 } })).toMatchObject({ youMayDecide: true, youMayRequest: true });
  });

  it("a strategy officer may ask, but only the deciding post approves; one open amendment per project", async () => {
    const asked = await amend(ctxFor(db, strategy("31")), "demo-proj-31-2569-04");
    expect(asked).toMatchObject({ route: "delegated", status: "pending_province", decidedBy: null });
    expect((await previewAmendmentRoute({ ctx: ctxFor(db, strategy("31")), input: { projectId: "demo-proj-31-2569-04" } })).youMayDecide).toBe(false);
    const before = await snapshot();
    expect((await fail(amend(ctxFor(db, governor("31")), "demo-proj-31-2569-04"))).code).toBe("planning.amendment-open");
    expect((await fail(decideAmendment({ ctx: ctxFor(db, strategy("31")), input: { id: asked.id, decision: "approve" } }))).status).toBe(403);
    expect((await fail(decideAmendment({ ctx: ctxFor(db, governor("76")), input: { id: asked.id, decision: "approve" } }))).status).toBe(403);
    expect((await fail(decideAmendment({ ctx: ctxFor(db, actor("department_officer", "org:opm.bb")), input: { id: asked.id, decision: "approve" } }))).status).toBe(403);
    expect(await snapshot()).toBe(before);
    const ok = await decideAmendment({ ctx: ctxFor(db, governor("31")), input: { id: asked.id, decision: "approve", noteTh: "เห็นชอบ" } });
    expect(ok).toMatchObject({ status: "approved", decidedBy: "governor-31" });
    expect(ok.delegationId).not.toBeNull();
    expect((await fail(decideAmendment({ ctx: ctxFor(db, governor("31")), input: { id: asked.id, decision: "approve" } }))).code).toBe("planning.amendment-decided");
  });

  it("a central amendment is decided by an officer of the central organisation the answer named, no one else", async () => {
    const sent = await amend(ctxFor(db, governor("57")), "demo-proj-57-2569-02");
    expect(sent).toMatchObject({ route: "central", status: "pending_central", centralOrgId: "opm.bb" });
    const before = await snapshot();
    for (const who of [governor("57"), actor("department_officer", "org:moi.dopa"), actor("ministry_officer", "org:moi"), actor("strategy_officer", "area:province:57")])
      expect((await fail(decideAmendment({ ctx: ctxFor(db, who), input: { id: sent.id, decision: "approve" } }))).status, who.id!).toBe(403);
    expect(await snapshot()).toBe(before);
    const done = await decideAmendment({ ctx: ctxFor(db, actor("department_officer", "org:opm.bb", "bb-officer")), input: { id: sent.id, decision: "reject", noteTh: "ไม่มีงบประมาณเพิ่มเติม" } });
    expect(done).toMatchObject({ status: "rejected", decidedBy: "bb-officer" });
    expect((await getProjectPage({ ctx: ctxFor(db, governor("57")), input: { id: "demo-proj-57-2569-02" } })).project.endDate).not.toBe("2026-12-31");
  });

  it("refuses proposals not yet approved and users without the power, writing nothing", async () => {
    const before = await snapshot();
    expect((await fail(amend(ctxFor(db, governor()), "demo-proj-76-2570-01"))).code).toBe("planning.amend-not-approved");
    expect((await fail(amend(ctxFor(db, governor("57")), "demo-proj-76-2569-05"))).status).toBe(403);
    expect((await fail(amend(ctxFor(db, actor("agency_head", "org:pro:76:tourism-sports")), "demo-proj-76-2569-05"))).status).toBe(403);
    expect((await fail(amend(ctxFor(db, governor()), "demo-proj-76-2569-05", { areaCodes: ["570101"] }))).code).toBe("validation.failed");
    expect(await snapshot()).toBe(before);
  });
});

describe("an amendment changes budget lines in place", () => {
  it("keeps a line tied to its allocation notice when its amount changes, adds and removes lines, and refuses another project's line", async () => {
    const gov = ctxFor(db, governor("40"));
    const id = "demo-proj-40-2569-02"; // e-Permit, funded by DOPA: the demo's allocation notice names its line
    const [tied] = await db.query<{ id: string; allocation_notice_id: string | null }>("select id, allocation_notice_id from project_budget_lines where project_id = $1", [id]);
    expect(tied!.allocation_notice_id).not.toBeNull();
    const [foreign] = await db.query<{ id: string }>("select id from project_budget_lines where project_id = 'demo-proj-40-2569-01' limit 1");
    const before = await snapshot();
    const bad = await fail(requestAmendment({ ctx: gov, input: { projectId: id, reasonTh: "ปรับงบประมาณตามจริง", changes: { budgetLines: [{ id: foreign!.id, source: "function", funderOrgId: "moi.dopa", amount: 1 }] } } }));
    expect(bad).toMatchObject({ status: 400, code: "validation.failed" });
    expect(await snapshot()).toBe(before);
    const ok = await requestAmendment({ ctx: gov, input: { projectId: id, reasonTh: "ปรับงบประมาณตามจริงและเพิ่มงบท้องถิ่น", changes: { budgetLines: [{ id: tied!.id, source: "function", funderOrgId: "moi.dopa", amount: 3_400_000 }, { source: "local", funderOrgId: "pao:40", amount: 250_000 }] } } });
    expect(ok).toMatchObject({ route: "delegated", status: "approved" });
    const lines = await db.query<{ id: string; source: string; amount: string; allocation_notice_id: string | null }>("select id, source, amount::text, allocation_notice_id from project_budget_lines where project_id = $1 order by source", [id]);
    expect(lines).toEqual([
      { id: tied!.id, source: "function", amount: "3400000.00", allocation_notice_id: tied!.allocation_notice_id },
      { id: expect.any(String), source: "local", amount: "250000.00", allocation_notice_id: null },
    ]);
    expect((await getProjectPage({ ctx: gov, input: { id } })).project.totalBudget).toBe("3650000.00");
  });
});

describe("the project record: files, milestones, status, timeline, list", () => {
  const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(100, 32)]);
  it("takes documents and photos up to 5 MB of the allowed types whose bytes match, from those who run the project", async () => {
    const officer = ctxFor(db, actor("agency_officer", "org:pro:76:energy"));
    const id = "demo-proj-76-2569-06";
    const before = await snapshot();
    expect((await fail(uploadProjectFile({ ctx: officer, input: { projectId: id, fileName: "a.exe", mediaType: "application/x-msdownload", content: pdf } }))).code).toBe("validation.failed");
    expect((await fail(uploadProjectFile({ ctx: officer, input: { projectId: id, fileName: "a.pdf", mediaType: "application/pdf", content: Buffer.from("MZ not a pdf") } }))).code).toBe("validation.failed");
    const big = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(5 * 1024 * 1024 - 9 + 1)]);
    expect((await fail(uploadProjectFile({ ctx: officer, input: { projectId: id, fileName: "big.pdf", mediaType: "application/pdf", content: big } }))).status).toBe(413);
    expect((await fail(uploadProjectFile({ ctx: ctxFor(db, actor("agency_officer", "org:pro:76:land")), input: { projectId: id, fileName: "a.pdf", mediaType: "application/pdf", content: pdf } }))).status).toBe(403);
    expect(await snapshot()).toBe(before);
    const exact = Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(5 * 1024 * 1024 - 9)]);
    const f = await uploadProjectFile({ ctx: officer, input: { projectId: id, fileName: "รายงานความก้าวหน้า.pdf", mediaType: "application/pdf", content: exact, captionTh: "รายงานเดือนตุลาคม" } });
    expect(f).toMatchObject({ kind: "document", size: 5 * 1024 * 1024, fileName: "รายงานความก้าวหน้า.pdf" });
    const got = await getProjectFile({ ctx: ctxFor(db, strategy()), input: { projectId: id, fileId: f.id } });
    expect(got.content.equals(exact)).toBe(true);
    expect((await fail(getProjectFile({ ctx: ctxFor(db, strategy("57")), input: { projectId: id, fileId: f.id } }))).status).toBe(403);
  });

  it("adds and completes milestones, moves status approved → in_progress → completed, cancels only with a reason", async () => {
    const so = ctxFor(db, strategy("34"));
    const m = await addMilestone({ ctx: so, input: { projectId: "demo-proj-34-2569-05", titleTh: "สำรวจออกแบบ", dueOn: "2026-11-01" } });
    expect(m.late).toBe(true);
    expect((await fail(completeMilestone({ ctx: so, input: { projectId: "demo-proj-34-2569-05", milestoneId: m.id, doneOn: "2026-11-23" } }))).code).toBe("validation.failed");
    expect((await completeMilestone({ ctx: so, input: { projectId: "demo-proj-34-2569-05", milestoneId: m.id, doneOn: "2026-11-22" } })).doneOn).toBe("2026-11-22");
    expect((await fail(completeMilestone({ ctx: so, input: { projectId: "demo-proj-34-2569-05", milestoneId: m.id } }))).status).toBe(409);
    const p = await getProjectPage({ ctx: so, input: { id: "demo-proj-34-2569-05" } });
    expect((await fail(changeProjectStatus({ ctx: so, input: { id: p.project.id, version: p.project.version, status: "completed" } }))).code).toBe("planning.status-transition");
    expect((await fail(changeProjectStatus({ ctx: so, input: { id: p.project.id, version: p.project.version, status: "cancelled" } }))).code).toBe("validation.failed");
    const s1 = await changeProjectStatus({ ctx: so, input: { id: p.project.id, version: p.project.version, status: "in_progress" } });
    const s2 = await changeProjectStatus({ ctx: so, input: { id: p.project.id, version: s1.version, status: "completed" } });
    expect(s2.status).toBe("completed");
    const tl = await getProjectTimeline({ ctx: so, input: { id: p.project.id } });
    expect(tl.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["proposed", "approved", "milestone", "status"]));
    expect(tl.history.map((h) => h.action)).toEqual(expect.arrayContaining(["planning.project.status", "planning.milestone.complete"]));
  });

  it("lists only what the reader's grants reach, with filters, search in Thai and sorting", async () => {
    const mine = await listProjects({ ctx: ctxFor(db, strategy("40")), input: { pageSize: 200 } });
    expectAll(mine.items, (x) => x.provinceCode === "40");
    const dept = await listProjects({ ctx: ctxFor(db, actor("department_officer", "org:moac.doae")), input: { pageSize: 200 } });
    expectAll(dept.items, (x) => x.agencyId === "moac.doae");
    const local = await listProjects({ ctx: ctxFor(db, strategy()), input: { source: "local", fiscalYear: 2570, sort: "budget", dir: "desc" } });
    expectAll(local.items, (x) => x.sources.includes("local") && x.fiscalYear === 2570);
    expect(local.items.map((x) => Number(x.totalBudget))).toEqual([...local.items.map((x) => Number(x.totalBudget))].sort((a, b) => b - a));
    const q = await listProjects({ ctx: ctxFor(db, strategy()), input: { q: "ธนาคารขยะ" } });
    expectAll(q.items, (x) => x.titleTh.includes("ธนาคารขยะ"));
    expect((await fail(listProjects({ ctx: ctxFor(db, actor("citizen", "nation")), input: {} }))).status).toBe(403);
  });
});

describe("permission matrix", () => {
  const scopeFor = (role: RoleId) =>
    ({ citizen: "nation", agency_officer: "org:pro:76:energy", agency_head: "org:pro:76:energy", district_officer: "area:district:7601", cluster_office: "area:cluster:N2", ministry_officer: "org:moi", department_officer: "org:opm.bb", pmoc_viewer: "nation", opdc_evaluator: "nation", deputy_pm_office: "area:province:76", administrator: "nation" })[role as string] ?? "area:province:76";
  it("plan operations: who may, in and out of scope; refusals write nothing", async () => {
    const may = { create: ["administrator", "strategy_officer", "governor", "district_officer"], approve: ["administrator", "governor"] };
    const before = await count("plans");
    let made = 0;
    for (const role of ROLES) {
      const ctx = ctxFor(db, actor(role, scopeFor(role), `m-${role}`));
      const r = await createPlan({ ctx, input: { fiscalYear: 2572, level: "subdistrict", areaId: `subdistrict:76010${1 + (made % 9)}` } }).then(() => "ok", (e: { status: number }) => e.status);
      expect(r, role).toBe(may.create.includes(role) ? "ok" : 403);
      if (r === "ok") made++;
      // out of scope: the same role in another province
      if (may.create.includes(role) && role !== "administrator") expect(await createPlan({ ctx: ctxFor(db, actor(role, role === "district_officer" ? "area:district:5701" : "area:province:57")), input: { fiscalYear: 2572, level: "district", areaId: "district:7602" } }).then(() => "ok", (e: { status: number }) => e.status), `${role} elsewhere`).toBe(403);
    }
    expect(await count("plans")).toBe(before + made);
    const target = await getPlan({ ctx: ctxFor(db, strategy()), input: { id: "plan-province-76-2570" } });
    for (const role of ROLES.filter((r) => !may.approve.includes(r))) {
      expect((await fail(approvePlan({ ctx: ctxFor(db, actor(role, scopeFor(role))), input: { planId: target.id, version: target.version } }))).status, role).toBe(403);
      expect((await fail(consolidatePlan({ ctx: ctxFor(db, actor(role, role === "strategy_officer" ? "area:province:57" : scopeFor(role))), input: { planId: target.id } }))).status, role).toBe(403);
    }
    expect((await fail(approvePlan({ ctx: ctxFor(db, governor("57")), input: { planId: target.id, version: target.version } }))).status).toBe(403);
    expect((await getPlan({ ctx: ctxFor(db, strategy()), input: { id: target.id } })).status).toBe("draft");
  });
});
