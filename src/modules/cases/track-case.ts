import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { NotFoundError } from "../../platform/errors.js";
import { parseInput } from "../../platform/validation.js";
import { ReporterAuth, type PublicCaseView } from "./contracts.js";
import { trackingHash } from "./case-rules.js";
import { publicCaseView } from "./presenters.js";
import { requireReporter } from "./reporter-auth.js";
import { caseReporters, cases } from "./tables.js";

/**
 * The reporter follows their case with the tracking code alone (no account needed): the public page plus the
 * updates addressed to reporters. A merged case leads to the case it was merged into.
 */
export async function trackCase({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<PublicCaseView & { id: string; myRating: number | null }> {
  const i = parseInput(ReporterAuth.extend({ id: ReporterAuth.shape.trackingCode.optional() }), input);
  let caseId: string | undefined;
  if (i.trackingCode) {
    const [r] = await ctx.db.select({ caseId: caseReporters.caseId }).from(caseReporters).where(eq(caseReporters.trackingHash, trackingHash(i.trackingCode))).limit(1);
    caseId = r?.caseId;
  } else caseId = i.id;
  if (!caseId) throw new NotFoundError("case");
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, caseId)).limit(1);
  if (!c) throw new NotFoundError("case");
  const me = await requireReporter(ctx, c, i.trackingCode);
  return { id: c.id, myRating: me.rating, ...(await publicCaseView(ctx, c, ["reporter"])) };
}
