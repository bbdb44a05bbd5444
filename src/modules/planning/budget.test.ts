import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../platform/auth/actor.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { Database } from "../../platform/db/client.js";
import { holidayCalendar } from "../../platform/thai/deadlines.js";
import { actor, createTestDb, ctxFor } from "../../../test/db.js";
import { noticeDueOn, operatingPlanDueOn } from "./budget-rules.js";
import { createProject } from "./create-project.js";
import { getAllocationNotice } from "./get-allocation-notice.js";
import { getDeadlineCalendar } from "./get-deadline-calendar.js";
import { listAllocationNotices } from "./list-allocation-notices.js";
import { listFrameShifts } from "./list-frame-shifts.js";
import { planningModule } from "./module.js";
import { recordAllocationNotice } from "./record-allocation-notice.js";
import { recordBudgetAct } from "./record-budget-act.js";
import { recordFrameShift } from "./record-frame-shift.js";
import { recordOperatingPlan } from "./record-operating-plan.js";
import { sendBudgetReminders } from "./send-budget-reminders.js";

let db: Database;
beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db?.close());

let seq = 0;
/** A ctx whose clock reads `day` at 10:00 Bangkok (a fake clock: the outside world's time). */
const at = (day: string, who: Actor = systemActor) => ({ ...ctxFor(db, who), now: () => new Date(`${day}T03:00:00Z`) });
const admin = () => actor("administrator", "nation", `admin-${seq++}`);
const dopa = () => actor("department_officer", "org:moi.dopa", `dopa-${seq++}`);
const doae = () => actor("department_officer", "org:moac.doae", `doae-${seq++}`);
const moi = () => actor("ministry_officer", "org:moi", `moi-${seq++}`);
const poc = (p = "76") => actor("strategy_officer", `area:province:${p}`, `poc-${p}-${seq++}`);
const gov = (p = "76") => actor("governor", `area:province:${p}`, `gov-${p}-${seq++}`);
const count = async (table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

const act = (fiscalYear: number, passedOn: string, day = "2028-09-01") => recordBudgetAct({ ctx: at(day, admin()), input: { fiscalYear, passedOn } });
const notice = (fiscalYear: number, fromOrgId: string, provinceCode: string, notifiedOn: string, who: Actor = fromOrgId.startsWith("moi") ? dopa() : doae()) =>
  recordAllocationNotice({ ctx: at("2028-09-01", fromOrgId === "moi.dopa" ? who : fromOrgId.startsWith("moi") ? moi() : who), input: { fiscalYear, fromOrgId, provinceCode, total: 1_000_000, notifiedOn, lines: [] } });

describe("the day-counting rule (docs/adr/0007)", () => {
  const none = holidayCalendar([]);
  it("counts from the day after the event: 30 days after Wed 15 Sep 2027 is Fri 15 Oct 2027", () => {
    expect(noticeDueOn("2027-09-15", none)).toBe("2027-10-15");
    expect(operatingPlanDueOn("2027-10-15", none)).toBe("2027-12-14");
  });
  it("moves a last day on a weekend or public holiday to the next working day", () => {
    // 23 Sep 2026 + 30 = Fri 23 Oct 2026 (Chulalongkorn Day) → Sat → Sun → Mon 26 Oct
    expect(noticeDueOn("2026-09-23", holidayCalendar(["2026-10-23"]))).toBe("2026-10-26");
    expect(noticeDueOn("2026-09-24", none)).toBe("2026-10-26"); // Sat 24 Oct → Mon 26 Oct
  });
});

describe("Budget Act and allocation notices", () => {
  it("day 30 is on time, day 31 is late by one day (FY 2573, Act Wed 12 Sep 2029; day 31 is a Saturday and still late)", async () => {
    const a = await act(2573, "2029-09-12", "2029-09-13");
    expect(a.noticeDueOn).toBe("2029-10-12");
    expect(a.disbursementTargets).toEqual({ q1: 32, q2: 54, q3: 77, q4: 100 });
    const onTime = await recordAllocationNotice({ ctx: at("2029-10-20", dopa()), input: { fiscalYear: 2573, fromOrgId: "moi.dopa", provinceCode: "76", total: 1, notifiedOn: "2029-10-12" } });
    expect([onTime.dueOn, onTime.daysLate, onTime.late]).toEqual(["2029-10-12", 0, false]);
    const late = await recordAllocationNotice({ ctx: at("2029-10-20", doae()), input: { fiscalYear: 2573, fromOrgId: "moac.doae", provinceCode: "76", total: 1, notifiedOn: "2029-10-13" } });
    expect([late.daysLate, late.late]).toEqual([1, true]);
    const audit = await db.query<{ action: string }>("select action from audit_log where entity_id = $1", [late.id]);
    expect(audit.map((r) => r.action)).toEqual(["planning.allocation-notice.record"]);
  });

  it("reads the calendar module's holidays: a last day on Chulalongkorn Day (Sat 23 Oct 2027) rolls past Sunday and the substitution Monday", async () => {
    await db.query("insert into public_holidays (date, name_th, name_en, source) values ('2027-10-23', 'วันปิยมหาราช', 'Chulalongkorn Day', 'test'), ('2027-10-25', 'ชดเชยวันปิยมหาราช', 'Chulalongkorn Day (substitution)', 'test') on conflict do nothing");
    const a = await act(2571, "2027-09-23", "2027-09-24");
    expect(a.noticeDueOn).toBe("2027-10-26");
    const sat = await notice(2571, "moi.dopa", "40", "2027-10-23");
    const tue = await notice(2571, "moi.dopa", "76", "2027-10-26");
    const wed = await notice(2571, "moi.dopa", "57", "2027-10-27");
    expect([sat.daysLate, tue.daysLate, wed.daysLate]).toEqual([0, 0, 1]);
  });

  it("fiscal-year edges: an Act passed in late September; notices on 30 Sep and 1 Oct both belong to the budget's year", async () => {
    const a = await act(2572, "2028-09-25", "2028-09-26");
    expect(a.noticeDueOn).toBe("2028-10-25"); // Wed
    const sep = await recordAllocationNotice({ ctx: at("2028-10-02", dopa()), input: { fiscalYear: 2572, fromOrgId: "moi.dopa", provinceCode: "31", total: 5, notifiedOn: "2028-09-30" } });
    const oct = await recordAllocationNotice({ ctx: at("2028-10-02", dopa()), input: { fiscalYear: 2572, fromOrgId: "moi.dopa", provinceCode: "34", total: 5 } });
    expect([sep.fiscalYear, sep.daysLate, oct.fiscalYear, oct.notifiedOn, oct.daysLate]).toEqual([2572, 0, 2572, "2028-10-02", 0]);
    // a C.E. year is refused (fiscal years are B.E.), and an Act outside its year's window too
    await expect(recordBudgetAct({ ctx: at("2028-09-26", admin()), input: { fiscalYear: 2028, passedOn: "2027-09-25" } })).rejects.toMatchObject({ status: 400 });
    await expect(recordBudgetAct({ ctx: at("2028-09-26", admin()), input: { fiscalYear: 2573, passedOn: "2028-09-25" } })).rejects.toMatchObject({ status: 400, fields: [{ path: "passedOn", code: "planning.act-date-outside-year" }] });
  });

  it("re-judges notices when the Act's date is corrected", async () => {
    await act(2574, "2030-09-13"); // Fri → +30 Sun 13 Oct → Mon 14 Oct
    const n = await recordAllocationNotice({ ctx: at("2030-11-01", dopa()), input: { fiscalYear: 2574, fromOrgId: "moi.dopa", provinceCode: "76", total: 1, notifiedOn: "2030-10-16" } });
    expect(n.daysLate).toBe(2);
    await recordBudgetAct({ ctx: at("2030-11-01", admin()), input: { fiscalYear: 2574, passedOn: "2030-09-17" } }); // +30 = Thu 17 Oct
    const again = await getAllocationNotice({ ctx: at("2030-11-01", dopa()), input: { id: n.id } });
    expect([again.dueOn, again.daysLate]).toEqual(["2030-10-17", 0]);
  });

  it("ties a line naming a project to that project's budget line from the sender, or adds the line", async () => {
    await act(2575, "2031-09-10");
    const p = await createProject({ ctx: at("2031-09-01", poc()), input: { fiscalYear: 2575, provinceCode: "76", origin: "agency", ownerOrgId: "pro:76:agricultural-extension", titleTh: "ส่งเสริมมะนาวแป้น ทดสอบ", goalIds: ["prov:76:goal:1.1"], budgetLines: [{ source: "function", amount: 400_000 }] } });
    const q = await createProject({ ctx: at("2031-09-01", poc()), input: { fiscalYear: 2575, provinceCode: "76", origin: "agency", ownerOrgId: "pro:76:provincial-administration", titleTh: "หมู่บ้านปลอดภัย ทดสอบ", goalIds: ["prov:76:goal:1.1"], budgetLines: [{ source: "province", amount: 100_000 }] } });
    const n1 = await recordAllocationNotice({ ctx: at("2031-10-01", doae()), input: { fiscalYear: 2575, fromOrgId: "moac.doae", provinceCode: "76", total: 500_000, notifiedOn: "2031-10-01", lines: [{ projectCode: p.code, descriptionTh: "มะนาว", amount: 400_000 }] } });
    const n2 = await recordAllocationNotice({ ctx: at("2031-10-01", dopa()), input: { fiscalYear: 2575, fromOrgId: "moi.dopa", provinceCode: "76", total: 500_000, notifiedOn: "2031-10-01", lines: [{ projectCode: q.code, descriptionTh: "หมู่บ้าน", amount: 250_000 }] } });
    expect(n1.lines[0]).toMatchObject({ projectId: p.id, projectCode: p.code, amount: "400000.00" });
    const lines = await db.query<{ project_id: string; source: string; amount: string; allocation_notice_id: string | null }>("select project_id, source, amount::text, allocation_notice_id from project_budget_lines where project_id in ($1, $2) order by project_id, source", [p.id, q.id]);
    expect(lines.filter((l) => l.project_id === p.id)).toEqual([{ project_id: p.id, source: "function", amount: "400000.00", allocation_notice_id: n1.id }]);
    expect(lines.filter((l) => l.project_id === q.id).map((l) => [l.source, l.amount, l.allocation_notice_id])).toEqual([["function", "250000.00", n2.id], ["province", "100000.00", null]]);
    expect((await db.query<{ t: string }>("select total_budget::text as t from projects where id = $1", [q.id]))[0]!.t).toBe("350000.00");
  });

  it("a second notice from the same sender to the same province and year is a 409, the first stays", async () => {
    await act(2576, "2032-09-10");
    await recordAllocationNotice({ ctx: at("2032-10-01", dopa()), input: { fiscalYear: 2576, fromOrgId: "moi.dopa", provinceCode: "76", total: 1 } });
    await expect(recordAllocationNotice({ ctx: at("2032-10-02", dopa()), input: { fiscalYear: 2576, fromOrgId: "moi.dopa", provinceCode: "76", total: 2 } })).rejects.toMatchObject({ status: 409, code: "planning.notice-already-sent" });
    const list = await listAllocationNotices({ ctx: at("2032-10-02", dopa()), input: { fiscalYear: 2576 } });
    expect(list.items.map((n) => n.total)).toEqual(["1.00"]);
  });
});

describe("bad input changes nothing", () => {
  it("refuses unknown senders, provinces and projects, a year without an Act, dates before the Act or ahead, lines over the total", async () => {
    await act(2577, "2033-09-09");
    const before = [await count("allocation_notices"), await count("audit_log"), await count("project_budget_lines")];
    const base = { fiscalYear: 2577, fromOrgId: "moi.dopa", provinceCode: "76", total: 100, notifiedOn: "2033-10-01" };
    const ctx = at("2033-10-05", dopa());
    await expect(recordAllocationNotice({ ctx, input: { ...base, fromOrgId: "moi.nope" } })).rejects.toMatchObject({ status: 400 });
    await expect(recordAllocationNotice({ ctx, input: { ...base, provinceCode: "99" } })).rejects.toMatchObject({ status: 400, fields: [{ path: "provinceCode" }] });
    await expect(recordAllocationNotice({ ctx, input: { ...base, fiscalYear: 2590 } })).rejects.toMatchObject({ status: 422, code: "planning.budget-act-missing" });
    await expect(recordAllocationNotice({ ctx, input: { ...base, notifiedOn: "2033-09-01" } })).rejects.toMatchObject({ status: 400, fields: [{ path: "notifiedOn", code: "planning.notice-before-act" }] });
    await expect(recordAllocationNotice({ ctx, input: { ...base, notifiedOn: "2033-10-06" } })).rejects.toMatchObject({ status: 400, fields: [{ path: "notifiedOn", code: "planning.date-in-future" }] });
    await expect(recordAllocationNotice({ ctx, input: { ...base, lines: [{ descriptionTh: "ก", amount: 60 }, { descriptionTh: "ข", amount: 40.01 }] } })).rejects.toMatchObject({ status: 422, code: "planning.notice-lines-exceed-total" });
    await expect(recordAllocationNotice({ ctx, input: { ...base, lines: [{ projectCode: "NO-SUCH", descriptionTh: "ก", amount: 1 }] } })).rejects.toMatchObject({ status: 400, fields: [{ path: "lines.0.projectCode", code: "ref.unknown-project" }] });
    await expect(recordAllocationNotice({ ctx, input: { ...base, total: 1.005 } })).rejects.toMatchObject({ status: 400 });
    await expect(recordAllocationNotice({ ctx, input: { ...base, total: -1 } })).rejects.toMatchObject({ status: 400 });
    await expect(recordAllocationNotice({ ctx, input: { ...base, fromOrgId: "pro:76:provincial-administration" } })).rejects.toMatchObject({ status: 400, fields: [{ path: "fromOrgId", code: "planning.notice-sender-not-central" }] });
    await expect(recordBudgetAct({ ctx: at("2033-10-05", admin()), input: { fiscalYear: 2577, passedOn: "2033-09-10", disbursementTargets: { q1: 60, q2: 50, q3: 77, q4: 100 } } })).rejects.toMatchObject({ status: 400 });
    await expect(recordOperatingPlan({ ctx: at("2033-10-05", poc()), input: { provinceCode: "76", fiscalYear: 2577 } })).rejects.toMatchObject({ status: 422, code: "planning.total-not-known" });
    await expect(recordFrameShift({ ctx: at("2033-10-05", dopa()), input: { fiscalYear: 2577, fromOrgId: "moi.dopa", provinceCode: "76", amount: 0, purposeTh: "ทดสอบ" } })).rejects.toMatchObject({ status: 400 });
    expect([await count("allocation_notices"), await count("audit_log"), await count("project_budget_lines")]).toEqual(before);
    expect((await db.query<{ d: string }>("select passed_on::text as d from budget_acts where fiscal_year = 2577"))[0]!.d).toBe("2033-09-09");
  });
});

describe("operating plan: due 60 days after the province knew its total", () => {
  it("defaults the day to the last notice received; day 60 is on time, day 61 late", async () => {
    await act(2578, "2034-09-15");
    // Fri 13 Oct 2034 + 60 = Tue 12 Dec 2034 (no holidays recorded for 2034)
    await recordAllocationNotice({ ctx: at("2034-10-20", dopa()), input: { fiscalYear: 2578, fromOrgId: "moi.dopa", provinceCode: "76", total: 1, notifiedOn: "2034-10-02" } });
    await recordAllocationNotice({ ctx: at("2034-10-20", doae()), input: { fiscalYear: 2578, fromOrgId: "moac.doae", provinceCode: "76", total: 1, notifiedOn: "2034-10-13" } });
    await recordAllocationNotice({ ctx: at("2034-10-20", dopa()), input: { fiscalYear: 2578, fromOrgId: "moi.dopa", provinceCode: "40", total: 1, notifiedOn: "2034-10-13" } });
    const v = await recordOperatingPlan({ ctx: at("2034-10-20", poc()), input: { provinceCode: "76", fiscalYear: 2578 } });
    expect([v.totalKnownOn, v.totalKnownBasis, v.dueOn, v.status]).toEqual(["2034-10-13", "last-notice", "2034-12-12", "pending"]);
    const onTime = await recordOperatingPlan({ ctx: at("2034-12-12", poc()), input: { provinceCode: "76", fiscalYear: 2578, submittedOn: "2034-12-12" } });
    expect([onTime.status, onTime.daysLate]).toEqual(["on-time", 0]);
    const late = await recordOperatingPlan({ ctx: at("2034-12-13", gov("40")), input: { provinceCode: "40", fiscalYear: 2578, submittedOn: "2034-12-13" } });
    expect([late.dueOn, late.status, late.daysLate]).toEqual(["2034-12-12", "late", 1]);
    // a declared date replaces the default
    const declared = await recordOperatingPlan({ ctx: at("2034-12-13", poc()), input: { provinceCode: "76", fiscalYear: 2578, totalKnownOn: "2034-10-20" } });
    expect([declared.totalKnownBasis, declared.dueOn, declared.status]).toEqual(["declared", "2034-12-19", "on-time"]);
  });
});

describe("permission matrix", () => {
  it("Budget Act: administrators only", async () => {
    for (const who of [gov(), poc(), dopa(), moi()]) await expect(recordBudgetAct({ ctx: at("2035-09-20", who), input: { fiscalYear: 2579, passedOn: "2035-09-14" } })).rejects.toMatchObject({ status: 403 });
    await expect(recordBudgetAct({ ctx: { ...ctxFor(db, { kind: "anonymous", id: null, name: "anonymous", grants: [] } as unknown as Actor), now: () => new Date("2035-09-20T03:00:00Z") }, input: { fiscalYear: 2579, passedOn: "2035-09-14" } })).rejects.toMatchObject({ status: 401 });
    await expect(act(2579, "2035-09-14", "2035-09-20")).resolves.toMatchObject({ fiscalYear: 2579 });
  });

  it("allocation notices: the sending department and its ministry; never another department, the province or an administrator", async () => {
    const input = (p: string) => ({ fiscalYear: 2579, fromOrgId: "moi.dopa", provinceCode: p, total: 1, notifiedOn: "2035-10-01" });
    for (const who of [doae(), gov(), poc(), admin(), actor("agency_head", "org:pro:76:provincial-administration")]) await expect(recordAllocationNotice({ ctx: at("2035-10-02", who), input: input("76") })).rejects.toMatchObject({ status: 403 });
    await expect(recordAllocationNotice({ ctx: at("2035-10-02", dopa()), input: input("76") })).resolves.toMatchObject({ fromOrgId: "moi.dopa" });
    await expect(recordAllocationNotice({ ctx: at("2035-10-02", moi()), input: input("40") })).resolves.toMatchObject({ fromOrgId: "moi.dopa" });
    // readers: the sender and the receiving province, not another province
    const list = (who: Actor) => listAllocationNotices({ ctx: at("2035-10-02", who), input: { fiscalYear: 2579 } }).then((l) => l.items.map((n) => n.provinceCode).sort());
    expect(await list(dopa())).toEqual(["40", "76"]);
    expect(await list(gov("76"))).toEqual(["76"]);
    expect(await list(gov("57"))).toEqual([]);
    expect(await list(doae())).toEqual([]);
    await expect(listAllocationNotices({ ctx: at("2035-10-02", actor("citizen", "nation")), input: {} })).rejects.toMatchObject({ status: 403 });
  });

  it("operating plan: the province's strategy office and governor; frame shifts: the department or ministry", async () => {
    for (const who of [poc("57"), dopa(), admin(), actor("vice_governor", "area:province:76")]) await expect(recordOperatingPlan({ ctx: at("2035-10-05", who), input: { provinceCode: "76", fiscalYear: 2579, totalKnownOn: "2035-10-01" } })).rejects.toMatchObject({ status: 403 });
    await expect(recordOperatingPlan({ ctx: at("2035-10-05", gov()), input: { provinceCode: "76", fiscalYear: 2579, totalKnownOn: "2035-10-01" } })).resolves.toMatchObject({ dueOn: "2035-11-30" });
    const fs = { fiscalYear: 2579, fromOrgId: "moac.doae", provinceCode: "76", amount: 5_000_000, purposeTh: "มะนาวแป้นตามความต้องการของพื้นที่" };
    for (const who of [dopa(), gov(), poc()]) await expect(recordFrameShift({ ctx: at("2035-10-05", who), input: fs })).rejects.toMatchObject({ status: 403 });
    const f = await recordFrameShift({ ctx: at("2035-10-05", doae()), input: fs });
    expect([f.amount, f.assigned, f.projects, f.overAssigned]).toEqual(["5000000.00", "0.00", 0, false]);
    expect((await listFrameShifts({ ctx: at("2035-10-05", gov("57")), input: { fiscalYear: 2579 } })).length).toBe(0);
  });
});

describe("the deadline calendar", () => {
  it("lists the Act, each notice owed with its status, the operating plan and the quarterly targets; a department sees what it owes nation-wide", async () => {
    await act(2580, "2036-09-12"); // Fri → +30 Sun 12 Oct → Mon 13 Oct
    await createProject({ ctx: at("2036-09-01", poc()), input: { fiscalYear: 2580, provinceCode: "76", origin: "agency", ownerOrgId: "pro:76:agricultural-extension", titleTh: "โครงการที่กรมส่งเสริมการเกษตรต้องแจ้ง", goalIds: ["prov:76:goal:1.1"], budgetLines: [{ source: "function", amount: 1_000 }] } });
    await recordAllocationNotice({ ctx: at("2036-10-20", dopa()), input: { fiscalYear: 2580, fromOrgId: "moi.dopa", provinceCode: "76", total: 1, notifiedOn: "2036-10-15" } });
    const cal = await getDeadlineCalendar({ ctx: at("2036-10-20", gov()), input: { fiscalYear: 2580, provinceCode: "76" } });
    const notices = cal.items.filter((x) => x.kind === "allocation-notice").map((x) => [x.orgId, x.status, x.daysLate, x.date]);
    expect(notices).toEqual([["moi.dopa", "late", 2, "2036-10-13"], ["moac.doae", "overdue", 7, "2036-10-13"]]);
    expect(cal.items.find((x) => x.kind === "operating-plan")).toMatchObject({ date: "2036-12-15", status: "pending" }); // 15 Oct + 60 = Sun 14 Dec → Mon 15 Dec
    expect(cal.items.filter((x) => x.kind === "quarter-target").map((x) => [x.date, x.targetPct])).toEqual([["2036-12-31", 32], ["2037-03-31", 54], ["2037-06-30", 77], ["2037-09-30", 100]]);
    const dept = await getDeadlineCalendar({ ctx: at("2036-10-20", doae()), input: { fiscalYear: 2580, kind: "allocation-notice" } });
    expect(dept.items.map((x) => [x.orgId, x.provinceCode, x.status])).toEqual([["moac.doae", "76", "overdue"]]);
    await expect(getDeadlineCalendar({ ctx: at("2036-10-20", gov("57")), input: { fiscalYear: 2580, provinceCode: "76" } })).rejects.toMatchObject({ status: 403 });
  });
});

describe("scheduled reminders (fake clock)", () => {
  it("declares the daily job in Bangkok time", () => {
    expect(planningModule.jobs?.map((j) => [j.name, j.cron, j.tz])).toContainEqual(["planning.budget-reminders", "5 7 * * *", "Asia/Bangkok"]);
  });

  it("reminds the department 7 and 1 days ahead and flags overdue once, however often it runs", async () => {
    // FY 2582 runs Oct 2038 – Sep 2039; the Act passes Fri 10 Sep 2038 → due Mon 11 Oct 2038 (Sun 10 Oct rolls)
    await act(2582, "2038-09-10", "2038-09-11");
    const p = await createProject({ ctx: at("2038-09-11", poc("40")), input: { fiscalYear: 2582, provinceCode: "40", origin: "agency", ownerOrgId: "pro:40:agricultural-extension", titleTh: "โครงการขอนแก่นรอหนังสือแจ้ง", goalIds: ["prov:40:goal:1.1"], budgetLines: [{ source: "function", amount: 1_000 }] } });
    expect(p.agencyId).toBe("moac.doae");
    const keys = async () => (await db.query<{ k: string }>("select dedupe_key as k from notifications where dedupe_key like 'planning.%:2582:%' order by k")).map((r) => r.k);
    const run = (day: string) => sendBudgetReminders({ ctx: at(day) });
    expect((await run("2038-10-01")).notices).toBe(0); // 10 days ahead
    expect((await run("2038-10-04")).notices).toBe(1); // 7 days ahead
    expect((await run("2038-10-04")).notices).toBe(0); // again the same day: nothing new
    expect((await run("2038-10-05")).notices).toBe(0);
    expect((await run("2038-10-10")).notices).toBe(1); // 1 day ahead
    expect((await run("2038-10-11")).overdueNotices).toBe(0); // the due day itself is not overdue
    expect((await run("2038-10-12")).overdueNotices).toBe(2); // department and province
    expect((await run("2038-10-13")).overdueNotices).toBe(0);
    expect(await keys()).toEqual([
      "planning.notice-due:2582:moac.doae:40:1",
      "planning.notice-due:2582:moac.doae:40:7",
      "planning.notice-overdue:2582:moac.doae:40:area:province:40",
      "planning.notice-overdue:2582:moac.doae:40:org:moac.doae",
    ]);
    // the notice arrives late; the operating plan clock starts from it: reminders 7 and 1 days ahead, then overdue
    await recordAllocationNotice({ ctx: at("2038-10-14", doae()), input: { fiscalYear: 2582, fromOrgId: "moac.doae", provinceCode: "40", total: 1_000, notifiedOn: "2038-10-14" } });
    // 14 Oct 2038 + 60 = Mon 13 Dec 2038
    expect((await run("2038-12-06")).plans).toBe(1);
    expect((await run("2038-12-12")).plans).toBe(1);
    expect((await run("2038-12-14")).overduePlans).toBe(1);
    expect((await run("2038-12-14")).overduePlans).toBe(0);
    const recipients = await db.query<{ recipient: string }>("select recipient from notifications where dedupe_key like 'planning.operating-plan%:40:2582%' order by dedupe_key");
    expect(recipients.map((r) => r.recipient)).toEqual(["area:province:40", "area:province:40", "area:province:40"]);
  });
});
