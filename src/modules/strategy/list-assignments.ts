import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import { hasPermission, scopesFor } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { MOI_SCOPE, provinceScope } from "./agenda-rules.js";
import { ListAssignmentsInput, type AgendaAssignmentSummary } from "./contracts.js";
import { assignmentSummary } from "./presenters.js";
import { agendaAssignments, strategyNodes } from "./tables.js";

/** Lists agenda assignments by province, status or agenda, newest activity first; staff see the provinces their grants reach. */
export async function listAssignments({ ctx, input }: { ctx: Ctx; input: z.input<typeof ListAssignmentsInput> }): Promise<{ items: AgendaAssignmentSummary[]; total: number }> {
  const staff = scopesFor(ctx, "performance:read");
  if (staff !== null && staff.length === 0) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("performance:read");
  }
  const i = parseInput(ListAssignmentsInput, input);
  const where: SQL[] = [];
  // national staff and the ministry's reviewers read every province; others the provinces their grants reach
  if (staff !== null && !(await hasPermission(ctx, "strategy:proposal.review.moi", MOI_SCOPE))) {
    const codes = await ctx.db.selectDistinct({ code: agendaAssignments.provinceCode }).from(agendaAssignments);
    const readable: string[] = [];
    for (const { code } of codes) if (await hasPermission(ctx, "performance:read", provinceScope(code))) readable.push(code);
    if (!readable.length) return { items: [], total: 0 };
    where.push(inArray(agendaAssignments.provinceCode, readable));
  }
  if (i.provinceCode) where.push(eq(agendaAssignments.provinceCode, i.provinceCode));
  if (i.status) where.push(eq(agendaAssignments.status, i.status));
  if (i.agendaNodeId) where.push(eq(agendaAssignments.agendaNodeId, i.agendaNodeId));
  const cond = where.length ? and(...where) : undefined;
  const rows = await ctx.db
    .select({ a: agendaAssignments, kind: strategyNodes.kind, nameTh: strategyNodes.nameTh, nameEn: strategyNodes.nameEn })
    .from(agendaAssignments)
    .leftJoin(strategyNodes, eq(strategyNodes.id, agendaAssignments.agendaNodeId))
    .where(cond)
    .orderBy(desc(agendaAssignments.updatedAt), asc(agendaAssignments.id))
    .limit(i.limit)
    .offset(i.offset);
  const [{ n }] = (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(agendaAssignments).where(cond)) as [{ n: number }];
  return { items: rows.map((r) => assignmentSummary(r.a, { kind: r.kind ?? "government_agenda", nameTh: r.nameTh ?? r.a.titleTh, nameEn: r.nameEn ?? r.a.titleEn })), total: n };
}
