import { asc, inArray } from "drizzle-orm";
import type { Ctx } from "../../platform/ctx.js";
import { webhookSubscriptions } from "../../platform/webhooks/index.js";
import type { SubscriptionView } from "./contracts.js";
import { manageableProvinces, subscriptionView } from "./webhook-rules.js";

/** The subscriptions the actor manages: all for a nation-wide administrator, else their provinces' own. */
export async function listSubscriptions({ ctx, input = {} }: { ctx: Ctx; input?: { provinceCode?: string } }): Promise<{ items: SubscriptionView[] }> {
  const provinces = manageableProvinces(ctx);
  const wanted = input.provinceCode ? (provinces === null || provinces.includes(input.provinceCode) ? [input.provinceCode] : []) : provinces;
  if (wanted !== null && wanted.length === 0) return { items: [] };
  const rows = await ctx.db
    .select()
    .from(webhookSubscriptions)
    .where(wanted === null ? undefined : inArray(webhookSubscriptions.provinceCode, wanted))
    .orderBy(asc(webhookSubscriptions.provinceCode), asc(webhookSubscriptions.createdAt));
  return { items: rows.map((r) => subscriptionView(r, ctx.now())) };
}
