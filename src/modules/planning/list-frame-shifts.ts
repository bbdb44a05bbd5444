import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "../../platform/db/rows.js";
import type { z } from "zod";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { lookupOrganizations } from "../registry/index.js";
import { bahtText, satang } from "./budget-rules.js";
import { ListFrameShiftsInput, type FrameShiftView } from "./contracts-budget.js";
import { frameShifts as fs } from "./tables.js";

/**
 * Frame shifts of a fiscal year (one province or every one the reader may see), each tracked: shifted →
 * assigned to projects (budget lines naming it) → disbursed (those projects' disbursement, in proportion to the
 * share of their budget the shift pays for).
 */
export async function listFrameShifts({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListFrameShiftsInput> }): Promise<FrameShiftView[]> {
  const scopes = scopesFor(ctx, "planning:read");
  if (scopes !== null && scopes.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("planning:read");
  }
  const i = parseInput(ListFrameShiftsInput, input);
  const where: SQL[] = [eq(fs.fiscalYear, i.fiscalYear)];
  if (i.provinceCode) where.push(eq(fs.provinceCode, i.provinceCode));
  let rows = await ctx.db.select().from(fs).where(and(...where)).orderBy(asc(fs.provinceCode), asc(fs.id));
  if (scopes !== null) {
    const ok: typeof rows = [];
    for (const r of rows) if ((await hasPermission(ctx, "planning:read", provinceScope(r.provinceCode))) || (await hasPermission(ctx, "planning:read", { kind: "org", id: r.fromOrgId }))) ok.push(r);
    rows = ok;
  }
  return frameShiftViews(ctx, rows);
}

type Row = typeof fs.$inferSelect;

/** Assigned and disbursed per shift, in one aggregate query. */
export async function frameShiftViews(ctx: Ctx, rows: readonly Row[]): Promise<FrameShiftView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const agg = rowsOf<{ id: string; assigned: string; projects: number; disbursed: string }>(await ctx.db.execute(sql`
    with l as (
      select frame_shift_id as id, project_id, sum(amount) as amount from project_budget_lines
      where frame_shift_id in (${sql.join(ids.map((x) => sql`${x}`), sql`, `)}) group by 1, 2
    ), d as (
      select pp.project_id, sum(coalesce(pp.disbursed, 0)) as disbursed from project_progress pp where pp.project_id in (select project_id from l) group by 1
    )
    select l.id, sum(l.amount)::text as assigned, count(distinct l.project_id)::int as projects,
      coalesce(sum(case when p.total_budget > 0 then round(coalesce(d.disbursed, 0) * l.amount / p.total_budget, 2) else 0 end), 0)::text as disbursed
    from l join projects p on p.id = l.project_id left join d on d.project_id = l.project_id group by l.id`));
  const by = new Map(agg.map((a) => [a.id, a]));
  const orgs = await lookupOrganizations(ctx, rows.map((r) => r.fromOrgId));
  return rows.map((r) => {
    const a = by.get(r.id);
    const o = orgs.get(r.fromOrgId);
    return {
      id: r.id,
      fiscalYear: r.fiscalYear,
      fromOrgId: r.fromOrgId,
      fromNameTh: o?.nameTh ?? r.fromOrgId,
      fromNameEn: o?.nameEn || o?.nameTh || r.fromOrgId,
      provinceCode: r.provinceCode,
      amount: r.amount,
      purposeTh: r.purposeTh,
      assigned: bahtText(satang(a?.assigned ?? "0")),
      projects: Number(a?.projects ?? 0),
      disbursed: bahtText(satang(a?.disbursed ?? "0")),
      overAssigned: satang(a?.assigned ?? "0") > satang(r.amount),
      isDemo: r.isDemo,
    };
  });
}
