import { eq } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import type { ErasureSubject, PersonalDataSection } from "../../platform/module.js";
import { oversightAlertDigests, oversightAlertReads, oversightAlertSubscriptions } from "./tables.js";

/**
 * What the operation centre holds about one account, for "my data" (PDPA right of access): the alert subscriptions it
 * set (scope, rules, digest frequency). Which alerts it marked read and when digests went out are bookkeeping about
 * the alerts, not about the person, and are erased with the account (below) rather than listed.
 */
export async function oversightPersonalData(ctx: Ctx, accountId: string): Promise<PersonalDataSection[]> {
  const subs = await ctx.db.select().from(oversightAlertSubscriptions).where(eq(oversightAlertSubscriptions.accountId, accountId)).orderBy(oversightAlertSubscriptions.scope);
  if (!subs.length) return [];
  return [
    {
      key: "oversight.alert-subscriptions",
      titleTh: "การติดตามการแจ้งเตือนของฉัน",
      titleEn: "My alert subscriptions",
      rows: subs.map((s) => ({ scope: s.scope, alertRules: s.rules?.join(", ") ?? null, digestFrequency: s.frequency, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() })),
    },
  ];
}

/** The operation centre's part of closing an account (inside its transaction): its subscriptions, read marks and digest log go. */
export async function eraseOversightPersonalData(ctx: Ctx, { accountId }: ErasureSubject): Promise<Record<string, number>> {
  const subs = await ctx.db.delete(oversightAlertSubscriptions).where(eq(oversightAlertSubscriptions.accountId, accountId)).returning({ scope: oversightAlertSubscriptions.scope });
  const reads = await ctx.db.delete(oversightAlertReads).where(eq(oversightAlertReads.accountId, accountId)).returning({ id: oversightAlertReads.alertId });
  const digests = await ctx.db.delete(oversightAlertDigests).where(eq(oversightAlertDigests.accountId, accountId)).returning({ period: oversightAlertDigests.period });
  const out: Record<string, number> = {};
  if (subs.length) out["oversight.alert-subscriptions"] = subs.length;
  if (reads.length) out["oversight.alert-reads"] = reads.length;
  if (digests.length) out["oversight.alert-digests"] = digests.length;
  return out;
}
