import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import { ListCommitteesInput, type CommitteeSummary } from "./contracts-personnel.js";
import { committeeSummaries, requireStaff } from "./personnel-rules.js";
import { recruitmentCommittees } from "./tables.js";

/** Recruitment and selection committees (staff read them all: governor posts are a national matter), newest first. */
export async function listCommittees({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListCommitteesInput> }): Promise<{ items: CommitteeSummary[]; total: number }> {
  requireStaff(ctx);
  const i = parseInput(ListCommitteesInput, input);
  const where: SQL[] = [];
  if (i.kind) where.push(eq(recruitmentCommittees.kind, i.kind));
  if (i.provinceCode) where.push(eq(recruitmentCommittees.provinceCode, i.provinceCode));
  if (i.status) where.push(eq(recruitmentCommittees.status, i.status));
  const cond = where.length ? and(...where) : undefined;
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(recruitmentCommittees).where(cond)) as [{ n: number }];
  const rows = await ctx.db.select().from(recruitmentCommittees).where(cond).orderBy(desc(recruitmentCommittees.appointedOn), desc(recruitmentCommittees.createdAt), desc(recruitmentCommittees.id)).limit(i.limit).offset(i.offset);
  return { items: await committeeSummaries(ctx, rows), total: Number(n) };
}
