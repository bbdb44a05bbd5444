import { and, eq, inArray, isNull, min, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import { NATION } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { fiscalYearRange } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { PERCENTILE_METHOD_EN, PERCENTILE_METHOD_TH, DAY_COUNTING_EN, DAY_COUNTING_TH, PermitStatsInput, type PermitRoute, type PermitStats, type TurnaroundSummary } from "./contracts-permits.js";
import { PROVINCIAL_ROLES, todayOf } from "./rules.js";
import { delegations, permitApplications as pa, powers } from "./tables.js";

type SummaryRow = { decided: number; median: number | null; mean: number | null; p90: number | null; within: number | null };

/**
 * The turnaround columns over the rows `cond` admits. percentile_cont is linear interpolation between order
 * statistics (Hyndman–Fan type 7, Excel's PERCENTILE.INC): the method the view states, re-computable in a sheet.
 */
const summaryColumns = (cond: SQL) => sql`
  count(*) filter (where ${cond})::int as decided,
  (percentile_cont(0.5) within group (order by ${pa.turnaroundDays}) filter (where ${cond}))::float8 as median,
  (avg(${pa.turnaroundDays}) filter (where ${cond}))::float8 as mean,
  (percentile_cont(0.9) within group (order by ${pa.turnaroundDays}) filter (where ${cond}))::float8 as p90,
  (avg(case when ${pa.turnaroundDays} <= ${pa.slaDays} then 1.0 else 0.0 end) filter (where ${cond}))::float8 as within`;

const round = (x: number | null, d: number): number | null => (x === null || x === undefined ? null : Math.round(Number(x) * 10 ** d) / 10 ** d);
function summary(r: SummaryRow): TurnaroundSummary {
  return { decidedCount: Number(r.decided), medianDays: round(r.median, 2), meanDays: round(r.mean, 2), p90Days: round(r.p90, 2), withinSlaShare: round(r.within, 4) };
}

/**
 * Turnaround statistics (public, no personal data): per power and route (delegated vs central) the decisions of
 * the period with median, mean and 90th-percentile turnaround in business days and the share within the service
 * level, and today's open and overdue applications; for one power in one province, central turnaround before its
 * delegation date against delegated turnaround after it — the seeds' promise of speed for citizens, measured.
 */
export async function getPermitStats({ ctx, input }: { ctx: Ctx; input: z.input<typeof PermitStatsInput> }): Promise<PermitStats> {
  const i = parseInput(PermitStatsInput, input);
  await requirePermission(ctx, "delegation:read", NATION);
  const today = todayOf(ctx);
  const fy = i.fiscalYear !== undefined ? fiscalYearRange(i.fiscalYear) : null;
  const from = fy?.start ?? i.from ?? null;
  const to = fy?.end ?? i.to ?? null;

  const base: SQL[] = [];
  if (i.powerCode) base.push(eq(pa.powerCode, i.powerCode));
  if (i.provinceCode) base.push(eq(pa.provinceCode, i.provinceCode));
  const decided = and(inArray(pa.status, ["approved", "refused"]), from ? sql`${pa.decidedOn} >= ${from}` : undefined, to ? sql`${pa.decidedOn} <= ${to}` : undefined)!;
  const open = and(inArray(pa.status, ["received", "under-review"]), to ? sql`${pa.receivedOn} <= ${to}` : undefined)!;
  const rows = rowsOf<SummaryRow & { power_code: string; route: PermitRoute; approved: number; refused: number; open: number; overdue: number }>(
    await ctx.db.execute(sql`
      select ${pa.powerCode} as power_code, ${pa.route} as route, ${summaryColumns(decided)},
        count(*) filter (where ${decided} and ${pa.status} = 'approved')::int as approved,
        count(*) filter (where ${decided} and ${pa.status} = 'refused')::int as refused,
        count(*) filter (where ${open})::int as open,
        count(*) filter (where ${open} and ${pa.dueOn} < ${today})::int as overdue
      from ${pa}
      ${base.length ? sql`where ${and(...base)}` : sql``}
      group by ${pa.powerCode}, ${pa.route}
      having count(*) filter (where ${decided} or ${open}) > 0
      order by ${pa.powerCode}, ${pa.route}`),
  );
  const codes = [...new Set(rows.map((r) => r.power_code))];
  const ps = new Map((codes.length ? await ctx.db.select().from(powers).where(inArray(powers.code, codes)) : []).map((p) => [p.code, p]));
  const groups: PermitStats["groups"] = rows.map((r) => {
    const p = ps.get(r.power_code);
    return {
      powerCode: r.power_code,
      powerNameTh: p?.nameTh ?? r.power_code,
      powerNameEn: p?.nameEn ?? r.power_code,
      route: r.route,
      slaDays: (r.route === "delegated" ? p?.slaDaysDelegated : p?.slaDaysCentral) ?? null,
      ...summary(r),
      approvedCount: Number(r.approved),
      refusedCount: Number(r.refused),
      openCount: Number(r.open),
      overdueCount: Number(r.overdue),
    };
  });

  return {
    powerCode: i.powerCode ?? null,
    provinceCode: i.provinceCode ?? null,
    from,
    to,
    today,
    groups,
    comparison: i.powerCode && i.provinceCode ? await beforeAfter(ctx, i.powerCode, i.provinceCode) : null,
    methodTh: `${DAY_COUNTING_TH} ${PERCENTILE_METHOD_TH} สัดส่วนภายในระยะเวลาให้บริการ = คำวินิจฉัยที่ใช้เวลาไม่เกินจำนวนวันทำการที่กำหนดของคำขอนั้น ÷ คำวินิจฉัยทั้งหมดในช่วงเวลา`,
    methodEn: `${DAY_COUNTING_EN} ${PERCENTILE_METHOD_EN} Share within the service level = decisions whose turnaround did not exceed the application's service level ÷ all decisions of the period.`,
  };
}

/**
 * Central decisions on applications received before the power was first delegated in the province (its earliest
 * instrument reaching the province), against delegated decisions on those received from that date; all dates.
 */
async function beforeAfter(ctx: Ctx, powerCode: string, provinceCode: string): Promise<PermitStats["comparison"]> {
  const [{ from }] = (await ctx.db
    .select({ from: min(delegations.effectiveFrom) })
    .from(delegations)
    .where(and(eq(delegations.powerCode, powerCode), or(eq(delegations.provinceCode, provinceCode), isNull(delegations.provinceCode)), inArray(delegations.delegateRole, [...PROVINCIAL_ROLES])))) as [{ from: string | null }];
  if (!from) return null;
  const here = and(eq(pa.powerCode, powerCode), eq(pa.provinceCode, provinceCode), inArray(pa.status, ["approved", "refused"]))!;
  const before = sql`${pa.route} = 'central' and ${pa.receivedOn} < ${from}`;
  const after = sql`${pa.route} = 'delegated' and ${pa.receivedOn} >= ${from}`;
  const [b] = rowsOf<SummaryRow>(await ctx.db.execute(sql`select ${summaryColumns(before)} from ${pa} where ${here}`));
  const [a] = rowsOf<SummaryRow>(await ctx.db.execute(sql`select ${summaryColumns(after)} from ${pa} where ${here}`));
  const sb = summary(b!);
  const sa = summary(a!);
  if (sb.decidedCount === 0 || sa.decidedCount === 0) return null;
  return { powerCode, provinceCode, delegatedFrom: from, before: sb, after: sa, medianChangeDays: round(sa.medianDays! - sb.medianDays!, 2)! };
}
