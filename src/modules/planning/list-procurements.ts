import { and, asc, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListProcurementsInput, type ProcurementList } from "./contracts-procurement.js";
import { procurementNames, procurementSummary } from "./procurement-presenters.js";
import { loadGraphs } from "./procurement-rules.js";
import { procurements as pr } from "./tables.js";

const STAGE_ORDER = sql`array_position(array['planning','tender','award','contract','implementation','complete','unsuccessful','cancelled'], ${pr.stage})`;

/** Procurement processes, public like their OCDS releases: search by title or ocid, filters, sort and paging. */
export async function listProcurements({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListProcurementsInput> }): Promise<ProcurementList> {
  await requirePermission(ctx, "planning:public", { kind: "nation" });
  const i = parseInput(ListProcurementsInput, input);
  const where: SQL[] = [];
  if (i.provinceCode) where.push(eq(pr.provinceCode, i.provinceCode));
  if (i.fiscalYear) where.push(eq(pr.fiscalYear, i.fiscalYear));
  if (i.stage) where.push(eq(pr.stage, i.stage));
  if (i.method) where.push(eq(pr.method, i.method));
  if (i.projectId) where.push(eq(pr.projectId, i.projectId));
  if (i.q) {
    const like = `%${i.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    where.push(or(ilike(pr.titleTh, like), ilike(pr.ocid, like))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const order = { "-updated": [desc(pr.updatedAt)], updated: [asc(pr.updatedAt)], title: [asc(pr.titleTh)], "-planned": [desc(pr.plannedValue)], planned: [asc(pr.plannedValue)], stage: [asc(STAGE_ORDER)] }[i.sort];
  const rows = await ctx.db.select().from(pr).where(cond).orderBy(...order, asc(pr.id)).limit(i.limit).offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(pr).where(cond)) as [{ n: number }];
  const graphs = await loadGraphs(ctx, rows);
  const names = await procurementNames(ctx, graphs);
  return { items: graphs.map((g) => procurementSummary(g, names)), total: Number(n) };
}
