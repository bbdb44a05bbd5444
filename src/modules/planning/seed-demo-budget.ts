import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Actor } from "../../platform/auth/actor.js";
import type { RoleId } from "../../platform/auth/policy.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { withTransaction, type Ctx } from "../../platform/ctx.js";
import { demoRandom } from "../../platform/demo-random.js";
import { addDays } from "../../platform/thai/dates.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import { satang, todayOf } from "./budget-rules.js";
import { recordAllocationNotice } from "./record-allocation-notice.js";
import { recordBudgetAct } from "./record-budget-act.js";
import { recordFrameShift } from "./record-frame-shift.js";
import { recordOperatingPlan } from "./record-operating-plan.js";
import { budgetActs, projectBudgetLines, projectProgress, projects } from "./tables.js";

const PILOTS = ["57", "34", "31", "40", "76"] as const;
/** Departments that notify the pilot provinces in the demo (each with provincial offices there). */
const SENDERS = ["moi.dopa", "moac.doae", "mot.doh", "moi.cdd"] as const;
/**
 * Demo Acts (labelled demo): plausible dates, not the Royal Gazette's. Targets: demo values, configurable per year.
 * FY 2569: Fri 5 Sep 2025 → notices due Mon 6 Oct 2025 (Sun 5 Oct rolls); FY 2570: Fri 18 Sep 2026 → Mon 19 Oct 2026.
 */
const ACTS = [
  { fiscalYear: 2569, passedOn: "2025-09-05", referenceTh: "พ.ร.บ.งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2569 (วันที่ตัวอย่าง)", disbursementTargets: { q1: 32, q2: 54, q3: 77, q4: 100 } },
  { fiscalYear: 2570, passedOn: "2026-09-18", referenceTh: "พ.ร.บ.งบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2570 (วันที่ตัวอย่าง)", disbursementTargets: { q1: 30, q2: 55, q3: 78, q4: 100 } },
];
/** Days after the due date a sender notified a province: the few late ones of the demo (everything else on time). */
const LATE: Record<string, number> = { "2569:76:mot.doh": 4, "2569:40:moi.cdd": 14, "2569:57:moac.doae": 2, "2570:34:mot.doh": 3, "2570:31:moi.cdd": 9 };
/** Left unsent in the demo (overdue): Phetchaburi still waits for the Department of Provincial Administration's FY 2570 notice. */
const UNSENT = new Set(["2570:76:moi.dopa", "2570:57:mot.doh"]);
/** Agencies whose demo projects disburse slowly (lagging): the Community Development Department in Ubon and Buriram, Highways in Chiang Rai. */
const SLOW = new Set(["34:moi.cdd", "31:moi.cdd", "57:mot.doh"]);
/** The planned monthly share of a year's budget, October first (an S-shaped curve; sums to 1). */
const PLAN = [0.04, 0.06, 0.1, 0.08, 0.08, 0.1, 0.1, 0.1, 0.09, 0.09, 0.08, 0.08];

const demoActor = (role: RoleId, scope: string): Actor => ({ kind: "user", id: `demo-budget:${role}:${scope}`, name: `${role} (ตัวอย่าง)`, grants: [{ role, scope }] });

/**
 * The budget cycle's demo (labelled demo, idempotent, fast): Budget Acts for FY 2569 and 2570; allocation notices
 * from four departments to the five pilot provinces, most on time and a few late; operating plans (one late);
 * frame shifts; monthly progress of the demo projects (FY 2569: twelve months, FY 2570: to date), two agencies
 * lagging. Projects are those the plans part seeds (is_demo, by province); with none, only the cycle is seeded.
 */
export async function seedDemoBudget({ ctx }: { ctx: Ctx }): Promise<void> {
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(budgetActs).where(eq(budgetActs.isDemo, true))) as [{ n: number }];
  if (n > 0) return;
  const today = todayOf(ctx);
  const admin = { ...ctx, actor: demoActor("administrator", "nation") };
  const rnd = demoRandom("planning-budget");
  for (const a of ACTS) {
    if (a.passedOn > today) continue;
    const act = await recordBudgetAct({ ctx: admin, input: { ...a, isDemo: true } });
    for (const p of PILOTS) {
      const demoProjects = await ctx.db.select().from(projects).where(and(eq(projects.isDemo, true), eq(projects.provinceCode, p), eq(projects.fiscalYear, a.fiscalYear))).orderBy(asc(projects.code));
      const lines = demoProjects.length ? await ctx.db.select().from(projectBudgetLines).where(and(inArray(projectBudgetLines.projectId, demoProjects.map((x) => x.id)), eq(projectBudgetLines.source, "function"))) : [];
      let last: string | null = null;
      for (const [k, from] of SENDERS.entries()) {
        const key = `${a.fiscalYear}:${p}:${from}`;
        if (UNSENT.has(key)) continue;
        const notifiedOn = LATE[key] ? addDays(act.noticeDueOn, LATE[key]!) : addDays(act.noticeDueOn, -(2 + ((k * 3 + Number(p)) % 12)));
        if (notifiedOn > today) continue;
        const mine = lines.filter((l) => (l.funderOrgId ?? demoProjects.find((x) => x.id === l.projectId)!.agencyId) === from);
        const noticeLines = mine.map((l) => ({ projectCode: demoProjects.find((x) => x.id === l.projectId)!.code, descriptionTh: l.noteTh || "งบประมาณตามโครงการ", amount: Number(l.amount) }));
        const base = 5_000_000 + Math.round(rnd.uniform() * 40) * 500_000;
        const total = noticeLines.reduce((s, l) => s + l.amount, 0) + base;
        const sender = { ...ctx, actor: demoActor("department_officer", `org:${from}`) };
        await recordAllocationNotice({ ctx: sender, input: { fiscalYear: a.fiscalYear, fromOrgId: from, provinceCode: p, total, notifiedOn, referenceTh: `ที่ ${from.split(".")[0]!.toUpperCase()} 0${200 + k}/${1000 + Number(p) * 7} (ตัวอย่าง)`, lines: [...noticeLines, { descriptionTh: "งบดำเนินงานของส่วนราชการในจังหวัด", amount: base }], isDemo: true } });
        if (!last || notifiedOn > last) last = notifiedOn;
      }
      if (!last) continue;
      const poc = { ...ctx, actor: demoActor("strategy_officer", `area:province:${p}`) };
      if (a.fiscalYear === 2569) {
        // the plan goes in well ahead, except Buriram's, five days late
        const due = addDays(last, 60);
        const submittedOn = p === "31" ? addDays(due, 5) : addDays(last, 40 + Number(p) % 10);
        await recordOperatingPlan({ ctx: poc, input: { provinceCode: p, fiscalYear: a.fiscalYear, submittedOn: submittedOn > today ? undefined : submittedOn, noteTh: "แผนปฏิบัติราชการประจำปีของจังหวัด (ตัวอย่าง)", isDemo: true } });
      } else if (p === "40" || p === "57") {
        await recordOperatingPlan({ ctx: poc, input: { provinceCode: p, fiscalYear: a.fiscalYear, noteTh: "ทราบยอดรวมจากหนังสือแจ้งฉบับสุดท้าย (ตัวอย่าง)", isDemo: true } });
      }
    }
    const links: { lineId: string; shiftId: string }[] = [];
    // frame shifts: Agricultural Extension to Phetchaburi (lime) and Highways to Khon Kaen, tied to one demo project each
    for (const [from, p, amount, purposeTh] of [
      ["moac.doae", "76", 3_000_000, "ส่งเสริมการปลูกมะนาวแป้นและมะพร้าวตามความต้องการของพื้นที่ (ตัวอย่าง)"],
      ["mot.doh", "40", 12_000_000, "ถนนเชื่อมแหล่งผลิตทางการเกษตรตามความต้องการของพื้นที่ (ตัวอย่าง)"],
    ] as const) {
      const shift = await recordFrameShift({ ctx: { ...ctx, actor: demoActor("department_officer", `org:${from}`) }, input: { fiscalYear: a.fiscalYear, fromOrgId: from, provinceCode: p, amount, purposeTh, isDemo: true } });
      const [line] = await ctx.db
        .select({ id: projectBudgetLines.id })
        .from(projectBudgetLines)
        .innerJoin(projects, eq(projects.id, projectBudgetLines.projectId))
        .where(and(eq(projects.isDemo, true), eq(projects.provinceCode, p), eq(projects.fiscalYear, a.fiscalYear), eq(projects.agencyId, from), sql`${projectBudgetLines.frameShiftId} is null`))
        .limit(1);
      if (line) links.push({ lineId: line.id, shiftId: shift.id });
    }
    // the demo's own writes (which budget line a frame shift funds, the months of progress) with their audit record
    await withTransaction(ctx, async (tx) => {
      for (const l of links) await tx.db.update(projectBudgetLines).set({ frameShiftId: l.shiftId }).where(eq(projectBudgetLines.id, l.lineId));
      const months = await seedProgress(tx, a.fiscalYear, today, rnd);
      await writeAudit(tx, { action: "planning.seed.demo-budget", entityType: "budget-act", entityId: String(a.fiscalYear), after: { fiscalYear: a.fiscalYear, frameShiftLines: links.length, progressMonths: months } });
    });
  }
}

/** Monthly progress of the year's demo projects up to the current month and the planned curve for the whole year, in one bulk insert (history, not a user's action). */
async function seedProgress(ctx: Ctx, fiscalYear: number, today: string, rnd: ReturnType<typeof demoRandom>): Promise<number> {
  const ps = await ctx.db.select().from(projects).where(and(eq(projects.isDemo, true), eq(projects.fiscalYear, fiscalYear), sql`${projects.status} not in ('rejected', 'cancelled')`));
  const start = fiscalYearRange(fiscalYear).start;
  const rows: (typeof projectProgress.$inferInsert)[] = [];
  for (const p of ps) {
    const budget = satang(p.totalBudget);
    if (budget <= 0n) continue;
    const pace = SLOW.has(`${p.provinceCode}:${p.agencyId}`) ? 0.55 + rnd.uniform() * 0.15 : 0.93 + rnd.uniform() * 0.07;
    let cum = 0n;
    let cumPlan = 0n;
    let m = start;
    for (let k = 0; k < 12; k++) {
      const plannedShare = k === 11 ? budget - cumPlan : (budget * BigInt(Math.round(PLAN[k]! * 10000))) / 10000n;
      cumPlan += plannedShare;
      if (m > today) {
        // months still ahead: the planned curve only (actuals are recorded when the month comes)
        rows.push({ projectId: p.id, month: m, provinceCode: p.provinceCode, fiscalYear, physicalPct: null, disbursed: null, plannedDisbursed: (Number(plannedShare) / 100).toFixed(2), noteTh: "", recordedBy: "demo-budget" });
        m = `${addDays(m, 32).slice(0, 7)}-01`;
        continue;
      }
      const target = (cumPlan * BigInt(Math.round(pace * 1000))) / 1000n;
      const disbursed = target > cum ? target - cum : 0n;
      cum += disbursed;
      rows.push({
        projectId: p.id,
        month: m,
        provinceCode: p.provinceCode,
        fiscalYear,
        physicalPct: Math.min(100, Number((cum * 10000n) / budget) / 100 + 3).toFixed(2),
        disbursed: (Number(disbursed) / 100).toFixed(2),
        plannedDisbursed: (Number(plannedShare) / 100).toFixed(2),
        noteTh: "",
        recordedBy: "demo-budget",
      });
      m = `${addDays(m, 32).slice(0, 7)}-01`;
    }
  }
  for (let k = 0; k < rows.length; k += 1000) await ctx.db.insert(projectProgress).values(rows.slice(k, k + 1000)).onConflictDoNothing();
  return rows.length;
}
