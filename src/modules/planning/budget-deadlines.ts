import { and, eq, inArray, sql } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { rowsOf } from "../../platform/db/rows.js";
import { diffDays } from "../../platform/thai/dates.js";
import { openStatus, type BudgetActRow } from "./budget-rules.js";
import type { DeadlineStatus } from "./contracts-budget.js";
import { allocationNotices } from "./tables.js";
import type { NoticeRow } from "./budget-presenters.js";

/** One department's (or ministry's) allocation notice owed to one province, sent or not. */
export type NoticeDue = { provinceCode: string; orgId: string; notice: NoticeRow | null; status: DeadlineStatus; daysLate: number; daysLeft: number };

/**
 * The notices a fiscal year's Act makes due: from every department funding a project of the province through its
 * function budget (a budget line of source "function", its funder or else the project's agency), and from every
 * organisation that sent one. Unsent: pending, due-soon or overdue (days late counted to `today`).
 */
export async function noticesDue(ctx: Ctx, act: BudgetActRow, provinceCodes: readonly string[] | null, today: string): Promise<NoticeDue[]> {
  const prov = provinceCodes ? sql`and l.province_code in (${sql.join(provinceCodes.map((p) => sql`${p}`), sql`, `)})` : sql``;
  const expected = rowsOf<{ province_code: string; org_id: string }>(
    await ctx.db.execute(sql`
      select distinct l.province_code, coalesce(l.funder_org_id, p.agency_id) as org_id
      from project_budget_lines l join projects p on p.id = l.project_id
      where l.fiscal_year = ${act.fiscalYear} and l.source = 'function' and l.province_code is not null ${prov}
        and p.status not in ('rejected', 'cancelled') and p.duplicate_of is null`),
  );
  const sent = await ctx.db
    .select()
    .from(allocationNotices)
    .where(and(eq(allocationNotices.fiscalYear, act.fiscalYear), provinceCodes ? inArray(allocationNotices.provinceCode, [...provinceCodes]) : undefined));
  const key = (p: string, o: string) => `${p}|${o}`;
  const out = new Map<string, NoticeDue>();
  for (const n of sent) {
    out.set(key(n.provinceCode, n.fromOrgId), { provinceCode: n.provinceCode, orgId: n.fromOrgId, notice: n, status: n.daysLate > 0 ? "late" : "on-time", daysLate: n.daysLate, daysLeft: diffDays(today, n.dueOn) });
  }
  for (const e of expected) {
    if (out.has(key(e.province_code, e.org_id))) continue;
    const status = openStatus(act.noticeDueOn, today);
    out.set(key(e.province_code, e.org_id), { provinceCode: e.province_code, orgId: e.org_id, notice: null, status, daysLate: Math.max(0, diffDays(act.noticeDueOn, today)), daysLeft: diffDays(today, act.noticeDueOn) });
  }
  return [...out.values()].sort((a, b) => a.provinceCode.localeCompare(b.provinceCode) || a.orgId.localeCompare(b.orgId));
}
