import { eq } from "drizzle-orm";
import { z } from "zod";
import { readHistory } from "../../platform/audit/audit.js";
import type { Ctx } from "../../platform/ctx.js";
import { ForbiddenError, UnauthorizedError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { DAY_COUNTING_EN, DAY_COUNTING_TH, type PermitApplicationDetail } from "./contracts-permits.js";
import { isOpen, mayHandle, mustGetApplication, permitContext, permitListItem, requireDecider } from "./permit-rules.js";
import { todayOf } from "./rules.js";
import { permitApplicants } from "./tables.js";

const GetPermitApplicationInput = z.object({ id: z.string().min(1).max(120) });

/**
 * One application with the applicant's identity, its decision and its history: only for the people handling it
 * (counter staff where it was received, those who decide at its decider scope); anyone else is refused.
 */
export async function getPermitApplication({ ctx, input }: { ctx: Ctx; input: z.input<typeof GetPermitApplicationInput> }): Promise<PermitApplicationDetail> {
  const i = parseInput(GetPermitApplicationInput, input);
  const a = await mustGetApplication(ctx, i.id);
  const may = await mayHandle(ctx, a);
  // reading is for handlers; deciding is for the post the authority check names today (the same rule the write applies)
  const mayDecideNow = may.decide && isOpen(a.status) && (await requireDecider(ctx, a, todayOf(ctx)).then(() => true, () => false));
  if (!may.receive && !may.decide) {
    if (ctx.actor.kind === "anonymous") throw new UnauthorizedError();
    throw new ForbiddenError("delegation:permit.receive");
  }
  const [who] = await ctx.db.select().from(permitApplicants).where(eq(permitApplicants.applicationId, a.id)).limit(1);
  const c = await permitContext(ctx, [a]);
  const power = c.powers.get(a.powerCode);
  const history = (await readHistory(ctx, "permit-application", a.id, { limit: 100 })).reverse().map((h) => ({
    at: h.at.toISOString(),
    action: h.action,
    actorName: h.actorName,
    status: typeof (h.after as { status?: unknown } | null)?.status === "string" ? ((h.after as { status: string }).status) : null,
  }));
  const open = isOpen(a.status);
  return {
    ...permitListItem(a, c, todayOf(ctx)),
    applicant: { name: who?.name ?? "", idNumber: who?.idNumber ?? null, phone: who?.phone ?? null, address: who?.address ?? null },
    legalBasisTh: power?.legalBasisTh ?? "",
    legalBasisEn: power?.legalBasisEn ?? "",
    receivedByName: a.receivedByName,
    reviewStartedOn: a.reviewStartedOn,
    reasonTh: a.reasonTh,
    decidedByName: a.decidedByName,
    withdrawnOn: a.withdrawnOn,
    withdrawReasonTh: a.withdrawReasonTh,
    dayCountingTh: DAY_COUNTING_TH,
    dayCountingEn: DAY_COUNTING_EN,
    history,
    may: { review: mayDecideNow && a.status === "received", decide: mayDecideNow && open, withdraw: may.receive && open },
  };
}
