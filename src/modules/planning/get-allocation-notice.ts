import { eq } from "drizzle-orm";
import { z } from "zod";
import { requireAnyPermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { noticeViews } from "./budget-presenters.js";
import type { AllocationNoticeView } from "./contracts-budget.js";
import { allocationNotices } from "./tables.js";

/** One allocation notice, for the province it was sent to and the organisation that sent it. */
export async function getAllocationNotice({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<AllocationNoticeView> {
  const { id } = parseInput(z.object({ id: z.string().min(1).max(120) }), input);
  const [r] = await ctx.db.select().from(allocationNotices).where(eq(allocationNotices.id, id)).limit(1);
  if (!r) throw new NotFoundError("allocation-notice", id);
  await requireAnyPermission(ctx, "planning:read", [provinceScope(r.provinceCode), { kind: "org", id: r.fromOrgId }]);
  return (await noticeViews(ctx, [r]))[0]!;
}
