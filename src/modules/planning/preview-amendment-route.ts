import { hasPermission, requireAnyPermission } from "../../platform/auth/permissions.js";
import { provinceScope } from "../../platform/auth/scope.js";
import type { Ctx } from "../../platform/ctx.js";
import { RuleViolation } from "../../platform/errors.js";
import { bangkokDateOf } from "../../platform/thai/dates.js";
import { parseInput } from "../../platform/validation.js";
import { AmendmentRouteInput, type AmendmentRoutePreview } from "./contracts-projects.js";
import { amendmentAuthority, deciderOf } from "./amendment-rules.js";
import { mustGetProject, projectReadScopes } from "./project-rules.js";

/** Before an amendment is asked for: does the province decide it today (and may this user), or does it go central? */
export async function previewAmendmentRoute({ ctx, input }: { ctx: Ctx; input: { projectId: string; amount?: number } }): Promise<AmendmentRoutePreview> {
  const i = parseInput(AmendmentRouteInput, { amount: input.amount });
  const p = await mustGetProject(ctx, input.projectId);
  await requireAnyPermission(ctx, "planning:read", projectReadScopes(p));
  if (!p.provinceCode) throw new RuleViolation("planning.amend-province-only", "แก้ไขเปลี่ยนแปลงได้เฉพาะโครงการในแผนพัฒนาจังหวัด", "Only projects of a provincial plan are amended this way");
  const amount = i.amount ?? Number(p.totalBudget);
  const authority = await amendmentAuthority(ctx, p.provinceCode, amount, bangkokDateOf(ctx.now()));
  const youMayRequest = await hasPermission(ctx, "planning:project.amend", provinceScope(p.provinceCode));
  return { authority, amountUsed: amount, youMayDecide: youMayRequest && (await deciderOf(ctx, authority, p.provinceCode)) !== null, youMayRequest };
}
