import { and, count, eq, inArray, sum } from "drizzle-orm";
import { requirePermission } from "../../platform/auth/permissions.js";
import type { Ctx } from "../../platform/ctx.js";
import { fiscalYearOf } from "../../platform/thai/fiscal-year.js";
import { parseInput } from "../../platform/validation.js";
import { listOverseers, lookupPostLabels } from "../registry/index.js";
import { DEPUTY_PM_YEARLY_CAP_BAHT } from "./contracts.js";
import { HeadroomInput, type EmergencyHeadroom } from "./contracts-funds.js";
import { bahtText, todayOf, toSatang } from "./funds-rules.js";
import { emergencyCapLedger, emergencyRequests as er } from "./tables.js";

/**
 * Each deputy PM's emergency approvals in a fiscal year, the headroom left under the 100 M cap and the screened
 * requests waiting. Totals per deputy PM are not personal data: any staff member may read them.
 */
export async function getEmergencyHeadroom({ ctx, input }: { ctx: Ctx; input: { fiscalYear?: number } }): Promise<EmergencyHeadroom> {
  const i = parseInput(HeadroomInput, input);
  await requirePermission(ctx, "planning:read", []);
  const fy = i.fiscalYear ?? fiscalYearOf(todayOf(ctx));
  const ledger = await ctx.db.select().from(emergencyCapLedger).where(eq(emergencyCapLedger.fiscalYear, fy));
  const waiting = await ctx.db.select({ post: er.deputyPmPostId, n: count(), amount: sum(er.amount) }).from(er).where(and(eq(er.fiscalYear, fy), inArray(er.status, ["screened"]))).groupBy(er.deputyPmPostId);
  const current = await listOverseers(ctx, todayOf(ctx));
  const ids = new Set([...current.map((c) => c.postId), ...ledger.map((l) => l.deputyPmPostId), ...waiting.flatMap((w) => (w.post ? [w.post] : []))]);
  const labels = await lookupPostLabels(ctx, ids);
  const cap = BigInt(DEPUTY_PM_YEARLY_CAP_BAHT) * 100n;
  return {
    fiscalYear: fy,
    cap: bahtText(cap),
    deputyPms: [...ids].sort().map((postId) => {
      const l = ledger.find((x) => x.deputyPmPostId === postId);
      const w = waiting.find((x) => x.post === postId);
      const total = l ? toSatang(l.approvedTotal) : 0n;
      const left = cap - total;
      return { postId, labelTh: labels.get(postId)?.labelTh ?? postId, labelEn: labels.get(postId)?.labelEn || labels.get(postId)?.labelTh || postId, approvedTotal: bahtText(total), approvals: l?.approvals ?? 0, headroom: bahtText(left < 0n ? 0n : left), awaiting: Number(w?.n ?? 0), awaitingAmount: bahtText(w?.amount ? toSatang(w.amount) : 0n) };
    }),
  };
}
