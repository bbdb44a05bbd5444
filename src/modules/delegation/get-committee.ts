import { z } from "zod";
import { hasPermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { parseInput } from "../../platform/validation.js";
import type { CommitteeDetail } from "./contracts-personnel.js";
import { committeeDetail, mustGetCommittee, RECRUITMENT_SCOPE, requireStaff } from "./personnel-rules.js";

const GetCommitteeInput = z.object({ id: z.string().min(1).max(120) });

/** One committee: members, candidates with scores and shortlist (a selection committee: the shortlist it decides among), decision. */
export async function getCommittee({ ctx, input }: { ctx: Ctx; input: z.input<typeof GetCommitteeInput> }): Promise<CommitteeDetail> {
  requireStaff(ctx);
  const i = parseInput(GetCommitteeInput, input);
  const c = await mustGetCommittee(ctx, i.id);
  return committeeDetail(ctx, c, await hasPermission(ctx, "delegation:recruitment.write", RECRUITMENT_SCOPE));
}
